import type { CalendarConnection, ProviderId } from '../model';

/**
 * The one provider interface. Google now; Microsoft Graph, CalDAV and Booksy implement the same
 * parts later, each in its own folder: auth, client, event mapping, inbound.
 */

/** What an appointment looks like in a calendar, provider-neutral. */
export interface AppointmentEventBody {
  appointmentId: string;
  businessId: string;
  summary: string;
  description: string;
  start: Date;
  end: Date;
  /** IANA zone of the business, so the event shows in the salon's local time. */
  timeZone: string;
}

export interface ConnectionRef {
  connectionId: string;
  connection: CalendarConnection;
}

/** Gives a valid access token for a connection; refreshes ahead of expiry, one refresh at a time. */
export interface AccessTokenSource {
  getAccessToken(connectionId: string, options?: { forceRefresh?: boolean }): Promise<string>;
}

export interface PutEventRequest {
  /** Generation of the deterministic event id to use (bumped when an id cannot be reused). */
  generation: number;
  /** Whether our records say the event currently exists in the calendar. */
  believedPresent: boolean;
  event: AppointmentEventBody;
}

export interface PutEventResult {
  providerEventId: string;
  generation: number;
}

export interface CalendarProvider {
  readonly id: ProviderId;
  /** Deterministic event id for an appointment in one connection, in the provider's alphabet. */
  eventIdFor(connectionId: string, appointmentId: string, generation: number): string;
  /**
   * Make the calendar show `event` under the deterministic id: creates or replaces, and is safe
   * to repeat after a timeout whose request did reach the provider.
   */
  putEvent(ref: ConnectionRef, request: PutEventRequest): Promise<PutEventResult>;
  /** Removes the event; an event that is already gone counts as removed. */
  removeEvent(ref: ConnectionRef, providerEventId: string): Promise<void>;
}

export type ProviderRegistry = Partial<Record<ProviderId, CalendarProvider>>;
