import type { StoredDocument } from './document-store';
import type { FirestoreError } from './firestore-error';
import { LockManager, type LockOwner, type LockResource } from './lock-manager';

const ABORTED = 10;
const collection = 'projects/p/databases/(default)/documents/appointments';

function owner(age: number, woundable = true): LockOwner {
  return { age, woundable, label: `owner ${age}` };
}

function doc(id: string, fields: StoredDocument['fields'] = {}): StoredDocument {
  return { name: `${collection}/${id}`, fields, createTime: 1, updateTime: 1 };
}

const documentLock = (id: string): LockResource => ({ kind: 'document', name: `${collection}/${id}` });

function manager(lockTimeoutMs = 5000): { locks: LockManager; wounded: LockOwner[] } {
  const wounded: LockOwner[] = [];
  const locks = new LockManager({ lockTimeoutMs, onWound: (victim) => wounded.push(victim) });
  return { locks, wounded };
}

/** Settles pending promise callbacks. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function track(promise: Promise<void>): { state: () => 'pending' | 'granted' | FirestoreError } {
  let state: 'pending' | 'granted' | FirestoreError = 'pending';
  promise.then(
    () => (state = 'granted'),
    (err: FirestoreError) => (state = err),
  );
  return { state: () => state };
}

test('a younger owner waits for an older holder and gets the lock when it is released', async () => {
  const { locks, wounded } = manager();
  const older = owner(1);
  const younger = owner(2);
  await locks.acquire(older, [documentLock('a')]);

  const request = track(locks.acquire(younger, [documentLock('a')]));
  await settle();
  expect(request.state()).toBe('pending');

  locks.release(older);
  await settle();
  expect(request.state()).toBe('granted');
  expect(wounded).toEqual([]);
});

test('an older owner wounds a younger holder, whose pending requests then fail with ABORTED', async () => {
  const { locks, wounded } = manager();
  const older = owner(1);
  const younger = owner(2);
  await locks.acquire(older, [documentLock('a')]);
  await locks.acquire(younger, [documentLock('b')]);
  const youngerWaits = track(locks.acquire(younger, [documentLock('a')]));

  await locks.acquire(older, [documentLock('b')]);
  await settle();

  expect(wounded).toEqual([younger]);
  expect(youngerWaits.state()).toMatchObject({ code: ABORTED });
  expect(locks.holds(younger)).toBe(false);
});

test('a plain commit is never wounded: an older transaction waits for it', async () => {
  const { locks, wounded } = manager();
  const plainCommit = owner(2, false);
  await locks.acquire(plainCommit, [documentLock('a')]);

  const older = track(locks.acquire(owner(1), [documentLock('a')]));
  await settle();
  expect(older.state()).toBe('pending');
  expect(wounded).toEqual([]);

  locks.release(plainCommit);
  await settle();
  expect(older.state()).toBe('granted');
});

test('a request that waits longer than the lock timeout fails with ABORTED instead of hanging', async () => {
  const { locks } = manager(20);
  await locks.acquire(owner(1), [documentLock('a')]);

  await expect(locks.acquire(owner(2), [documentLock('a')])).rejects.toMatchObject({ code: ABORTED });
});

test('a query lock blocks writes that change what it matched, and only those', async () => {
  const { locks } = manager();
  const reader = owner(1);
  await locks.acquire(reader, [
    { kind: 'query', scope: { parent: 'projects/p/databases/(default)/documents', collectionId: 'appointments', allDescendants: false }, matches: (d) => d.fields['staffId']?.stringValue === 'anna' },
  ]);
  const write = (id: string, staffId: string): LockResource => ({ kind: 'write', name: `${collection}/${id}`, versions: () => [undefined, doc(id, { staffId: { stringValue: staffId } })] });

  const othersAppointment = track(locks.acquire(owner(2), [write('x', 'bob')]));
  const annasAppointment = track(locks.acquire(owner(3), [write('y', 'anna')]));
  await settle();
  expect(othersAppointment.state()).toBe('granted');
  expect(annasAppointment.state()).toBe('pending');

  locks.release(reader);
  await settle();
  expect(annasAppointment.state()).toBe('granted');
});

test('a query lock does not wait for transactions that only read documents of its collection', async () => {
  const { locks } = manager();
  await locks.acquire(owner(1), [documentLock('a')]);

  const query = track(
    locks.acquire(owner(2), [{ kind: 'query', scope: { parent: 'projects/p/databases/(default)/documents', collectionId: 'appointments', allDescendants: false }, matches: () => true }]),
  );
  await settle();
  expect(query.state()).toBe('granted');
});
