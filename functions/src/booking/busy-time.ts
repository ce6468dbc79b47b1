import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { holdsOfStaff } from '../store/hold-store';
import { externalBusyOfStaff, liveAppointmentsOfStaff, type Window } from '../store/schedule-store';
import type { BookingContext } from './booking-context';
import { occupiedBlock, type BusyBlock } from './occupied-time';

export interface BusyOptions {
  now: Date;
  /** The caller's own holds never block the caller. */
  holderUid?: string;
  /** The appointment being moved does not block its own new time. */
  ignoreAppointmentId?: string;
}

export interface StaffBusy {
  blocks: BusyBlock[];
  /** Expired holds seen on the way: a transaction that writes anyway deletes them. */
  expiredHoldIds: string[];
}

/**
 * Everything that occupies a staff member in `window`: live appointments and unexpired holds
 * (each with its own service's buffers) and busy time from their own calendars. Inside a
 * transaction every read goes through it.
 */
export async function busyOfStaff(
  db: Firestore,
  context: BookingContext,
  staffId: string,
  window: Window,
  options: BusyOptions,
  tx?: Transaction,
): Promise<StaffBusy> {
  const [appointments, holds, external] = await Promise.all([
    liveAppointmentsOfStaff(db, context.businessId, staffId, window, tx),
    holdsOfStaff(db, context.businessId, staffId, window, tx),
    externalBusyOfStaff(db, context.businessId, staffId, window, tx),
  ]);
  const blocks: BusyBlock[] = [];
  for (const { id, appointment } of appointments) {
    if (id === options.ignoreAppointmentId) continue;
    const service = appointment.serviceId ? context.services.get(appointment.serviceId) : undefined;
    blocks.push({ staffId, ...occupiedBlock(appointment, service) });
  }
  const expiredHoldIds: string[] = [];
  for (const { id, hold } of holds) {
    if (hold.expiresAt.getTime() <= options.now.getTime()) {
      expiredHoldIds.push(id);
      continue;
    }
    if (hold.holderUid === options.holderUid) continue;
    blocks.push({ staffId, ...occupiedBlock(hold, context.services.get(hold.serviceId)) });
  }
  for (const interval of external) blocks.push({ staffId, ...interval });
  return { blocks, expiredHoldIds };
}
