import { FieldPath } from 'firebase-admin/firestore';
import { AppError } from '../errors';
import { COLLECTIONS } from '../model';
import type { OAuthDeps } from './deps';
import type { TokenManager } from './token-manager';

export interface RefreshSweepOptions {
  /** Refresh access tokens that expire within this many minutes. */
  withinMinutes: number;
  /** Token-endpoint calls in flight at once. */
  concurrency?: number;
  pageSize?: number;
}

export interface RefreshSweepReport {
  checked: number;
  refreshed: number;
  fresh: number;
  /** Connections found revoked during this sweep (now `needs_reauth`, admins mailed). */
  revoked: number;
  /** Transient failures; the next sweep or the next sync call tries again. */
  failed: number;
}

/**
 * Keeps active connections' access tokens fresh and finds revoked grants while nobody is
 * booking (so admins hear about it before an appointment fails to sync). One connection's
 * failure never stops the others.
 */
export async function refreshExpiringTokens(
  deps: Pick<OAuthDeps, 'db' | 'log' | 'clients'> & { tokens: TokenManager },
  options: RefreshSweepOptions,
): Promise<RefreshSweepReport> {
  const withinMs = options.withinMinutes * 60 * 1000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pageSize = options.pageSize ?? 200;
  const report: RefreshSweepReport = { checked: 0, refreshed: 0, fresh: 0, revoked: 0, failed: 0 };

  const refreshOne = async (connectionId: string) => {
    report.checked += 1;
    try {
      report[await deps.tokens.refreshIfExpiring(connectionId, withinMs)] += 1;
    } catch (error) {
      if (error instanceof AppError && error.code === 'auth_revoked') report.revoked += 1;
      else report.failed += 1;
    }
  };

  let after: string | undefined;
  for (;;) {
    let query = deps.db
      .collection(COLLECTIONS.calendarConnections)
      .where('status', '==', 'active')
      .orderBy(FieldPath.documentId())
      .limit(pageSize);
    if (after) query = query.startAfter(after);
    const page = await query.get();
    const ids = page.docs.filter((doc) => Boolean(deps.clients[doc.get('provider') as keyof typeof deps.clients])).map((doc) => doc.id);
    for (let i = 0; i < ids.length; i += concurrency) {
      await Promise.all(ids.slice(i, i + concurrency).map(refreshOne));
    }
    if (page.size < pageSize) break;
    after = page.docs[page.docs.length - 1]!.id;
  }
  deps.log.info('token.refresh_sweep', { ...report, withinMinutes: options.withinMinutes });
  return report;
}
