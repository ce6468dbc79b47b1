import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { BookingError } from './booking-errors';

/**
 * Attempts of one booking transaction. Twenty customers after one slot make Firestore abort
 * all but one commit per round; a retry then sees the winner and gives up quickly, so a few
 * rounds settle any burst. The SDK's default (5) is tight for that.
 */
const MAX_ATTEMPTS = 12;

/** gRPC status ABORTED: the transaction lost against a concurrent one on every attempt. */
const ABORTED = 10;

export async function runBookingTransaction<T>(db: Firestore, body: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.runTransaction(body, { maxAttempts: MAX_ATTEMPTS });
  } catch (error) {
    if ((error as { code?: unknown })?.code === ABORTED) {
      throw new BookingError('unavailable', 'Too many bookings at once for this time; please try again.', {
        reason: 'contention',
        retryable: true,
        cause: error,
      });
    }
    throw error;
  }
}
