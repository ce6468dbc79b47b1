import { CLIENT_EVENT_ID_RE, eventBodySchema, WRITABLE_FIELDS, type EventRecord, type EventStatus } from './event-model';
import { findOccurrence, occurrenceTimes, parseInstanceId } from './event-series';
import { parseEventTime, renderEventTime, type EventTime } from './event-time';
import { googleErrors } from './google-errors';
import { parseRecurrence, RecurrenceError, type RecurrenceSet } from './recurrence-parse';
import type { CalendarState, GoogleSandboxState } from './sandbox-state';

/**
 * Event writes (insert, patch, update, delete), shared by the API routes and the control API so
 * that a stylist's own edits change sync state exactly like API calls do. Enforces Google's rules:
 * client ids in base32hex, ids never reusable (not even after delete: 409), If-Match, patch
 * semantics, exceptions created by writing to an instance id.
 */

export interface WriteOptions {
  actorEmail: string;
  /** `If-Match` header value: the write fails with 412 unless it equals the current etag. */
  ifMatch?: string;
  /** Whether a deleted (cancelled) event may be updated (Google answers 403 by default). */
  allowDeletedEventUpdate: boolean;
}

type Body = Record<string, unknown>;

interface DerivedState {
  start: EventTime;
  end: EventTime;
  recurrence?: RecurrenceSet;
  status: EventStatus;
}

const EXTENDED_KEY_MAX = 44;
const EXTENDED_VALUE_MAX = 1024;

export class EventWriter {
  constructor(private readonly state: GoogleSandboxState) {}

  insert(calendar: CalendarState, input: unknown, options: WriteOptions): EventRecord {
    const parsed = validateBody(input);
    let id: string;
    if (parsed.id != null) {
      if (!CLIENT_EVENT_ID_RE.test(parsed.id)) throw googleErrors.invalidField('Invalid resource id value.', 'id');
      // Deleted events keep their id: reusing it is a conflict too.
      if (calendar.events.has(parsed.id)) throw googleErrors.duplicate();
      id = parsed.id;
    } else {
      id = this.state.newEventId();
    }
    const body = writableFields(withoutNulls(parsed) as Body);
    const derived = deriveState(body, calendar);
    const now = this.state.clock.now();
    const record: EventRecord = {
      id,
      body,
      ...derived,
      iCalUID: typeof parsed.iCalUID === 'string' ? parsed.iCalUID : `${id}@google.com`,
      sequence: parsed.sequence ?? 0,
      created: now,
      updated: now,
      changeSeq: 0,
      etag: '',
      creatorEmail: options.actorEmail,
      versions: [],
    };
    this.commit(calendar, record);
    return record;
  }

  patch(calendar: CalendarState, eventId: string, input: unknown, options: WriteOptions): EventRecord {
    const patch = validateBody(input) as Body;
    return this.rewrite(calendar, eventId, options, (current) => mergeEventPatch(current, patch), patch.sequence);
  }

  update(calendar: CalendarState, eventId: string, input: unknown, options: WriteOptions): EventRecord {
    const replacement = validateBody(input) as Body;
    return this.rewrite(calendar, eventId, options, () => withoutNulls(replacement) as Body, replacement.sequence);
  }

  delete(calendar: CalendarState, eventId: string, options: WriteOptions): void {
    const existing = calendar.events.get(eventId);
    if (existing) {
      if (existing.status === 'cancelled') throw googleErrors.deleted();
      checkIfMatch(existing, options.ifMatch);
      existing.status = 'cancelled';
      this.commit(calendar, existing);
      return;
    }
    const { master, occurrence } = this.instanceTarget(calendar, eventId);
    if (master.status === 'cancelled') throw googleErrors.deleted();
    checkIfMatch(master, options.ifMatch);
    const exception = materializeException(master, occurrence, eventId, calendar);
    exception.status = 'cancelled';
    exception.created = this.state.clock.now();
    this.commit(calendar, exception);
  }

  private rewrite(
    calendar: CalendarState,
    eventId: string,
    options: WriteOptions,
    nextBody: (current: Body) => Body,
    requestedSequence: unknown,
  ): EventRecord {
    let record = calendar.events.get(eventId);
    if (record) {
      checkIfMatch(record, options.ifMatch);
      if (record.status === 'cancelled' && !record.recurringEventId && !options.allowDeletedEventUpdate) {
        throw googleErrors.forbidden();
      }
    } else {
      const { master, occurrence } = this.instanceTarget(calendar, eventId);
      checkIfMatch(master, options.ifMatch);
      if (master.status === 'cancelled' && !options.allowDeletedEventUpdate) throw googleErrors.forbidden();
      record = materializeException(master, occurrence, eventId, calendar);
      record.created = this.state.clock.now();
    }
    const body = writableFields(nextBody(record.body));
    if (record.recurringEventId) delete body.recurrence;
    const derived = deriveState(body, calendar);
    const timesChanged =
      JSON.stringify([derived.start, derived.end, derived.recurrence]) !== JSON.stringify([record.start, record.end, record.recurrence]);
    Object.assign(record, derived, { body });
    record.sequence = Math.max(typeof requestedSequence === 'number' ? requestedSequence : 0, record.sequence + (timesChanged ? 1 : 0));
    this.commit(calendar, record);
    return record;
  }

  /** Saves a record, versions series, and cancels a deleted series' exceptions with it. */
  private commit(calendar: CalendarState, record: EventRecord): void {
    this.state.touch(calendar, record);
    if (record.recurrence || record.versions.length > 0) {
      record.versions.push({
        changeSeq: record.changeSeq,
        cancelled: record.status === 'cancelled',
        start: record.start,
        end: record.end,
        recurrence: record.recurrence,
      });
    }
    if (record.status === 'cancelled' && record.recurrence) {
      for (const other of calendar.events.values()) {
        if (other.recurringEventId === record.id && other.status !== 'cancelled') {
          other.status = 'cancelled';
          this.state.touch(calendar, other);
        }
      }
    }
  }

  private instanceTarget(calendar: CalendarState, eventId: string) {
    const parsed = parseInstanceId(eventId);
    const master = parsed && calendar.events.get(parsed.seriesId);
    const occurrence = master && parsed && findOccurrence(master, calendar.timeZone, parsed.original);
    if (!master || !occurrence) throw googleErrors.notFound();
    return { master, occurrence };
  }
}

function materializeException(
  master: EventRecord,
  occurrence: ReturnType<typeof findOccurrence> & object,
  id: string,
  calendar: CalendarState,
): EventRecord {
  const times = occurrenceTimes(master, occurrence);
  const body: Body = structuredClone(master.body);
  delete body.recurrence;
  body.start = renderEventTime(times.start, calendar.timeZone);
  body.end = renderEventTime(times.end, calendar.timeZone);
  return {
    id,
    body,
    status: master.status,
    start: times.start,
    end: times.end,
    recurringEventId: master.id,
    originalStart: times.start,
    iCalUID: master.iCalUID,
    sequence: master.sequence,
    created: master.created,
    updated: master.updated,
    changeSeq: 0,
    etag: master.etag,
    creatorEmail: master.creatorEmail,
    versions: [],
  };
}

function checkIfMatch(record: EventRecord, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== record.etag) throw googleErrors.conditionNotMet();
}

function validateBody(input: unknown) {
  const result = eventBodySchema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.join('.');
    throw googleErrors.invalidField(`Invalid value for: ${path || 'body'}`, path || undefined);
  }
  return result.data;
}

function deriveState(body: Body, calendar: CalendarState): DerivedState {
  const start = parseEventTime(body.start as never, 'start');
  const end = parseEventTime(body.end as never, 'end');
  if (start.kind !== end.kind) {
    throw googleErrors.invalidField('Start and end times must either both be date or both be dateTime.', 'end');
  }
  if (start.kind === 'timed' && end.kind === 'timed' ? end.ms < start.ms : start.kind === 'allDay' && end.kind === 'allDay' && end.day <= start.day) {
    throw googleErrors.timeRangeEmpty('end');
  }
  let recurrence: RecurrenceSet | undefined;
  const lines = body.recurrence as string[] | undefined;
  if (lines && lines.length > 0) {
    if (start.kind === 'timed' && !start.timeZone) {
      throw googleErrors.required('Missing time zone definition for start time.', 'start.timeZone');
    }
    try {
      recurrence = parseRecurrence(lines, start.kind === 'timed' ? (start.timeZone ?? calendar.timeZone) : calendar.timeZone);
    } catch (error) {
      if (error instanceof RecurrenceError) throw googleErrors.invalidField(`Invalid recurrence rule. ${error.message}`, 'recurrence');
      throw error;
    }
  }
  checkExtendedProperties(body.extendedProperties as Body | undefined);
  return { start, end, recurrence, status: (body.status as EventStatus | undefined) ?? 'confirmed' };
}

function checkExtendedProperties(properties: Body | undefined): void {
  for (const scope of ['private', 'shared'] as const) {
    const entries = Object.entries((properties?.[scope] as Record<string, string> | undefined) ?? {});
    for (const [key, value] of entries) {
      if (key.length > EXTENDED_KEY_MAX) throw googleErrors.invalidField(`Extended property key too long: ${key.slice(0, 50)}`, `extendedProperties.${scope}`);
      if (value.length > EXTENDED_VALUE_MAX) throw googleErrors.invalidField(`Extended property value too long for key ${key}`, `extendedProperties.${scope}`);
    }
  }
}

function isPlainObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: Body = {};
  for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) out[key] = withoutNulls(v);
  return out;
}

function writableFields(body: Body): Body {
  const out: Body = {};
  for (const key of WRITABLE_FIELDS) if (body[key] !== undefined) out[key] = structuredClone(body[key]);
  return out;
}

/**
 * Patch semantics: fields present replace or merge into the stored ones, `null` clears, arrays
 * are replaced whole. Switching start/end between `date` and `dateTime` drops the other form.
 */
export function mergeEventPatch(current: Body, patch: Body): Body {
  const merged = mergeValue(current, patch) as Body;
  for (const field of ['start', 'end'] as const) {
    const patched = patch[field];
    const value = merged[field];
    if (!isPlainObject(patched) || !isPlainObject(value)) continue;
    if (patched.date != null && !('dateTime' in patched)) {
      delete value.dateTime;
      delete value.timeZone;
    }
    if (patched.dateTime != null && !('date' in patched)) delete value.date;
  }
  return merged;
}

function mergeValue(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const base: Body = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else if (value !== undefined) base[key] = mergeValue(base[key], value);
  }
  return base;
}
