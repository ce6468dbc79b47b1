import { toEpochMs } from '../common/sandbox-clock';
import { formatUtcBasic } from '../common/zoned-time';
import type { EventQueries, ListParams } from './event-queries';
import { renderEvent, type GoogleEventJson, type RenderContext } from './event-render';
import type { EventDateTimeJson } from './event-time';
import type { EventWriter, WriteOptions } from './event-writes';
import { HttpFailure } from '../common/http-router';
import type { CalendarState, GoogleSandboxState } from './sandbox-state';

/**
 * The calendar owner (a stylist) editing their own calendar in Google Calendar's UI: the same
 * writes as the API, so they bump sync state and fire push notifications exactly like API calls.
 * Errors are thrown as `SandboxControlError` with Google's error message.
 */

export class SandboxControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** An event body as the Calendar API accepts it (id optional; Google's base32hex rules apply). */
export type EventInput = Record<string, unknown>;

/** Original start of an instance: an instant (ISO string, Date, ms) or `YYYY-MM-DD` for all-day series. */
export type InstanceStart = string | number | Date;

export interface ListOptions {
  showDeleted?: boolean;
  singleEvents?: boolean;
  timeMin?: string | Date;
  timeMax?: string | Date;
}

export interface OwnerEditor {
  createEvent(calendarId: string, event: EventInput): GoogleEventJson;
  patchEvent(calendarId: string, eventId: string, patch: EventInput): GoogleEventJson;
  updateEvent(calendarId: string, eventId: string, event: EventInput): GoogleEventJson;
  deleteEvent(calendarId: string, eventId: string): void;
  /** Moves an event (or a single instance, by instance id) to new start/end times. */
  moveEvent(calendarId: string, eventId: string, times: { start: EventDateTimeJson; end: EventDateTimeJson }): GoogleEventJson;
  /** Cancels one occurrence of a series (creates a cancelled exception). */
  cancelInstance(calendarId: string, seriesId: string, originalStart: InstanceStart): void;
  /** Changes one occurrence of a series (creates a modified exception). */
  modifyInstance(calendarId: string, seriesId: string, originalStart: InstanceStart, patch: EventInput): GoogleEventJson;
  instanceId(seriesId: string, originalStart: InstanceStart): string;
  listEvents(calendarId: string, options?: ListOptions): GoogleEventJson[];
  getEvent(calendarId: string, eventId: string): GoogleEventJson | undefined;
}

export function createOwnerEditor(deps: {
  state: GoogleSandboxState;
  writer: EventWriter;
  queries: EventQueries;
  baseUrl: () => string;
}): OwnerEditor {
  const { state, writer, queries } = deps;

  const calendarOf = (calendarId: string): CalendarState => {
    const calendar = state.calendars.get(calendarId);
    if (!calendar) throw new SandboxControlError(`Unknown calendar ${calendarId}`, 404);
    return calendar;
  };
  const ctx = (calendar: CalendarState): RenderContext => ({ calendar, displayZone: calendar.timeZone, baseUrl: deps.baseUrl() });
  const options = (calendar: CalendarState): WriteOptions => ({ actorEmail: calendar.ownerEmail, allowDeletedEventUpdate: true });
  const guard = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof HttpFailure) {
        const body = error.response.body as { error?: { message?: string } } | undefined;
        throw new SandboxControlError(body?.error?.message ?? `HTTP ${error.response.status}`, error.response.status);
      }
      throw error;
    }
  };
  const instanceId = (seriesId: string, originalStart: InstanceStart): string => {
    if (typeof originalStart === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(originalStart)) {
      return `${seriesId}_${originalStart.replaceAll('-', '')}`;
    }
    return `${seriesId}_${formatUtcBasic(toEpochMs(originalStart))}`;
  };

  const editor: OwnerEditor = {
    createEvent: (calendarId, event) =>
      guard(() => {
        const calendar = calendarOf(calendarId);
        return renderEvent(writer.insert(calendar, event, options(calendar)), ctx(calendar));
      }),
    patchEvent: (calendarId, eventId, patch) =>
      guard(() => {
        const calendar = calendarOf(calendarId);
        return renderEvent(writer.patch(calendar, eventId, patch, options(calendar)), ctx(calendar));
      }),
    updateEvent: (calendarId, eventId, event) =>
      guard(() => {
        const calendar = calendarOf(calendarId);
        return renderEvent(writer.update(calendar, eventId, event, options(calendar)), ctx(calendar));
      }),
    deleteEvent: (calendarId, eventId) =>
      guard(() => {
        const calendar = calendarOf(calendarId);
        writer.delete(calendar, eventId, options(calendar));
      }),
    moveEvent: (calendarId, eventId, times) => editor.patchEvent(calendarId, eventId, { start: times.start, end: times.end }),
    cancelInstance: (calendarId, seriesId, originalStart) => editor.deleteEvent(calendarId, instanceId(seriesId, originalStart)),
    modifyInstance: (calendarId, seriesId, originalStart, patch) => editor.patchEvent(calendarId, instanceId(seriesId, originalStart), patch),
    instanceId,
    listEvents: (calendarId, listOptions = {}) =>
      guard(() => {
        const calendar = calendarOf(calendarId);
        const params: ListParams = {
          showDeleted: listOptions.showDeleted ?? false,
          singleEvents: listOptions.singleEvents ?? false,
          timeMin: listOptions.timeMin !== undefined ? toEpochMs(listOptions.timeMin) : undefined,
          timeMax: listOptions.timeMax !== undefined ? toEpochMs(listOptions.timeMax) : undefined,
          privateExtendedProperty: [],
          sharedExtendedProperty: [],
        };
        return queries.list(calendar, params, ctx(calendar)).items as GoogleEventJson[];
      }),
    getEvent: (calendarId, eventId) => {
      try {
        const calendar = calendarOf(calendarId);
        return queries.get(calendar, eventId, ctx(calendar));
      } catch (error) {
        if (error instanceof HttpFailure && error.response.status === 404) return undefined;
        throw error;
      }
    },
  };
  return editor;
}
