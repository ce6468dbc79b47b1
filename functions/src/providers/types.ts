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

// ---------------------------------------------------------------------------------------------
// Inbound: reading a connected calendar (busy time, edits of our own events) and push channels.
// Optional per provider: a provider without it is simply not read.
// ---------------------------------------------------------------------------------------------

/** When an event happens: an instant pair, or whole days (`YYYY-MM-DD`, end exclusive). */
export type InboundEventTime =
  | { kind: 'timed'; start: Date; end: Date }
  | { kind: 'all_day'; startDate: string; endDate: string };

/** One event (or one instance of a recurring event) as the calendar reports it, provider-neutral. */
export interface InboundEvent {
  /** The provider's id of this event or instance. */
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** Absent for cancelled entries (providers guarantee only the id of a deleted event). */
  time?: InboundEventTime;
  /** The series this instance belongs to. */
  seriesId?: string;
  /** "Free" / transparent: does not block time. */
  transparent: boolean;
  /** The calendar's owner declined it (an invitation). */
  declinedBySelf: boolean;
  /** Present on events this system wrote: the appointment and business they belong to. */
  own?: { appointmentId: string; businessId?: string };
  summary?: string;
  /** When the provider last changed the event (absent on some cancelled entries). */
  updated?: Date;
}

/** A window of time to read on a full read (recurring series are expanded within it). */
export interface ReadWindow {
  start: Date;
  end: Date;
}

export type ChangeListing =
  | {
      kind: 'changes';
      /** True for a full read: `events` is the whole calendar in the window, not a delta. */
      full: boolean;
      events: InboundEvent[];
      nextSyncToken: string;
    }
  /** The stored cursor is no longer valid (Google: 410 Gone): read everything again. */
  | { kind: 'full_sync_required' };

export interface WatchRequest {
  channelId: string;
  /** Secret echoed by the provider in every notification. */
  token: string;
  address: string;
  ttlSeconds: number;
}

export interface WatchResult {
  resourceId: string;
  expiration: Date;
}

export interface InboundCalendarProvider {
  readonly id: ProviderId;
  /**
   * Everything that changed since `syncToken` (all pages read before answering), or the whole
   * calendar within `window` when there is no token. A failure throws: nothing partial is answered.
   */
  listChanges(ref: ConnectionRef, request: { syncToken?: string; window: ReadWindow }): Promise<ChangeListing>;
  /** One event as it is now (deleted ones with status cancelled), or null when it never existed. */
  getEvent(ref: ConnectionRef, eventId: string): Promise<InboundEvent | null>;
  watch(ref: ConnectionRef, request: WatchRequest): Promise<WatchResult>;
  /** Stops a channel; one that is already gone counts as stopped. */
  stopChannel(ref: ConnectionRef, channel: { channelId: string; resourceId: string }): Promise<void>;
}

export type InboundProviderRegistry = Partial<Record<ProviderId, InboundCalendarProvider>>;
