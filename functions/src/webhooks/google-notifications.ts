import { z } from 'zod';
import type { InboundDeps } from '../inbound/inbound-deps';
import { receiveNotification } from '../inbound/receive-notification';
import { syncConnection } from '../inbound/sync-connection';

/** What the handler needs of an HTTP request and response (Express's, as onRequest passes them). */
export interface WebhookRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
}
export interface WebhookResponse {
  status(code: number): { send(body?: string): unknown };
}

const header = z.string().max(1024);
/**
 * Google Calendar push notifications: POSTs without a body, everything in X-Goog-* headers
 * (developers.google.com/calendar/api/guides/push#receiving-notifications). Node lower-cases
 * header names.
 */
const notificationHeaders = z.object({
  'x-goog-channel-id': z.string().min(1).max(64),
  'x-goog-channel-token': header.optional(),
  'x-goog-resource-id': header.optional(),
  'x-goog-resource-state': z.string().min(1).max(32),
  'x-goog-message-number': header.optional(),
});

export interface GoogleNotificationReceiver {
  /** The HTTP function's body. */
  handle(req: WebhookRequest, res: WebhookResponse): Promise<void>;
  /** Resolves when every read started by a notification so far has finished (tests, local stack). */
  idle(): Promise<void>;
}

/**
 * The `googleNotifications` HTTP function. It verifies the notification, requests the read (a
 * lease claimed or a dirty flag set, both in Firestore), reads the calendar if it claimed the
 * lease, and only then answers. Cloud Run functions get CPU while a request is being handled:
 * work after the answer may not run, or stall and resume minutes later (after its lease is gone).
 * So nothing runs after the answer. A read failure is still answered 200: the failure is recorded
 * and the poll reads again (Google retries 5xx answers, which would only add reads). A read that
 * outlasts the function's timeout leaves its lease to expire; the poll then reads the calendar.
 * Answers: 200 accepted (also for stopped channels: Google may send a few after a stop), 400 not
 * a notification, 403 wrong token or resource, 404 unknown channel, 405 not a POST.
 */
export function googleNotificationReceiver(getDeps: () => InboundDeps): GoogleNotificationReceiver {
  const reads = new Set<Promise<unknown>>();
  return {
    async handle(req, res) {
      if (req.method !== 'POST') {
        res.status(405).send('');
        return;
      }
      const parsed = notificationHeaders.safeParse(single(req.headers));
      if (!parsed.success) {
        res.status(400).send('');
        return;
      }
      const deps = getDeps();
      const h = parsed.data;
      const verdict = await receiveNotification(deps, {
        channelId: h['x-goog-channel-id'],
        token: h['x-goog-channel-token'],
        resourceId: h['x-goog-resource-id'],
        resourceState: h['x-goog-resource-state'],
        messageNumber: h['x-goog-message-number'],
      });
      if (verdict.action === 'read') {
        const read = syncConnection(deps, verdict.connectionId, { leaseOwner: verdict.leaseOwner }).catch((error: unknown) => {
          deps.log.error('inbound.sync_failed', { connectionId: verdict.connectionId, message: error instanceof Error ? error.message : String(error) });
        });
        reads.add(read);
        void read.finally(() => reads.delete(read));
        await read;
      }
      res.status(verdict.status).send('');
    },
    async idle() {
      while (reads.size > 0) await Promise.allSettled([...reads]);
    },
  };
}

function single(headers: WebhookRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name.toLowerCase()] = first;
  }
  return out;
}
