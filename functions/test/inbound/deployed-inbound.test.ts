import '../../testing/firebase-functions-test-shim';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import functionsTest from 'firebase-functions-test';
import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../../src/model';
import { setDeployedEnvironment, storeSandboxTokens } from '../support/deployed-env';
import { startGoogleSandbox, type GoogleSandbox } from '../../sandbox/google';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';
import { seedSalon, type SalonFixture } from '../support/salon-fixture';
import { nextWeekday } from './inbound-fixture';

/**
 * The deployed inbound functions as Cloud Functions runs them: params and secrets from the
 * environment, the runtime built on first invocation, handlers loaded lazily. The sandbox's push
 * channel posts to an HTTP listener that hands the request to the exported `googleNotifications`.
 */
const fft = functionsTest({ projectId: 'demo-salon-sync' });
let firestore: TestFirestore;
let sandbox: GoogleSandbox;
let db: Firestore;
let salon: SalonFixture;
let server: Server;
const pending = new Set<Promise<unknown>>();
const key = randomBytes(32).toString('base64');
const loadIndex = () => require('../../src/index') as typeof import('../../src/index');

beforeAll(async () => {
  firestore = await startTestFirestore('demo-salon-sync');
  sandbox = await startGoogleSandbox();
  const app = express();
  app.all('/googleNotifications', (req, res) => {
    const handled = Promise.resolve(loadIndex().googleNotifications(req as never, res as never));
    pending.add(handled);
    void handled.finally(() => pending.delete(handled));
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  setDeployedEnvironment(sandbox, key, {
    GOOGLE_WEBHOOK_URL: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/googleNotifications`,
  });
  db = firestore.db();
  salon = await seedSalon(db, sandbox, { staffCount: 1 });
  await storeSandboxTokens(db, sandbox, salon, key);
});
afterAll(async () => {
  while (pending.size > 0) await Promise.allSettled([...pending]);
  fft.cleanup();
  await new Promise((resolve) => server.close(resolve));
  await sandbox.stop();
  await firestore.stop();
});

async function settle(): Promise<void> {
  for (;;) {
    const before = sandbox.notifications().length;
    await sandbox.flushNotifications();
    while (pending.size > 0) await Promise.allSettled([...pending]);
    if (sandbox.notifications().length === before) return;
  }
}

test('the deployed connection trigger opens a push channel and reads the calendar; the deployed webhook turns a stylist\'s edit into busy time', async () => {
  const { onCalendarConnectionWritten } = loadIndex();
  const connectionId = salon.connectionOf[salon.staffIds[0]!]!;
  await fft.wrap(onCalendarConnectionWritten)({ params: { connectionId } } as never);
  expect(sandbox.channels().filter((channel) => !channel.stopped)).toHaveLength(1);
  expect((await db.collection(COLLECTIONS.inboundSync).doc(connectionId).get()).get('lastSuccessAt')).toBeDefined();

  const date = nextWeekday(new Date(), 2, 1);
  sandbox.owner.createEvent(salon.calendarOf[salon.staffIds[0]!]!, {
    summary: 'Dentist',
    start: { dateTime: `${date}T10:00:00`, timeZone: 'Europe/Warsaw' },
    end: { dateTime: `${date}T11:00:00`, timeZone: 'Europe/Warsaw' },
  });
  await settle();
  expect(sandbox.notifications().filter((delivery) => delivery.meta.resourceState === 'exists').map((delivery) => delivery.status)).toContain(200);
  const busy = await db.collection(COLLECTIONS.externalBusy).where('connectionId', '==', connectionId).get();
  expect(busy.size).toBe(1);
});

test('the deployed channel renewal and calendar poll run on their schedules', async () => {
  const { renewChannels, pollCalendars } = loadIndex();
  const run = (fn: unknown, jobName: string) => (fn as { run(data: unknown): Promise<void> }).run({ scheduleTime: new Date().toISOString(), jobName });
  await expect(run(renewChannels, 'renewChannels')).resolves.toBeUndefined();
  await expect(run(pollCalendars, 'pollCalendars')).resolves.toBeUndefined();
});
