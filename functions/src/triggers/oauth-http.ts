import type { Request } from 'firebase-functions/v2/https';
import type { Response } from 'express';
import { connectCallbackHandler, connectStartHandler } from '../oauth';
import { runtime } from '../runtime';

const start = connectStartHandler(() => ({ ...runtime().oauth, verifyIdToken: runtime().verifyIdToken }));
const callback = connectCallbackHandler(() => ({ ...runtime().oauth, doneUrl: runtime().config.oauthDoneUrl }));

/** POST with the caller's Firebase ID token: answers the Google consent URL. */
export async function oauthStartRequest(req: Request, res: Response): Promise<void> {
  await start(req, res);
}

/** Google redirects the browser here with `code` and `state`. */
export async function oauthCallbackRequest(req: Request, res: Response): Promise<void> {
  await callback(req, res);
}
