import type { Firestore } from 'firebase-admin/firestore';
import { startGoogleSandbox, type GoogleSandbox } from '../../sandbox/google';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';
import { seedSalon, type SalonFixture } from './salon-fixture';

/** The Firestore server, the Google sandbox and a seeded salon, for one test file. */
export interface SalonWorld {
  firestore: TestFirestore;
  sandbox: GoogleSandbox;
  db: Firestore;
  salon: SalonFixture;
  /** Empties Firestore and the sandbox and seeds the salon again (for `beforeEach`). */
  reseed(): Promise<void>;
}

/** Registers beforeAll/afterAll that start and stop the world; its fields are set in beforeAll. */
export function useSalonWorld(options: { staffCount?: number } = {}): SalonWorld {
  const world = {} as SalonWorld;
  beforeAll(async () => {
    world.firestore = await startTestFirestore();
    world.sandbox = await startGoogleSandbox();
    world.db = world.firestore.db();
    world.salon = await seedSalon(world.db, world.sandbox, options);
    world.reseed = async () => {
      await world.firestore.reset();
      world.sandbox.reset();
      world.salon = await seedSalon(world.db, world.sandbox, options);
    };
  });
  afterAll(async () => {
    await world.sandbox?.stop();
    await world.firestore?.stop();
  });
  return world;
}
