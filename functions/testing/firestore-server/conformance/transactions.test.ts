import { FieldValue, type Timestamp } from 'firebase-admin/firestore';
import { deferred, delay, useConformanceFirestore } from './conformance-firestore';

/**
 * Transactions are serializable: what a transaction read is still true when it commits, and
 * runTransaction retries when the server aborts it. Our booking, idempotency, OAuth-state and
 * lease guarantees rest on exactly this.
 */
const conformance = useConformanceFirestore('transactions');

const GRPC_ALREADY_EXISTS = 6;

const isAfter = (a: Timestamp, b: Timestamp): boolean => a.valueOf() > b.valueOf();

test('20 concurrent transactions incrementing one counter end at 20', async () => {
  const db = conformance.db();
  const counter = db.doc('counters/bookings');
  await counter.set({ n: 0 });

  await Promise.all(
    Array.from({ length: 20 }, () =>
      db.runTransaction(async (tx) => {
        const snapshot = await tx.get(counter);
        tx.update(counter, { n: (snapshot.get('n') as number) + 1 });
      }),
    ),
  );

  expect((await counter.get()).get('n')).toBe(20);
});

test('20 concurrent transactions that insert only when no overlapping booking exists insert exactly one', async () => {
  const db = conformance.db();
  const bookings = db.collection('bookings');

  // Each wants [600 + i, 660 + i): every pair overlaps, so exactly one may be booked.
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      db.runTransaction(async (tx) => {
        const start = 600 + i;
        const end = 660 + i;
        const candidates = await tx.get(bookings.where('start', '<', end));
        if (candidates.docs.some((doc) => (doc.get('end') as number) > start)) return false;
        tx.create(bookings.doc(), { start, end });
        return true;
      }),
    ),
  );

  expect(outcomes.filter(Boolean)).toHaveLength(1);
  expect((await bookings.get()).size).toBe(1);
});

test('of 20 concurrent transactions consuming one single-use token, exactly one succeeds', async () => {
  const db = conformance.db();
  const token = db.doc('oauthStates/state-1');
  await token.set({ verifier: 'v' });

  const consumed = await Promise.all(
    Array.from({ length: 20 }, () =>
      db.runTransaction(async (tx) => {
        const snapshot = await tx.get(token);
        if (!snapshot.exists) return false;
        tx.delete(token);
        return true;
      }),
    ),
  );

  expect(consumed.filter(Boolean)).toHaveLength(1);
});

test('a write from outside a transaction between its read and its commit is not lost', async () => {
  const db = conformance.db();
  const account = db.doc('accounts/a');
  await account.set({ balance: 0 });
  let outsideWrite: Promise<unknown> | undefined;

  await db.runTransaction(async (tx) => {
    const snapshot = await tx.get(account);
    if (!outsideWrite) {
      outsideWrite = account.update({ balance: FieldValue.increment(100) });
      await delay(200); // let the outside write reach the server before this transaction commits
    }
    tx.update(account, { balance: (snapshot.get('balance') as number) + 1 });
  });
  await outsideWrite;

  expect((await account.get()).get('balance')).toBe(101);
});

test('runTransaction retries the loser of a deadlock and both transactions take effect', async () => {
  const db = conformance.db();
  const a = db.doc('pairs/a');
  const b = db.doc('pairs/b');
  await a.set({ n: 0 });
  await b.set({ n: 0 });
  const firstHasReadA = deferred();
  const secondHasReadB = deferred();
  let attempts = 0;

  // First reads a then b, second reads b then a, interleaved so that each holds what the other wants.
  const first = db.runTransaction(async (tx) => {
    attempts += 1;
    const sa = await tx.get(a);
    firstHasReadA.resolve();
    await secondHasReadB.promise;
    const sb = await tx.get(b);
    tx.update(a, { n: (sa.get('n') as number) + 1 });
    tx.update(b, { n: (sb.get('n') as number) + 1 });
  });
  const second = db.runTransaction(async (tx) => {
    attempts += 1;
    await firstHasReadA.promise;
    const sb = await tx.get(b);
    secondHasReadB.resolve();
    const sa = await tx.get(a);
    tx.update(a, { n: (sa.get('n') as number) + 1 });
    tx.update(b, { n: (sb.get('n') as number) + 1 });
  });
  await Promise.all([first, second]);

  expect([(await a.get()).get('n'), (await b.get()).get('n')]).toEqual([2, 2]);
  expect(attempts).toBeGreaterThan(2);
});

test('a query read in a transaction conflicts with a concurrent insert into its results', async () => {
  const db = conformance.db();
  const slots = db.collection('slots');
  let intruder: Promise<unknown> | undefined;

  await db.runTransaction(async (tx) => {
    const taken = await tx.get(slots.where('day', '==', 'mon'));
    if (!intruder) {
      intruder = slots.doc('intruder').create({ day: 'mon' });
      await delay(200); // let the insert reach the server before this transaction commits
    }
    if (taken.empty) tx.create(slots.doc('mine'), { day: 'mon' });
  });
  await intruder;

  // Serializable outcomes only: the transaction saw the intruder and wrote nothing, or the
  // intruder was inserted after the transaction committed.
  const mine = await slots.doc('mine').get();
  const inserted = await slots.doc('intruder').get();
  if (mine.exists) expect(isAfter(inserted.createTime!, mine.createTime!)).toBe(true);
});

test('a transaction whose last write fails a precondition leaves no trace', async () => {
  const db = conformance.db();
  const other = db.doc('items/other');
  const existing = db.doc('items/existing');
  await other.set({ v: 1 });
  await existing.set({ v: 1 });

  const failing = db.runTransaction(async (tx) => {
    await tx.get(other);
    tx.set(db.doc('items/new'), { v: 1 });
    tx.update(other, { v: 2 });
    tx.create(existing, { v: 3 });
  });

  await expect(failing).rejects.toMatchObject({ code: GRPC_ALREADY_EXISTS });
  expect((await db.doc('items/new').get()).exists).toBe(false);
  expect((await other.get()).data()).toEqual({ v: 1 });
  expect((await existing.get()).data()).toEqual({ v: 1 });
});

test('a transaction whose callback throws writes nothing', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ v: 1 });

  const failing = db.runTransaction(async (tx) => {
    await tx.get(doc);
    tx.update(doc, { v: 2 });
    throw new Error('changed my mind');
  });

  await expect(failing).rejects.toThrow('changed my mind');
  expect((await doc.get()).get('v')).toBe(1);
});

test('tx.get(query) and tx.getAll read the current documents inside a transaction', async () => {
  const db = conformance.db();
  await db.doc('staff/ann').set({ active: true });
  await db.doc('staff/bob').set({ active: false });

  const seen = await db.runTransaction(async (tx) => {
    const active = await tx.get(db.collection('staff').where('active', '==', true));
    const [ann, bob, carl] = await tx.getAll(db.doc('staff/ann'), db.doc('staff/bob'), db.doc('staff/carl'));
    return { active: active.docs.map((d) => d.id), exists: [ann!.exists, bob!.exists, carl!.exists] };
  });

  expect(seen).toEqual({ active: ['ann'], exists: [true, true, false] });
});

test('a read-only transaction reads documents and queries', async () => {
  const db = conformance.db();
  await db.doc('staff/ann').set({ active: true });

  const seen = await db.runTransaction(
    async (tx) => {
      const ann = await tx.get(db.doc('staff/ann'));
      const active = await tx.get(db.collection('staff').where('active', '==', true));
      return [ann.exists, active.size];
    },
    { readOnly: true },
  );

  expect(seen).toEqual([true, 1]);
});
