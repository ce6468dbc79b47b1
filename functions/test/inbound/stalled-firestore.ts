import type { Firestore, Query } from 'firebase-admin/firestore';

export interface StalledFirestore {
  /** The Firestore to give the reader that is to stall. */
  db: Firestore;
  /** Resolves when the reader has reached the stall (its first query of the collection). */
  stalled: Promise<void>;
  /** Lets the reader go on: its query runs now, against what is stored by then. */
  resume(): void;
}

const CHAINED = new Set(['where', 'orderBy', 'limit', 'startAfter', 'startAt', 'endAt', 'endBefore']);

/**
 * A Firestore client whose first query of one collection waits until the test lets it go: a
 * worker frozen at that point (Cloud Run throttles an instance's CPU; a stop-the-world pause)
 * while other workers carry on. Everything else is the real client.
 */
export function stallFirstQuery(db: Firestore, collectionName: string): StalledFirestore {
  let reached!: () => void;
  const stalled = new Promise<void>((resolve) => (reached = resolve));
  let resume!: () => void;
  const gate = new Promise<void>((resolve) => (resume = resolve));
  let fired = false;

  const bound = (target: object, prop: PropertyKey) => {
    const value = Reflect.get(target, prop, target) as unknown;
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  const wrapQuery = <Q extends Query>(query: Q): Q =>
    new Proxy(query, {
      get(target, prop) {
        if (typeof prop === 'string' && CHAINED.has(prop)) {
          return (...args: unknown[]) => wrapQuery((target as unknown as Record<string, (...a: unknown[]) => Query>)[prop]!(...args));
        }
        if (prop === 'get') {
          return async () => {
            if (!fired) {
              fired = true;
              reached();
              await gate;
            }
            return target.get();
          };
        }
        return bound(target, prop);
      },
    });
  const proxied = new Proxy(db, {
    get(target, prop) {
      if (prop === 'collection') return (name: string) => (name === collectionName ? wrapQuery(target.collection(name)) : target.collection(name));
      return bound(target, prop);
    },
  });
  return { db: proxied, stalled, resume };
}
