import type { Firestore } from 'firebase-admin/firestore';
import { InvalidDocumentError, firstIssue } from '../errors';
import { appointmentSchema, documentId, type Appointment, type Business, type Service, type Staff } from '../model';
import { readAppointmentData, readBusiness, readService, readStaff } from '../store/catalog-store';

export type LoadedAppointment =
  | { kind: 'missing' }
  | {
      kind: 'invalid';
      reason: string;
      businessId?: string;
      staffId?: string;
      /** Readable even when the rest is not: a cancelled appointment's events still go. */
      cancelled: boolean;
      version?: number;
    }
  | { kind: 'ok'; appointment: Appointment; business: Business; service: Service; staff: Staff };

function idOrUndefined(value: unknown): string | undefined {
  return documentId.safeParse(value).success ? (value as string) : undefined;
}

/**
 * Everything an appointment's calendar event needs, validated. Invalid data comes back as a
 * reason naming the field (`end: must be after start`, `staffId: unknown staff member`), never
 * as a crash, so the sync records it instead of calling a provider.
 */
export async function loadAppointmentForSync(db: Firestore, appointmentId: string): Promise<LoadedAppointment> {
  const data = await readAppointmentData(db, appointmentId);
  if (!data) return { kind: 'missing' };
  const businessId = idOrUndefined(data.businessId);
  const staffId = idOrUndefined(data.staffId);
  const cancelled = data.status === 'cancelled';
  const version = Number.isInteger(data.version) ? (data.version as number) : undefined;
  const invalid = (reason: string, ids: { businessId?: string; staffId?: string }) => ({ kind: 'invalid' as const, reason, ...ids, cancelled, version });
  const parsed = appointmentSchema.safeParse(data);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    return invalid(`${path || 'appointment'}: ${message}`, { businessId, staffId });
  }
  const appointment = parsed.data;
  let business: Business | null;
  let staff: Staff | null;
  let service: Service | null;
  try {
    [business, staff, service] = await Promise.all([
      readBusiness(db, appointment.businessId),
      readStaff(db, appointment.staffId),
      readService(db, appointment.serviceId),
    ]);
  } catch (error) {
    if (error instanceof InvalidDocumentError) return invalid(error.message, { businessId, staffId });
    throw error;
  }
  if (!business) return invalid(`businessId: unknown business '${appointment.businessId}'`, { businessId, staffId });
  if (!staff || staff.businessId !== appointment.businessId) {
    return invalid(`staffId: unknown staff member '${appointment.staffId}'`, { businessId });
  }
  if (!service || service.businessId !== appointment.businessId) {
    return invalid(`serviceId: unknown service '${appointment.serviceId}'`, { businessId, staffId });
  }
  return { kind: 'ok', appointment, business, service, staff };
}
