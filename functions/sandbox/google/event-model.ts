import { z } from 'zod';
import type { EventTime } from './event-time';
import type { RecurrenceSet } from './recurrence-parse';

/**
 * The client-writable part of a Google Calendar Event (discovery doc schema `Event`), validated
 * with zod. Read-only fields a client may send back from a fetched event (kind, etag, htmlLink,
 * created, updated, creator, organizer, …) are accepted and ignored, as Google does.
 * `null` is allowed everywhere because patch uses it to clear a field.
 */

const eventDateTimeSchema = z
  .object({ date: z.string().nullish(), dateTime: z.string().nullish(), timeZone: z.string().nullish() })
  .loose();

const propertiesSchema = z.record(z.string(), z.string().nullable());

export const eventBodySchema = z
  .object({
    id: z.string().nullish(),
    status: z.enum(['confirmed', 'tentative', 'cancelled']).nullish(),
    summary: z.string().nullish(),
    description: z.string().nullish(),
    location: z.string().nullish(),
    colorId: z.string().nullish(),
    start: eventDateTimeSchema.nullish(),
    end: eventDateTimeSchema.nullish(),
    endTimeUnspecified: z.boolean().nullish(),
    recurrence: z.array(z.string()).nullish(),
    recurringEventId: z.string().nullish(),
    originalStartTime: eventDateTimeSchema.nullish(),
    transparency: z.enum(['opaque', 'transparent']).nullish(),
    visibility: z.enum(['default', 'public', 'private', 'confidential']).nullish(),
    iCalUID: z.string().nullish(),
    sequence: z.number().int().min(0).nullish(),
    attendees: z.array(z.object({ email: z.string() }).loose()).nullish(),
    extendedProperties: z.object({ private: propertiesSchema.nullish(), shared: propertiesSchema.nullish() }).loose().nullish(),
    reminders: z.object({ useDefault: z.boolean().nullish(), overrides: z.array(z.unknown()).nullish() }).loose().nullish(),
    source: z.object({ url: z.string(), title: z.string().nullish() }).loose().nullish(),
    guestsCanModify: z.boolean().nullish(),
    guestsCanInviteOthers: z.boolean().nullish(),
    guestsCanSeeOtherGuests: z.boolean().nullish(),
    eventType: z.string().nullish(),
  })
  .loose();

export type EventBody = z.infer<typeof eventBodySchema>;

/** Fields that are stored from a client body; everything else is server-owned or ignored. */
export const WRITABLE_FIELDS = [
  'status',
  'summary',
  'description',
  'location',
  'colorId',
  'start',
  'end',
  'endTimeUnspecified',
  'recurrence',
  'transparency',
  'visibility',
  'attendees',
  'extendedProperties',
  'reminders',
  'source',
  'guestsCanModify',
  'guestsCanInviteOthers',
  'guestsCanSeeOtherGuests',
] as const;

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

/** A version of a recurring series, kept so incremental sync can report instances that vanished. */
export interface SeriesVersion {
  changeSeq: number;
  cancelled: boolean;
  start: EventTime;
  end: EventTime;
  recurrence?: RecurrenceSet;
}

export interface EventRecord {
  id: string;
  /** Stored writable fields, JSON as the client sent them (nulls removed). */
  body: Record<string, unknown>;
  status: EventStatus;
  start: EventTime;
  end: EventTime;
  recurrence?: RecurrenceSet;
  /** Set on exceptions (a modified or cancelled instance of a series). */
  recurringEventId?: string;
  originalStart?: EventTime;
  iCalUID: string;
  sequence: number;
  created: number;
  updated: number;
  /** Global change sequence number of the last change (drives sync tokens). */
  changeSeq: number;
  etag: string;
  creatorEmail: string;
  /** Only for series (events that have or had a recurrence). */
  versions: SeriesVersion[];
}

/** base32hex, 5–1024 characters (Event.id in the discovery document). */
export const CLIENT_EVENT_ID_RE = /^[a-v0-9]{5,1024}$/;
