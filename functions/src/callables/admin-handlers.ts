import { HttpsError } from 'firebase-functions/v2/https';
import { resyncAppointment, resyncAppointmentRequest } from '../admin/resync-appointment';
import { actorFromAuth } from '../booking';
import type { SyncDeps } from '../sync/sync-deps';
import type { CallableHandler } from './booking-handlers';
import { invalidRequest, toHttpsError } from './https-errors';

/** The admin callables: authenticate, parse, call the capability, map typed errors. */
export function createAdminHandlers(getDeps: () => SyncDeps): { resyncAppointment: CallableHandler } {
  return {
    async resyncAppointment(request) {
      if (!request.auth) throw new HttpsError('unauthenticated', 'sign in first');
      const actor = actorFromAuth({ uid: request.auth.uid, token: request.auth.token as unknown as Record<string, unknown> });
      if (!actor) throw new HttpsError('permission-denied', 'this account has no role at any business');
      const parsed = resyncAppointmentRequest.safeParse(request.data);
      if (!parsed.success) throw invalidRequest(parsed.error);
      const deps = getDeps();
      try {
        const report = await resyncAppointment(deps, actor, parsed.data);
        return { outcome: report.outcome, written: report.written, removed: report.removed, failed: report.failed };
      } catch (error) {
        throw toHttpsError(error, deps.log, 'resyncAppointment');
      }
    },
  };
}
