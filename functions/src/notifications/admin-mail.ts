import { createHash } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, businessSchema, mailSchema, type Mail } from '../model';
import { readDocument } from '../store/read-document';
import type { Clock } from '../clock';

export interface AdminNotice {
  businessId: string;
  kind: string;
  /** The same key never produces a second mail. */
  dedupeKey: string;
  subject: string;
  text: string;
}

/**
 * Queues a mail to the business's admins in the Trigger Email extension's `mail` collection.
 * The document id is derived from the dedupe key and written with `create`, so repeated
 * deliveries of the same notice produce exactly one mail. Returns whether a mail was queued.
 */
export async function notifyAdmins(db: Firestore, clock: Clock, notice: AdminNotice): Promise<boolean> {
  const business = await readDocument(db, `${COLLECTIONS.businesses}/${notice.businessId}`, businessSchema);
  const to = business?.adminEmails ?? [];
  if (to.length === 0) return false;
  const mail: Mail = mailSchema.parse({
    to,
    message: { subject: notice.subject, text: notice.text },
    kind: notice.kind,
    businessId: notice.businessId,
    dedupeKey: notice.dedupeKey,
  });
  const id = createHash('sha256').update(`${notice.businessId}\n${notice.dedupeKey}`).digest('hex').slice(0, 40);
  try {
    await db.collection(COLLECTIONS.mail).doc(id).create({ ...mail, createdAt: clock() });
    return true;
  } catch (error) {
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

export function isAlreadyExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 6;
}
