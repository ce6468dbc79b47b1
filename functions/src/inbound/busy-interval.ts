import { instantAtLocalTime } from '../booking/local-dates';
import type { InboundEvent } from '../providers/types';

export interface BusyInterval {
  start: Date;
  end: Date;
  allDay: boolean;
}

/**
 * Whether and when a calendar event of the stylist's own blocks them, as people expect from
 * their calendar app (and as Google's free/busy reports it):
 * - cancelled entries, "free" (transparent) events and invitations the stylist declined do not;
 * - tentative events do;
 * - a timed event blocks exactly its instants (its own UTC offset, so DST needs nothing special);
 * - an all-day event marked busy blocks its whole days, from local midnight to local midnight in
 *   the salon's time zone (Google's own all-day events are "free" by default and do not block);
 * - an event with no duration blocks nothing.
 */
export function busyIntervalOf(event: InboundEvent, timeZone: string): BusyInterval | null {
  if (event.status === 'cancelled' || event.transparent || event.declinedBySelf || !event.time) return null;
  if (event.time.kind === 'timed') {
    const { start, end } = event.time;
    return end.getTime() > start.getTime() ? { start, end, allDay: false } : null;
  }
  const start = instantAtLocalTime(event.time.startDate, '00:00', timeZone);
  const end = instantAtLocalTime(event.time.endDate, '00:00', timeZone);
  return end.getTime() > start.getTime() ? { start, end, allDay: true } : null;
}
