import { status } from '@grpc/grpc-js';
import { aggregate } from './aggregation';
import { applyWrite, documentNameOfWrite, type AppliedWrite } from './apply-write';
import { CommitClock, type Micros } from './commit-clock';
import { DocumentStore, type StoredDocument } from './document-store';
import { FirestoreError, invalidArgument, toServiceError, unimplemented } from './firestore-error';
import { LockManager, type LockOwner, type LockResource } from './lock-manager';
import { queryMatcher, runQuery, scopeOf } from './query-engine';
import { parseDocumentName, parseParent } from './resource-names';
import { compareResourcePaths } from './string-order';
import { Transaction, TransactionRegistry } from './transactions';
import type {
  BatchGetDocumentsRequest,
  BatchWriteRequest,
  CommitRequest,
  ListCollectionIdsRequest,
  ListDocumentsRequest,
  ReadConsistency,
  RpcStatus,
  RunAggregationQueryRequest,
  RunQueryRequest,
  TransactionOptions,
  Value,
  Write,
} from './wire';

export interface BackendOptions {
  /** How long a request waits for a lock before failing with ABORTED. */
  lockTimeoutMs: number;
}

interface ReadContext {
  /** Set when this read began the transaction: the client learns its id from the response. */
  newTransactionId?: Buffer;
  readTime: Micros;
}

export interface CommitOutcome {
  commitTime: Micros;
  writeResults: AppliedWrite[];
}

/**
 * The Firestore semantics behind the gRPC service: documents, transactions with pessimistic
 * locks, atomic commits, queries. Node runs one callback at a time, so everything between two
 * awaits is atomic; the only awaits are lock waits, and every commit validates and applies all
 * of its writes in one synchronous step.
 */
export class FirestoreBackend {
  readonly store = new DocumentStore();
  readonly clock = new CommitClock();
  private readonly transactions = new TransactionRegistry();
  private readonly locks: LockManager;

  constructor(options: BackendOptions) {
    this.locks = new LockManager({
      lockTimeoutMs: options.lockTimeoutMs,
      onWound: (victim, by) => {
        if (victim instanceof Transaction) this.transactions.abort(victim, `${victim.label} was aborted: the older ${by.label} needed its locks.`);
      },
    });
  }

  beginTransaction(options: TransactionOptions | undefined): Buffer {
    const { transaction, retried } = this.transactions.begin(options);
    // A client that retries without rolling back gives up the previous attempt's locks.
    if (retried) this.endTransaction(retried, 'aborted', `${retried.label} was replaced by its retry.`);
    return transaction.id;
  }

  rollback(id: Uint8Array | undefined): void {
    if (!id?.length) throw invalidArgument('Rollback needs a transaction.');
    const transaction = this.transactions.find(id);
    this.endTransaction(transaction, 'rolled back', `${transaction.label} was rolled back.`);
  }

  /**
   * Resolves the consistency selector of a read and, inside a read-write transaction, takes
   * the read locks first, so that what is read cannot change until the transaction ends.
   */
  private async openRead(request: ReadConsistency, resources: () => LockResource[]): Promise<ReadContext> {
    if (request.readTime) throw unimplemented('Reading at a past readTime');
    let transaction: Transaction | undefined;
    let newTransactionId: Buffer | undefined;
    if (request.newTransaction) {
      newTransactionId = this.beginTransaction(request.newTransaction);
      transaction = this.transactions.find(newTransactionId);
    } else if (request.transaction?.length) {
      transaction = this.transactions.find(request.transaction);
    }
    if (transaction) {
      this.transactions.requireActive(transaction);
      if (!transaction.readOnly) {
        try {
          await this.locks.acquire(transaction, resources());
        } catch (err) {
          this.endTransaction(transaction, 'aborted', toServiceError(err).details);
          throw err;
        }
        // Wounded between the grant and now: its locks are gone, so it must not read.
        this.transactions.requireActive(transaction);
      }
    }
    return { newTransactionId, readTime: this.clock.now() };
  }

  private endTransaction(transaction: Transaction, state: 'committed' | 'rolled back' | 'aborted', reason: string): void {
    if (transaction.state === 'active') {
      if (state === 'aborted') this.transactions.abort(transaction, reason);
      else transaction.state = state;
    }
    this.locks.release(transaction, new FirestoreError(status.ABORTED, reason));
  }

  async batchGetDocuments(request: BatchGetDocumentsRequest): Promise<ReadContext & { documents: { name: string; found?: StoredDocument }[] }> {
    const names = request.documents ?? [];
    for (const name of names) parseDocumentName(name);
    const context = await this.openRead(request, () => names.map((name) => ({ kind: 'document', name })));
    return { ...context, documents: names.map((name) => ({ name, found: this.store.get(name) })) };
  }

  async runQuery(request: RunQueryRequest): Promise<ReadContext & { documents: StoredDocument[] }> {
    if (request.explainOptions) throw unimplemented('Query explain');
    const query = request.structuredQuery ?? {};
    const scope = scopeOf(request.parent, query);
    const context = await this.openRead(request, () => [{ kind: 'query', scope, matches: queryMatcher(scope, query) }]);
    return { ...context, documents: runQuery(this.store, scope, query) };
  }

  async runAggregationQuery(request: RunAggregationQueryRequest): Promise<ReadContext & { fields: Record<string, Value> }> {
    if (request.explainOptions) throw unimplemented('Query explain');
    const aggregationQuery = request.structuredAggregationQuery ?? {};
    const query = aggregationQuery.structuredQuery ?? {};
    const scope = scopeOf(request.parent, query);
    const context = await this.openRead(request, () => [{ kind: 'query', scope, matches: queryMatcher(scope, query) }]);
    const documents = runQuery(this.store, scope, query);
    const fields: Record<string, Value> = {};
    for (const aggregation of aggregationQuery.aggregations ?? []) {
      fields[aggregation.alias ?? `field_${Object.keys(fields).length + 1}`] = aggregate(documents, aggregation);
    }
    return { ...context, fields };
  }

  /** Waits for the locks, then validates and applies every write in one synchronous step. */
  async commit(request: CommitRequest): Promise<CommitOutcome> {
    const writes = request.writes ?? [];
    const names = writes.map(documentNameOfWrite);
    let owner: LockOwner;
    let transaction: Transaction | undefined;
    if (request.transaction?.length) {
      transaction = this.transactions.find(request.transaction);
      this.transactions.requireActive(transaction);
      if (transaction.readOnly && writes.length > 0) throw invalidArgument('A read-only transaction cannot write.');
      owner = transaction;
    } else {
      owner = { age: this.transactions.nextAge(), woundable: false, label: 'a non-transactional commit' };
    }
    try {
      await this.locks.acquire(owner, this.writeLocks(writes, names));
      if (transaction) this.transactions.requireActive(transaction);
      const { staged, writeResults, commitTime } = this.stage(writes, names, this.clock.next());
      this.store.apply(staged);
      if (transaction) this.endTransaction(transaction, 'committed', `${transaction.label} was committed.`);
      return { commitTime, writeResults };
    } catch (err) {
      if (transaction) this.endTransaction(transaction, 'aborted', `${transaction.label} failed: ${toServiceError(err).details}`);
      throw err;
    } finally {
      this.locks.release(owner);
    }
  }

  /**
   * A commit locks each document it writes, and declares what each write would change so that
   * it waits for (or wounds) transactions whose queries it would change. The preview is taken
   * against the current state each time the lock manager asks, and is exact once granted:
   * the document locks keep anyone else from changing those documents until the commit applies.
   */
  private writeLocks(writes: Write[], names: string[]): LockResource[] {
    const preview = (): Map<string, (StoredDocument | undefined)[]> => {
      const versions = new Map(names.map((name) => [name, [this.store.get(name)]]));
      try {
        for (const [name, after] of this.stage(writes, names, this.clock.now()).staged) versions.get(name)!.push(after);
      } catch {
        // A precondition fails: the commit will write nothing.
      }
      return versions;
    };
    const unique = [...new Set(names)];
    return [
      ...unique.map((name): LockResource => ({ kind: 'document', name })),
      ...unique.map((name): LockResource => ({ kind: 'write', name, versions: () => preview().get(name)! })),
    ];
  }

  /**
   * All or nothing: every write is validated against the state left by the writes before it,
   * on a staging copy that the caller commits only when all of them pass.
   */
  private stage(writes: Write[], names: string[], commitTime: Micros): { staged: Map<string, StoredDocument | undefined>; writeResults: AppliedWrite[]; commitTime: Micros } {
    const staged = new Map<string, StoredDocument | undefined>();
    const writeResults = writes.map((write, i) => {
      const name = names[i]!;
      const applied = applyWrite(staged.has(name) ? staged.get(name) : this.store.get(name), write, commitTime);
      staged.set(name, applied.after);
      return applied;
    });
    return { staged, writeResults, commitTime };
  }

  /** BulkWriter's RPC: each write commits (or fails) on its own. */
  async batchWrite(request: BatchWriteRequest): Promise<{ writeResults: (AppliedWrite | undefined)[]; statuses: RpcStatus[] }> {
    const writeResults: (AppliedWrite | undefined)[] = [];
    const statuses: RpcStatus[] = [];
    for (const write of request.writes ?? []) {
      try {
        const outcome = await this.commit({ writes: [write] });
        writeResults.push(outcome.writeResults[0]);
        statuses.push({ code: status.OK, message: '' });
      } catch (err) {
        const error = toServiceError(err);
        writeResults.push(undefined);
        statuses.push({ code: error.code, message: error.details });
      }
    }
    return { writeResults, statuses };
  }

  /** Documents of one collection by name; with showMissing also ids that only have subcollections. */
  async listDocuments(request: ListDocumentsRequest): Promise<{ documents: { name: string; found?: StoredDocument }[]; nextPageToken: string }> {
    if (request.orderBy) throw unimplemented('ListDocuments with orderBy');
    parseParent(request.parent);
    if (!request.collectionId) throw invalidArgument('ListDocuments needs a collection id.');
    const collectionPath = `${request.parent}/${request.collectionId}`;
    const scope = { parent: request.parent!, collectionId: request.collectionId, allDescendants: false };
    await this.openRead(request, () => [{ kind: 'query', scope, matches: () => true }]);
    const names = new Set<string>();
    for (const doc of this.store.inCollection(collectionPath)) names.add(doc.name);
    if (request.showMissing) {
      for (const doc of this.store.all()) {
        if (!doc.name.startsWith(`${collectionPath}/`)) continue;
        const id = doc.name.slice(collectionPath.length + 1).split('/')[0]!;
        names.add(`${collectionPath}/${id}`);
      }
    }
    const sorted = [...names].sort(compareResourcePaths).filter((name) => !request.pageToken || compareResourcePaths(name, request.pageToken) > 0);
    const page = request.pageSize ? sorted.slice(0, request.pageSize) : sorted;
    return {
      documents: page.map((name) => ({ name, found: this.store.get(name) })),
      nextPageToken: page.length < sorted.length ? page.at(-1)! : '',
    };
  }

  listCollectionIds(request: ListCollectionIdsRequest): { collectionIds: string[]; nextPageToken: string } {
    if (request.readTime) throw unimplemented('Reading at a past readTime');
    parseParent(request.parent);
    const prefix = `${request.parent}/`;
    const ids = new Set<string>();
    for (const doc of this.store.all()) if (doc.name.startsWith(prefix)) ids.add(doc.name.slice(prefix.length).split('/')[0]!);
    const sorted = [...ids].sort(compareResourcePaths).filter((id) => !request.pageToken || compareResourcePaths(id, request.pageToken) > 0);
    const page = request.pageSize ? sorted.slice(0, request.pageSize) : sorted;
    return { collectionIds: page, nextPageToken: page.length < sorted.length ? page.at(-1)! : '' };
  }

  /** Forgets every document and fails every transaction and lock wait. */
  reset(): void {
    const reason = 'The embedded Firestore server was reset.';
    this.transactions.abortAll(reason);
    this.locks.clear(new FirestoreError(status.ABORTED, reason));
    this.store.clear();
  }
}
