import { createHash } from 'node:crypto';
import type { Conflict, ConflictKind } from '../model';
import type { ConnectionRef } from '../providers/types';
import { openConflictOnce } from '../store/conflict-store';
import type { InboundDeps } from './inbound-deps';

export interface ConflictSighting {
  kind: ConflictKind;
  appointmentId: string;
  appointment: { start: Date; end: Date };
  external: { eventId: string; start?: Date; end?: Date; summary?: string; updated?: Date };
  note?: string;
}

/**
 * The conflict's id: a hash of what was seen. The same sighting (a repeated notification, the
 * same event in a full resync) maps to the same document; a changed one (the event moved again)
 * is a new conflict. The event's `updated` time is part of it: a stylist who moves an event away
 * and back to where an admin already resolved a conflict made a new edit, and it must be seen
 * (intervals alone would map it onto the resolved document, which `create()` never reopens).
 */
export function conflictId(connectionId: string, sighting: ConflictSighting): string {
  const ms = (date: Date | undefined) => (date ? String(date.getTime()) : '-');
  const key = [
    sighting.kind,
    connectionId,
    sighting.appointmentId,
    ms(sighting.appointment.start),
    ms(sighting.appointment.end),
    sighting.external.eventId,
    ms(sighting.external.start),
    ms(sighting.external.end),
    ms(sighting.external.updated),
  ].join('\n');
  return `c_${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** Opens a conflict for the admin unless the very same one was opened before. */
export async function openConflict(deps: InboundDeps, ref: ConnectionRef, sighting: ConflictSighting): Promise<boolean> {
  const id = conflictId(ref.connectionId, sighting);
  const conflict: Conflict = {
    businessId: ref.connection.businessId,
    staffId: ref.connection.staffId,
    connectionId: ref.connectionId,
    appointmentId: sighting.appointmentId,
    kind: sighting.kind,
    status: 'open',
    appointment: sighting.appointment,
    external: sighting.external,
    note: sighting.note,
    detectedAt: deps.clock(),
  };
  const opened = await openConflictOnce(deps.db, id, conflict);
  if (opened) {
    deps.log.info('inbound.conflict_opened', {
      conflictId: id,
      kind: sighting.kind,
      businessId: ref.connection.businessId,
      staffId: ref.connection.staffId,
      appointmentId: sighting.appointmentId,
    });
  }
  return opened;
}
