import type { calendar_v3 } from '@googleapis/calendar';
import { ProviderError } from '../../errors';
import { DEFAULT_RETRY_POLICY, withInlineRetries, type RetryPolicy } from '../../sync/retry-policy';
import type {
  AccessTokenSource,
  ChangeListing,
  ConnectionRef,
  InboundCalendarProvider,
  InboundEvent,
  ReadWindow,
  WatchRequest,
  WatchResult,
} from '../types';
import { authorizedCall } from './authorized-call';
import { createCalendarApi, type GoogleApiOptions } from './calendar-client';
import { toInboundEvent } from './inbound-event-mapping';

export interface GoogleInboundOptions extends GoogleApiOptions {
  tokens: AccessTokenSource;
  /** events.list page size (default and Google's maximum: 2500); smaller in tests of paging. */
  pageSize?: number;
  /** Retries of each read request (the outbound sync's policy unless a test passes a faster one). */
  retryPolicy?: RetryPolicy;
}

/** Google's largest page (events.list maxResults). */
const PAGE_SIZE = 2500;
/** A guard against a paging loop: 200 pages of 2500 is far beyond any personal calendar. */
const MAX_PAGES = 200;

/**
 * Only what inbound sync reads: fewer bytes per page (Calendar v3 `fields` partial response).
 * Cancelled entries carry only their id (plus recurringEventId for instances) anyway.
 */
const LIST_FIELDS =
  'nextPageToken,nextSyncToken,items(id,status,summary,start,end,updated,transparency,eventType,recurringEventId,extendedProperties/private,attendees(self,responseStatus))';

/**
 * Reading a Google calendar: incremental sync with `syncToken` (developers.google.com/calendar/
 * api/guides/sync), `events.watch` push channels and `channels.stop`
 * (developers.google.com/calendar/api/guides/push).
 *
 * - `singleEvents=true` on every read: recurring series arrive as instances, so a series blocks
 *   every occurrence (not just its first) and a cancelled occurrence arrives as its own entry.
 *   The flag must be the same on the full read and on the incremental ones that follow.
 * - The full read is bounded by `timeMin`/`timeMax` (allowed on the initial request; a sync token
 *   cannot be combined with them later, so incremental reads carry neither).
 * - `nextSyncToken` comes only on the last page: every page is read before anything is answered.
 * - 410 Gone (`fullSyncRequired`) answers `full_sync_required`; the caller reads everything again.
 * - Each request (a page, a get) is retried with backoff on throttling and transient errors, as
 *   outbound writes are: one 429 must not fail a whole read (and leave the stylist's busy time
 *   to age towards stale).
 */
export function createGoogleInboundProvider(options: GoogleInboundOptions): InboundCalendarProvider {
  const api = createCalendarApi(options);
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const call = <T>(ref: ConnectionRef, body: (auth: { headers: Record<string, string> }) => Promise<T>) =>
    authorizedCall(options.tokens, ref.connectionId, body);
  /** A read: safe to repeat, so transient failures are retried in place. */
  const read = <T>(ref: ConnectionRef, body: (auth: { headers: Record<string, string> }) => Promise<T>) =>
    withInlineRetries(retryPolicy, () => call(ref, body));

  async function listAll(ref: ConnectionRef, params: calendar_v3.Params$Resource$Events$List): Promise<{ items: calendar_v3.Schema$Event[]; nextSyncToken: string }> {
    const items: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const { data } = await read(ref, (auth) =>
        api.events.list({ ...params, calendarId: ref.connection.calendarId, pageToken, maxResults: options.pageSize ?? PAGE_SIZE, fields: LIST_FIELDS }, auth),
      );
      items.push(...(data.items ?? []));
      if (data.nextPageToken) {
        pageToken = data.nextPageToken;
        continue;
      }
      if (!data.nextSyncToken) {
        throw new ProviderError('google', 'provider_rejected', 'Google Calendar events.list ended without a nextSyncToken');
      }
      return { items, nextSyncToken: data.nextSyncToken };
    }
    throw new ProviderError('google', 'provider_rejected', `Google Calendar events.list did not end within ${MAX_PAGES} pages`);
  }

  function mapped(items: calendar_v3.Schema$Event[]): InboundEvent[] {
    return items.map(toInboundEvent).filter((event): event is InboundEvent => event !== null);
  }

  return {
    id: 'google',

    async listChanges(ref: ConnectionRef, request: { syncToken?: string; window: ReadWindow }): Promise<ChangeListing> {
      if (request.syncToken) {
        try {
          const { items, nextSyncToken } = await listAll(ref, { syncToken: request.syncToken, singleEvents: true });
          return { kind: 'changes', full: false, events: mapped(items), nextSyncToken };
        } catch (error) {
          // 410 Gone: the token expired or was invalidated; only a full read recovers.
          if (error instanceof ProviderError && error.status === 410) return { kind: 'full_sync_required' };
          throw error;
        }
      }
      const { items, nextSyncToken } = await listAll(ref, {
        singleEvents: true,
        showDeleted: false,
        timeMin: request.window.start.toISOString(),
        timeMax: request.window.end.toISOString(),
      });
      return { kind: 'changes', full: true, events: mapped(items), nextSyncToken };
    },

    async getEvent(ref: ConnectionRef, eventId: string): Promise<InboundEvent | null> {
      try {
        const { data } = await read(ref, (auth) => api.events.get({ calendarId: ref.connection.calendarId, eventId }, auth));
        return toInboundEvent(data);
      } catch (error) {
        if (error instanceof ProviderError && error.status === 404) return null;
        // 410 on get: deleted (Google returns deleted events as cancelled; some paths answer 410).
        if (error instanceof ProviderError && error.status === 410) return { id: eventId, status: 'cancelled', transparent: false, declinedBySelf: false };
        throw error;
      }
    },

    async watch(ref: ConnectionRef, request: WatchRequest): Promise<WatchResult> {
      const { data } = await call(ref, (auth) =>
        api.events.watch(
          {
            calendarId: ref.connection.calendarId,
            requestBody: {
              id: request.channelId,
              type: 'web_hook',
              address: request.address,
              token: request.token,
              params: { ttl: String(request.ttlSeconds) },
            },
          },
          auth,
        ),
      );
      const expiration = Number(data.expiration);
      if (!data.resourceId || !Number.isFinite(expiration)) {
        throw new ProviderError('google', 'provider_rejected', 'Google Calendar events.watch answered without resourceId or expiration');
      }
      return { resourceId: data.resourceId, expiration: new Date(expiration) };
    },

    async stopChannel(ref: ConnectionRef, channel: { channelId: string; resourceId: string }): Promise<void> {
      try {
        await call(ref, (auth) => api.channels.stop({ requestBody: { id: channel.channelId, resourceId: channel.resourceId } }, auth));
      } catch (error) {
        // Unknown, expired or already stopped: the channel sends nothing any more either way.
        if (error instanceof ProviderError && error.status === 404) return;
        throw error;
      }
    },
  };
}
