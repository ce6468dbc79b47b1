import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Firestore v1 wire protocol, loaded from the very protos that the firebase-admin client
 * (@google-cloud/firestore) ships, so that server and client can never disagree on a field.
 * Messages arrive as plain objects: camelCase fields, int64 as decimal strings, enums as their
 * names, oneofs announced by a virtual discriminator (e.g. `valueType: 'integerValue'`).
 */
export function loadFirestoreService(): grpc.ServiceDefinition {
  // The client's package.json is exported; its protos folder is not, so resolve next to it.
  const packageRoot = dirname(require.resolve('@google-cloud/firestore/package.json'));
  const json = JSON.parse(readFileSync(join(packageRoot, 'build/protos/v1.json'), 'utf8')) as Parameters<typeof protoLoader.fromJSON>[0];
  const definition = protoLoader.fromJSON(json, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: false,
    arrays: true,
    oneofs: true,
  });
  const root = grpc.loadPackageDefinition(definition) as unknown as {
    google: { firestore: { v1: { Firestore: grpc.ServiceClientConstructor } } };
  };
  return root.google.firestore.v1.Firestore.service;
}

export interface Timestamp { seconds?: string | number; nanos?: number }
export interface LatLng { latitude?: number; longitude?: number }
export interface ArrayValue { values?: Value[] }
export interface MapValue { fields?: Record<string, Value> }
export type Fields = Record<string, Value>;

export interface Value {
  valueType?: string;
  nullValue?: string | number;
  booleanValue?: boolean;
  integerValue?: string | number;
  doubleValue?: number;
  timestampValue?: Timestamp;
  stringValue?: string;
  bytesValue?: Uint8Array;
  referenceValue?: string;
  geoPointValue?: LatLng;
  arrayValue?: ArrayValue;
  mapValue?: MapValue;
}

export interface Document { name?: string; fields?: Fields; createTime?: Timestamp; updateTime?: Timestamp }
export interface DocumentMask { fieldPaths?: string[] }
export interface Precondition { exists?: boolean; updateTime?: Timestamp; conditionType?: string }

export interface FieldTransform {
  fieldPath?: string;
  transformType?: string;
  setToServerValue?: string;
  increment?: Value;
  maximum?: Value;
  minimum?: Value;
  appendMissingElements?: ArrayValue;
  removeAllFromArray?: ArrayValue;
}

export interface Write {
  operation?: string;
  update?: Document;
  delete?: string;
  transform?: { document?: string; fieldTransforms?: FieldTransform[] };
  updateMask?: DocumentMask;
  updateTransforms?: FieldTransform[];
  currentDocument?: Precondition;
}

export interface WriteResult { updateTime?: Timestamp; transformResults: Value[] }

export interface TransactionOptions {
  mode?: string;
  readOnly?: { readTime?: Timestamp };
  readWrite?: { retryTransaction?: Uint8Array };
}

export interface FieldReference { fieldPath?: string }
export interface FieldFilter { field?: FieldReference; op?: string; value?: Value }
export interface UnaryFilter { op?: string; field?: FieldReference }
export interface CompositeFilter { op?: string; filters?: Filter[] }
export interface Filter {
  filterType?: string;
  compositeFilter?: CompositeFilter;
  fieldFilter?: FieldFilter;
  unaryFilter?: UnaryFilter;
}
export interface Order { field?: FieldReference; direction?: string }
export interface Cursor { values?: Value[]; before?: boolean }
export interface CollectionSelector { collectionId?: string; allDescendants?: boolean }

export interface StructuredQuery {
  select?: { fields?: FieldReference[] };
  from?: CollectionSelector[];
  where?: Filter;
  orderBy?: Order[];
  startAt?: Cursor;
  endAt?: Cursor;
  offset?: number;
  limit?: { value?: number };
  findNearest?: unknown;
}

export interface Aggregation {
  alias?: string;
  operator?: string;
  count?: { upTo?: { value?: string | number } };
  sum?: { field?: FieldReference };
  avg?: { field?: FieldReference };
}

/** The consistency selector shared by every read request. */
export interface ReadConsistency {
  transaction?: Uint8Array;
  newTransaction?: TransactionOptions;
  readTime?: Timestamp;
}

export interface BatchGetDocumentsRequest extends ReadConsistency { database?: string; documents?: string[]; mask?: DocumentMask }
export interface RunQueryRequest extends ReadConsistency { parent?: string; structuredQuery?: StructuredQuery; explainOptions?: unknown }
export interface RunAggregationQueryRequest extends ReadConsistency {
  parent?: string;
  structuredAggregationQuery?: { structuredQuery?: StructuredQuery; aggregations?: Aggregation[] };
  explainOptions?: unknown;
}
export interface ListDocumentsRequest extends ReadConsistency {
  parent?: string;
  collectionId?: string;
  pageSize?: number;
  pageToken?: string;
  orderBy?: string;
  mask?: DocumentMask;
  showMissing?: boolean;
}
export interface ListCollectionIdsRequest { parent?: string; pageSize?: number; pageToken?: string; readTime?: Timestamp }
export interface BeginTransactionRequest { database?: string; options?: TransactionOptions }
export interface CommitRequest { database?: string; writes?: Write[]; transaction?: Uint8Array }
export interface RollbackRequest { database?: string; transaction?: Uint8Array }
export interface BatchWriteRequest { database?: string; writes?: Write[]; labels?: Record<string, string> }

export interface Target {
  targetId?: number;
  targetType?: string;
  query?: { parent?: string; structuredQuery?: StructuredQuery };
  documents?: { documents?: string[] };
  resumeToken?: Uint8Array;
  readTime?: Timestamp;
  once?: boolean;
}
export interface ListenRequest { database?: string; addTarget?: Target; removeTarget?: number; labels?: Record<string, string> }

/** A google.rpc.Status, as carried by BatchWrite results and removed watch targets. */
export interface RpcStatus { code: number; message: string }
