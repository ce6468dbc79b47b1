import pRetry, { AbortError } from 'p-retry';
import { AppError } from '../errors';
import { ProviderError } from '../errors';

export interface RetryPolicy {
  /** Attempts within one invocation (first try included). */
  inlineAttempts: number;
  inlineMinDelayMs: number;
  inlineMaxDelayMs: number;
  /** A Retry-After longer than this is not waited for in-process: it becomes a scheduled retry. */
  maxInlineWaitMs: number;
  /** No new attempt starts after this much time in one operation. */
  maxInlineTimeMs: number;
  /** Scheduled retries after the first failed invocation before the record is `failed`. */
  maxScheduledRetries: number;
  scheduledBaseDelayMs: number;
  scheduledMaxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  inlineAttempts: 3,
  inlineMinDelayMs: 500,
  inlineMaxDelayMs: 8_000,
  maxInlineWaitMs: 10_000,
  maxInlineTimeMs: 30_000,
  maxScheduledRetries: 3,
  scheduledBaseDelayMs: 60_000,
  scheduledMaxDelayMs: 30 * 60_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a provider call with capped exponential backoff and jitter, honouring Retry-After.
 * Non-retryable errors, and waits longer than the inline budget, end the attempts at once.
 */
export async function withInlineRetries<T>(policy: RetryPolicy, call: () => Promise<T>): Promise<T> {
  return pRetry(
    async () => {
      try {
        return await call();
      } catch (error) {
        const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
        if (!(error instanceof AppError) || !error.retryable) throw new AbortError(asError(error));
        if (retryAfter !== undefined && retryAfter > policy.maxInlineWaitMs) throw new AbortError(error);
        throw error;
      }
    },
    {
      retries: Math.max(0, policy.inlineAttempts - 1),
      minTimeout: policy.inlineMinDelayMs,
      maxTimeout: policy.inlineMaxDelayMs,
      randomize: true,
      // Bounds one provider operation, so it always ends well inside the sync lease.
      maxRetryTime: policy.maxInlineTimeMs,
      onFailedAttempt: async ({ error, retryDelay, retriesLeft }) => {
        const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
        // p-retry waits `retryDelay` next; wait the rest of what the provider asked for (p-retry
        // calls this after the last attempt too, when there is nothing to wait for).
        if (retriesLeft > 0 && retryAfter !== undefined && retryAfter > retryDelay) await sleep(retryAfter - retryDelay);
      },
    },
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** When the next scheduled retry is due: exponential with jitter, never before Retry-After. */
export function nextRetryAt(policy: RetryPolicy, now: Date, retryCount: number, random: () => number, retryAfterMs = 0): Date {
  const exponential = Math.min(policy.scheduledMaxDelayMs, policy.scheduledBaseDelayMs * 2 ** Math.max(0, retryCount - 1));
  const jittered = exponential * (0.5 + random() * 0.5);
  return new Date(now.getTime() + Math.max(jittered, retryAfterMs));
}
