import { status } from '@grpc/grpc-js';

/** An error the server answers with: a gRPC status code and the message the client sees. */
export class FirestoreError extends Error {
  readonly code: status;
  constructor(code: status, message: string) {
    super(message);
    this.name = 'FirestoreError';
    this.code = code;
  }
}

export const invalidArgument = (message: string): FirestoreError => new FirestoreError(status.INVALID_ARGUMENT, message);
export const unimplemented = (message: string): FirestoreError =>
  new FirestoreError(status.UNIMPLEMENTED, `${message} is not supported by the embedded test server (see docs/testing.md).`);

/** Converts anything thrown inside a handler into the status sent to the client. */
export function toServiceError(err: unknown): { code: status; details: string; message: string } {
  if (err instanceof FirestoreError) return { code: err.code, details: err.message, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: status.INTERNAL, details: `embedded Firestore server bug: ${message}`, message };
}
