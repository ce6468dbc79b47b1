import type { Request } from 'firebase-functions/v2/https';
import type { Response } from 'express';
import { runtime } from '../runtime';
import { googleNotificationReceiver } from './google-notifications';

let receiver: ReturnType<typeof googleNotificationReceiver> | undefined;

/** The deployed `googleNotifications` function's body, over this instance's runtime. */
export async function googleNotificationsRequest(req: Request, res: Response): Promise<void> {
  receiver ??= googleNotificationReceiver(() => runtime().inbound);
  await receiver.handle(req, res);
}
