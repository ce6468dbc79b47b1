import { refreshExpiringTokens } from '../oauth';
import { deleteExpiredOAuthStates } from '../oauth';
import { runtime } from '../runtime';
import { retryDueSyncs } from '../sync/retry-sweep';

/** Scheduled entry points: each runs one capability with this instance's runtime. */
export async function runSyncRetrySweep(): Promise<void> {
  await retryDueSyncs(runtime().sync);
}

/** Access tokens expiring within 35 minutes are refreshed by the half-hourly sweep. */
export async function runTokenRefreshSweep(): Promise<void> {
  const { oauth, tokens } = runtime();
  const report = await refreshExpiringTokens({ ...oauth, tokens }, { withinMinutes: 35 });
  oauth.log.info('token.refresh_sweep', { ...report });
}

export async function runOAuthStateCleanup(): Promise<void> {
  const { oauth } = runtime();
  await deleteExpiredOAuthStates(oauth);
}
