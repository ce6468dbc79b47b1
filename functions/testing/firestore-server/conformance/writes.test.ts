import { FieldPath, FieldValue, Timestamp } from 'firebase-admin/firestore';
import { useConformanceFirestore } from './conformance-firestore';

/** Writes: atomic batches, preconditions, replace vs merge, deletes and server-side transforms. */
const conformance = useConformanceFirestore('writes');

const GRPC_NOT_FOUND = 5;
const GRPC_ALREADY_EXISTS = 6;
const GRPC_FAILED_PRECONDITION = 9;

test('a batch whose last write fails a precondition leaves no trace', async () => {
  const db = conformance.db();
  const other = db.doc('events/other');
  const existing = db.doc('events/existing');
  await other.set({ v: 1 });
  await existing.set({ v: 1 });

  const batch = db.batch();
  batch.set(db.doc('events/new'), { v: 1 });
  batch.update(other, { v: 2 });
  batch.create(existing, { v: 3 });

  await expect(batch.commit()).rejects.toMatchObject({ code: GRPC_ALREADY_EXISTS });
  expect((await db.doc('events/new').get()).exists).toBe(false);
  expect((await other.get()).data()).toEqual({ v: 1 });
  expect((await existing.get()).data()).toEqual({ v: 1 });
});

test('create() fails with ALREADY_EXISTS when the document exists and leaves it unchanged', async () => {
  const db = conformance.db();
  const event = db.doc('providerEvents/appointment-1');
  await event.create({ eventId: 'first' });

  await expect(event.create({ eventId: 'second' })).rejects.toMatchObject({ code: GRPC_ALREADY_EXISTS });
  expect((await event.get()).get('eventId')).toBe('first');
});

test('update() of a missing document fails with NOT_FOUND and creates nothing', async () => {
  const db = conformance.db();
  const missing = db.doc('items/missing');

  await expect(missing.update({ v: 1 })).rejects.toMatchObject({ code: GRPC_NOT_FOUND });
  expect((await missing.get()).exists).toBe(false);
});

test('delete() with an exists precondition fails with NOT_FOUND on a missing document', async () => {
  const db = conformance.db();
  await expect(db.doc('items/missing').delete({ exists: true })).rejects.toMatchObject({ code: GRPC_NOT_FOUND });
});

test('a lastUpdateTime precondition passes with the current update time and fails with a stale one', async () => {
  const db = conformance.db();
  const lease = db.doc('leases/job-1');
  await lease.set({ owner: 'a' });
  const stale = (await lease.get()).updateTime!;
  await lease.update({ owner: 'b' }, { lastUpdateTime: stale });
  const current = (await lease.get()).updateTime!;

  await expect(lease.update({ owner: 'c' }, { lastUpdateTime: stale })).rejects.toMatchObject({ code: GRPC_FAILED_PRECONDITION });
  await expect(lease.delete({ lastUpdateTime: stale })).rejects.toMatchObject({ code: GRPC_FAILED_PRECONDITION });
  expect((await lease.get()).get('owner')).toBe('b');
  await lease.delete({ lastUpdateTime: current });
  expect((await lease.get()).exists).toBe(false);
});

test('set() without merge replaces the whole document', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ keep: 1, nested: { x: 1, y: 2 } });

  await doc.set({ nested: { x: 3 } });

  expect((await doc.get()).data()).toEqual({ nested: { x: 3 } });
});

test('set() with merge merges nested maps and leaves other fields alone', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ keep: 1, nested: { x: 1, y: 2 } });

  await doc.set({ nested: { x: 3, z: 4 }, added: true }, { merge: true });

  expect((await doc.get()).data()).toEqual({ keep: 1, nested: { x: 3, y: 2, z: 4 }, added: true });
});

test('update() with nested field paths changes only the named leaves', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ address: { city: 'Berlin', zip: '10115' }, 'dotted.key': 1 });

  await doc.update({ 'address.city': 'Hamburg', 'address.street': 'Elbchaussee' });
  await doc.update(new FieldPath('dotted.key'), 2);

  expect((await doc.get()).data()).toEqual({ address: { city: 'Hamburg', zip: '10115', street: 'Elbchaussee' }, 'dotted.key': 2 });
});

test('FieldValue.delete() removes fields in update, in set-merge and at nested paths', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ a: 1, b: 2, c: 3, nested: { x: 1, y: 2 } });

  await doc.update({ a: FieldValue.delete(), 'nested.x': FieldValue.delete() });
  await doc.set({ b: FieldValue.delete() }, { merge: true });

  expect((await doc.get()).data()).toEqual({ c: 3, nested: { y: 2 } });
});

test('one write applies serverTimestamp, increment and arrayUnion together', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ count: 1, tags: ['a'] });

  const result = await doc.update({
    touchedAt: FieldValue.serverTimestamp(),
    count: FieldValue.increment(2),
    tags: FieldValue.arrayUnion('a', 'b'),
  });

  const data = (await doc.get()).data()!;
  expect(data.count).toBe(3);
  expect(data.tags).toEqual(['a', 'b']);
  expect(data.touchedAt).toBeInstanceOf(Timestamp);
  expect((data.touchedAt as Timestamp).isEqual(result.writeTime)).toBe(true);
});

test('arrayUnion on a missing field creates the array and arrayRemove removes every equal element', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ other: true });

  await doc.update({ tags: FieldValue.arrayUnion('x', 'y', 'x') });
  expect((await doc.get()).get('tags')).toEqual(['x', 'y']);

  await doc.update({ tags: FieldValue.arrayUnion('z') });
  await doc.update({ tags: FieldValue.arrayRemove('x', 'z') });
  expect((await doc.get()).get('tags')).toEqual(['y']);
});

test('transforms on nested field paths change only their leaves', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  await doc.set({ stats: { visits: 1, label: 'kept' } });

  await doc.update({ 'stats.visits': FieldValue.increment(1), 'stats.lastVisit': FieldValue.serverTimestamp() });
  await doc.set({ stats: { tags: FieldValue.arrayUnion('vip') }, counters: { n: FieldValue.increment(5) } }, { merge: true });

  const data = (await doc.get()).data()!;
  expect(data.stats.visits).toBe(2);
  expect(data.stats.label).toBe('kept');
  expect(data.stats.lastVisit).toBeInstanceOf(Timestamp);
  expect(data.stats.tags).toEqual(['vip']);
  expect(data.counters).toEqual({ n: 5 });
});

test('set() of a new document applies its transforms', async () => {
  const db = conformance.db();
  const doc = db.doc('items/new');

  await doc.set({ name: 'n', createdAt: FieldValue.serverTimestamp(), hits: FieldValue.increment(1) });

  const data = (await doc.get()).data()!;
  expect(data.name).toBe('n');
  expect(data.hits).toBe(1);
  expect(data.createdAt).toBeInstanceOf(Timestamp);
});

test('recursiveDelete (BulkWriter) removes a document together with its subcollections', async () => {
  const db = conformance.db();
  await db.doc('businesses/b1').set({ name: 'Salon' });
  await db.doc('businesses/b1/staff/ann').set({ name: 'Ann' });
  await db.doc('businesses/b1/staff/ann/days/2025-03-03').set({ open: true });
  await db.doc('businesses/b2').set({ name: 'Other' });

  await db.recursiveDelete(db.doc('businesses/b1'));

  expect((await db.doc('businesses/b1').get()).exists).toBe(false);
  expect((await db.collectionGroup('days').get()).size).toBe(0);
  expect((await db.collectionGroup('staff').get()).size).toBe(0);
  expect((await db.doc('businesses/b2').get()).exists).toBe(true);
});
