import { z } from 'zod';
import { documentId, instant } from './fields';
import { providerId } from './calendar-connection';

/**
 * `inboundSync/{connectionId}`: server-only. How far the salon has read one connected calendar
 * (the provider's sync token), when that last succeeded (busy data older than the business's
 * `busyStalenessMinutes` makes availability fail closed), and a lease with a `dirty` flag so that
 * one worker at a time reads the calendar and a storm of notifications becomes one more round.
 */
export const inboundSyncSchema = z.object({
  businessId: documentId,
  staffId: documentId,
  connectionId: documentId,
  provider: providerId,
  /** Opaque provider cursor; absent = the next read is a full one. */
  syncToken: z.string().optional(),
  /** Busy time was imported up to this instant by the last full read (recurring series included). */
  horizonEnd: instant.optional(),
  lastFullSyncAt: instant.optional(),
  /** The last read that was applied completely: the freshness of this calendar's busy time. */
  lastSuccessAt: instant.optional(),
  lastAttemptAt: instant.optional(),
  lastErrorCode: z.string().optional(),
  lastErrorMessage: z.string().optional(),
  consecutiveFailures: z.number().int().min(0).default(0),
  /** Lease: the worker reading this calendar now, until when. */
  owner: z.string().optional(),
  leaseUntil: instant.optional(),
  /** More changes were announced while the lease was held: the holder reads once more. */
  dirty: z.boolean().default(false),
  requestedAt: instant.optional(),
  updatedAt: instant.optional(),
});
export type InboundSyncState = z.infer<typeof inboundSyncSchema>;
