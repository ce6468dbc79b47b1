import type { EventRecord } from './event-model';
import { instanceId, occurrenceTimes } from './event-series';
import { renderEventTime, type EventTime } from './event-time';
import type { Occurrence } from './recurrence-expand';
import type { CalendarState } from './sandbox-state';

/**
 * Event resources as Google returns them (`calendar#event`): server fields first, dateTimes
 * rendered in the response time zone (the calendar's unless `timeZone` was requested), the
 * default `transparency: opaque` omitted. Deleted events in lists carry only what Google
 * guarantees: "Deleted events are only guaranteed to have the id field populated"; cancelled
 * exceptions also keep recurringEventId and originalStartTime.
 */

export interface RenderContext {
  calendar: CalendarState;
  /** Zone used for dateTime values in the response. */
  displayZone: string;
  baseUrl: string;
}

export type GoogleEventJson = Record<string, unknown>;

const iso = (ms: number): string => new Date(ms).toISOString();

export function htmlLink(ctx: RenderContext, eventId: string): string {
  const eid = Buffer.from(`${eventId} ${ctx.calendar.id}`).toString('base64url');
  return `${ctx.baseUrl}/calendar/event?eid=${eid}`;
}

export function renderEvent(record: EventRecord, ctx: RenderContext): GoogleEventJson {
  const body = record.body;
  const out: GoogleEventJson = {
    kind: 'calendar#event',
    etag: record.etag,
    id: record.id,
    status: record.status,
    htmlLink: htmlLink(ctx, record.id),
    created: iso(record.created),
    updated: iso(record.updated),
  };
  copy(body, out, ['summary', 'description', 'location', 'colorId']);
  out.creator = { email: record.creatorEmail, self: true };
  out.organizer = { email: ctx.calendar.id, displayName: ctx.calendar.summary, self: true };
  out.start = renderEventTime(record.start, ctx.displayZone);
  out.end = renderEventTime(record.end, ctx.displayZone);
  copy(body, out, ['endTimeUnspecified', 'recurrence']);
  if (record.recurringEventId && record.originalStart) {
    out.recurringEventId = record.recurringEventId;
    out.originalStartTime = renderEventTime(record.originalStart, ctx.displayZone);
  }
  if (body.transparency === 'transparent') out.transparency = 'transparent';
  copy(body, out, ['visibility']);
  out.iCalUID = record.iCalUID;
  out.sequence = record.sequence;
  copy(body, out, ['attendees', 'guestsCanModify', 'guestsCanInviteOthers', 'guestsCanSeeOtherGuests', 'extendedProperties', 'source']);
  out.reminders = body.reminders ?? { useDefault: true };
  out.eventType = body.eventType ?? 'default';
  return out;
}

/** A deleted event or cancelled exception as it appears in lists and incremental sync. */
export function renderDeleted(record: EventRecord, ctx: RenderContext): GoogleEventJson {
  const out: GoogleEventJson = { kind: 'calendar#event', etag: record.etag, id: record.id, status: 'cancelled' };
  if (record.recurringEventId && record.originalStart) {
    out.recurringEventId = record.recurringEventId;
    out.originalStartTime = renderEventTime(record.originalStart, ctx.displayZone);
  }
  return out;
}

export function originalStartOf(master: EventRecord, occurrence: Occurrence): EventTime {
  return occurrenceTimes(master, occurrence).start;
}

/** An unmodified instance of a series: the series' fields at the occurrence's times. */
export function renderInstance(master: EventRecord, occurrence: Occurrence, ctx: RenderContext): GoogleEventJson {
  const times = occurrenceTimes(master, occurrence);
  const id = instanceId(master.id, occurrence);
  const series = renderEvent(master, ctx);
  const out: GoogleEventJson = {};
  for (const [key, value] of Object.entries(series)) {
    if (key === 'recurrence') continue;
    out[key] = value;
    if (key === 'id') out.id = id;
    if (key === 'htmlLink') out.htmlLink = htmlLink(ctx, id);
    if (key === 'start') out.start = renderEventTime(times.start, ctx.displayZone);
    if (key === 'end') {
      out.end = renderEventTime(times.end, ctx.displayZone);
      out.recurringEventId = master.id;
      out.originalStartTime = renderEventTime(times.start, ctx.displayZone);
    }
  }
  return out;
}

/** An instance that no longer exists (its series was deleted or no longer produces it). */
export function renderCancelledInstance(master: EventRecord, occurrence: Occurrence, ctx: RenderContext): GoogleEventJson {
  const times = occurrenceTimes(master, occurrence);
  return {
    kind: 'calendar#event',
    etag: master.etag,
    id: instanceId(master.id, occurrence),
    status: 'cancelled',
    recurringEventId: master.id,
    originalStartTime: renderEventTime(times.start, ctx.displayZone),
  };
}

function copy(from: Record<string, unknown>, to: GoogleEventJson, keys: string[]): void {
  for (const key of keys) if (from[key] !== undefined) to[key] = structuredClone(from[key]);
}
