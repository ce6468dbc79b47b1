import type { DocumentSnapshot, QuerySnapshot } from 'firebase-admin/firestore';
import { useConformanceFirestore } from './conformance-firestore';

/** Listeners deliver every committed change, with added / modified / removed changes for queries. */
const conformance = useConformanceFirestore('listeners');

/** Records snapshots in order; `until` waits for the next one (after the last match) that satisfies a predicate. */
function recordSnapshots<T>(listen: (onNext: (snapshot: T) => void, onError: (err: Error) => void) => () => void) {
  const snapshots: T[] = [];
  let cursor = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const unsubscribe = listen(
    (snapshot) => {
      snapshots.push(snapshot);
      wake?.();
    },
    (err) => {
      failure = err;
      wake?.();
    },
  );
  return {
    async until(accept: (snapshot: T) => boolean, timeoutMs = 5000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (failure) throw failure;
        while (cursor < snapshots.length) {
          const snapshot = snapshots[cursor++]!;
          if (accept(snapshot)) return snapshot;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no matching snapshot within ${timeoutMs} ms (${snapshots.length} received)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    stop: unsubscribe,
  };
}

test('a document listener sees the document created, changed and deleted', async () => {
  const db = conformance.db();
  const doc = db.doc('items/a');
  const recorder = recordSnapshots<DocumentSnapshot>((next, error) => doc.onSnapshot(next, error));
  try {
    await recorder.until((s) => !s.exists);
    await doc.set({ v: 1 });
    await recorder.until((s) => s.exists && s.get('v') === 1);
    await doc.update({ v: 2 });
    await recorder.until((s) => s.get('v') === 2);
    await doc.delete();
    await recorder.until((s) => !s.exists);
  } finally {
    recorder.stop();
  }
});

test('a query listener reports added, modified and removed documents', async () => {
  const db = conformance.db();
  const active = db.collection('staff').where('active', '==', true);
  const recorder = recordSnapshots<QuerySnapshot>((next, error) => active.onSnapshot(next, error));
  const changes = (s: QuerySnapshot): string[][] => s.docChanges().map((c) => [c.type, c.doc.id]);
  try {
    await recorder.until((s) => s.empty);

    await db.doc('staff/ann').set({ active: true, level: 1 });
    expect(changes(await recorder.until((s) => s.size === 1))).toEqual([['added', 'ann']]);

    await db.doc('staff/ann').update({ level: 2 });
    expect(changes(await recorder.until((s) => s.docs[0]?.get('level') === 2))).toEqual([['modified', 'ann']]);

    await db.doc('staff/bob').set({ active: false });
    await db.doc('staff/ann').update({ active: false });
    expect(changes(await recorder.until((s) => s.empty))).toEqual([['removed', 'ann']]);

    await db.doc('staff/carl').set({ active: true });
    await recorder.until((s) => s.size === 1);
    await db.doc('staff/carl').delete();
    expect(changes(await recorder.until((s) => s.empty))).toEqual([['removed', 'carl']]);
  } finally {
    recorder.stop();
  }
});
