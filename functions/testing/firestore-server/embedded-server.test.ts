import { deferred } from './conformance/conformance-firestore';
import { startTestFirestore, type TestFirestore } from './harness';

/**
 * What the embedded server adds beyond Firestore semantics (the conformance suite covers those):
 * loopback only, a fast reset that also ends open transactions, and a lock wait that cannot hang.
 * These are properties of our server, so this file always starts it, even when an external
 * emulator is configured.
 */
const ABORTED = 10;

let firestore: TestFirestore;
beforeAll(async () => {
  firestore = await startTestFirestore('demo-salon-sync', { server: 'embedded', lockTimeoutMs: 300 });
});
afterAll(async () => {
  await firestore.stop();
});

describe('the embedded Firestore server', () => {
  test('listens on the loopback address only', () => {
    expect(firestore.server).toBe('embedded');
    expect(firestore.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  test('a transaction blocked by one that never finishes fails with ABORTED after the lock timeout', async () => {
    const db = firestore.db();
    const doc = db.doc('leases/job');
    await doc.set({ owner: 'none' });
    const hasRead = deferred();
    const release = deferred();
    const holder = db.runTransaction(async (tx) => {
      await tx.get(doc);
      hasRead.resolve();
      await release.promise; // holds the lock until the test lets go
    });
    await hasRead.promise;

    const blocked = db.runTransaction(async (tx) => tx.get(doc), { maxAttempts: 1 });

    await expect(blocked).rejects.toMatchObject({ code: ABORTED });
    release.resolve();
    await holder;
  });

  test('reset() empties the database and aborts open transactions', async () => {
    const db = firestore.db();
    const doc = db.doc('items/a');
    await doc.set({ v: 1 });
    const hasRead = deferred();
    const reset = deferred();
    let attempts = 0;
    const transaction = db.runTransaction(
      async (tx) => {
        attempts += 1;
        const snapshot = await tx.get(doc);
        if (attempts === 1) {
          hasRead.resolve();
          await reset.promise;
        }
        tx.set(doc, { v: (snapshot.get('v') as number | undefined) ?? 0 });
      },
      { maxAttempts: 2 },
    );
    await hasRead.promise;

    await firestore.reset();
    reset.resolve();

    // The first attempt's commit is refused; the retry starts from the empty database.
    await transaction;
    expect(attempts).toBe(2);
    expect((await doc.get()).data()).toEqual({ v: 0 });
  });
});
