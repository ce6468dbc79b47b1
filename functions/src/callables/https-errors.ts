import { HttpsError, type FunctionsErrorCode } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import { AppError, formatIssuePath } from '../errors';
import type { Log } from '../logs';
import { BookingError } from '../booking/booking-errors';

/** The first zod issue as `path: message`; an unknown field is named by its own path. */
export function invalidRequest(error: z.ZodError): HttpsError {
  const issue = error.issues[0];
  const path = issue
    ? formatIssuePath(issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path)
    : '';
  const message = issue?.code === 'unrecognized_keys' ? 'unknown field' : (issue?.message ?? 'invalid');
  return new HttpsError('invalid-argument', path ? `${path}: ${message}` : message, { field: path });
}

const CODE_FOR: Partial<Record<string, FunctionsErrorCode>> = {
  invalid_argument: 'invalid-argument',
  not_found: 'not-found',
  permission_denied: 'permission-denied',
  // A stored document that breaks its schema (the message names collection, id and field).
  invalid_document: 'failed-precondition',
  unavailable: 'unavailable',
};

/**
 * Typed errors to what a Firebase client sees. A taken slot is `already-exists`, an unbookable
 * one (or an appointment that can no longer change) `failed-precondition`; both carry
 * `details.reason` and, for slots, `details.alternatives`. Anything untyped is logged and
 * answered `internal` without its message.
 */
export function toHttpsError(error: unknown, log: Log, callable: string): HttpsError {
  if (error instanceof HttpsError) return error;
  if (error instanceof BookingError && error.code === 'conflict') {
    const code: FunctionsErrorCode = error.reason === 'slot_taken' || error.reason === 'request_id_reused' ? 'already-exists' : 'failed-precondition';
    return new HttpsError(code, error.message, {
      reason: error.reason,
      ...(error.alternatives ? { alternatives: error.alternatives } : {}),
      ...(error.path ? { field: error.path } : {}),
    });
  }
  if (error instanceof AppError) {
    const code = CODE_FOR[error.code];
    if (code) {
      const details: Record<string, unknown> = {};
      if (error instanceof BookingError && error.path) details.field = error.path;
      if (error instanceof BookingError && error.reason) details.reason = error.reason;
      if (error.retryable) details.retryable = true;
      return new HttpsError(code, error.message, Object.keys(details).length > 0 ? details : undefined);
    }
  }
  log.error('booking.failed', { callable, error });
  return new HttpsError('internal', 'internal error');
}
