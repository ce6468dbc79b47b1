import { AppError } from '../errors';
import type { ConnectionRef } from '../providers/types';
import { readBusiness } from '../store/catalog-store';
import { readConnection } from '../store/connection-store';
import { claimInboundLease, recordInboundFailure, releaseInboundLease, InboundLeaseLostError, type LeaseClaim } from '../store/inbound-sync-store';
import type { InboundDeps } from './inbound-deps';
import { readCalendarOnce, type ReadReport } from './read-calendar';
import { alertOnReadFailure } from './read-failures';
import { readLease } from './read-lease';

export interface ConnectionSyncResult {
  /** `queued`: another worker holds the lease and will read once more; `skipped`: not readable. */
  outcome: 'synced' | 'queued' | 'skipped' | 'failed';
  reports: ReadReport[];
  reason?: string;
}

/** A claim of the connection's read lease: claimed (`owner` must read now) or queued for the holder. */
export interface ConnectionSyncRequest {
  claim: LeaseClaim;
  /** Unique per claim: concurrent requests in one function instance must not share a lease. */
  owner: string;
}

/** Claims the connection's read lease, or marks it dirty for the worker that holds it. */
export async function requestConnectionSync(deps: InboundDeps, ref: ConnectionRef): Promise<ConnectionSyncRequest> {
  const owner = `${deps.workerId}/${deps.randomToken(9)}`;
  const claim = await claimInboundLease(
    deps.db,
    { businessId: ref.connection.businessId, staffId: ref.connection.staffId, connectionId: ref.connectionId, provider: ref.connection.provider },
    owner,
    deps.clock(),
    deps.options.leaseMs,
  );
  return { claim, owner };
}

/**
 * Reads one connected calendar and applies what changed, under the connection's lease: one
 * reader at a time (two concurrent reads from the same cursor are how sync loops and duplicates
 * start), and every request that arrives meanwhile costs the holder one more round, not a read
 * of its own. `leaseOwner` when the caller claimed the lease itself (the webhook does, to answer
 * before reading).
 */
export async function syncConnection(deps: InboundDeps, connectionId: string, options: { leaseOwner?: string } = {}): Promise<ConnectionSyncResult> {
  const connection = await readConnection(deps.db, connectionId);
  if (!connection || connection.status !== 'active') {
    if (options.leaseOwner) await releaseInboundLease(deps.db, connectionId, options.leaseOwner, deps.clock(), deps.options.leaseMs, { keepDirty: true });
    return { outcome: 'skipped', reports: [], reason: connection ? `connection is ${connection.status}` : 'no such connection' };
  }
  const ref: ConnectionRef = { connectionId, connection };
  if (!deps.providers[connection.provider]) {
    if (options.leaseOwner) await releaseInboundLease(deps.db, connectionId, options.leaseOwner, deps.clock(), deps.options.leaseMs, { keepDirty: true });
    return { outcome: 'skipped', reports: [], reason: `no inbound provider '${connection.provider}'` };
  }
  let owner = options.leaseOwner;
  if (!owner) {
    const request = await requestConnectionSync(deps, ref);
    if (request.claim === 'queued') {
      deps.log.info('inbound.skipped', { connectionId, reason: 'another worker is reading this calendar; it will read once more' });
      return { outcome: 'queued', reports: [] };
    }
    owner = request.owner;
  }

  const reports: ReadReport[] = [];
  try {
    for (let round = 0; round < deps.options.maxRounds; round += 1) {
      const business = await readBusiness(deps.db, connection.businessId);
      if (!business) throw new AppError('invalid_document', `businesses/${connection.businessId}: not found`);
      const report = await readCalendarOnce(deps, ref, business, readLease(deps, connectionId, owner));
      reports.push(report);
      deps.log.info('inbound.synced', { connectionId, businessId: connection.businessId, staffId: connection.staffId, round, ...report });
      const released = await releaseInboundLease(deps.db, connectionId, owner, deps.clock(), deps.options.leaseMs);
      if (released === 'released') return { outcome: 'synced', reports };
    }
    // Still dirty after maxRounds: let go but keep it dirty; the poll reads it next.
    await releaseInboundLease(deps.db, connectionId, owner, deps.clock(), deps.options.leaseMs, { keepDirty: true, markDirty: true });
    return { outcome: 'synced', reports };
  } catch (error) {
    if (error instanceof InboundLeaseLostError) {
      // Another reader took over after this one stalled past its lease: it reads from the stored
      // cursor, so nothing is lost; this one just stops. Or the calendar was disconnected (or
      // lost its authorization) meanwhile: nothing more is read from it.
      deps.log.warn('inbound.skipped', { connectionId, reason: error.message });
      if (error.reason === 'connection_inactive') {
        await releaseInboundLease(deps.db, connectionId, owner, deps.clock(), deps.options.leaseMs, { keepDirty: true }).catch(() => undefined);
        return { outcome: 'skipped', reports, reason: error.message };
      }
      return { outcome: 'queued', reports };
    }
    // Anything untyped (Firestore unavailable, a bug) may pass: the poll reads again.
    const typed = error instanceof AppError ? error : new AppError('internal', error instanceof Error ? error.message : String(error), { retryable: true });
    deps.log.warn('inbound.sync_failed', { connectionId, businessId: connection.businessId, code: typed.code, message: typed.message, retryable: typed.retryable });
    const streak = await recordInboundFailure(deps.db, connectionId, deps.clock(), { code: typed.code, message: typed.message }).catch(() => null);
    await releaseInboundLease(deps.db, connectionId, owner, deps.clock(), deps.options.leaseMs, { keepDirty: true }).catch(() => undefined);
    await alertOnReadFailure(deps, ref, typed, streak).catch((mailError: unknown) => {
      deps.log.error('inbound.read_failing', { connectionId, mailFailed: mailError instanceof Error ? mailError.message : String(mailError) });
    });
    return { outcome: 'failed', reports, reason: typed.message };
  }
}
