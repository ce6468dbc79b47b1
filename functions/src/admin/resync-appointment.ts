import { z } from 'zod';
import type { Actor } from '../booking';
import { AppError } from '../errors';
import { documentId } from '../model';
import { readAppointmentData } from '../store/catalog-store';
import { syncAppointment, type SyncReport } from '../sync/sync-appointment';
import type { SyncDeps } from '../sync/sync-deps';

export const resyncAppointmentRequest = z.strictObject({ appointmentId: documentId });
export type ResyncAppointmentRequest = z.infer<typeof resyncAppointmentRequest>;

/**
 * The admin's manual resync: an owner or manager of the appointment's business syncs it again
 * now, failed and waiting records included (what the "could not be synced" mail offers).
 */
export async function resyncAppointment(deps: SyncDeps, actor: Actor, request: ResyncAppointmentRequest): Promise<SyncReport> {
  if (actor.role !== 'owner' && actor.role !== 'manager') throw new AppError('permission_denied', 'only owners and managers resync appointments');
  const data = await readAppointmentData(deps.db, request.appointmentId);
  // Another business's appointment answers like a missing one: ids are not to be probed.
  if (!data || data.businessId !== actor.businessId) throw new AppError('not_found', `appointmentId: no appointment '${request.appointmentId}'`);
  return syncAppointment(deps, request.appointmentId, { force: true });
}
