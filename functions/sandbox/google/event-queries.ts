import type { EventRecord, SeriesVersion } from './event-model';
import {
  renderCancelledInstance,
  renderDeleted,
  renderEvent,
  renderInstance,
  type GoogleEventJson,
  type RenderContext,
} from './event-render';
import {
  findOccurrence,
  instanceId,
  occurrenceEndMs,
  occurrenceStartMs,
  occurrencesUntil,
  parseInstanceId,
  type SeriesShape,
} from './event-series';
import { instantOf } from './event-time';
import { googleErrors } from './google-errors';
import type { PagedResult } from './list-pages';
import type { CalendarState, GoogleSandboxState } from './sandbox-state';

/**
 * Read side of events: list (full and incremental), get, instances and free/busy, following the
 * parameter descriptions of the discovery document:
 * - timeMin is an exclusive lower bound for an event's end, timeMax an exclusive upper bound for its start;
 * - singleEvents expands series into instances and leaves the series out;
 * - cancelled exceptions appear with singleEvents=false even without showDeleted;
 * - with a syncToken every change since the token is returned, deletions as `status: cancelled`.
 */

export interface ListParams {
  showDeleted: boolean;
  singleEvents: boolean;
  timeMin?: number;
  timeMax?: number;
  updatedMin?: number;
  q?: string;
  iCalUID?: string;
  orderBy?: 'startTime' | 'updated';
  privateExtendedProperty: [string, string][];
  sharedExtendedProperty: [string, string][];
}

const DAY = 86_400_000;

interface Item {
  json: GoogleEventJson;
  startMs: number;
  updated: number;
}

export class EventQueries {
  constructor(
    private readonly state: GoogleSandboxState,
    private readonly recurrenceHorizonDays: number,
  ) {}

  private horizon(): number {
    return this.state.clock.now() + this.recurrenceHorizonDays * DAY;
  }

  /** A full (non-incremental) listing. */
  list(calendar: CalendarState, params: ListParams, ctx: RenderContext): PagedResult {
    if (params.orderBy === 'startTime' && !params.singleEvents) {
      throw googleErrors.badRequest('The requested ordering is not available for the particular query.', 'badRequest', 'orderBy');
    }
    if (params.timeMin !== undefined && params.timeMax !== undefined && params.timeMin >= params.timeMax) {
      throw googleErrors.timeRangeEmpty('timeMax');
    }
    const zone = calendar.timeZone;
    const lower = params.timeMin ?? Number.NEGATIVE_INFINITY;
    const upper = params.timeMax ?? Number.POSITIVE_INFINITY;
    const overlaps = (startMs: number, endMs: number): boolean => endMs > lower && startMs < upper;
    const items: Item[] = [];
    const push = (json: GoogleEventJson, startMs: number, updated: number): void => {
      items.push({ json, startMs, updated });
    };

    for (const record of calendar.events.values()) {
      if (!matchesFilters(record, params)) continue;
      const startMs = instantOf(record.start, zone);
      const endMs = instantOf(record.end, zone);
      if (record.recurringEventId) {
        const master = calendar.events.get(record.recurringEventId);
        if (record.status === 'cancelled') {
          const visible = params.singleEvents ? params.showDeleted : params.showDeleted || master?.status !== 'cancelled';
          if (visible && overlaps(startMs, endMs)) push(renderDeleted(record, ctx), startMs, record.updated);
        } else if (overlaps(startMs, endMs)) {
          push(renderEvent(record, ctx), startMs, record.updated);
        }
        continue;
      }
      if (record.status === 'cancelled') {
        const visible = params.showDeleted || params.updatedMin !== undefined;
        // "only single instances of deleted events (but not the underlying recurring events)"
        if (!visible || (params.singleEvents && record.recurrence)) continue;
        if (this.seriesOverlaps(record, zone, lower, upper)) push(renderDeleted(record, ctx), startMs, record.updated);
        continue;
      }
      if (!record.recurrence) {
        if (overlaps(startMs, endMs)) push(renderEvent(record, ctx), startMs, record.updated);
        continue;
      }
      if (!params.singleEvents) {
        if (this.seriesOverlaps(record, zone, lower, upper)) push(renderEvent(record, ctx), startMs, record.updated);
        continue;
      }
      for (const occurrence of occurrencesUntil(record, zone, Math.min(upper, this.horizon()))) {
        const occurrenceStart = occurrenceStartMs(occurrence, zone);
        if (occurrenceEndMs(occurrence, zone) <= lower) continue;
        if (calendar.events.has(instanceId(record.id, occurrence))) continue; // the exception speaks for it
        push(renderInstance(record, occurrence, ctx), occurrenceStart, record.updated);
      }
    }

    if (params.orderBy === 'updated') items.sort((a, b) => a.updated - b.updated);
    else if (params.singleEvents) items.sort((a, b) => a.startMs - b.startMs);
    const issuesSyncToken = !params.orderBy && !params.q && !params.iCalUID && params.updatedMin === undefined;
    return { items: items.map((i) => i.json), syncSeq: issuesSyncToken ? this.state.currentSeq() : undefined };
  }

  /** Every change since `sinceSeq`, each event once in its latest state. */
  changesSince(calendar: CalendarState, sinceSeq: number, singleEvents: boolean, ctx: RenderContext): PagedResult {
    const zone = calendar.timeZone;
    const changed = [...calendar.events.values()].filter((r) => r.changeSeq > sinceSeq).sort((a, b) => a.changeSeq - b.changeSeq);
    const items: GoogleEventJson[] = [];
    const render = (record: EventRecord): GoogleEventJson =>
      record.status === 'cancelled' ? renderDeleted(record, ctx) : renderEvent(record, ctx);
    for (const record of changed) {
      const isSeries = record.recurrence !== undefined || record.versions.length > 0;
      if (!singleEvents || record.recurringEventId || !isSeries) {
        items.push(render(record));
        continue;
      }
      // A changed series stands for all of its instances: the current ones, and cancellations of
      // those the client knew (as of its token) that the series no longer produces.
      const current = new Set<string>();
      if (record.status !== 'cancelled') {
        if (!record.recurrence) items.push(renderEvent(record, ctx));
        for (const occurrence of occurrencesUntil(record, zone, this.horizon())) {
          const id = instanceId(record.id, occurrence);
          if (calendar.events.has(id)) continue;
          current.add(id);
          items.push(renderInstance(record, occurrence, ctx));
        }
      }
      const known = versionAt(record.versions, sinceSeq);
      if (!known || known.cancelled) continue;
      if (!known.recurrence) {
        if (record.status === 'cancelled' || record.recurrence) items.push(renderDeleted(record, ctx));
        continue;
      }
      for (const occurrence of occurrencesUntil(known, zone, this.horizon())) {
        const id = instanceId(record.id, occurrence);
        if (current.has(id) || calendar.events.has(id)) continue;
        items.push(renderCancelledInstance(record, occurrence, ctx));
      }
    }
    return { items, syncSeq: this.state.currentSeq() };
  }

  /** events.get: deleted events are returned too (status cancelled); instance ids resolve to instances. */
  get(calendar: CalendarState, eventId: string, ctx: RenderContext): GoogleEventJson {
    const record = calendar.events.get(eventId);
    if (record) return renderEvent(record, ctx);
    const parsed = parseInstanceId(eventId);
    const master = parsed && calendar.events.get(parsed.seriesId);
    const occurrence = master && parsed && findOccurrence(master, calendar.timeZone, parsed.original);
    if (!master || !occurrence) throw googleErrors.notFound();
    const instance = renderInstance(master, occurrence, ctx);
    return master.status === 'cancelled' ? { ...instance, status: 'cancelled' } : instance;
  }

  instances(
    calendar: CalendarState,
    eventId: string,
    params: { showDeleted: boolean; timeMin?: number; timeMax?: number; originalStart?: number },
    ctx: RenderContext,
  ): PagedResult {
    const master = calendar.events.get(eventId);
    if (!master || master.recurringEventId) throw googleErrors.notFound();
    if (master.status === 'cancelled') throw googleErrors.deleted();
    const zone = calendar.timeZone;
    const lower = params.timeMin ?? Number.NEGATIVE_INFINITY;
    const upper = Math.min(params.timeMax ?? Number.POSITIVE_INFINITY, this.horizon());
    const items: GoogleEventJson[] = [];
    if (!master.recurrence) return { items: [renderEvent(master, ctx)] };
    for (const occurrence of occurrencesUntil(master, zone, upper)) {
      if (occurrenceEndMs(occurrence, zone) <= lower) continue;
      if (params.originalStart !== undefined && occurrenceStartMs(occurrence, zone) !== params.originalStart) continue;
      const exception = calendar.events.get(instanceId(master.id, occurrence));
      if (!exception) items.push(renderInstance(master, occurrence, ctx));
      else if (exception.status !== 'cancelled') items.push(renderEvent(exception, ctx));
      else if (params.showDeleted) items.push(renderDeleted(exception, ctx));
    }
    return { items };
  }

  /** Busy intervals (merged) of events that block time: not cancelled, not transparent. */
  busy(calendar: CalendarState, timeMin: number, timeMax: number): { start: number; end: number }[] {
    const zone = calendar.timeZone;
    const intervals: { start: number; end: number }[] = [];
    const add = (start: number, end: number): void => {
      if (end > timeMin && start < timeMax) intervals.push({ start: Math.max(start, timeMin), end: Math.min(end, timeMax) });
    };
    for (const record of calendar.events.values()) {
      if (record.status === 'cancelled' || record.body.transparency === 'transparent') continue;
      if (!record.recurrence) {
        add(instantOf(record.start, zone), instantOf(record.end, zone));
        continue;
      }
      for (const occurrence of occurrencesUntil(record, zone, timeMax)) {
        if (calendar.events.has(instanceId(record.id, occurrence))) continue;
        add(occurrenceStartMs(occurrence, zone), occurrenceEndMs(occurrence, zone));
      }
    }
    intervals.sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const interval of intervals) {
      const last = merged[merged.length - 1];
      if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
      else merged.push({ ...interval });
    }
    return merged;
  }

  private seriesOverlaps(record: EventRecord, zone: string, lower: number, upper: number): boolean {
    if (!record.recurrence) return instantOf(record.end, zone) > lower && instantOf(record.start, zone) < upper;
    if (lower === Number.NEGATIVE_INFINITY && upper === Number.POSITIVE_INFINITY) return true;
    for (const occurrence of occurrencesUntil(record, zone, Math.min(upper, this.horizon()))) {
      if (occurrenceEndMs(occurrence, zone) > lower) return true;
    }
    return false;
  }
}

function versionAt(versions: SeriesVersion[], seq: number): SeriesShape & { cancelled: boolean } | undefined {
  let found: SeriesVersion | undefined;
  for (const version of versions) if (version.changeSeq <= seq) found = version;
  return found;
}

function matchesFilters(record: EventRecord, params: ListParams): boolean {
  const body = record.body;
  const properties = (body.extendedProperties ?? {}) as { private?: Record<string, string>; shared?: Record<string, string> };
  for (const [key, value] of params.privateExtendedProperty) if (properties.private?.[key] !== value) return false;
  for (const [key, value] of params.sharedExtendedProperty) if (properties.shared?.[key] !== value) return false;
  if (params.iCalUID !== undefined && record.iCalUID !== params.iCalUID) return false;
  if (params.updatedMin !== undefined && record.updated < params.updatedMin) return false;
  if (params.q) {
    const haystack = [body.summary, body.description, body.location, ...((body.attendees as { email: string }[] | undefined) ?? []).map((a) => a.email)]
      .filter((s): s is string => typeof s === 'string')
      .join('\n')
      .toLowerCase();
    if (!params.q.toLowerCase().split(/\s+/).every((term) => haystack.includes(term))) return false;
  }
  return true;
}
