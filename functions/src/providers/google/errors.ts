import { AppError, ProviderError, type ErrorCode } from '../../errors';

interface GoogleErrorShape {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

const TRANSIENT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'backendError']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | undefined>;
  return record[name] ?? record[name.toLowerCase()];
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function reasonOf(data: unknown): { reason?: string; message?: string } {
  const error = (data as { error?: { message?: string; errors?: { reason?: string }[] } } | undefined)?.error;
  if (!error || typeof error !== 'object') return {};
  return { reason: error.errors?.[0]?.reason, message: error.message };
}

/**
 * Maps a gaxios error from the Calendar API to a typed ProviderError: what is transient, what
 * needs a token refresh, what is permanent. The message is Google's (never request headers).
 */
export function toGoogleError(error: unknown, now = Date.now()): ProviderError {
  if (error instanceof ProviderError) return error;
  // Our own errors (the token manager's auth_revoked, a missing connection, an undecryptable
  // vault) keep their code and retryability: they are not network failures.
  if (error instanceof AppError) return new ProviderError('google', error.code, error.message, { retryable: error.retryable });
  const shape = (error ?? {}) as GoogleErrorShape;
  const status = shape.response?.status ?? (typeof shape.status === 'number' ? shape.status : undefined);
  const { reason, message } = reasonOf(shape.response?.data);
  const text = `Google Calendar ${status ?? 'request'}${reason ? ` ${reason}` : ''}: ${message ?? shape.message ?? 'failed'}`;
  const make = (code: ErrorCode, retryable: boolean, retryAfterMs?: number) =>
    // No `cause`: the gaxios error's config carries the request's Authorization header.
    new ProviderError('google', code, text, { retryable, status, retryAfterMs });
  if (status === undefined) {
    const code = String(shape.code ?? '');
    if (NETWORK_CODES.has(code) || /timeout|socket|network|aborted|ECONNRESET/i.test(shape.message ?? '')) {
      return make('timeout', true);
    }
    return make('unavailable', true);
  }
  const retryAfterMs = parseRetryAfter(header(shape.response?.headers, 'retry-after'), now);
  if (status === 429 || (status === 403 && reason && TRANSIENT_REASONS.has(reason))) return make('rate_limited', true, retryAfterMs);
  if (status >= 500) return make('unavailable', true, retryAfterMs);
  if (status === 408) return make('timeout', true, retryAfterMs);
  if (status === 401) return make('auth_expired', true);
  if (status === 404) return make('not_found', false);
  if (status === 410) return make('not_found', false);
  if (status === 409) return make('conflict', false);
  if (status === 403) return make('permission_denied', false);
  return make('provider_rejected', false);
}
