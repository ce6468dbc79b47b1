import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS } from '../src/model';

/**
 * Stands in for Cloud Functions' Firestore trigger wherever the official emulator is missing
 * (tests, the local stack): a listener on `appointments` that hands every change's id to the
 * handler, as the platform would after each write. Errors are reported, never thrown into the
 * listener.
 */
export function startAppointmentTriggerBridge(
  db: Firestore,
  handle: (appointmentId: string) => Promise<unknown>,
  onError: (appointmentId: string, error: unknown) => void = () => undefined,
): { stop(): void; idle(quietMs?: number): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  let snapshots = 0;
  let lastActivity = Date.now();
  // The first snapshot lists the documents already there: they are handed over too, which
  // reconciles whatever was written before the bridge started (a sync is idempotent).
  const unsubscribe = db.collection(COLLECTIONS.appointments).onSnapshot((snapshot) => {
    snapshots += 1;
    lastActivity = Date.now();
    for (const change of snapshot.docChanges()) {
      const id = change.doc.id;
      const work = handle(id).catch((error) => onError(id, error));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
  });
  return {
    stop: unsubscribe,
    /** Resolves once the listener has answered and no change has arrived for a short while. */
    async idle(quietMs = 100) {
      for (;;) {
        while (inFlight.size > 0) await Promise.all([...inFlight]);
        if (snapshots > 0 && Date.now() - lastActivity >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, quietMs / 4));
      }
    },
  };
}
