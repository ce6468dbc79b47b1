import type { DocumentData, Firestore } from 'firebase-admin/firestore';

export interface DocumentChange {
  id: string;
  /** The document as this bridge last saw it (undefined: new to the bridge). */
  before?: DocumentData;
  /** The document now (undefined: deleted). */
  after?: DocumentData;
}

export interface TriggerBridge {
  stop(): void;
  /** Resolves once the listener has answered and no change has arrived for a short while. */
  idle(quietMs?: number): Promise<void>;
}

/**
 * Stands in for Cloud Functions' Firestore triggers wherever the official emulator is missing
 * (tests, the local stack): a listener on a collection that hands every change to the handler,
 * as the platform would after each write. The first snapshot lists the documents already there:
 * they are handed over too (as creations), which reconciles whatever was written before the
 * bridge started. Errors are reported, never thrown into the listener.
 */
export function startTriggerBridge(
  db: Firestore,
  collection: string,
  handle: (change: DocumentChange) => Promise<unknown>,
  onError: (id: string, error: unknown) => void = () => undefined,
): TriggerBridge {
  const inFlight = new Set<Promise<unknown>>();
  const lastSeen = new Map<string, DocumentData>();
  let snapshots = 0;
  let lastActivity = Date.now();
  const unsubscribe = db.collection(collection).onSnapshot((snapshot) => {
    snapshots += 1;
    lastActivity = Date.now();
    for (const change of snapshot.docChanges()) {
      const id = change.doc.id;
      const before = lastSeen.get(id);
      const after = change.type === 'removed' ? undefined : change.doc.data();
      if (after) lastSeen.set(id, after);
      else lastSeen.delete(id);
      const work = handle({ id, before, after }).catch((error) => onError(id, error));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
  });
  return {
    stop: unsubscribe,
    async idle(quietMs = 100) {
      for (;;) {
        while (inFlight.size > 0) await Promise.all([...inFlight]);
        if (snapshots > 0 && Date.now() - lastActivity >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, quietMs / 4));
      }
    },
  };
}
