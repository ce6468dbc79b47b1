import { createHash } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/**
 * Google lets the client choose event ids: `a-v` and `0-9` (base32hex), 5–1024 characters,
 * unique per calendar, and a deleted event's id can never be reused (409). The id is derived
 * from the connection, the appointment and a generation, so every retry of a create targets the
 * same id and a create after a delete uses a fresh one.
 */
export function googleEventId(connectionId: string, appointmentId: string, generation: number): string {
  const digest = createHash('sha256').update(`${connectionId}\n${appointmentId}\n${generation}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  // 'salon' is itself base32hex; 40 hash characters = 200 bits.
  return `salon${out.slice(0, 40)}`;
}

export function isValidGoogleEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}
