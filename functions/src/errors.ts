import type { z } from 'zod';
import type { ProviderId } from './model/calendar-connection';

/**
 * Typed errors. Every error says whether retrying can help; provider errors carry the provider
 * and, for throttling, how long to wait. Messages never contain tokens or secrets.
 */
export type ErrorCode =
  | 'invalid_document'
  | 'invalid_argument'
  | 'not_found'
  | 'conflict'
  | 'permission_denied'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'auth_expired'
  | 'auth_revoked'
  | 'provider_rejected'
  | 'calendar_not_found'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export class ProviderError extends AppError {
  readonly provider: ProviderId;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /**
   * Set when a put had already moved on to a newer event-id generation before it failed: an
   * event may exist under that id, so the sync must remember it.
   */
  reachedGeneration?: number;
  constructor(
    provider: ProviderId,
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.name = 'ProviderError';
    this.provider = provider;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A document that does not match its schema; the message names the field path. */
export class InvalidDocumentError extends AppError {
  readonly path: string;
  constructor(what: string, path: string, reason: string) {
    super('invalid_document', `${what}: ${path ? `${path}: ` : ''}${reason}`);
    this.name = 'InvalidDocumentError';
    this.path = path;
  }
}

/** `a.b[2].c` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

export function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: issue ? formatIssuePath(issue.path) : '', message: issue?.message ?? 'invalid' };
}

export function isRetryable(error: unknown): boolean {
  return error instanceof AppError ? error.retryable : false;
}
