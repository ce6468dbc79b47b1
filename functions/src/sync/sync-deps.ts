import type { Firestore } from 'firebase-admin/firestore';
import type { Clock } from '../clock';
import type { Log } from '../logs';
import type { ProviderRegistry } from '../providers/types';
import type { RetryPolicy } from './retry-policy';

/** What the sync capability needs; triggers, scheduled jobs, tests and the local stack pass it in. */
export interface SyncDeps {
  db: Firestore;
  clock: Clock;
  log: Log;
  providers: ProviderRegistry;
  random: () => number;
  /** Identifies this worker in leases. */
  workerId: string;
  retryPolicy: RetryPolicy;
  /** How long a sync lease lives without being released (covers a crashed worker). */
  leaseMs: number;
}
