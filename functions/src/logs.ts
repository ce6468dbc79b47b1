import * as logger from 'firebase-functions/logger';

/**
 * Named log events with structured fields. Field values under secret-looking keys are replaced
 * before anything is written, so a token can never reach Cloud Logging by accident.
 */
export type LogEvent =
  | 'sync.reconciled'
  | 'sync.skipped_locked'
  | 'sync.event_written'
  | 'sync.event_removed'
  | 'sync.failed'
  | 'sync.retry_scheduled'
  | 'sync.invalid_appointment'
  | 'sync.retry_sweep'
  | 'oauth.connect_started'
  | 'oauth.connected'
  | 'oauth.connect_failed'
  | 'oauth.state_rejected'
  | 'oauth.refresh_failed'
  | 'oauth.reauth_required'
  | 'token.refresh_sweep'
  | 'booking.created'
  | 'booking.held'
  | 'booking.conflict'
  | 'booking.rescheduled'
  | 'booking.cancelled'
  | 'booking.failed'
  | 'inbound.notification'
  | 'inbound.notification_rejected'
  | 'inbound.synced'
  | 'inbound.full_resync'
  | 'inbound.conflict_opened'
  | 'inbound.policy_applied'
  | 'inbound.sync_failed'
  | 'inbound.skipped'
  | 'inbound.poll'
  | 'inbound.connection_changed'
  | 'inbound.ghost_removed'
  | 'inbound.ghost_remove_failed'
  | 'inbound.orphaned_busy_removed'
  | 'inbound.read_failing'
  | 'channels.renewed'
  | 'channels.stopped'
  | 'channels.opened'
  | 'channels.watch_failed'
  | 'mail.queued';

export type LogFields = Record<string, unknown>;

export interface Log {
  info(event: LogEvent, fields?: LogFields): void;
  warn(event: LogEvent, fields?: LogFields): void;
  error(event: LogEvent, fields?: LogFields): void;
}

const SECRET_KEY = /token|secret|password|authorization|code_?verifier|^code$|ciphertext|key$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(item, depth + 1);
  }
  return out;
}

/** The production log: Cloud Logging structured entries through firebase-functions/logger. */
export const cloudLog: Log = {
  info: (event, fields = {}) => logger.info(event, { event, ...(redact(fields) as LogFields) }),
  warn: (event, fields = {}) => logger.warn(event, { event, ...(redact(fields) as LogFields) }),
  error: (event, fields = {}) => logger.error(event, { event, ...(redact(fields) as LogFields) }),
};

/** A log that keeps entries in memory: for tests and benchmarks. */
export function memoryLog(): Log & { entries: { level: string; event: LogEvent; fields: LogFields }[] } {
  const entries: { level: string; event: LogEvent; fields: LogFields }[] = [];
  const push = (level: string) => (event: LogEvent, fields: LogFields = {}) =>
    entries.push({ level, event, fields: redact(fields) as LogFields });
  return { entries, info: push('info'), warn: push('warn'), error: push('error') };
}
