import { AppError, type ErrorCode } from '../errors';

/** A free slot offered instead of the one asked for. */
export interface Alternative {
  /** UTC, ISO 8601. */
  start: string;
  end: string;
  staffId: string;
}

/**
 * Why a booking operation was refused; the web app switches on it.
 * - `slot_taken`: another appointment, hold or calendar event occupies the time.
 * - `not_bookable`: outside working time, off the slot grid, or too soon / too far ahead.
 * - `appointment_not_changeable`: cancelled or completed, or (for customers) already started.
 * - `request_id_reused`: the request id already booked something else.
 * - `contention`: the transaction kept colliding with others; retrying is safe.
 */
export type BookingRefusal =
  | 'slot_taken'
  | 'not_bookable'
  | 'appointment_not_changeable'
  | 'request_id_reused'
  | 'contention'
  | 'invalid_configuration';

/** A typed booking failure; `path` names the request field for invalid arguments. */
export class BookingError extends AppError {
  readonly reason?: BookingRefusal;
  readonly path?: string;
  readonly alternatives?: Alternative[];
  constructor(
    code: ErrorCode,
    message: string,
    options: { reason?: BookingRefusal; path?: string; alternatives?: Alternative[]; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, { retryable: options.retryable, cause: options.cause });
    this.name = 'BookingError';
    this.reason = options.reason;
    this.path = options.path;
    this.alternatives = options.alternatives;
  }
}

export function invalidArgument(path: string, message: string): BookingError {
  return new BookingError('invalid_argument', `${path}: ${message}`, { path });
}

export function notFound(what: string): BookingError {
  return new BookingError('not_found', `${what} not found`);
}

export function permissionDenied(message: string): BookingError {
  return new BookingError('permission_denied', message);
}

export function slotConflict(reason: 'slot_taken' | 'not_bookable', alternatives: Alternative[]): BookingError {
  const message =
    reason === 'slot_taken' ? 'That time is no longer free.' : 'That time cannot be booked (outside working hours or booking limits).';
  return new BookingError('conflict', message, { reason, alternatives });
}

export function notChangeable(message: string): BookingError {
  return new BookingError('conflict', message, { reason: 'appointment_not_changeable' });
}
