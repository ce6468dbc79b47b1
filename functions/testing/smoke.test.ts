import { startTestFirestore, type TestFirestore } from './firestore-server/harness';
import pRetry from 'p-retry';

let fs: TestFirestore;
beforeAll(async () => { fs = await startTestFirestore(); });
afterAll(async () => fs.stop());

test('firebase-admin reads back what it wrote through the harness', async () => {
  const db = fs.db();
  await db.doc('a/b').set({ x: 1 });
  expect((await db.doc('a/b').get()).data()).toEqual({ x: 1 });
  await fs.reset();
  expect((await db.doc('a/b').get()).exists).toBe(false);
});

test('ESM-only p-retry loads under jest', async () => {
  let calls = 0;
  const value = await pRetry(async () => { calls += 1; if (calls < 2) throw new Error('once'); return 5; }, { retries: 2, minTimeout: 1 });
  expect([value, calls]).toEqual([5, 2]);
});
