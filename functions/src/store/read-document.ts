import type { DocumentSnapshot, Firestore, Transaction } from 'firebase-admin/firestore';
import type { z } from 'zod';
import { InvalidDocumentError, firstIssue } from '../errors';

/** Parses a snapshot with the document's schema; a mismatch names the collection, id and field. */
export function parseSnapshot<S extends z.ZodType>(snapshot: DocumentSnapshot, schema: S): z.infer<S> | null {
  if (!snapshot.exists) return null;
  const result = schema.safeParse(snapshot.data());
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    throw new InvalidDocumentError(snapshot.ref.path, path, message);
  }
  return result.data;
}

export async function readDocument<S extends z.ZodType>(
  db: Firestore,
  path: string,
  schema: S,
  tx?: Transaction,
): Promise<z.infer<S> | null> {
  const ref = db.doc(path);
  const snapshot = tx ? await tx.get(ref) : await ref.get();
  return parseSnapshot(snapshot, schema);
}
