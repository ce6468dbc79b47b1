import type { Firestore } from 'firebase-admin/firestore';
import { startTestFirestore, type TestFirestore } from '../harness';

/**
 * Shared set-up of the conformance suite: one server per test file, an empty database per test.
 * The suite uses only the public firebase-admin API, so it runs unchanged against the official
 * emulator (FIRESTORE_EMULATOR_HOST) and against the unfixed package (FIRESTORE_TEST_SERVER=unfixed).
 * Each file has its own project: jest runs files in parallel, and against one shared emulator
 * a reset in one file must not empty another file's database.
 */
export function useConformanceFirestore(suite: string): { db: () => Firestore } {
  let firestore: TestFirestore | undefined;
  let db: Firestore | undefined;
  beforeAll(async () => {
    firestore = await startTestFirestore(`demo-conformance-${suite}`);
    db = firestore.db();
  });
  beforeEach(async () => {
    await firestore!.reset();
  });
  afterAll(async () => {
    await firestore?.stop();
  });
  return { db: () => db! };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves with the first value that satisfies `accept`, or rejects after `timeoutMs`. */
export function waitForValue<T>(subscribe: (emit: (value: T) => void) => () => void, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    const timer = setTimeout(() => {
      unsubscribe?.();
      reject(new Error(`no matching value within ${timeoutMs} ms`));
    }, timeoutMs);
    unsubscribe = subscribe((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      unsubscribe?.();
      resolve(value);
    });
  });
}
