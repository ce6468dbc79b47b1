import { Metadata } from '@grpc/grpc-js';
import type * as grpc from '@grpc/grpc-js';
import type { AppliedWrite } from './apply-write';
import { toTimestamp, type Micros } from './commit-clock';
import { toWireDocument } from './document-store';
import type { FirestoreBackend } from './firestore-backend';
import { parseFieldPath, projectFields } from './field-path';
import { toServiceError } from './firestore-error';
import { ListenSession } from './listen-session';
import { projectionOf } from './query-engine';
import type {
  BatchGetDocumentsRequest,
  BatchWriteRequest,
  BeginTransactionRequest,
  CommitRequest,
  ListCollectionIdsRequest,
  ListDocumentsRequest,
  ListenRequest,
  RollbackRequest,
  RunAggregationQueryRequest,
  RunQueryRequest,
  WriteResult,
} from './wire';

type Unary<Req> = (call: grpc.ServerUnaryCall<Req, object>, callback: grpc.sendUnaryData<object>) => void;
type ServerStream<Req> = (call: grpc.ServerWritableStream<Req, object>) => void;

function unary<Req>(handle: (request: Req) => object | Promise<object>): Unary<Req> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handle(call.request))
      .then(
        (response) => callback(null, response),
        (err: unknown) => callback(toServiceError(err)),
      );
  };
}

function serverStream<Req>(handle: (request: Req) => Promise<object[]>): ServerStream<Req> {
  return (call) => {
    // Response headers first, as Firestore sends them: the client's stream wrapper
    // (retry-request inside google-gax) re-sends a request that fails before any headers
    // arrived, twice, seconds apart, which would delay every ABORTED read by ~8 s.
    call.sendMetadata(new Metadata());
    Promise.resolve()
      .then(() => handle(call.request))
      .then(
        (responses) => {
          if (call.cancelled) return;
          for (const response of responses) call.write(response);
          call.end();
        },
        (err: unknown) => {
          if (!call.cancelled) call.emit('error', toServiceError(err));
        },
      );
  };
}

function wireWriteResult(result: AppliedWrite | undefined): WriteResult {
  return {
    ...(result?.updateTime !== undefined ? { updateTime: toTimestamp(result.updateTime) } : {}),
    transformResults: result?.transformResults ?? [],
  };
}

function readTimeAndTransaction(readTime: Micros, transaction: Buffer | undefined): object {
  return { readTime: toTimestamp(readTime), ...(transaction ? { transaction } : {}) };
}

/** The gRPC face of the backend: translates requests and responses, nothing else. */
export function firestoreServiceImplementation(backend: FirestoreBackend): grpc.UntypedServiceImplementation {
  const handlers = {
    BatchGetDocuments: serverStream<BatchGetDocumentsRequest>(async (request) => {
      const result = await backend.batchGetDocuments(request);
      const mask = request.mask ? (request.mask.fieldPaths ?? []).map((p) => parseFieldPath(p)) : undefined;
      return result.documents.map(({ name, found }, i) => ({
        ...(found ? { found: toWireDocument(found, mask ? projectFields(found.fields, mask) : found.fields) } : { missing: name }),
        ...readTimeAndTransaction(result.readTime, i === 0 ? result.newTransactionId : undefined),
      }));
    }),

    RunQuery: serverStream<RunQueryRequest>(async (request) => {
      const result = await backend.runQuery(request);
      const projection = projectionOf(request.structuredQuery ?? {});
      const responses: object[] = result.documents.map((doc, i) => ({
        document: toWireDocument(doc, projection ? projectFields(doc.fields, projection) : doc.fields),
        ...readTimeAndTransaction(result.readTime, i === 0 ? result.newTransactionId : undefined),
      }));
      if (responses.length === 0) responses.push(readTimeAndTransaction(result.readTime, result.newTransactionId));
      return responses;
    }),

    RunAggregationQuery: serverStream<RunAggregationQueryRequest>(async (request) => {
      const result = await backend.runAggregationQuery(request);
      return [{ result: { aggregateFields: result.fields }, ...readTimeAndTransaction(result.readTime, result.newTransactionId) }];
    }),

    BeginTransaction: unary<BeginTransactionRequest>((request) => ({ transaction: backend.beginTransaction(request.options) })),

    Commit: unary<CommitRequest>(async (request) => {
      const outcome = await backend.commit(request);
      return { commitTime: toTimestamp(outcome.commitTime), writeResults: outcome.writeResults.map(wireWriteResult) };
    }),

    Rollback: unary<RollbackRequest>((request) => {
      backend.rollback(request.transaction);
      return {};
    }),

    BatchWrite: unary<BatchWriteRequest>(async (request) => {
      const outcome = await backend.batchWrite(request);
      return { writeResults: outcome.writeResults.map(wireWriteResult), status: outcome.statuses };
    }),

    ListDocuments: unary<ListDocumentsRequest>(async (request) => {
      const result = await backend.listDocuments(request);
      const mask = request.mask ? (request.mask.fieldPaths ?? []).map((p) => parseFieldPath(p)) : undefined;
      return {
        documents: result.documents.map(({ name, found }) =>
          found ? toWireDocument(found, mask ? projectFields(found.fields, mask) : found.fields) : { name },
        ),
        nextPageToken: result.nextPageToken,
      };
    }),

    ListCollectionIds: unary<ListCollectionIdsRequest>((request) => backend.listCollectionIds(request)),

    Listen: (call: grpc.ServerDuplexStream<ListenRequest, object>) => {
      const session = new ListenSession(backend, (response) => {
        if (!call.cancelled && !call.writableEnded) call.write(response);
      });
      call.on('data', (request: ListenRequest) => session.handle(request));
      const close = (): void => {
        session.close();
        if (!call.writableEnded) call.end();
      };
      call.on('end', close);
      call.on('cancelled', () => session.close());
      call.on('error', () => session.close());
    },
  };
  return handlers as unknown as grpc.UntypedServiceImplementation;
}
