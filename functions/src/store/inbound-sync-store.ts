import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, inboundSyncSchema, type InboundSyncState, type ProviderId } from '../model';
import { parseSnapshot } from './read-document';
import { withoutUndefined } from './without-undefined';

/**
 * `inboundSync/{connectionId}`: the read cursor, freshness and lease of one connected calendar.
 * The lease works like `syncLocks` for appointments: one worker reads a calendar at a time; a
 * request that finds the lease held marks it `dirty` and the holder reads once more before it
 * lets go, so a storm of notifications costs one extra read, never a lost change.
 */

export interface InboundIdentity {
  businessId: string;
  staffId: string;
  connectionId: string;
  provider: ProviderId;
}

const ref = (db: Firestore, connectionId: string) => db.collection(COLLECTIONS.inboundSync).doc(connectionId);

export async function readInboundState(db: Firestore, connectionId: string): Promise<InboundSyncState | null> {
  return parseSnapshot(await ref(db, connectionId).get(), inboundSyncSchema);
}

/** States of several connections at once (absent ones are left out). */
export async function readInboundStates(db: Firestore, connectionIds: readonly string[]): Promise<Map<string, InboundSyncState>> {
  if (connectionIds.length === 0) return new Map();
  const snapshots = await db.getAll(...connectionIds.map((id) => ref(db, id)));
  const out = new Map<string, InboundSyncState>();
  for (const snapshot of snapshots) {
    const state = parseSnapshot(snapshot, inboundSyncSchema);
    if (state) out.set(snapshot.id, state);
  }
  return out;
}

export type LeaseClaim = 'claimed' | 'queued';

/**
 * Claims the lease, or, when another worker holds a live one, marks the state dirty so that
 * worker reads again ('queued'). Creates the state document on first use.
 */
export async function claimInboundLease(db: Firestore, identity: InboundIdentity, owner: string, now: Date, leaseMs: number): Promise<LeaseClaim> {
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref(db, identity.connectionId));
    const state = parseSnapshot(snapshot, inboundSyncSchema);
    if (state?.owner && state.owner !== owner && state.leaseUntil && state.leaseUntil.getTime() > now.getTime()) {
      tx.update(ref(db, identity.connectionId), { dirty: true, requestedAt: now });
      return 'queued';
    }
    const lease = { owner, leaseUntil: new Date(now.getTime() + leaseMs), dirty: false, requestedAt: now, updatedAt: now };
    if (state) tx.update(ref(db, identity.connectionId), lease);
    else tx.set(ref(db, identity.connectionId), withoutUndefined(inboundSyncSchema.parse({ ...identity, ...lease })));
    return 'claimed';
  });
}

/**
 * Lets go of the lease unless more was announced meanwhile: then keeps it and answers 'again'.
 * `keepDirty` lets go in any case and leaves the dirty flag for the poll (after a failed read,
 * an immediate second read would most likely fail the same way); `markDirty` also sets it (work
 * is known to be left over).
 */
export async function releaseInboundLease(
  db: Firestore,
  connectionId: string,
  owner: string,
  now: Date,
  leaseMs: number,
  options: { keepDirty?: boolean; markDirty?: boolean } = {},
): Promise<'released' | 'again'> {
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref(db, connectionId));
    const state = parseSnapshot(snapshot, inboundSyncSchema);
    if (!state) return 'released';
    if (state.owner === owner && state.dirty && !options.keepDirty) {
      tx.update(ref(db, connectionId), { leaseUntil: new Date(now.getTime() + leaseMs), dirty: false, updatedAt: now });
      return 'again';
    }
    if (state.owner === owner) {
      tx.update(ref(db, connectionId), {
        owner: FieldValue.delete(),
        leaseUntil: FieldValue.delete(),
        ...(options.markDirty ? { dirty: true, requestedAt: now } : {}),
        updatedAt: now,
      });
    }
    return 'released';
  });
}

/** The lease was taken over (it had expired): this reader must write nothing more. */
export class InboundLeaseLostError extends Error {
  constructor(connectionId: string) {
    super(`inboundSync/${connectionId}: the read lease was lost to another reader`);
    this.name = 'InboundLeaseLostError';
  }
}

/**
 * Extends the lease if `owner` still holds it, else throws `InboundLeaseLostError`: called before
 * each batch of writes, so a reader that stalled past its lease never writes over a newer one.
 */
export async function renewInboundLease(db: Firestore, connectionId: string, owner: string, now: Date, leaseMs: number): Promise<void> {
  await db.runTransaction(async (tx) => {
    const state = parseSnapshot(await tx.get(ref(db, connectionId)), inboundSyncSchema);
    if (!state || state.owner !== owner) throw new InboundLeaseLostError(connectionId);
    tx.update(ref(db, connectionId), { leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now });
  });
}

/**
 * The busy data of the calendar is now current (every change read was applied). Written before
 * the cursor moves on, so a crash in between repeats the read instead of skipping it.
 */
export async function recordInboundApplied(
  db: Firestore,
  connectionId: string,
  now: Date,
  full: { horizonEnd: Date } | undefined,
): Promise<void> {
  await ref(db, connectionId).update(
    withoutUndefined({
      lastSuccessAt: now,
      lastAttemptAt: now,
      consecutiveFailures: 0,
      lastErrorCode: FieldValue.delete(),
      lastErrorMessage: FieldValue.delete(),
      ...(full ? { lastFullSyncAt: now, horizonEnd: full.horizonEnd } : {}),
      updatedAt: now,
    }) as Record<string, unknown>,
  );
}

/** The cursor to read from next time (or none: the next read is a full one). */
export async function saveSyncToken(db: Firestore, connectionId: string, syncToken: string | null, now: Date): Promise<void> {
  await ref(db, connectionId).update({ syncToken: syncToken ?? FieldValue.delete(), updatedAt: now });
}

/** A failed read: the busy data stays as it was (and ages towards stale); nothing is cleared. */
export async function recordInboundFailure(db: Firestore, connectionId: string, now: Date, error: { code: string; message: string }): Promise<void> {
  await db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref(db, connectionId));
    const state = parseSnapshot(snapshot, inboundSyncSchema);
    if (!state) return;
    tx.update(ref(db, connectionId), {
      lastAttemptAt: now,
      lastErrorCode: error.code,
      lastErrorMessage: error.message.slice(0, 500),
      consecutiveFailures: state.consecutiveFailures + 1,
      updatedAt: now,
    });
  });
}

export async function deleteInboundState(db: Firestore, connectionId: string): Promise<void> {
  await ref(db, connectionId).delete();
}
