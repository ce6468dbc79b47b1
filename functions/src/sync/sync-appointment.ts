import { AppError, ProviderError } from '../errors';
import { APPOINTMENT_LEVEL_CONNECTION, isLive, type CalendarSync, type ProviderId } from '../model';
import { notifyAdmins } from '../notifications/admin-mail';
import type { AppointmentEventBody, ConnectionRef } from '../providers/types';
import { setSyncRecord, syncRecordsOfAppointment } from '../store/calendar-sync-store';
import { activeConnectionsOfStaff, readConnection } from '../store/connection-store';
import { abandonSyncLock, claimSyncLock, LeaseLostError, releaseSyncLock, renewSyncLease } from '../store/sync-lock-store';
import { appointmentEventBody, eventBodyHash } from './appointment-event';
import { loadAppointmentForSync, type LoadedAppointment } from './load-appointment';
import { nextRetryAt, withInlineRetries } from './retry-policy';
import type { SyncDeps } from './sync-deps';

export interface SyncOptions {
  /** A scheduled retry (counts against the retry budget of records that are due). */
  isRetry?: boolean;
  /** A manual resync or a reconnected calendar: failed and waiting records are tried now. */
  force?: boolean;
}

export interface SyncReport {
  outcome: 'done' | 'locked' | 'lease_lost';
  written: number;
  removed: number;
  unchanged: number;
  failed: number;
}

/** Rounds one lease may run when deliveries keep arriving while it is held. */
const MAX_ROUNDS = 5;
let syncCalls = 0;

/**
 * The lease of one sync call, fenced: every record write happens in a transaction that checks
 * the lease is still ours (and extends it), and the lease is renewed before each provider call.
 */
interface Lease {
  renew(): Promise<void>;
  write(record: CalendarSync): Promise<void>;
}

/**
 * Brings every connected calendar of an appointment's stylist in line with the appointment as
 * it is now in Firestore. Deliveries are at least once and out of order, so the trigger's payload
 * is never trusted: the current document is read under a per-appointment lease, and repeating a
 * sync converges instead of duplicating (deterministic event ids, body hashes).
 */
export async function syncAppointment(deps: SyncDeps, appointmentId: string, options: SyncOptions = {}): Promise<SyncReport> {
  const report: SyncReport = { outcome: 'done', written: 0, removed: 0, unchanged: 0, failed: 0 };
  // Unique per call: one instance serves many deliveries at once.
  const owner = `${deps.workerId}:${++syncCalls}`;
  const { db } = deps;
  if ((await claimSyncLock(db, appointmentId, owner, deps.clock(), deps.leaseMs)) === 'busy') {
    deps.log.info('sync.skipped_locked', { appointmentId });
    return { ...report, outcome: 'locked' };
  }
  const lease: Lease = {
    renew: () => renewSyncLease(db, appointmentId, owner, deps.clock(), deps.leaseMs),
    write: (record) => renewSyncLease(db, appointmentId, owner, deps.clock(), deps.leaseMs, (tx) => setSyncRecord(tx, db, record)),
  };
  try {
    let released = false;
    for (let round = 0; round < MAX_ROUNDS && !released; round += 1) {
      await reconcileOnce(deps, lease, appointmentId, round === 0 ? options : { force: options.force }, report);
      released = (await releaseSyncLock(db, appointmentId, owner, deps.clock(), deps.leaseMs)) === 'released';
    }
    // After MAX_ROUNDS the lease is kept (dirty) and expires; the retry sweep picks it up.
  } catch (error) {
    if (error instanceof LeaseLostError) {
      // Another worker took over an expired lease and syncs the current state: stop here.
      deps.log.warn('sync.skipped_locked', { appointmentId, reason: 'lease lost' });
      return { ...report, outcome: 'lease_lost' };
    }
    // Infrastructure failure: leave the lock expired and dirty so the sweep redoes the work even
    // if the platform's redelivery never comes.
    await abandonSyncLock(db, appointmentId, owner, deps.clock()).catch(() => undefined);
    throw error;
  }
  deps.log.info('sync.reconciled', { appointmentId, ...report });
  return report;
}

async function reconcileOnce(deps: SyncDeps, lease: Lease, appointmentId: string, options: SyncOptions, report: SyncReport): Promise<void> {
  const { db } = deps;
  const [loaded, records] = await Promise.all([loadAppointmentForSync(db, appointmentId), syncRecordsOfAppointment(db, appointmentId)]);

  // An invalid appointment makes no API call, unless it is cancelled: then its events still go.
  if (loaded.kind === 'invalid' && !loaded.cancelled) {
    await recordInvalid(deps, lease, appointmentId, loaded, records);
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
      const outcome = await putToConnection(deps, lease, appointment.version, body, target, records.get(target.connectionId), options);
      report[outcome] += 1;
    }
    const appointmentLevel = records.get(APPOINTMENT_LEVEL_CONNECTION);
    if (appointmentLevel && appointmentLevel.syncStatus !== 'synced') {
      await lease.write({ ...clearedError(appointmentLevel), syncStatus: 'synced', lastSyncAt: deps.clock(), updatedAt: deps.clock() });
    }
  }

  for (const record of records.values()) {
    if (record.connectionId === APPOINTMENT_LEVEL_CONNECTION || targetIds.has(record.connectionId)) continue;
    const outcome = await removeFromConnection(deps, lease, record, versionOf(loaded, record), options);
    report[outcome] += 1;
  }
}

function versionOf(loaded: LoadedAppointment, record: CalendarSync): number {
  if (loaded.kind === 'ok') return loaded.appointment.version;
  if (loaded.kind === 'invalid' && loaded.version !== undefined) return loaded.version;
  return Math.max(record.attemptedVersion, record.syncedVersion);
}

type Outcome = 'written' | 'removed' | 'unchanged' | 'failed';

/**
 * Whether a record should be left alone for now: a retry that is not due yet waits for its
 * schedule, and a put that failed for good waits for a new version or a forced resync.
 * Removals never wait for a `failed` put: taking an event away is a new intent.
 */
function shouldWait(record: CalendarSync | undefined, version: number, now: Date, options: SyncOptions, kind: 'put' | 'remove'): boolean {
  if (!record || options.force) return false;
  if (record.syncStatus === 'error') return !!record.nextRetryAt && record.nextRetryAt > now && record.attemptedVersion === version;
  return kind === 'put' && record.syncStatus === 'failed' && record.attemptedVersion === version;
}

async function putToConnection(
  deps: SyncDeps,
  lease: Lease,
  version: number,
  body: AppointmentEventBody,
  target: ConnectionRef,
  record: CalendarSync | undefined,
  options: SyncOptions,
): Promise<Outcome> {
  const now = deps.clock();
  const hash = eventBodyHash(body);
  if (record?.syncStatus === 'synced' && record.eventState === 'present' && record.syncedHash === hash) return 'unchanged';
  if (shouldWait(record, version, now, options, 'put')) return 'failed';
  const { connectionId, connection } = target;
  const base = record ?? newRecord(body.appointmentId, body.businessId, connectionId, connection.staffId, connection.provider, now);
  // The record follows the connection it is written for (after a staff change it is new anyway).
  const current: CalendarSync = { ...base, staffId: connection.staffId, provider: connection.provider };
  // A record exists before the call, so a crash mid-call leaves a trace the sweep finds.
  if (!record) await lease.write(current);
  const provider = deps.providers[connection.provider];
  if (!provider) return fail(deps, lease, current, version, new AppError('internal', `no provider '${connection.provider}' is configured`), options);
  try {
    await lease.renew();
    const result = await withInlineRetries(deps.retryPolicy, () =>
      provider.putEvent(target, { generation: current.generation, believedPresent: current.eventState === 'present', event: body }),
    );
    await lease.write({
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
    deps.log.info('sync.event_written', { appointmentId: body.appointmentId, connectionId, version });
    return 'written';
  } catch (error) {
    if (error instanceof LeaseLostError) throw error;
    return fail(deps, lease, current, version, error, options);
  }
}

async function removeFromConnection(deps: SyncDeps, lease: Lease, record: CalendarSync, version: number, options: SyncOptions): Promise<Outcome> {
  const now = deps.clock();
  // Only a record that is `synced` and `absent` proves there is no event. A create that failed
  // (or a worker that died mid-call) may still have reached the provider: remove its id too.
  if (record.eventState === 'absent' && record.syncStatus === 'synced') return 'unchanged';
  if (shouldWait(record, version, now, options, 'remove')) return 'failed';
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
  const connection = await readConnection(deps.db, record.connectionId);
  if (!connection) {
    // The connection was deleted with its calendar access: nothing we can (or need to) remove.
    await lease.write(gone);
    return 'removed';
  }
  if (connection.status !== 'active') {
    const reason = `calendar connection is ${connection.status}; the event could not be removed`;
    return fail(deps, lease, record, version, new AppError('auth_revoked', reason), options);
  }
  const provider = deps.providers[connection.provider];
  if (!provider) return fail(deps, lease, record, version, new AppError('internal', `no provider '${connection.provider}' is configured`), options);
  const eventId = record.providerEventId ?? provider.eventIdFor(record.connectionId, record.appointmentId, record.generation);
  try {
    await lease.renew();
    const ref = { connectionId: record.connectionId, connection };
    await withInlineRetries(deps.retryPolicy, () => provider.removeEvent(ref, eventId));
    await lease.write(gone);
    deps.log.info('sync.event_removed', { appointmentId: record.appointmentId, connectionId: record.connectionId });
    return 'removed';
  } catch (error) {
    if (error instanceof LeaseLostError) throw error;
    return fail(deps, lease, record, version, error, options);
  }
}

function clearedError(record: CalendarSync): CalendarSync {
  return { ...record, errorMessage: undefined, errorCode: undefined, nextRetryAt: undefined, retryCount: 0 };
}

/**
 * Records a failure: retryable ones become `error` with a scheduled retry until the budget is
 * spent; the rest, and the exhausted ones, become `failed` with one admin notification.
 */
async function fail(deps: SyncDeps, lease: Lease, record: CalendarSync, version: number, error: unknown, options: SyncOptions): Promise<Outcome> {
  const now = deps.clock();
  const typed = error instanceof AppError ? error : new AppError('internal', error instanceof Error ? error.message : String(error));
  // Only a due record's scheduled retry spends the budget (shouldWait holds back the others).
  const retryCount = options.isRetry && record.syncStatus === 'error' ? record.retryCount + 1 : 0;
  const exhausted = retryCount >= deps.retryPolicy.maxScheduledRetries;
  const permanent = !typed.retryable || exhausted;
  const retryAfterMs = typed instanceof ProviderError ? typed.retryAfterMs : undefined;
  // A put that moved to a newer id before failing may have created the event under that id.
  const reached = typed instanceof ProviderError ? typed.reachedGeneration : undefined;
  const moved = reached !== undefined && reached > record.generation;
  await lease.write({
    ...record,
    ...(moved ? { generation: reached, providerEventId: undefined } : {}),
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
    text:
      `Appointment ${record.appointmentId} could not be synced (${record.provider ?? 'calendar'}): ${message}\n` +
      'It is tried again when the appointment changes, when the calendar is reconnected, or on a manual resync.',
  });
}

async function recordInvalid(
  deps: SyncDeps,
  lease: Lease,
  appointmentId: string,
  loaded: Extract<LoadedAppointment, { kind: 'invalid' }>,
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
    attemptedVersion: loaded.version ?? record.attemptedVersion,
    updatedAt: now,
  });
  const writes: CalendarSync[] = [...records.values()].map(failed);
  for (const { connectionId, connection } of connections) {
    if (!records.has(connectionId)) writes.push(failed(newRecord(appointmentId, loaded.businessId!, connectionId, connection.staffId, connection.provider, now)));
  }
  if (writes.length === 0) {
    writes.push(failed(newRecord(appointmentId, loaded.businessId ?? 'unknown', APPOINTMENT_LEVEL_CONNECTION, loaded.staffId, undefined, now)));
  }
  for (const record of writes) await lease.write(record);
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
