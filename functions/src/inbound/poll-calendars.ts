import type { ConnectionRef } from '../providers/types';
import { activeConnectionsPage } from '../store/connection-listing';
import { readInboundStates } from '../store/inbound-sync-store';
import type { InboundSyncState } from '../model';
import type { InboundDeps } from './inbound-deps';
import { syncConnection } from './sync-connection';

export interface PollReport {
  checked: number;
  read: number;
  skippedRecent: number;
  failed: number;
}

const PAGE = 200;

/**
 * The scheduled poll: reads every active calendar that push has not kept current. Push is not
 * enough on its own — Google gives no delivery guarantee, a channel can die unnoticed, a
 * connection may have no push at all (no webhook URL), and a read that failed must be retried —
 * and busy data must be read regularly to stay fresh (`busyStalenessMinutes`). A calendar read
 * successfully within `pollSkipRecentMs`, with nothing announced since, is skipped. An
 * incremental read with no changes is one small request.
 */
export async function pollCalendars(deps: InboundDeps): Promise<PollReport> {
  const report: PollReport = { checked: 0, read: 0, skippedRecent: 0, failed: 0 };
  let after: string | undefined;
  for (;;) {
    const page = (await activeConnectionsPage(deps.db, after, PAGE)).filter((ref) => deps.providers[ref.connection.provider]);
    const states = await readInboundStates(deps.db, page.map(({ connectionId }) => connectionId));
    const due = page.filter((ref) => isDue(deps, states.get(ref.connectionId)));
    report.checked += page.length;
    report.skippedRecent += page.length - due.length;
    await forEachLimited(due, deps.options.pollConcurrency, async (ref: ConnectionRef) => {
      const result = await syncConnection(deps, ref.connectionId);
      if (result.outcome === 'synced') report.read += 1;
      if (result.outcome === 'failed') report.failed += 1;
    });
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.connectionId;
  }
  deps.log.info('inbound.poll', { ...report });
  return report;
}

function isDue(deps: InboundDeps, state: InboundSyncState | undefined): boolean {
  const now = deps.clock().getTime();
  if (!state?.lastSuccessAt || !state.syncToken) return true;
  if (state.dirty) return true;
  if (state.requestedAt && state.requestedAt.getTime() > state.lastSuccessAt.getTime()) return true;
  return now - state.lastSuccessAt.getTime() >= deps.options.pollSkipRecentMs;
}

async function forEachLimited<T>(items: readonly T[], limit: number, body: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await body(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
