import type { Transaction } from 'firebase-admin/firestore';
import { renewInboundLease, type InboundStateUpdate } from '../store/inbound-sync-store';
import type { InboundDeps } from './inbound-deps';

/**
 * A reader's hold on one calendar's `inboundSync` lease, fenced: every write of the read (busy
 * time, freshness, cursor, a record marked for rewrite) happens in a transaction that checks the
 * lease is still this reader's and the calendar still active, and extends the lease. A reader
 * that stalled past its lease (Cloud Run may throttle an instance for minutes) gets
 * InboundLeaseLostError instead of writing over a newer reader's state.
 */
export interface ReadLease {
  /** Extends the lease, or throws InboundLeaseLostError. */
  renew(): Promise<void>;
  /** Extends the lease when a third of it has gone by: called inside long phases of a read. */
  keepAlive(): Promise<void>;
  /** Runs `write` and the state changes in the lease's transaction (all or nothing with the check). */
  write(options: { write?: (tx: Transaction) => Promise<void> | void; state?: InboundStateUpdate }): Promise<void>;
}

export function readLease(deps: InboundDeps, connectionId: string, owner: string): ReadLease {
  let renewedAt = deps.clock().getTime();
  const write: ReadLease['write'] = async (options) => {
    const now = deps.clock();
    await renewInboundLease(deps.db, connectionId, owner, now, deps.options.leaseMs, options);
    renewedAt = now.getTime();
  };
  return {
    write,
    renew: () => write({}),
    async keepAlive() {
      if (deps.clock().getTime() - renewedAt >= deps.options.leaseMs / 3) await write({});
    },
  };
}
