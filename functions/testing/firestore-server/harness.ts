import { FirestoreServer } from '@firestore-emulator/server';
import { initializeApp, deleteApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { createServer } from 'node:net';

/**
 * One Firestore endpoint on loopback for tests and the local stack: the embedded server by
 * default, or an external one (the official emulator) when FIRESTORE_EMULATOR_HOST is already set.
 */
export interface TestFirestore {
  host: string;
  projectId: string;
  external: boolean;
  /** A firebase-admin Firestore bound to this endpoint (one app per call). */
  db(): Firestore;
  /** Deletes every document. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

let appCounter = 0;

export async function startTestFirestore(projectId = 'demo-salon-sync'): Promise<TestFirestore> {
  const apps: App[] = [];
  const externalHost = process.env.FIRESTORE_EMULATOR_HOST;
  let server: FirestoreServer | undefined;
  let host: string;
  if (externalHost) {
    host = externalHost;
  } else {
    server = new FirestoreServer();
    const port = await freePort();
    await server.start(port);
    host = `127.0.0.1:${port}`;
    process.env.FIRESTORE_EMULATOR_HOST = host;
  }
  const db = (): Firestore => {
    const app = initializeApp({ projectId }, `test-firestore-${++appCounter}`);
    apps.push(app);
    const firestore = getFirestore(app);
    return firestore;
  };
  return {
    host,
    projectId,
    external: !server,
    db,
    async reset() {
      if (server) {
        server.state.clear();
        return;
      }
      // The official emulator's REST reset endpoint.
      await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
    },
    async stop() {
      await Promise.all(apps.map((app) => deleteApp(app)));
      if (server) {
        await server.stop();
        if (process.env.FIRESTORE_EMULATOR_HOST === host) delete process.env.FIRESTORE_EMULATOR_HOST;
      }
    },
  };
}
