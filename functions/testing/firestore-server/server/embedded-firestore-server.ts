import * as grpc from '@grpc/grpc-js';
import { FirestoreBackend } from './firestore-backend';
import { firestoreServiceImplementation } from './firestore-service';
import { loadFirestoreService } from './wire';

export interface EmbeddedFirestoreServerOptions {
  /** Loopback only by default: nothing outside this machine should reach a test database. */
  bindAddress?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How long a request waits for a transaction's lock before failing with ABORTED. */
  lockTimeoutMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
const GRACEFUL_SHUTDOWN_MS = 2_000;

let serviceDefinition: grpc.ServiceDefinition | undefined;

/**
 * An in-process Firestore (gRPC API v1) for tests and the local stack, reached by the real
 * firebase-admin client through FIRESTORE_EMULATOR_HOST. See docs/testing.md.
 */
export class EmbeddedFirestoreServer {
  private constructor(
    private readonly server: grpc.Server,
    private readonly backend: FirestoreBackend,
    /** host:port, as FIRESTORE_EMULATOR_HOST wants it. */
    readonly host: string,
  ) {}

  static async start(options: EmbeddedFirestoreServerOptions = {}): Promise<EmbeddedFirestoreServer> {
    const bindAddress = options.bindAddress ?? '127.0.0.1';
    const backend = new FirestoreBackend({ lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS });
    // Firestore accepts requests up to 10 MiB; grpc-js would stop at 4.
    const server = new grpc.Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
    serviceDefinition ??= loadFirestoreService();
    server.addService(serviceDefinition, firestoreServiceImplementation(backend));
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${bindAddress}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, boundPort) =>
        err ? reject(err) : resolve(boundPort),
      );
    });
    return new EmbeddedFirestoreServer(server, backend, `${bindAddress}:${port}`);
  }

  /** Deletes every document and aborts every open transaction. */
  reset(): void {
    this.backend.reset();
  }

  async stop(): Promise<void> {
    this.backend.reset();
    // Graceful first: an unsubscribed listener's stream closes once the client's half-close
    // arrives. Cutting it off instead makes the client report an error status after the test
    // file has finished (jest then fails with "import after the environment was torn down").
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, GRACEFUL_SHUTDOWN_MS);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
