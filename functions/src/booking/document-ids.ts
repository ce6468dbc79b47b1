import { createHash } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 20-character id like Firestore's auto ids, from the injected random source. */
export function randomDocumentId(random: () => number): string {
  let id = '';
  for (let i = 0; i < 20; i += 1) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return id;
}

/**
 * The appointment id of an idempotent booking request. The caller's uid and the business are
 * part of the hash, so one client's request ids can neither collide with nor reveal another's.
 */
export function appointmentIdForRequest(uid: string, businessId: string, requestId: string): string {
  return `req-${createHash('sha256').update(`${uid}\n${businessId}\n${requestId}`).digest('hex').slice(0, 32)}`;
}
