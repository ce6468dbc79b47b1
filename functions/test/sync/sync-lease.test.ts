import type { Firestore } from 'firebase-admin/firestore';
import { claimSyncLock, LeaseLostError, releaseSyncLock, renewSyncLease } from '../../src/store/sync-lock-store';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';

let firestore: TestFirestore;
let db: Firestore;
beforeAll(async () => {
  firestore = await startTestFirestore();
  db = firestore.db();
});
afterAll(async () => firestore.stop());

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, seconds));

test('a holder whose lease expired and was taken over can neither write nor release (fencing)', async () => {
  expect(await claimSyncLock(db, 'a1', 'slow', at(0), 10_000)).toBe('claimed');
  expect(await claimSyncLock(db, 'a1', 'fast', at(5), 10_000)).toBe('busy');
  expect(await claimSyncLock(db, 'a1', 'fast', at(11), 10_000)).toBe('claimed');
  const written: string[] = [];
  await expect(renewSyncLease(db, 'a1', 'slow', at(12), 10_000, () => written.push('stale'))).rejects.toBeInstanceOf(LeaseLostError);
  expect(written).toEqual([]);
  expect(await releaseSyncLock(db, 'a1', 'slow', at(12), 10_000)).toBe('released');
  expect((await db.collection('syncLocks').doc('a1').get()).get('owner')).toBe('fast');
});

test('renewing extends the lease so that a long sync keeps it', async () => {
  expect(await claimSyncLock(db, 'a2', 'long', at(0), 10_000)).toBe('claimed');
  await renewSyncLease(db, 'a2', 'long', at(8), 10_000);
  expect(await claimSyncLock(db, 'a2', 'other', at(15), 10_000)).toBe('busy');
});

test('a delivery during the lease makes the holder run again before it releases', async () => {
  expect(await claimSyncLock(db, 'a3', 'holder', at(0), 10_000)).toBe('claimed');
  expect(await claimSyncLock(db, 'a3', 'late', at(1), 10_000)).toBe('busy');
  expect(await releaseSyncLock(db, 'a3', 'holder', at(2), 10_000)).toBe('again');
  expect(await releaseSyncLock(db, 'a3', 'holder', at(3), 10_000)).toBe('released');
  expect((await db.collection('syncLocks').doc('a3').get()).exists).toBe(false);
});
