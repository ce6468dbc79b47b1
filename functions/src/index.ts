/**
 * The deployed functions. This module only wires: each handler loads its capability on first
 * use, so a cold start pays only for firebase-functions itself (see docs/performance.md).
 */
import { setGlobalOptions } from 'firebase-functions/v2/options';
import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { onCall, onRequest } from 'firebase-functions/v2/https';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { SECRETS } from './params';

setGlobalOptions({ region: 'europe-west1', maxInstances: 20 });

/** Loads a handler module on first call (a synchronous `require`, cached by Node). */
function lazy<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
const firestoreTriggers = lazy(() => require('./triggers/firestore-triggers') as typeof import('./triggers/firestore-triggers'));
const scheduledJobs = lazy(() => require('./triggers/scheduled-jobs') as typeof import('./triggers/scheduled-jobs'));
const booking = lazy(
  () => require('./callables/production-booking-handlers') as typeof import('./callables/production-booking-handlers'),
);
const oauthHttp = lazy(() => require('./triggers/oauth-http') as typeof import('./triggers/oauth-http'));

/** Appointment writes → every connected calendar of the stylist (at least once, unordered). */
export const onAppointmentWritten = onDocumentWritten(
  { document: 'appointments/{appointmentId}', retry: true, secrets: SECRETS, timeoutSeconds: 120 },
  async (event) => firestoreTriggers().onAppointmentWrittenEvent(event),
);

/** A calendar that becomes active catches up on the appointments it missed. */
export const onConnectionWritten = onDocumentWritten(
  { document: 'calendarConnections/{connectionId}', retry: true, secrets: SECRETS, timeoutSeconds: 540 },
  async (event) => firestoreTriggers().onConnectionWrittenEvent(event),
);

export const retrySyncs = onSchedule({ schedule: 'every 5 minutes', secrets: SECRETS, timeoutSeconds: 540 }, async () =>
  scheduledJobs().runSyncRetrySweep(),
);

export const refreshTokens = onSchedule({ schedule: 'every 30 minutes', secrets: SECRETS, timeoutSeconds: 300 }, async () =>
  scheduledJobs().runTokenRefreshSweep(),
);

export const cleanupOAuthStates = onSchedule({ schedule: 'every 24 hours', secrets: SECRETS }, async () =>
  scheduledJobs().runOAuthStateCleanup(),
);

export const oauthStart = onRequest({ cors: true, secrets: SECRETS }, async (req, res) =>
  oauthHttp().oauthStartRequest(req, res),
);

export const oauthCallback = onRequest({ secrets: SECRETS }, async (req, res) =>
  oauthHttp().oauthCallbackRequest(req, res),
);

// Booking callables: Firestore only (no secrets). Every write goes through the sync spine.
export const getAvailability = onCall({}, (request) => booking().bookingHandlers.getAvailability(request));
export const holdSlot = onCall({}, (request) => booking().bookingHandlers.holdSlot(request));
export const bookAppointment = onCall({}, (request) => booking().bookingHandlers.bookAppointment(request));
export const rescheduleAppointment = onCall({}, (request) => booking().bookingHandlers.rescheduleAppointment(request));
export const cancelAppointment = onCall({}, (request) => booking().bookingHandlers.cancelAppointment(request));

// Inbound sync (issue #5): staff calendars read back — busy time, edits of our own events.
const inboundJobs = lazy(() => require('./triggers/inbound-jobs') as typeof import('./triggers/inbound-jobs'));
const googleWebhook = lazy(() => require('./webhooks/google-notifications-http') as typeof import('./webhooks/google-notifications-http'));

/** Google Calendar push channels post here (set GOOGLE_WEBHOOK_URL to this function's URL). */
export const googleNotifications = onRequest({ secrets: SECRETS, timeoutSeconds: 120 }, async (req, res) =>
  googleWebhook().googleNotificationsRequest(req, res),
);

/** Push channels renewed a day before they expire; channels of disconnected calendars stopped. */
export const renewChannels = onSchedule({ schedule: 'every 6 hours', secrets: SECRETS, timeoutSeconds: 540 }, async () =>
  inboundJobs().runChannelRenewal(),
);

/** Every calendar push has not kept current is read (and busy data kept fresh). */
export const pollCalendars = onSchedule({ schedule: 'every 10 minutes', secrets: SECRETS, timeoutSeconds: 540 }, async () =>
  inboundJobs().runCalendarPoll(),
);

/** Connected, reconnected, lost authorization, disconnected: channels, busy time, first read. */
export const onCalendarConnectionWritten = onDocumentWritten(
  { document: 'calendarConnections/{connectionId}', retry: true, secrets: SECRETS, timeoutSeconds: 300 },
  async (event) => inboundJobs().onCalendarConnectionWrittenEvent(event),
);

// Admin tools. Manual resync: an owner or manager syncs one appointment again now.
const admin = lazy(() => require('./triggers/admin-callables') as typeof import('./triggers/admin-callables'));
export const resyncAppointment = onCall({ secrets: SECRETS }, (request) => admin().adminHandlers.resyncAppointment(request));
