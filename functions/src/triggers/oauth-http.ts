import type { Request } from 'firebase-functions/v2/https';
import type { Response } from 'express';
import { connectCallbackHandler, connectStartHandler } from '../oauth';
import { runtime as deployedRuntime, type Runtime } from '../runtime';

/** The OAuth HTTP functions over a runtime (the deployed one by default; the local stack's own). */
export function oauthHttpHandlers(getRuntime: () => Runtime = deployedRuntime) {
  const start = connectStartHandler(() => ({ ...getRuntime().oauth, verifyIdToken: getRuntime().verifyIdToken }));
  const callback = connectCallbackHandler(() => ({ ...getRuntime().oauth, doneUrl: getRuntime().config.oauthDoneUrl }));
  return {
    /** POST with the caller's Firebase ID token: answers the Google consent URL. */
    async oauthStart(req: Request, res: Response): Promise<void> {
      await start(req, res);
    },
    /** Google redirects the browser here with `code` and `state`. */
    async oauthCallback(req: Request, res: Response): Promise<void> {
      await callback(req, res);
    },
  };
}

let deployed: ReturnType<typeof oauthHttpHandlers> | undefined;
export const oauthStartRequest = (req: Request, res: Response) => (deployed ??= oauthHttpHandlers()).oauthStart(req, res);
export const oauthCallbackRequest = (req: Request, res: Response) => (deployed ??= oauthHttpHandlers()).oauthCallback(req, res);
