import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, syncLockSchema } from '../model';
import { parseSnapshot } from './read-document';

export type ClaimResult = 'claimed' | 'busy';

/** The lease was taken over (it expired while this worker was still busy): stop, write nothing. */
export class LeaseLostError extends Error {
  constructor(appointmentId: string) {
    super(`sync lease of appointment ${appointmentId} was lost`);
    this.name = 'LeaseLostError';
  }
}

const lockRef = (db: Firestore, appointmentId: string) => db.collection(COLLECTIONS.syncLocks).doc(appointmentId);

/**
 * Takes the per-appointment sync lease in a transaction. When another holder has a live lease
 * the claim marks the lock `dirty` instead, so the holder reconciles once more before it lets go:
 * a delivery that arrives mid-sync is never lost and two syncs never run for one appointment.
 * `owner` must be unique per sync call (an instance serves many requests at once).
 */
export async function claimSyncLock(db: Firestore, appointmentId: string, owner: string, now: Date, leaseMs: number): Promise<ClaimResult> {
  const ref = lockRef(db, appointmentId);
  return db.runTransaction(async (tx) => {
    const lock = parseSnapshot(await tx.get(ref), syncLockSchema);
    if (lock?.owner && lock.owner !== owner && lock.leaseUntil && lock.leaseUntil.getTime() > now.getTime()) {
      tx.set(ref, { ...lock, dirty: true });
      return 'busy';
    }
    tx.set(ref, { owner, leaseUntil: new Date(now.getTime() + leaseMs), dirty: false });
    return 'claimed';
  });
}

/**
 * Extends the lease, and runs `write` in the same transaction: a worker whose lease expired and
 * was taken over gets LeaseLostError instead of overwriting the new holder's results (fencing).
 */
export async function renewSyncLease(
  db: Firestore,
  appointmentId: string,
  owner: string,
  now: Date,
  leaseMs: number,
  write?: (tx: Transaction) => void,
): Promise<void> {
  const ref = lockRef(db, appointmentId);
  await db.runTransaction(async (tx) => {
    const lock = parseSnapshot(await tx.get(ref), syncLockSchema);
    if (!lock || lock.owner !== owner) throw new LeaseLostError(appointmentId);
    tx.set(ref, { ...lock, leaseUntil: new Date(now.getTime() + leaseMs) });
    write?.(tx);
  });
}

/**
 * Lets go of the lease unless more work arrived while it was held; then it keeps (and extends)
 * the lease and answers 'again'. A lease that is no longer ours is left alone.
 */
export async function releaseSyncLock(
  db: Firestore,
  appointmentId: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<'released' | 'again'> {
  const ref = lockRef(db, appointmentId);
  return db.runTransaction(async (tx) => {
    const lock = parseSnapshot(await tx.get(ref), syncLockSchema);
    if (lock && lock.owner === owner && lock.dirty) {
      tx.set(ref, { owner, leaseUntil: new Date(now.getTime() + leaseMs), dirty: false });
      return 'again';
    }
    if (lock && lock.owner === owner) tx.delete(ref);
    return 'released';
  });
}

/**
 * After a failure that left the sync unfinished: keep the lock but expired and dirty, so the
 * retry sweep redoes the work even if no further delivery comes.
 */
export async function abandonSyncLock(db: Firestore, appointmentId: string, owner: string, now: Date): Promise<void> {
  const ref = lockRef(db, appointmentId);
  await db.runTransaction(async (tx) => {
    const lock = parseSnapshot(await tx.get(ref), syncLockSchema);
    if (lock && lock.owner === owner) tx.set(ref, { owner, leaseUntil: now, dirty: true });
  });
}

/** Appointments whose lease expired without a release (a worker died, or work kept arriving). */
export async function appointmentsWithExpiredLocks(db: Firestore, now: Date, limit: number): Promise<string[]> {
  const snapshot = await db.collection(COLLECTIONS.syncLocks).where('leaseUntil', '<=', now).limit(limit).get();
  return snapshot.docs.map((doc) => doc.id);
}
