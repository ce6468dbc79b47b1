import { calendar, type calendar_v3 } from '@googleapis/calendar';

export interface GoogleApiOptions {
  /** `https://www.googleapis.com/` in production; the sandbox's URL in tests and the local stack. */
  apiRootUrl: string;
  /** Per-request timeout; a hung request counts as a transient failure. */
  timeoutMs?: number;
}

/**
 * The Calendar v3 client with gaxios' own retries off: retries, backoff and Retry-After are
 * decided by the sync (one policy, counted), and POST inserts are retried only with their
 * deterministic id.
 */
export function createCalendarApi(options: GoogleApiOptions): calendar_v3.Calendar {
  return calendar({
    version: 'v3',
    rootUrl: options.apiRootUrl,
    timeout: options.timeoutMs ?? 15_000,
    retry: false,
    // Node's own fetch: gaxios would otherwise load node-fetch through a dynamic import().
    fetchImplementation: globalThis.fetch,
  });
}

export function bearer(accessToken: string): { headers: Record<string, string> } {
  return { headers: { Authorization: `Bearer ${accessToken}` } };
}
