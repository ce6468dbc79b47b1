import { AppError, ProviderError } from '../errors';
import {
  APPOINTMENT_LEVEL_CONNECTION,
  isLive,
  type CalendarSync,
  type ProviderId,
} from '../model';
import { notifyAdmins } from '../notifications/admin-mail';
import type { AppointmentEventBody, ConnectionRef } from '../providers/types';
import { syncRecordsOfAppointment, writeSyncRecord } from '../store/calendar-sync-store';
import { activeConnectionsOfStaff, readConnection } from '../store/connection-store';
import { claimSyncLock, releaseSyncLock } from '../store/sync-lock-store';
import { appointmentEventBody, eventBodyHash } from './appointment-event';
import { loadAppointmentForSync } from './load-appointment';
import { nextRetryAt, withInlineRetries } from './retry-policy';
import type { SyncDeps } from './sync-deps';

export interface SyncOptions {
  /** A scheduled retry (counts against the retry budget) rather than a fresh delivery. */
  isRetry?: boolean;
  /** An admin's manual resync: failed records are tried again. */
  force?: boolean;
}

export interface SyncReport {
  outcome: 'done' | 'locked';
  written: number;
  removed: number;
  unchanged: number;
  failed: number;
}

/** Rounds one lease may run when deliveries keep arriving while it is held. */
const MAX_ROUNDS = 5;

/**
 * Brings every connected calendar of an appointment's stylist in line with the appointment as
 * it is now in Firestore. Deliveries are at least once and out of order, so the trigger's payload
 * is never trusted: the current document is read under a per-appointment lease, and repeating a
 * sync converges instead of duplicating (deterministic event ids, body hashes).
 */
export async function syncAppointment(deps: SyncDeps, appointmentId: string, options: SyncOptions = {}): Promise<SyncReport> {
  const report: SyncReport = { outcome: 'done', written: 0, removed: 0, unchanged: 0, failed: 0 };
  const claim = await claimSyncLock(deps.db, appointmentId, deps.workerId, deps.clock(), deps.leaseMs);
  if (claim === 'busy') {
    deps.log.info('sync.skipped_locked', { appointmentId });
    return { ...report, outcome: 'locked' };
  }
  let released = false;
  try {
    for (let round = 0; round < MAX_ROUNDS && !released; round += 1) {
      await reconcileOnce(deps, appointmentId, round === 0 ? options : {}, report);
      released = (await releaseSyncLock(deps.db, appointmentId, deps.workerId, deps.clock(), deps.leaseMs)) === 'released';
    }
  } catch (error) {
    // Infrastructure failure (Firestore): let go so the platform's redelivery can sync at once;
    // if even that fails, the lease expires and the retry sweep finds the lock.
    await releaseSyncLock(deps.db, appointmentId, deps.workerId, deps.clock(), deps.leaseMs).catch(() => undefined);
    throw error;
  }
  // After MAX_ROUNDS the lease is kept dirty and expires; the retry sweep picks it up.
  deps.log.info('sync.reconciled', { appointmentId, ...report });
  return report;
}

async function reconcileOnce(deps: SyncDeps, appointmentId: string, options: SyncOptions, report: SyncReport): Promise<void> {
  const { db } = deps;
  const [loaded, records] = await Promise.all([loadAppointmentForSync(db, appointmentId), syncRecordsOfAppointment(db, appointmentId)]);

  if (loaded.kind === 'invalid') {
    await recordInvalid(deps, appointmentId, loaded, records);
    report.failed += 1;
    return;
  }

  const targets =
    loaded.kind === 'ok' && isLive(loaded.appointment)
      ? await activeConnectionsOfStaff(db, loaded.appointment.businessId, loaded.appointment.staffId)
      : [];
  const targetIds = new Set(targets.map((target) => target.connectionId));

  if (loaded.kind === 'ok') {
    const { appointment, business, service, staff } = loaded;
    const body = appointmentEventBody(appointmentId, appointment, business, service, staff);
    for (const target of targets) {
      const outcome = await putToConnection(deps, appointmentId, appointment.version, body, target, records.get(target.connectionId), options);
      report[outcome] += 1;
    }
    const appointmentLevel = records.get(APPOINTMENT_LEVEL_CONNECTION);
    if (appointmentLevel && appointmentLevel.syncStatus !== 'synced') {
      await writeSyncRecord(db, { ...clearedError(appointmentLevel), syncStatus: 'synced', lastSyncAt: deps.clock(), updatedAt: deps.clock() });
    }
  }

  for (const record of records.values()) {
    if (record.connectionId === APPOINTMENT_LEVEL_CONNECTION || targetIds.has(record.connectionId)) continue;
    const version = loaded.kind === 'ok' ? loaded.appointment.version : record.syncedVersion;
    const outcome = await removeFromConnection(deps, record, version, options);
    report[outcome] += 1;
  }
}

type Outcome = 'written' | 'removed' | 'unchanged' | 'failed';

/** Whether an earlier failure for this same version should wait for its schedule or an admin. */
function shouldWait(record: CalendarSync | undefined, version: number, now: Date, options: SyncOptions): boolean {
  if (!record || options.force || record.attemptedVersion !== version) return false;
  if (record.syncStatus === 'failed') return true;
  return record.syncStatus === 'error' && !options.isRetry && !!record.nextRetryAt && record.nextRetryAt > now;
}

async function putToConnection(
  deps: SyncDeps,
  appointmentId: string,
  version: number,
  body: AppointmentEventBody,
  target: ConnectionRef,
  record: CalendarSync | undefined,
  options: SyncOptions,
): Promise<Outcome> {
  const now = deps.clock();
  const hash = eventBodyHash(body);
  if (record?.syncStatus === 'synced' && record.eventState === 'present' && record.syncedHash === hash) return 'unchanged';
  if (shouldWait(record, version, now, options)) return 'failed';
  const provider = deps.providers[target.connection.provider];
  const { connectionId, connection } = target;
  const base = record ?? newRecord(appointmentId, body.businessId, connectionId, connection.staffId, connection.provider, now);
  // The record follows the connection it is written for (after a staff change it is new anyway).
  const current: CalendarSync = { ...base, staffId: connection.staffId, provider: connection.provider };
  if (!record) await writeSyncRecord(deps.db, current);
  if (!provider) {
    return fail(deps, current, version, new AppError('internal', `no provider '${target.connection.provider}' is configured`), options);
  }
  try {
    const result = await withInlineRetries(deps.retryPolicy, () =>
      provider.putEvent(target, { generation: current.generation, believedPresent: current.eventState === 'present', event: body }),
    );
    await writeSyncRecord(deps.db, {
      ...clearedError(current),
      providerEventId: result.providerEventId,
      generation: result.generation,
      eventState: 'present',
      syncStatus: 'synced',
      attemptedVersion: version,
      syncedVersion: version,
      syncedHash: hash,
      lastSyncAt: deps.clock(),
      updatedAt: deps.clock(),
    });
    deps.log.info('sync.event_written', { appointmentId, connectionId: target.connectionId, version });
    return 'written';
  } catch (error) {
    return fail(deps, current, version, error, options);
  }
}

async function removeFromConnection(deps: SyncDeps, record: CalendarSync, version: number, options: SyncOptions): Promise<Outcome> {
  const now = deps.clock();
  // Only a record that is `synced` and `absent` proves there is no event. A create that failed
  // (or a worker that died mid-call) may still have reached the provider: remove its id too.
  if (record.eventState === 'absent' && record.syncStatus === 'synced') return 'unchanged';
  const gone: CalendarSync = {
    ...clearedError(record),
    providerEventId: undefined,
    // The removed event's id is burnt (Google answers 409 on reuse): a later create uses the next one.
    generation: record.generation + 1,
    eventState: 'absent',
    syncStatus: 'synced',
    attemptedVersion: version,
    syncedVersion: version,
    syncedHash: undefined,
    lastSyncAt: now,
    updatedAt: now,
  };
  if (shouldWait(record, version, now, options)) return 'failed';
  const connection = await readConnection(deps.db, record.connectionId);
  if (!connection) {
    // The connection was deleted with its calendar access: nothing we can (or need to) remove.
    await writeSyncRecord(deps.db, gone);
    return 'removed';
  }
  if (connection.status !== 'active') {
    const reason = `calendar connection is ${connection.status}; the event could not be removed`;
    return fail(deps, record, version, new AppError('auth_revoked', reason), options);
  }
  const provider = deps.providers[connection.provider];
  if (!provider) return fail(deps, record, version, new AppError('internal', `no provider '${connection.provider}' is configured`), options);
  const eventId = record.providerEventId ?? provider.eventIdFor(record.connectionId, record.appointmentId, record.generation);
  try {
    const ref = { connectionId: record.connectionId, connection };
    await withInlineRetries(deps.retryPolicy, () => provider.removeEvent(ref, eventId));
    await writeSyncRecord(deps.db, gone);
    deps.log.info('sync.event_removed', { appointmentId: record.appointmentId, connectionId: record.connectionId });
    return 'removed';
  } catch (error) {
    return fail(deps, record, version, error, options);
  }
}

function clearedError(record: CalendarSync): CalendarSync {
  return { ...record, errorMessage: undefined, errorCode: undefined, nextRetryAt: undefined, retryCount: 0 };
}

/**
 * Records a failure: retryable ones become `error` with a scheduled retry until the budget is
 * spent; the rest, and the exhausted ones, become `failed` with one admin notification.
 */
async function fail(deps: SyncDeps, record: CalendarSync, version: number, error: unknown, options: SyncOptions): Promise<Outcome> {
  const now = deps.clock();
  const typed = error instanceof AppError ? error : new AppError('internal', error instanceof Error ? error.message : String(error), { cause: error });
  const retryCount = options.isRetry && record.syncStatus === 'error' ? record.retryCount + 1 : 0;
  const exhausted = retryCount >= deps.retryPolicy.maxScheduledRetries;
  const permanent = !typed.retryable || exhausted;
  const retryAfterMs = typed instanceof ProviderError ? typed.retryAfterMs : undefined;
  await writeSyncRecord(deps.db, {
    ...record,
    syncStatus: permanent ? 'failed' : 'error',
    errorCode: typed.code,
    errorMessage: permanent && exhausted && typed.retryable ? `${typed.message} (gave up after ${retryCount} retries)` : typed.message,
    retryCount,
    attemptedVersion: version,
    nextRetryAt: permanent ? undefined : nextRetryAt(deps.retryPolicy, now, retryCount + 1, deps.random, retryAfterMs),
    updatedAt: now,
  });
  if (permanent) {
    deps.log.warn('sync.failed', { appointmentId: record.appointmentId, connectionId: record.connectionId, code: typed.code, message: typed.message });
    await notifySyncFailed(deps, record, version, typed.message, typed.code);
  } else {
    deps.log.info('sync.retry_scheduled', { appointmentId: record.appointmentId, connectionId: record.connectionId, code: typed.code, retryCount });
  }
  return 'failed';
}

async function notifySyncFailed(deps: SyncDeps, record: CalendarSync, version: number, message: string, code: string): Promise<void> {
  // A revoked connection already sent its own "reconnect" mail; one per appointment would be spam.
  if (code === 'auth_revoked') return;
  await notifyAdmins(deps.db, deps.clock, {
    businessId: record.businessId,
    kind: 'sync_failed',
    dedupeKey: `sync-failed:${record.appointmentId}:${record.connectionId}:${version}`,
    subject: 'An appointment could not be synced to a calendar',
    text: `Appointment ${record.appointmentId} could not be synced (${record.provider ?? 'calendar'}): ${message}\nOpen the admin dashboard to resync it.`,
  });
}

async function recordInvalid(
  deps: SyncDeps,
  appointmentId: string,
  loaded: { reason: string; businessId?: string; staffId?: string },
  records: Map<string, CalendarSync>,
): Promise<void> {
  const now = deps.clock();
  const connections = loaded.businessId && loaded.staffId ? await activeConnectionsOfStaff(deps.db, loaded.businessId, loaded.staffId) : [];
  const failed = (record: CalendarSync): CalendarSync => ({
    ...record,
    syncStatus: 'failed',
    errorCode: 'invalid_document',
    errorMessage: `invalid appointment: ${loaded.reason}`,
    nextRetryAt: undefined,
    updatedAt: now,
  });
  const writes: CalendarSync[] = [...records.values()].map(failed);
  for (const { connectionId, connection } of connections) {
    if (!records.has(connectionId)) writes.push(failed(newRecord(appointmentId, loaded.businessId!, connectionId, connection.staffId, connection.provider, now)));
  }
  if (writes.length === 0) {
    writes.push(failed(newRecord(appointmentId, loaded.businessId ?? 'unknown', APPOINTMENT_LEVEL_CONNECTION, loaded.staffId, undefined, now)));
  }
  await Promise.all(writes.map((record) => writeSyncRecord(deps.db, record)));
  deps.log.warn('sync.invalid_appointment', { appointmentId, reason: loaded.reason });
}

function newRecord(
  appointmentId: string,
  businessId: string,
  connectionId: string,
  staffId: string | undefined,
  provider: ProviderId | undefined,
  now: Date,
): CalendarSync {
  return {
    businessId,
    appointmentId,
    connectionId,
    staffId,
    provider,
    generation: 0,
    eventState: 'absent',
    syncStatus: 'pending',
    retryCount: 0,
    attemptedVersion: 0,
    syncedVersion: 0,
    updatedAt: now,
  };
}
