import { createHash } from 'node:crypto';
import type { ProviderId } from '../model';

/**
 * `calendarConnections/{id}`: one document per staff member × provider × calendar, so connecting
 * the same calendar again updates the connection instead of adding a second one. The calendar
 * id is hashed because provider ids can be long and contain characters ids should not.
 */
export function connectionIdFor(provider: ProviderId, staffId: string, calendarId: string): string {
  const calendarHash = createHash('sha256').update(calendarId, 'utf8').digest('hex').slice(0, 16);
  return `${provider}_${staffId}_${calendarHash}`;
}
