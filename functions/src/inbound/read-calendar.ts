import type { Business } from '../model';
import type { ChangeListing, ConnectionRef, InboundEvent, ReadWindow } from '../providers/types';
import { readInboundState } from '../store/inbound-sync-store';
import { recordsByProviderEventIds } from '../store/sync-record-inbound';
import { importBusyTime } from './busy-import';
import type { InboundDeps } from './inbound-deps';
import type { ReadLease } from './read-lease';
import { reviewOwnEvents } from './review-own-events';

const DAY_MS = 86_400_000;

export interface ReadReport {
  full: boolean;
  /** Why the read was full: first read, expired cursor (410), or the busy horizon rolled on. */
  fullReason?: 'first' | 'token_expired' | 'horizon';
  events: number;
  busyWritten: number;
  busyRemoved: number;
  conflictsOpened: number;
  ownEventEdits: number;
  /** Own events looked at one by one (appointment loaded, maybe a fresh get). */
  ownEventsReviewed: number;
  ghostsRemoved: number;
}

/**
 * One read of a connected calendar, applied in an order that never loses anything:
 * 1. read every page (incremental from the stored cursor, or full within the busy window);
 *    a failure throws here, before anything is written — a read error never clears busy time
 *    and never touches an appointment;
 * 2. apply the stylist's own events to `externalBusy`;
 * 3. record the busy data as fresh;
 * 4. review our own events (moved or deleted by the stylist, ghosts) and apply the business's
 *    policy;
 * 5. only then move the cursor on, so a crash before it repeats the read (every step is
 *    idempotent) rather than skipping changes.
 * Every write of 2, 3 and 5 (and a record marked for rewrite in 4) is fenced by `lease`: it
 * commits only while this reader still holds the lease and the calendar is still active.
 */
export async function readCalendarOnce(deps: InboundDeps, ref: ConnectionRef, business: Business, lease: ReadLease): Promise<ReadReport> {
  const provider = deps.providers[ref.connection.provider]!;
  const now = deps.clock();
  const state = await readInboundState(deps.db, ref.connectionId);
  const window: ReadWindow = {
    start: new Date(now.getTime() - deps.options.keepPastDays * DAY_MS),
    end: new Date(now.getTime() + (business.maxAdvanceDays + deps.options.horizonSlackDays) * DAY_MS),
  };
  // Instances of unchanged series beyond the last full read's window never arrive as changes:
  // before bookings can reach past it, read in full again (about once per `horizonSlackDays`).
  const horizonShort = !state?.horizonEnd || state.horizonEnd.getTime() < now.getTime() + (business.maxAdvanceDays + 1) * DAY_MS;
  let fullReason: ReadReport['fullReason'] = !state?.syncToken ? 'first' : horizonShort ? 'horizon' : undefined;

  let listing: ChangeListing = await provider.listChanges(ref, { syncToken: fullReason ? undefined : state?.syncToken, window });
  if (listing.kind === 'full_sync_required') {
    fullReason = 'token_expired';
    deps.log.info('inbound.full_resync', { connectionId: ref.connectionId, reason: fullReason });
    listing = await provider.listChanges(ref, { window });
    if (listing.kind === 'full_sync_required') throw new Error('a full read without a cursor answered full_sync_required');
  }
  const { events, full } = listing;
  // Listing may have taken a while: stop now if another reader took over meanwhile.
  await lease.renew();

  // Google guarantees only the id of a deleted entry (no extended properties): our own deleted
  // events are recognised by the ids our records hold.
  const deletedIds = events.filter((event) => event.status === 'cancelled' && !event.own && !event.seriesId).map((event) => event.id);
  const ourDeleted = await recordsByProviderEventIds(deps.db, ref.connectionId, deletedIds);
  const own: InboundEvent[] = [];
  const external: InboundEvent[] = [];
  for (const event of events) {
    const record = event.status === 'cancelled' && !event.own ? ourDeleted.get(event.id) : undefined;
    if (record) {
      own.push({ ...event, own: { appointmentId: record.appointmentId, businessId: record.businessId } });
      continue;
    }
    // Our events in another business's calendar copy (a stylist working at two salons that both
    // use this system) are somebody else's appointments: busy time for this business.
    const ours = event.own && (event.own.businessId === undefined || event.own.businessId === ref.connection.businessId);
    (ours ? own : external).push(event);
  }

  const busy = await importBusyTime(deps, ref, lease, external, { full, window, timeZone: business.timeZone });
  await lease.write({ state: { applied: { full: full ? { horizonEnd: window.end } : undefined } } });
  const ownEvents = await reviewOwnEvents(deps, ref, business, lease, own, { full, window });
  await lease.write({ state: { syncToken: listing.nextSyncToken } });

  return {
    full,
    fullReason: full ? fullReason : undefined,
    events: events.length,
    busyWritten: busy.written,
    busyRemoved: busy.removed,
    conflictsOpened: busy.conflictsOpened,
    ownEventEdits: ownEvents.edits,
    ownEventsReviewed: ownEvents.reviewed,
    ghostsRemoved: ownEvents.ghostsRemoved,
  };
}
