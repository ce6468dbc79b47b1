import '../../testing/firebase-functions-test-shim';
import { randomBytes } from 'node:crypto';
import functionsTest from 'firebase-functions-test';
import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../src/model';
import { startGoogleSandbox, type GoogleSandbox } from '../../sandbox/google';
import { setDeployedEnvironment, storeSandboxTokens } from '../support/deployed-env';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';
import { seedSalon, type SalonFixture } from '../support/salon-fixture';

/**
 * The deployed functions as Cloud Functions runs them: params and secrets from the
 * environment, the runtime built on first invocation, the handler loaded lazily.
 */
const fft = functionsTest({ projectId: 'demo-salon-sync' });
let firestore: TestFirestore;
let sandbox: GoogleSandbox;
let db: Firestore;
let salon: SalonFixture;
const key = randomBytes(32).toString('base64');
/** The entry module as Cloud Functions loads it (a plain require, after the environment is set). */
const loadIndex = () => require('../../src/index') as typeof import('../../src/index');

beforeAll(async () => {
  firestore = await startTestFirestore('demo-salon-sync');
  sandbox = await startGoogleSandbox();
  setDeployedEnvironment(sandbox, key);
  db = firestore.db();
  salon = await seedSalon(db, sandbox, { staffCount: 1 });
  await storeSandboxTokens(db, sandbox, salon, key);
});
afterAll(async () => {
  fft.cleanup();
  await sandbox.stop();
  await firestore.stop();
});

test('the deployed appointment trigger syncs the written appointment to the stylist calendar', async () => {
  const { onAppointmentWritten } = loadIndex();
  await db.collection(COLLECTIONS.appointments).doc('deployed-1').set({
    businessId: salon.businessId,
    staffId: salon.staffIds[0],
    serviceId: salon.serviceId,
    start: new Date('2026-12-07T10:00:00Z'),
    end: new Date('2026-12-07T10:45:00Z'),
    status: 'booked',
    customer: { name: 'Zofia Wrona' },
    notes: '',
    version: 1,
  });
  await fft.wrap(onAppointmentWritten)({ params: { appointmentId: 'deployed-1' } } as never);
  const events = sandbox.owner.listEvents(salon.calendarOf[salon.staffIds[0]!]!);
  expect(events.map((event) => event.summary)).toEqual(['Haircut – Zofia Wrona']);
  expect((await db.collection(COLLECTIONS.calendarSync).doc(`deployed-1__${salon.connectionOf[salon.staffIds[0]!]}`).get()).get('syncStatus')).toBe('synced');
});

test('the deployed retry sweep runs on its schedule', async () => {
  const { retrySyncs } = loadIndex();
  await expect((retrySyncs as unknown as { run(data: unknown): Promise<void> }).run({ scheduleTime: new Date().toISOString(), jobName: 'retrySyncs' })).resolves.toBeUndefined();
});

test('a deployed function with a bad secret fails naming the setting, not its value', async () => {
  jest.resetModules();
  const saved = process.env.TOKEN_ENCRYPTION_KEY;
  process.env.TOKEN_ENCRYPTION_KEY = 'too-short';
  try {
    const { onAppointmentWritten } = loadIndex();
    await expect(fft.wrap(onAppointmentWritten)({ params: { appointmentId: 'deployed-1' } } as never)).rejects.toThrow(
      'Invalid configuration tokenEncryptionKey: must be base64 of exactly 32 bytes',
    );
  } finally {
    process.env.TOKEN_ENCRYPTION_KEY = saved;
  }
});
