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
): { stop(): void; idle(): Promise<void> } {
  const inFlight = new Set<Promise<unknown>>();
  let first = true;
  const unsubscribe = db.collection(COLLECTIONS.appointments).onSnapshot((snapshot) => {
    // The first snapshot lists existing documents; only later changes are writes.
    if (first) {
      first = false;
      return;
    }
    for (const change of snapshot.docChanges()) {
      const id = change.doc.id;
      const work = handle(id).catch((error) => onError(id, error));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
  });
  return {
    stop: unsubscribe,
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
