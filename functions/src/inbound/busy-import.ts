import { createHash } from 'node:crypto';
import type { ExternalBusy } from '../model';
import type { ConnectionRef, InboundEvent, ReadWindow } from '../providers/types';
import { BUSY_WRITES_PER_TRANSACTION, busyOfConnection, busyOfSeries, readBusyDocuments, setBusyChanges, type BusyChange } from '../store/external-busy-store';
import { liveAppointmentsOfStaff } from '../store/schedule-store';
import { busyIntervalOf } from './busy-interval';
import { openConflict } from './conflicts';
import type { InboundDeps } from './inbound-deps';
import type { ReadLease } from './read-lease';

/** `externalBusy` id of one event instance of one connection (provider ids can be long). */
export function externalBusyId(connectionId: string, eventId: string): string {
  return `${connectionId}__${createHash('sha256').update(eventId).digest('hex').slice(0, 32)}`;
}

export interface BusyImportResult {
  written: number;
  removed: number;
  conflictsOpened: number;
}

/**
 * Applies what a read showed about the stylist's own events to `externalBusy`.
 * - Incremental read: only the entries it names change (added, moved, or removed when
 *   cancelled, made free, or declined); everything else stays. A cache is never *replaced* by a
 *   delta, so a busy person never shows as free.
 * - Full read: the whole window was read, so what is stored and no longer seen is removed — only
 *   after every page was read (a failed read throws before anything is written).
 * Unchanged documents are not rewritten. New or moved busy time that overlaps a live appointment
 * opens a conflict.
 * Every write goes through the reader's fenced lease, in transactions of at most
 * BUSY_WRITES_PER_TRANSACTION writes: the stored busy time a full read compares against may have
 * been loaded before this reader stalled, so only the lease check in the writing transaction
 * proves that no newer reader has written since. Each transaction applies a consistent part of
 * one read; a reader that loses its lease part-way leaves the cursor where it was, and the next
 * reader applies the whole change set again.
 */
export async function importBusyTime(
  deps: InboundDeps,
  ref: ConnectionRef,
  lease: ReadLease,
  events: readonly InboundEvent[],
  options: { full: boolean; window: ReadWindow; timeZone: string },
): Promise<BusyImportResult> {
  const { connectionId, connection } = ref;
  const now = deps.clock();
  const desired = new Map<string, ExternalBusy>();
  const details = new Map<string, { summary?: string; updated?: Date }>();
  const unwanted = new Set<string>();
  const deletedSeries: string[] = [];
  for (const event of events) {
    const id = externalBusyId(connectionId, event.id);
    const interval = busyIntervalOf(event, options.timeZone);
    const inWindow = interval && interval.end > options.window.start && interval.start < options.window.end;
    if (interval && inWindow) {
      unwanted.delete(id);
      details.set(id, { summary: event.summary, updated: event.updated });
      desired.set(id, {
        businessId: connection.businessId,
        staffId: connection.staffId,
        connectionId,
        start: interval.start,
        end: interval.end,
        sourceEventId: event.id,
        seriesId: event.seriesId,
        allDay: interval.allDay,
        updatedAt: now,
      });
    } else {
      desired.delete(id);
      unwanted.add(id);
      // A cancelled entry that is not an instance may be a whole series: its instances go too.
      if (event.status === 'cancelled' && !event.seriesId) deletedSeries.push(event.id);
    }
  }

  let existing: Map<string, ExternalBusy>;
  if (options.full) {
    existing = new Map((await busyOfConnection(deps.db, connectionId)).map(({ id, busy }) => [id, busy]));
    for (const id of existing.keys()) if (!desired.has(id)) unwanted.add(id);
  } else {
    existing = await readBusyDocuments(deps.db, [...desired.keys(), ...unwanted]);
    for (const seriesId of deletedSeries) {
      for (const { id, busy } of await busyOfSeries(deps.db, connectionId, seriesId)) {
        if (desired.has(id)) continue;
        existing.set(id, busy);
        unwanted.add(id);
      }
    }
  }

  const upserts = new Map<string, ExternalBusy>();
  for (const [id, busy] of desired) if (!sameBusy(existing.get(id), busy)) upserts.set(id, busy);
  const deletions = [...unwanted].filter((id) => existing.has(id));
  const changes: BusyChange[] = [...[...upserts].map(([id, busy]) => ({ id, busy })), ...deletions.map((id) => ({ id, busy: null }))];
  for (let offset = 0; offset < changes.length; offset += BUSY_WRITES_PER_TRANSACTION) {
    const chunk = changes.slice(offset, offset + BUSY_WRITES_PER_TRANSACTION);
    await lease.write({ write: (tx) => setBusyChanges(tx, deps.db, chunk) });
  }

  await lease.keepAlive();
  const conflictsOpened = await openOverlapConflicts(deps, ref, upserts, details);
  return { written: upserts.size, removed: deletions.length, conflictsOpened };
}

function sameBusy(stored: ExternalBusy | undefined, next: ExternalBusy): boolean {
  return (
    !!stored &&
    stored.start.getTime() === next.start.getTime() &&
    stored.end.getTime() === next.end.getTime() &&
    stored.allDay === next.allDay &&
    stored.staffId === next.staffId &&
    stored.businessId === next.businessId &&
    stored.seriesId === next.seriesId &&
    stored.sourceEventId === next.sourceEventId
  );
}

/** New or moved busy time over a live appointment that has not ended: the admin must decide. */
async function openOverlapConflicts(
  deps: InboundDeps,
  ref: ConnectionRef,
  upserts: ReadonlyMap<string, ExternalBusy>,
  details: ReadonlyMap<string, { summary?: string; updated?: Date }>,
): Promise<number> {
  if (upserts.size === 0) return 0;
  const now = deps.clock().getTime();
  const busy = [...upserts.entries()].filter(([, interval]) => interval.end.getTime() > now);
  if (busy.length === 0) return 0;
  const window = {
    start: new Date(Math.max(now, Math.min(...busy.map(([, interval]) => interval.start.getTime())))),
    end: new Date(Math.max(...busy.map(([, interval]) => interval.end.getTime()))),
  };
  const appointments = await liveAppointmentsOfStaff(deps.db, ref.connection.businessId, ref.connection.staffId, window);
  let opened = 0;
  for (const [id, interval] of busy) {
    for (const { id: appointmentId, appointment } of appointments) {
      if (appointment.end.getTime() <= now) continue;
      if (appointment.start >= interval.end || appointment.end <= interval.start) continue;
      const isNew = await openConflict(deps, ref, {
        kind: 'external_overlap',
        appointmentId,
        appointment: { start: appointment.start, end: appointment.end },
        external: { eventId: interval.sourceEventId, start: interval.start, end: interval.end, ...details.get(id) },
      });
      if (isNew) opened += 1;
    }
  }
  return opened;
}
