import type { Firestore } from 'firebase-admin/firestore';
import type { Business, Service } from '../model';
import { readBusiness, readService } from '../store/catalog-store';
import { servicesOfBusiness, staffOfBusiness } from '../store/schedule-store';
import type { StaffEntry } from './availability-input';
import { invalidArgument, notFound } from './booking-errors';

/** The catalogue a booking decision needs, loaded once per call, outside any transaction. */
export interface BookingContext {
  businessId: string;
  business: Business;
  serviceId: string;
  service: Service;
  /** The whole catalogue: other bookings' buffers come from their own services. */
  services: Map<string, Service>;
  staff: StaffEntry[];
  /** Active staff members who offer the service, ordered by id (a stable choice among equals). */
  qualified: StaffEntry[];
}

export async function loadBookingContext(db: Firestore, businessId: string, serviceId: string): Promise<BookingContext> {
  const [business, service, services, staff] = await Promise.all([
    readBusiness(db, businessId),
    readService(db, serviceId),
    servicesOfBusiness(db, businessId),
    staffOfBusiness(db, businessId),
  ]);
  if (!business) throw notFound('business');
  if (!service || service.businessId !== businessId) throw notFound('service');
  if (!service.active) throw invalidArgument('serviceId', 'this service is not offered any more');
  services.set(serviceId, service);
  const qualified = staff
    .filter((entry) => entry.staff.active && entry.staff.serviceIds.includes(serviceId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { businessId, business, serviceId, service, services, staff, qualified };
}

/** The staff member asked for (who must offer the service), or every qualified one. */
export function selectStaff(context: BookingContext, staffId: string | undefined): StaffEntry[] {
  if (staffId === undefined) return context.qualified;
  const entry = context.qualified.find((candidate) => candidate.id === staffId);
  if (entry) return [entry];
  if (!context.staff.some((candidate) => candidate.id === staffId)) throw notFound('staff member');
  throw invalidArgument('staffId', 'this staff member does not offer the service');
}

/** A staff member of the business whether or not they still offer the service (an existing booking). */
export function staffEntry(context: BookingContext, staffId: string): StaffEntry {
  const entry = context.staff.find((candidate) => candidate.id === staffId);
  if (!entry) throw notFound('staff member');
  return entry;
}
