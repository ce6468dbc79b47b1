import { randomBytes as nodeRandomBytes } from 'node:crypto';

/** Random bytes, passed in so that tests can make ids and IVs predictable when they need to. */
export type RandomBytes = (size: number) => Buffer;
export const cryptoRandomBytes: RandomBytes = (size) => nodeRandomBytes(size);

/** RFC 4648 §5 base64url without padding: safe in URLs and Firestore document ids. */
export function base64Url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
