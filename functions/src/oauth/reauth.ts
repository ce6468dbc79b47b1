import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { COLLECTIONS, calendarConnectionSchema, staffSchema, type CalendarConnection } from '../model';
import { notifyAdmins } from '../notifications/admin-mail';
import { parseSnapshot, readDocument } from '../store/read-document';
import type { OAuthDeps } from './deps';

/**
 * A connection whose refresh token the provider rejected (`invalid_grant`: revoked, password
 * changed, 7-day Testing-mode expiry) needs the staff member to connect again. Admins get one
 * mail per episode, then the connection leaves `active` so nothing calls the token endpoint
 * for it until it is reconnected.
 */

/**
 * The episode is the dead refresh token: every caller that sees it rejected computes the same
 * key (one mail however many calls fail at once, on however many instances), and reconnecting
 * issues a new token, so a later revocation is a new episode. Only a short hash is kept.
 */
export function reauthDedupeKey(connectionId: string, deadRefreshToken: string): string {
  const episode = createHash('sha256').update(deadRefreshToken, 'utf8').digest('hex').slice(0, 16);
  return `calendar_reauth:${connectionId}:${episode}`;
}

const PROVIDER_NAME: Record<CalendarConnection['provider'], string> = {
  google: 'Google Calendar',
  microsoft: 'Microsoft Outlook',
  caldav: 'CalDAV',
  booksy: 'Booksy',
};

export async function handleRevokedGrant(
  deps: OAuthDeps,
  connectionId: string,
  connection: CalendarConnection,
  deadRefreshToken: string | undefined,
  statusReason: string,
): Promise<void> {
  // Mail first, then the status flip: if the mail cannot be queued the connection stays active,
  // the next call meets invalid_grant again and retries the (de-duplicated) mail.
  const staff = await readDocument(deps.db, `${COLLECTIONS.staff}/${connection.staffId}`, staffSchema).catch(() => null);
  const who = staff?.name ?? `staff member ${connection.staffId}`;
  const provider = PROVIDER_NAME[connection.provider];
  const queued = await notifyAdmins(deps.db, deps.clock, {
    businessId: connection.businessId,
    kind: 'calendar_reauth_required',
    // Without tokens there is no dead token to name the episode: the last status change does.
    dedupeKey: deadRefreshToken
      ? reauthDedupeKey(connectionId, deadRefreshToken)
      : `calendar_reauth:${connectionId}:no_tokens:${connection.updatedAt?.getTime() ?? 0}`,
    subject: `${provider} of ${who} needs to be reconnected`,
    text:
      `${provider} stopped accepting the connection for ${who} (calendar ${connection.calendarId}). ` +
      `Appointments are not being copied to that calendar until ${who} connects it again from the dashboard.`,
  });
  const flipped = await markNeedsReauth(deps, connectionId, statusReason);
  deps.log.warn('oauth.reauth_required', {
    connectionId,
    businessId: connection.businessId,
    provider: connection.provider,
    mailQueued: queued,
    statusChanged: flipped,
  });
}

/** active → needs_reauth, in a transaction; false when it was not active any more. */
export async function markNeedsReauth(deps: Pick<OAuthDeps, 'db' | 'clock'>, connectionId: string, statusReason: string): Promise<boolean> {
  const ref = deps.db.collection(COLLECTIONS.calendarConnections).doc(connectionId);
  return deps.db.runTransaction(async (tx) => {
    const connection = parseSnapshot(await tx.get(ref), calendarConnectionSchema);
    if (!connection) throw new AppError('not_found', `calendarConnections/${connectionId} not found`);
    if (connection.status !== 'active') return false;
    tx.update(ref, { status: 'needs_reauth', statusReason, updatedAt: deps.clock() });
    return true;
  });
}
