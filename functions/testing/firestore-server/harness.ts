import { ServerCredentials, type Server } from '@grpc/grpc-js';
import { initializeApp, deleteApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { EmbeddedFirestoreServer } from './server/embedded-firestore-server';

/**
 * One Firestore endpoint on loopback for tests and the local stack: the embedded server by
 * default, or an external one (the official emulator) when FIRESTORE_EMULATOR_HOST is already set.
 *
 * FIRESTORE_TEST_SERVER=unfixed swaps the embedded server for the unmodified
 * @firestore-emulator/server 0.3.15, only to show that the conformance suite catches its
 * broken semantics (`npm run test:conformance:unfixed`). See docs/testing.md.
 */
export interface TestFirestore {
  host: string;
  projectId: string;
  external: boolean;
  /** Which server answers: ours, the unfixed package, or an external emulator. */
  server: TestFirestoreServerKind;
  /** A firebase-admin Firestore bound to this endpoint (one app per call). */
  db(): Firestore;
  /** Deletes every document (and, on the embedded server, aborts open transactions). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export type TestFirestoreServerKind = 'embedded' | 'unfixed' | 'external';

export interface TestFirestoreOptions {
  /**
   * Start this server even when FIRESTORE_EMULATOR_HOST or FIRESTORE_TEST_SERVER say otherwise
   * (for tests of the server itself). Default: decided by the environment.
   */
  server?: 'embedded' | 'unfixed';
  /** Embedded server only: how long a request may wait for a transaction's lock (default 10 s). */
  lockTimeoutMs?: number;
}

/**
 * Marks a FIRESTORE_EMULATOR_HOST value that a harness in this process set itself, so that a
 * stale value (a test file that never called stop()) is not mistaken for an external emulator.
 */
const OWNED_HOST_MARKER = 'SALON_SYNC_EMBEDDED_FIRESTORE_HOST';

interface RunningServer {
  host: string;
  reset(): void;
  stop(): Promise<void>;
}

async function startUnfixedServer(): Promise<RunningServer> {
  const { FirestoreServer } = await import('@firestore-emulator/server-unfixed');
  const unfixed = new FirestoreServer();
  // Bind the package's gRPC server ourselves: its start() listens on 0.0.0.0.
  const grpcServer = (unfixed as unknown as { server: Server }).server;
  const port = await new Promise<number>((resolve, reject) => {
    grpcServer.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
  return {
    host: `127.0.0.1:${port}`,
    reset: () => unfixed.state.clear(),
    stop: async () => {
      // Its Listen never ends a stream, so a graceful shutdown only gets a short chance; after
      // cutting streams off, give the client a moment to take the news before jest tears down.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        grpcServer.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      grpcServer.forceShutdown();
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
  };
}

async function startEmbeddedServer(options: TestFirestoreOptions): Promise<RunningServer> {
  const server = await EmbeddedFirestoreServer.start({ lockTimeoutMs: options.lockTimeoutMs });
  return { host: server.host, reset: () => server.reset(), stop: () => server.stop() };
}

let appCounter = 0;

export async function startTestFirestore(projectId = 'demo-salon-sync', options: TestFirestoreOptions = {}): Promise<TestFirestore> {
  const apps: App[] = [];
  const configuredHost = process.env.FIRESTORE_EMULATOR_HOST;
  const configuredIsExternal = Boolean(configuredHost) && configuredHost !== process.env[OWNED_HOST_MARKER];
  const isExternal = !options.server && configuredIsExternal;
  let server: RunningServer | undefined;
  let kind: TestFirestoreServerKind = 'external';
  let host: string;
  if (isExternal) {
    host = configuredHost!;
  } else {
    kind = options.server ?? (process.env.FIRESTORE_TEST_SERVER === 'unfixed' ? 'unfixed' : 'embedded');
    server = kind === 'unfixed' ? await startUnfixedServer() : await startEmbeddedServer(options);
    host = server.host;
    // Code under test (and `npm start`) calls getFirestore() and finds the server through this.
    process.env.FIRESTORE_EMULATOR_HOST = host;
    process.env[OWNED_HOST_MARKER] = host;
  }
  const db = (): Firestore => {
    // firebase-admin reads FIRESTORE_EMULATOR_HOST when the Firestore instance is created.
    const previous = process.env.FIRESTORE_EMULATOR_HOST;
    process.env.FIRESTORE_EMULATOR_HOST = host;
    try {
      const app = initializeApp({ projectId }, `test-firestore-${++appCounter}`);
      apps.push(app);
      return getFirestore(app);
    } finally {
      if (previous === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
      else process.env.FIRESTORE_EMULATOR_HOST = previous;
    }
  };
  return {
    host,
    projectId,
    external: !server,
    server: kind,
    db,
    async reset() {
      if (server) {
        server.reset();
        return;
      }
      // The official emulator's REST reset endpoint.
      const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}/databases/(default)/documents`, { method: 'DELETE' });
      if (!response.ok) throw new Error(`Resetting the Firestore emulator at ${host} failed: HTTP ${response.status}`);
    },
    async stop() {
      // firebase-admin sends the rollback of a failed transaction without awaiting it; if the
      // server goes first, the client retries that rollback with backoff for about a minute and
      // keeps the test process alive. Let such in-flight calls land before closing.
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Deleting an app fails while it still has listeners; stop the server anyway, then report.
      const closed = await Promise.allSettled(apps.splice(0).map((app) => deleteApp(app)));
      if (server) {
        await server.stop();
        if (process.env.FIRESTORE_EMULATOR_HOST === host) {
          // Give back an external emulator's address that a forced embedded server replaced.
          if (configuredIsExternal) process.env.FIRESTORE_EMULATOR_HOST = configuredHost;
          else delete process.env.FIRESTORE_EMULATOR_HOST;
        }
        if (process.env[OWNED_HOST_MARKER] === host) delete process.env[OWNED_HOST_MARKER];
      }
      const failure = closed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
