import type { AppError } from '../errors';
import type { CalendarConnection } from '../model';
import { notifyAdmins } from '../notifications/admin-mail';
import type { ConnectionRef } from '../providers/types';
import { readStaff } from '../store/catalog-store';
import type { FailureStreak } from '../store/inbound-sync-store';
import type { InboundDeps } from './inbound-deps';

const PROVIDER_NAME: Record<CalendarConnection['provider'], string> = {
  google: 'Google Calendar',
  microsoft: 'Microsoft Outlook',
  caldav: 'CalDAV',
  booksy: 'Booksy',
};

/**
 * Tells the business's admins that a stylist's calendar cannot be read: at once when the error
 * is permanent (the calendar was deleted or unshared: 404, 403), and after
 * `alertAfterFailures` failed reads in a row otherwise (transient errors that did not go away
 * with the in-call retries and the poll). One mail per failure streak: the de-duplication key
 * names the last success, so the next streak (after a success) mails again. A revoked grant is
 * left out: the token manager already asked the admins to reconnect.
 * Until the calendar is read again the stylist's busy time ages, and once it is older than
 * `busyStalenessMinutes` the stylist is not offered (fail closed): the mail says so.
 */
export async function alertOnReadFailure(deps: InboundDeps, ref: ConnectionRef, error: AppError, streak: FailureStreak | null): Promise<boolean> {
  if (!streak || error.code === 'auth_revoked') return false;
  if (error.retryable && streak.consecutiveFailures < deps.options.alertAfterFailures) return false;
  const { connection, connectionId } = ref;
  const staff = await readStaff(deps.db, connection.staffId).catch(() => null);
  const who = staff?.name ?? `staff member ${connection.staffId}`;
  const provider = PROVIDER_NAME[connection.provider];
  const queued = await notifyAdmins(deps.db, deps.clock, {
    businessId: connection.businessId,
    kind: 'calendar_read_failing',
    dedupeKey: `inbound-read-failing:${connectionId}:${streak.lastSuccessAt?.getTime() ?? 'never'}`,
    subject: `${provider} of ${who} cannot be read`,
    text:
      `Reading ${provider} of ${who} (calendar ${connection.calendarId}) failed ${streak.consecutiveFailures} time(s) in a row: ${error.message}\n` +
      `Until it can be read again, ${who}'s own events are not seen, and once the last successful read is older than the ` +
      'business\'s staleness limit, they are not offered for booking. ' +
      (error.retryable
        ? 'It is tried again every few minutes.'
        : 'This does not go away by itself: check that the calendar still exists and is shared with the account that connected it, or connect it again from the dashboard.'),
  });
  if (queued) {
    deps.log.warn('inbound.read_failing', { connectionId, businessId: connection.businessId, code: error.code, consecutiveFailures: streak.consecutiveFailures });
  }
  return queued;
}
