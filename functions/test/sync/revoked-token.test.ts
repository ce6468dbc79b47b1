import type { Firestore } from 'firebase-admin/firestore';
import { memoryLog } from '../../src/logs';
import { COLLECTIONS, type Appointment } from '../../src/model';
import { saveTokens } from '../../src/oauth';
import { buildRuntime } from '../../src/runtime';
import { retryDueSyncs } from '../../src/sync/retry-sweep';
import { syncAppointment } from '../../src/sync/sync-appointment';
import { handleConnectionWritten } from '../../src/triggers/on-connection-written';
import type { GoogleSandbox } from '../../sandbox/google';
import type { SalonFixture } from '../support/salon-fixture';
import { useSalonWorld } from '../support/salon-world';
import { sandboxConfig } from '../support/sandbox-config';
import { FAST_RETRY_POLICY, offsetClock } from '../support/sync-deps';

const world = useSalonWorld({ staffCount: 1 });
let db: Firestore;
let sandbox: GoogleSandbox;
let salon: SalonFixture;
beforeAll(() => {
  ({ db, sandbox, salon } = world);
});

test('a revoked refresh token ends in needs_reauth with one admin mail and no retry storm, and reconnecting catches up', async () => {
  const time = offsetClock();
  const log = memoryLog();
  const app = buildRuntime(sandboxConfig(sandbox), { db, clock: time.clock, log, verifyIdToken: async () => ({}) as never });
  app.sync.retryPolicy = FAST_RETRY_POLICY;
  const staffId = salon.staffIds[0]!;
  const connectionId = salon.connectionOf[staffId]!;
  const issued = sandbox.issueTokens(salon.calendarOf[staffId]!);
  // The access token has expired, so the first call must refresh; the grant is then revoked.
  await saveTokens(app.oauth, { connectionId, businessId: salon.businessId, provider: 'google' }, {
    refreshToken: issued.refreshToken!,
    accessToken: issued.accessToken,
    accessTokenExpiresAt: time.clock().getTime() - 1000,
  });
  sandbox.revokeRefreshToken(issued.refreshToken!);
  sandbox.resetRequestCounts();

  const start = Date.parse('2026-12-04T09:00:00Z');
  for (let index = 0; index < 10; index += 1) {
    const appointment: Appointment = {
      businessId: salon.businessId, staffId, serviceId: salon.serviceId,
      start: new Date(start + index * 3_600_000), end: new Date(start + index * 3_600_000 + 2_700_000),
      status: 'booked', customer: { name: `Customer ${index}` }, notes: '', version: 1,
    };
    await db.collection(COLLECTIONS.appointments).doc(`r${index}`).set(appointment);
  }
  await Promise.all(Array.from({ length: 10 }, (_, index) => syncAppointment(app.sync, `r${index}`)));
  for (let round = 0; round < 5; round += 1) {
    time.advance(60 * 60_000);
    await retryDueSyncs(app.sync);
    await Promise.all(Array.from({ length: 10 }, (_, index) => syncAppointment(app.sync, `r${index}`)));
  }

  const connection = (await db.collection(COLLECTIONS.calendarConnections).doc(connectionId).get()).data();
  expect(connection).toMatchObject({ status: 'needs_reauth' });
  const mails = (await db.collection(COLLECTIONS.mail).get()).docs.map((doc) => doc.data());
  expect(mails).toHaveLength(1);
  expect(mails[0]).toMatchObject({ to: ['owner@studio.test'], kind: 'calendar_reauth_required' });
  // One refresh attempt (concurrent callers share it), then nothing: not the token endpoint, not Calendar.
  expect(sandbox.requestCounts()['oauth.token']).toBe(1);
  expect(Object.keys(sandbox.requestCounts()).filter((name) => name.startsWith('calendar.'))).toEqual([]);
  const records = (await db.collection(COLLECTIONS.calendarSync).get()).docs.map((doc) => doc.data());
  expect(records).toHaveLength(10);
  for (const record of records) expect(record).toMatchObject({ syncStatus: 'failed', errorCode: 'auth_revoked' });
  expect(JSON.stringify(log.entries)).not.toContain(issued.refreshToken!);
  expect(JSON.stringify(log.entries)).not.toContain(issued.accessToken);

  // The stylist reconnects: the connection turns active and catches up on all it missed.
  const fresh = sandbox.issueTokens(salon.calendarOf[staffId]!);
  await saveTokens(app.oauth, { connectionId, businessId: salon.businessId, provider: 'google' }, {
    refreshToken: fresh.refreshToken!,
    accessToken: fresh.accessToken,
    accessTokenExpiresAt: time.clock().getTime() + 3_000_000,
  });
  app.tokens.forget(connectionId);
  const before = connection;
  await db.collection(COLLECTIONS.calendarConnections).doc(connectionId).update({ status: 'active' });
  const after = (await db.collection(COLLECTIONS.calendarConnections).doc(connectionId).get()).data();
  await handleConnectionWritten(() => app.sync, log)({ connectionId, before, after });
  const events = sandbox.owner.listEvents(salon.calendarOf[staffId]!).filter((event) => event.status !== 'cancelled');
  expect(events).toHaveLength(10);
  const resynced = (await db.collection(COLLECTIONS.calendarSync).get()).docs.map((doc) => doc.get('syncStatus'));
  expect(resynced).toEqual(Array(10).fill('synced'));
});
