import * as admin from 'firebase-admin';
import { getApps, initializeApp } from 'firebase-admin/app';
import * as firestoreModule from 'firebase-admin/firestore';
import { getFirestore } from 'firebase-admin/firestore';

/**
 * firebase-functions-test 3.5 builds Firestore snapshots through the namespaced
 * `admin.firestore()`, which firebase-admin 14 no longer has: give it the modular equivalent.
 */
const namespace = admin as unknown as { firestore?: unknown };
if (typeof namespace.firestore !== 'function') {
  // The namespace was both a function and a holder of the classes (Timestamp, DocumentSnapshot…).
  const firestore = Object.assign(() => getFirestore(getApps()[0] ?? initializeApp()), firestoreModule);
  Object.defineProperty(admin, 'firestore', { value: firestore, configurable: true, writable: true });
}
