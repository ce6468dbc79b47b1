import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { COLLECTIONS, calendarConnectionSchema, inboundSyncSchema, type InboundSyncState, type ProviderId } from '../model';
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
const connectionRef = (db: Firestore, connectionId: string) => db.collection(COLLECTIONS.calendarConnections).doc(connectionId);

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

/** Why a reader must stop without writing anything more. */
export type LeaseLossReason = 'lease_lost' | 'connection_inactive';

/**
 * The lease was taken over (it had expired and another reader claimed it), or the calendar is no
 * longer active (disconnected, lost its authorization): this reader must write nothing more.
 */
export class InboundLeaseLostError extends Error {
  readonly reason: LeaseLossReason;
  constructor(connectionId: string, reason: LeaseLossReason) {
    super(
      reason === 'lease_lost'
        ? `inboundSync/${connectionId}: the read lease was lost to another reader`
        : `calendarConnections/${connectionId}: the calendar is no longer active`,
    );
    this.name = 'InboundLeaseLostError';
    this.reason = reason;
  }
}

/** Changes of the read state that a reader makes under its lease. */
export interface InboundStateUpdate {
  /**
   * The busy data of the calendar is now current (every change read was applied); `full` also
   * records the window a full read covered. Written before the cursor moves on, so a crash in
   * between repeats the read instead of skipping it.
   */
  applied?: { full?: { horizonEnd: Date } };
  /** The cursor to read from next time (null: none, the next read is a full one). */
  syncToken?: string | null;
}

/**
 * Extends the lease if `owner` still holds it and the calendar is still active, and runs `write`
 * (and the state changes) in the same transaction: a reader that stalled past its lease, or whose
 * calendar was disconnected meanwhile, gets InboundLeaseLostError and writes nothing (fencing; a
 * check in a separate transaction would not protect the writes that follow it). `write` may read
 * first (Firestore wants every read of a transaction before its writes; the lease's own write
 * comes last).
 */
export async function renewInboundLease(
  db: Firestore,
  connectionId: string,
  owner: string,
  now: Date,
  leaseMs: number,
  options: { write?: (tx: Transaction) => Promise<void> | void; state?: InboundStateUpdate } = {},
): Promise<void> {
  await db.runTransaction(async (tx) => {
    const [stateSnapshot, connectionSnapshot] = await tx.getAll(ref(db, connectionId), connectionRef(db, connectionId));
    const state = parseSnapshot(stateSnapshot!, inboundSyncSchema);
    if (!state || state.owner !== owner) throw new InboundLeaseLostError(connectionId, 'lease_lost');
    const connection = parseSnapshot(connectionSnapshot!, calendarConnectionSchema);
    if (connection?.status !== 'active') throw new InboundLeaseLostError(connectionId, 'connection_inactive');
    await options.write?.(tx);
    tx.update(ref(db, connectionId), { leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now, ...stateFields(options.state, now) });
  });
}

function stateFields(update: InboundStateUpdate | undefined, now: Date): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (update?.applied) {
    Object.assign(fields, {
      lastSuccessAt: now,
      lastAttemptAt: now,
      consecutiveFailures: 0,
      lastErrorCode: FieldValue.delete(),
      lastErrorMessage: FieldValue.delete(),
    });
    if (update.applied.full) Object.assign(fields, { lastFullSyncAt: now, horizonEnd: update.applied.full.horizonEnd });
  }
  if (update?.syncToken !== undefined) fields.syncToken = update.syncToken ?? FieldValue.delete();
  return fields;
}

/** The failure streak after a failed read: how long, and since which success (none: never read). */
export interface FailureStreak {
  consecutiveFailures: number;
  lastSuccessAt?: Date;
}

/** A failed read: the busy data stays as it was (and ages towards stale); nothing is cleared. */
export async function recordInboundFailure(
  db: Firestore,
  connectionId: string,
  now: Date,
  error: { code: string; message: string },
): Promise<FailureStreak | null> {
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref(db, connectionId));
    const state = parseSnapshot(snapshot, inboundSyncSchema);
    if (!state) return null;
    tx.update(ref(db, connectionId), {
      lastAttemptAt: now,
      lastErrorCode: error.code,
      lastErrorMessage: error.message.slice(0, 500),
      consecutiveFailures: state.consecutiveFailures + 1,
      updatedAt: now,
    });
    return { consecutiveFailures: state.consecutiveFailures + 1, lastSuccessAt: state.lastSuccessAt };
  });
}

export async function deleteInboundState(db: Firestore, connectionId: string): Promise<void> {
  await ref(db, connectionId).delete();
}
