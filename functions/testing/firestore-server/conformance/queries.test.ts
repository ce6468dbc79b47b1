import { AggregateField, FieldPath, FieldValue, Filter, GeoPoint, Timestamp, type Firestore, type Query } from 'firebase-admin/firestore';
import { useConformanceFirestore } from './conformance-firestore';

/** Queries: ordering, cursors, filters of every kind, aggregation and multi-document reads. */
const conformance = useConformanceFirestore('queries');

async function ids(query: Query): Promise<string[]> {
  return (await query.get()).docs.map((doc) => doc.id);
}

async function seed(db: Firestore, collection: string, docs: Record<string, object>): Promise<void> {
  for (const [id, data] of Object.entries(docs)) await db.collection(collection).doc(id).set(data);
}

test('results come back ordered by document id when no order is given', async () => {
  const db = conformance.db();
  await seed(db, 'staff', { carl: {}, ann: {}, bob: {} });

  expect(await ids(db.collection('staff'))).toEqual(['ann', 'bob', 'carl']);
});

test('orderBy with limit returns the first results in order, limitToLast the last ones', async () => {
  const db = conformance.db();
  await seed(db, 'slots', { a: { at: 3 }, b: { at: 1 }, c: { at: 4 }, d: { at: 2 } });

  expect(await ids(db.collection('slots').orderBy('at').limit(2))).toEqual(['b', 'd']);
  expect(await ids(db.collection('slots').orderBy('at', 'desc').limit(2))).toEqual(['c', 'a']);
  expect(await ids(db.collection('slots').orderBy('at').limitToLast(2))).toEqual(['a', 'c']);
});

test('orderBy leaves out documents that lack the field', async () => {
  const db = conformance.db();
  await seed(db, 'slots', { a: { at: 2 }, b: { other: true }, c: { at: 1 } });

  expect(await ids(db.collection('slots').orderBy('at'))).toEqual(['c', 'a']);
});

test('startAt, startAfter, endAt and endBefore cut the ordered results', async () => {
  const db = conformance.db();
  await seed(db, 'slots', { a: { at: 1 }, b: { at: 2 }, c: { at: 3 }, d: { at: 4 }, e: { at: 5 } });
  const ordered = db.collection('slots').orderBy('at');

  expect(await ids(ordered.startAt(2).endAt(4))).toEqual(['b', 'c', 'd']);
  expect(await ids(ordered.startAfter(2).endBefore(4))).toEqual(['c']);
  expect(await ids(db.collection('slots').orderBy('at', 'desc').startAfter(4))).toEqual(['c', 'b', 'a']);
});

test('startAfter a document snapshot pages through ties by document id', async () => {
  const db = conformance.db();
  await seed(db, 'slots', { a: { day: 1 }, b: { day: 1 }, c: { day: 1 }, d: { day: 2 } });
  const byDay = db.collection('slots').orderBy('day');

  const firstPage = await byDay.limit(2).get();
  const lastOfFirst = firstPage.docs[firstPage.docs.length - 1]!;

  expect(firstPage.docs.map((d) => d.id)).toEqual(['a', 'b']);
  expect(await ids(byDay.startAfter(lastOfFirst).limit(2))).toEqual(['c', 'd']);
});

test('offset skips the first results', async () => {
  const db = conformance.db();
  await seed(db, 'slots', { a: { at: 1 }, b: { at: 2 }, c: { at: 3 }, d: { at: 4 } });

  expect(await ids(db.collection('slots').orderBy('at').offset(1).limit(2))).toEqual(['b', 'c']);
});

test('integers and doubles compare by value, so 1 equals 1.0', async () => {
  const db = conformance.db();
  await seed(db, 'numbers', { int1: { n: 1 }, oneAndHalf: { n: 1.5 }, int2: { n: 2 } });
  // JavaScript cannot write 1.0 as a double; two increments of 0.5 store the double 1.0.
  await db.doc('numbers/double1').set({ n: FieldValue.increment(0.5) });
  await db.doc('numbers/double1').update({ n: FieldValue.increment(0.5) });

  expect(await ids(db.collection('numbers').where('n', '==', 1))).toEqual(['double1', 'int1']);
  expect(await ids(db.collection('numbers').where('n', 'in', [1, 2]))).toEqual(['double1', 'int1', 'int2']);
  expect(await ids(db.collection('numbers').where('n', '<', 2))).toEqual(['double1', 'int1', 'oneAndHalf']);
  expect(await ids(db.collection('numbers').orderBy('n', 'desc'))).toEqual(['int2', 'oneAndHalf', 'int1', 'double1']);
});

test('ordering across types follows Firestore type order', async () => {
  const db = conformance.db();
  await seed(db, 'mixed', {
    a_map: { v: { k: 1 } },
    b_array: { v: [1] },
    c_geo: { v: new GeoPoint(1, 1) },
    d_ref: { v: db.doc('x/y') },
    e_bytes: { v: Buffer.from([1]) },
    f_string: { v: 'text' },
    g_time: { v: Timestamp.fromMillis(0) },
    h_number: { v: 3 },
    i_bool: { v: true },
    j_null: { v: null },
  });

  expect(await ids(db.collection('mixed').orderBy('v'))).toEqual([
    'j_null',
    'i_bool',
    'h_number',
    'g_time',
    'f_string',
    'e_bytes',
    'd_ref',
    'c_geo',
    'b_array',
    'a_map',
  ]);
});

test('range filters match only values of the same type', async () => {
  const db = conformance.db();
  await seed(db, 'mixed', { number: { v: 5 }, text: { v: 'five' }, nothing: { v: null } });

  expect(await ids(db.collection('mixed').where('v', '>', 0))).toEqual(['number']);
  expect(await ids(db.collection('mixed').where('v', '>=', ''))).toEqual(['text']);
});

test('== null matches null fields only and != null the others that have the field', async () => {
  const db = conformance.db();
  await seed(db, 'items', { isNull: { v: null }, hasValue: { v: 1 }, lacksField: { other: 1 } });

  expect(await ids(db.collection('items').where('v', '==', null))).toEqual(['isNull']);
  expect(await ids(db.collection('items').where('v', '!=', null))).toEqual(['hasValue']);
});

test('documentId() in returns exactly the named documents', async () => {
  const db = conformance.db();
  await seed(db, 'staff', { ann: {}, bob: {}, carl: {} });

  expect(await ids(db.collection('staff').where(FieldPath.documentId(), 'in', ['carl', 'ann', 'zoe']))).toEqual(['ann', 'carl']);
  expect(await ids(db.collection('staff').where(FieldPath.documentId(), '>', 'ann'))).toEqual(['bob', 'carl']);
});

test('filters and ordering work on nested fields', async () => {
  const db = conformance.db();
  await seed(db, 'salons', {
    a: { address: { city: 'Berlin', zip: '10117' } },
    b: { address: { city: 'Hamburg', zip: '20095' } },
    c: { address: { city: 'Berlin', zip: '10115' } },
  });

  expect(await ids(db.collection('salons').where('address.city', '==', 'Berlin').orderBy('address.zip'))).toEqual(['c', 'a']);
});

test('collectionGroup finds the collection at every depth and no other collection', async () => {
  const db = conformance.db();
  await db.doc('bookings/top').set({ n: 1 });
  await db.doc('salons/s1/bookings/nested').set({ n: 2 });
  await db.doc('salons/s1/staff/ann/bookings/deep').set({ n: 3 });
  await db.doc('salons/s1/bookingsArchive/other').set({ n: 4 });

  const found = (await db.collectionGroup('bookings').get()).docs.map((doc) => doc.ref.path).sort();
  expect(found).toEqual(['bookings/top', 'salons/s1/bookings/nested', 'salons/s1/staff/ann/bookings/deep']);
  expect((await db.collectionGroup('bookings').where('n', '>=', 2).get()).size).toBe(2);
});

test('a collection query sees only the direct children of its collection', async () => {
  const db = conformance.db();
  await db.doc('salons/s1').set({});
  await db.doc('salons/s1/salons/inner').set({});

  expect(await ids(db.collection('salons'))).toEqual(['s1']);
});

test('Timestamp range queries select the documents inside the range', async () => {
  const db = conformance.db();
  const at = (iso: string): Timestamp => Timestamp.fromDate(new Date(iso));
  await seed(db, 'appointments', {
    early: { start: at('2025-03-03T08:00:00Z') },
    inside: { start: at('2025-03-03T10:30:00Z') },
    edge: { start: at('2025-03-03T12:00:00Z') },
  });

  const query = db.collection('appointments').where('start', '>=', at('2025-03-03T09:00:00Z')).where('start', '<', at('2025-03-03T12:00:00Z'));
  expect(await ids(query)).toEqual(['inside']);
});

test('count(), sum() and average() aggregate the matching documents', async () => {
  const db = conformance.db();
  await seed(db, 'orders', { a: { paid: true, total: 10 }, b: { paid: true, total: 5.5 }, c: { paid: false, total: 7 } });

  const paid = db.collection('orders').where('paid', '==', true);
  expect((await paid.count().get()).data().count).toBe(2);
  const totals = await paid.aggregate({ sum: AggregateField.sum('total'), avg: AggregateField.average('total') }).get();
  expect(totals.data()).toEqual({ sum: 15.5, avg: 7.75 });
});

test('in, not-in, array-contains and array-contains-any filter as documented', async () => {
  const db = conformance.db();
  await seed(db, 'staff', {
    ann: { role: 'stylist', skills: ['cut', 'color'] },
    bob: { role: 'barber', skills: ['shave'] },
    carl: { role: 'manager', skills: [] },
  });
  const staff = db.collection('staff');

  expect(await ids(staff.where('role', 'in', ['stylist', 'barber']))).toEqual(['ann', 'bob']);
  expect(await ids(staff.where('role', 'not-in', ['stylist', 'barber']))).toEqual(['carl']);
  expect(await ids(staff.where('skills', 'array-contains', 'shave'))).toEqual(['bob']);
  expect(await ids(staff.where('skills', 'array-contains-any', ['color', 'shave']))).toEqual(['ann', 'bob']);
});

test('Filter.or combines nested Filter.and groups', async () => {
  const db = conformance.db();
  await seed(db, 'staff', {
    ann: { role: 'stylist', level: 3 },
    bob: { role: 'stylist', level: 1 },
    carl: { role: 'barber', level: 1 },
    dora: { role: 'manager', level: 5 },
  });

  const query = db
    .collection('staff')
    .where(Filter.or(Filter.and(Filter.where('role', '==', 'stylist'), Filter.where('level', '>=', 2)), Filter.where('role', '==', 'barber')));
  // The inequality on level orders the results by level (implicit orderBy); compare as sets.
  expect((await ids(query)).sort()).toEqual(['ann', 'carl']);
});

test('select() returns only the chosen fields', async () => {
  const db = conformance.db();
  await db.doc('staff/ann').set({ name: 'Ann', email: 'ann@example.test', address: { city: 'Berlin', zip: '10115' } });

  const [ann] = (await db.collection('staff').select('name', 'address.city').get()).docs;
  expect(ann!.data()).toEqual({ name: 'Ann', address: { city: 'Berlin' } });
});

test('getAll returns documents in the requested order, missing ones as not existing', async () => {
  const db = conformance.db();
  await seed(db, 'staff', { ann: { n: 1 }, bob: { n: 2 } });

  const snapshots = await db.getAll(db.doc('staff/bob'), db.doc('staff/zoe'), db.doc('staff/ann'));
  expect(snapshots.map((s) => [s.id, s.exists])).toEqual([
    ['bob', true],
    ['zoe', false],
    ['ann', true],
  ]);
});

test('listCollections and listDocuments also name documents that only have subcollections', async () => {
  const db = conformance.db();
  await db.doc('businesses/b1').set({});
  await db.doc('businesses/b2/staff/ann').set({});
  await db.doc('businesses/b1/services/cut').set({});

  expect((await db.listCollections()).map((c) => c.id)).toEqual(['businesses']);
  expect((await db.doc('businesses/b1').listCollections()).map((c) => c.id)).toEqual(['services']);
  expect((await db.collection('businesses').listDocuments()).map((d) => d.id).sort()).toEqual(['b1', 'b2']);
});
