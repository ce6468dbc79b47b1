import type { Firestore } from 'firebase-admin/firestore';
import { memoryLog } from '../../src/logs';
import { createGoogleCalendarProvider } from '../../src/providers/google/google-calendar-provider';
import type { AccessTokenSource } from '../../src/providers/types';
import type { RetryPolicy } from '../../src/sync/retry-policy';
import type { SyncDeps } from '../../src/sync/sync-deps';
import type { GoogleSandbox } from '../../sandbox/google';

/** A clock that runs with real time plus an offset the test can advance. */
export function offsetClock(): { clock: () => Date; advance(ms: number): void } {
  let offset = 0;
  return { clock: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

/** Inline retries in milliseconds instead of seconds, so fault-heavy tests stay fast. */
export const FAST_RETRY_POLICY: RetryPolicy = {
  inlineAttempts: 3,
  inlineMinDelayMs: 1,
  inlineMaxDelayMs: 5,
  maxInlineWaitMs: 0,
  maxInlineTimeMs: 5_000,
  maxScheduledRetries: 3,
  scheduledBaseDelayMs: 60_000,
  scheduledMaxDelayMs: 10 * 60_000,
};

export function syncDepsFor(
  db: Firestore,
  sandbox: GoogleSandbox,
  tokens: AccessTokenSource,
  options: { clock?: () => Date; retryPolicy?: RetryPolicy; workerId?: string; timeoutMs?: number } = {},
): SyncDeps & { log: ReturnType<typeof memoryLog> } {
  let seed = 7;
  return {
    db,
    clock: options.clock ?? (() => new Date()),
    log: memoryLog(),
    providers: { google: createGoogleCalendarProvider({ apiRootUrl: sandbox.calendarRootUrl, tokens, timeoutMs: options.timeoutMs ?? 2_000 }) },
    random: () => ((seed = (seed * 16807) % 2147483647) / 2147483647),
    workerId: options.workerId ?? 'worker-test',
    retryPolicy: options.retryPolicy ?? FAST_RETRY_POLICY,
    leaseMs: 60_000,
  };
}
