import { randomBytes } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import type { BookingDeps } from '../booking/booking-deps';
import type { Clock } from '../clock';
import type { Log } from '../logs';
import type { InboundProviderRegistry } from '../providers/types';
import type { SyncDeps } from '../sync/sync-deps';

/** Tunables of inbound sync; `DEFAULT_INBOUND_OPTIONS` is what is deployed. */
export interface InboundOptions {
  /** How long a calendar read's lease lives without a release (covers a crashed worker). */
  leaseMs: number;
  /** Rounds one lease may run while notifications keep arriving. */
  maxRounds: number;
  /** Lifetime asked for a push channel (Google's default and usual maximum: 7 days). */
  channelTtlSeconds: number;
  /** Channels expiring within this are replaced by the renewal job. */
  renewBeforeMs: number;
  /** The poll skips a calendar read successfully more recently than this (push covered it). */
  pollSkipRecentMs: number;
  /** Busy time is imported up to `maxAdvanceDays` + this many days; a full read rolls it on. */
  horizonSlackDays: number;
  /** Busy time that ended longer ago than this is not kept. */
  keepPastDays: number;
  /** Calendars read at once by the poll. */
  pollConcurrency: number;
  /**
   * `salon_wins` puts a stylist's edit back at most this many times per appointment version;
   * after that the edit is flagged for the admin (a calendar that keeps changing our event,
   * e.g. another sync tool, would otherwise be fought forever).
   */
  maxRestoresPerVersion: number;
  /** Failed reads in a row after which the business's admins are mailed (once per streak). */
  alertAfterFailures: number;
}

export const DEFAULT_INBOUND_OPTIONS: InboundOptions = {
  leaseMs: 120_000,
  maxRounds: 5,
  channelTtlSeconds: 604_800,
  renewBeforeMs: 24 * 3_600_000,
  pollSkipRecentMs: 5 * 60_000,
  horizonSlackDays: 30,
  keepPastDays: 1,
  pollConcurrency: 4,
  maxRestoresPerVersion: 3,
  alertAfterFailures: 3,
};

/** What the inbound capability needs; the webhook, scheduled jobs, triggers and tests pass it in. */
export interface InboundDeps {
  db: Firestore;
  clock: Clock;
  log: Log;
  providers: InboundProviderRegistry;
  /** Identifies this worker in leases. */
  workerId: string;
  /** Outbound sync, used to put our event back when the business's policy is `salon_wins`. */
  sync: SyncDeps;
  /** Booking capabilities, used to move or cancel an appointment under `calendar_wins`. */
  booking: BookingDeps;
  /** Where push channels post (the `googleNotifications` function); '' = no push, poll only. */
  webhookUrl: string;
  /** Random URL-safe secrets and ids (channel ids and tokens). */
  randomToken: (bytes: number) => string;
  options: InboundOptions;
}

export const cryptoRandomToken = (bytes: number): string => randomBytes(bytes).toString('base64url');
