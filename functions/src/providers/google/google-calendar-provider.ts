import type { calendar_v3 } from '@googleapis/calendar';
import { ProviderError } from '../../errors';
import type { AccessTokenSource, CalendarProvider, ConnectionRef, PutEventRequest, PutEventResult } from '../types';
import { bearer, createCalendarApi, type GoogleApiOptions } from './calendar-client';
import { toGoogleError } from './errors';
import { googleEventId } from './event-id';
import { toGoogleEvent } from './event-mapping';

export interface GoogleProviderOptions extends GoogleApiOptions {
  tokens: AccessTokenSource;
}

/** Steps of one put before giving up (each step follows a provably dead id or a found one). */
const MAX_STEPS = 6;

export function createGoogleCalendarProvider(options: GoogleProviderOptions): CalendarProvider {
  const api = createCalendarApi(options);

  /** Runs a call with a fresh access token; a 401 gets one forced refresh and one more try. */
  async function authorized<T>(connectionId: string, call: (auth: ReturnType<typeof bearer>) => Promise<T>): Promise<T> {
    try {
      return await call(bearer(await options.tokens.getAccessToken(connectionId)));
    } catch (error) {
      const typed = toGoogleError(error);
      if (typed.code !== 'auth_expired') throw typed;
    }
    try {
      return await call(bearer(await options.tokens.getAccessToken(connectionId, { forceRefresh: true })));
    } catch (error) {
      throw toGoogleError(error);
    }
  }

  async function getEvent(ref: ConnectionRef, eventId: string): Promise<calendar_v3.Schema$Event | null> {
    try {
      const res = await authorized(ref.connectionId, (auth) =>
        api.events.get({ calendarId: ref.connection.calendarId, eventId }, auth),
      );
      return res.data;
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'not_found') return null;
      throw error;
    }
  }

  return {
    id: 'google',
    eventIdFor: googleEventId,

    async putEvent(ref: ConnectionRef, request: PutEventRequest): Promise<PutEventResult> {
      const state = { generation: request.generation };
      try {
        return await putUnderDeterministicId(ref, request, state);
      } catch (error) {
        // A failure after moving to a newer id: an insert under it may have reached Google.
        if (error instanceof ProviderError && state.generation !== request.generation) error.reachedGeneration = state.generation;
        throw error;
      }
    },

    async removeEvent(ref: ConnectionRef, providerEventId: string): Promise<void> {
      try {
        await authorized(ref.connectionId, (auth) =>
          api.events.delete({ calendarId: ref.connection.calendarId, eventId: providerEventId, sendUpdates: 'none' }, auth),
        );
      } catch (error) {
        // Already gone (404) or already deleted (410): the desired state holds.
        if (error instanceof ProviderError && error.code === 'not_found') return;
        throw error;
      }
    },
  };

  async function putUnderDeterministicId(ref: ConnectionRef, request: PutEventRequest, state: { generation: number }): Promise<PutEventResult> {
    const calendarId = ref.connection.calendarId;
    let generation = request.generation;
    let tryUpdateFirst = request.believedPresent;
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const eventId = googleEventId(ref.connectionId, request.event.appointmentId, generation);
      const requestBody = toGoogleEvent(eventId, request.event);
      if (tryUpdateFirst) {
        try {
          const res = await authorized(ref.connectionId, (auth) =>
            api.events.update({ calendarId, eventId, requestBody, sendUpdates: 'none' }, auth),
          );
          if (res.data.status !== 'cancelled') return { providerEventId: eventId, generation };
          generation += 1; // a deleted event stays deleted: its id is burnt
          state.generation = generation;
          tryUpdateFirst = false;
          continue;
        } catch (error) {
          if (!(error instanceof ProviderError)) throw error;
          if (error.status === 410 || error.code === 'permission_denied') {
            // Updating an event deleted in the calendar answers 410 (or 403): new id.
            generation += 1;
            state.generation = generation;
            tryUpdateFirst = false;
            continue;
          }
          if (error.code !== 'not_found') throw error;
          // Never created (e.g. our record was written before a crash): create under this id.
        }
      }
      try {
        await authorized(ref.connectionId, (auth) =>
          api.events.insert({ calendarId, requestBody, sendUpdates: 'none' }, auth),
        );
        return { providerEventId: eventId, generation };
      } catch (error) {
        if (!(error instanceof ProviderError) || error.code !== 'conflict') throw error;
      }
      // 409: the id exists. Either an earlier attempt created it (a timeout that did reach
      // Google) and it only needs our latest body, or it was deleted and is burnt.
      const existing = await getEvent(ref, eventId);
      if (existing && existing.status !== 'cancelled') {
        tryUpdateFirst = true; // the same generation, now as an update
        continue;
      }
      generation += 1;
      state.generation = generation;
      tryUpdateFirst = false;
    }
    throw new ProviderError('google', 'conflict', 'Google Calendar: could not find a reusable event id', { retryable: true });
  }
}
