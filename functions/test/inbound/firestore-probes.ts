import type { DocumentReference, Firestore, Query } from 'firebase-admin/firestore';

/**
 * The real Firestore client seen through probes, for one worker under test: a stall at a chosen
 * read (a worker frozen there while others carry on), or a count of the documents it reads.
 * Everything else is passed straight to the client.
 */

const CHAINED = new Set(['where', 'orderBy', 'limit', 'startAfter', 'startAt', 'endAt', 'endBefore']);

interface Hooks {
  /** Before a query of `collection` runs (`get()` on it or on a query built from it). */
  beforeQuery?(collection: string): Promise<void> | void;
  /** After documents were read: by a document's `get()`, a query, or `getAll`. */
  read?(documents: number): void;
}

function bound(target: object, prop: PropertyKey): unknown {
  const value = Reflect.get(target, prop, target) as unknown;
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}

function probed(db: Firestore, hooks: Hooks): Firestore {
  const wrapDoc = (ref: DocumentReference): DocumentReference =>
    new Proxy(ref, {
      get(target, prop) {
        if (prop === 'get') {
          return async () => {
            const snapshot = await target.get();
            hooks.read?.(1);
            return snapshot;
          };
        }
        return bound(target, prop);
      },
    });
  const wrapQuery = <Q extends Query>(query: Q, collection: string): Q =>
    new Proxy(query, {
      get(target, prop) {
        if (typeof prop === 'string' && CHAINED.has(prop)) {
          return (...args: unknown[]) => wrapQuery((target as unknown as Record<string, (...a: unknown[]) => Query>)[prop]!(...args), collection);
        }
        if (prop === 'doc') return (...args: unknown[]) => wrapDoc((target as unknown as { doc(...a: unknown[]): DocumentReference }).doc(...args));
        if (prop === 'get') {
          return async () => {
            await hooks.beforeQuery?.(collection);
            const snapshot = await target.get();
            hooks.read?.(Math.max(1, snapshot.size));
            return snapshot;
          };
        }
        return bound(target, prop);
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'collection') return (name: string) => wrapQuery(target.collection(name), name);
      if (prop === 'doc') return (path: string) => wrapDoc(target.doc(path));
      if (prop === 'getAll') {
        return async (...refs: DocumentReference[]) => {
          const snapshots = await target.getAll(...refs);
          hooks.read?.(refs.length);
          return snapshots;
        };
      }
      return bound(target, prop);
    },
  });
}

export interface StalledFirestore {
  /** The Firestore to give the worker that is to stall. */
  db: Firestore;
  /** Resolves when the worker has reached the stall (its first query of the collection). */
  stalled: Promise<void>;
  /** Lets the worker go on: its query runs now, against what is stored by then. */
  resume(): void;
}

/**
 * A Firestore client whose first query of one collection waits until the test lets it go: a
 * worker frozen at that point (Cloud Run throttling an instance's CPU, a long pause) while other
 * workers carry on.
 */
export function stallFirstQuery(db: Firestore, collectionName: string): StalledFirestore {
  let reached!: () => void;
  const stalled = new Promise<void>((resolve) => (reached = resolve));
  let resume!: () => void;
  const gate = new Promise<void>((resolve) => (resume = resolve));
  let fired = false;
  const beforeQuery = async (collection: string) => {
    if (fired || collection !== collectionName) return;
    fired = true;
    reached();
    await gate;
  };
  return { db: probed(db, { beforeQuery }), stalled, resume };
}

/** A Firestore client that counts the documents read through it (outside transactions). */
export function countingReads(db: Firestore): { db: Firestore; reads(): number } {
  let count = 0;
  return { db: probed(db, { read: (documents) => (count += documents) }), reads: () => count };
}
