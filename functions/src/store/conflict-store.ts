import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, conflictSchema, type Conflict } from '../model';
import { withoutUndefined } from './without-undefined';

/** gRPC status ALREADY_EXISTS: `create()` of a document id that exists. */
const ALREADY_EXISTS = 6;

/**
 * Opens a conflict under a deterministic id with `create()`: the same conflict seen again (a
 * repeated notification, a full resync) is not opened twice, whatever its status is by then.
 * Answers whether it was new.
 */
export async function openConflictOnce(db: Firestore, conflictId: string, conflict: Conflict): Promise<boolean> {
  try {
    await db.collection(COLLECTIONS.conflicts).doc(conflictId).create(withoutUndefined(conflictSchema.parse(conflict)));
    return true;
  } catch (error) {
    if ((error as { code?: unknown })?.code === ALREADY_EXISTS) return false;
    throw error;
  }
}
