import { status } from '@grpc/grpc-js';
import { toTimestamp } from './commit-clock';
import { toWireDocument, type DocumentChanges, type StoredDocument } from './document-store';
import type { FirestoreBackend } from './firestore-backend';
import { projectFields } from './field-path';
import { invalidArgument, toServiceError } from './firestore-error';
import { projectionOf, runQuery, scopeContains, scopeOf, type QueryScope } from './query-engine';
import { parseDocumentName } from './resource-names';
import type { ListenRequest, Target } from './wire';

interface WatchedTarget {
  id: number;
  /** Computes the target's current result set. */
  evaluate: () => StoredDocument[];
  /** Whether a change to this document can change the result. */
  mayAffect: (documentName: string) => boolean;
  projection?: string[][];
  /** What the client has been told: document name → update time. */
  sent: Map<string, number>;
}

/**
 * One Listen stream, speaking the watch protocol the way the admin SDK's watch.js reads it:
 * ADD, the matching documents, CURRENT, then a global NO_CHANGE with a read time, which makes
 * the client emit a snapshot. Afterwards each commit that touches a target sends only the
 * difference (changed documents, removed or deleted ones) followed by another NO_CHANGE.
 */
export class ListenSession {
  private readonly targets = new Map<number, WatchedTarget>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly backend: FirestoreBackend,
    private readonly send: (response: object) => void,
  ) {
    this.unsubscribe = backend.store.onChange((changes) => this.onChanges(changes));
  }

  handle(request: ListenRequest): void {
    if (request.addTarget) this.addTarget(request.addTarget);
    else if (request.removeTarget !== undefined) {
      this.targets.delete(request.removeTarget);
      this.send({ targetChange: { targetChangeType: 'REMOVE', targetIds: [request.removeTarget] } });
    }
  }

  close(): void {
    this.unsubscribe();
    this.targets.clear();
  }

  private resumeToken(): Buffer {
    return Buffer.from(String(this.backend.clock.now()));
  }

  private compile(target: Target): WatchedTarget {
    const id = target.targetId ?? 0;
    if (target.query) {
      const query = target.query.structuredQuery ?? {};
      const scope: QueryScope = scopeOf(target.query.parent, query);
      return {
        id,
        evaluate: () => runQuery(this.backend.store, scope, query),
        mayAffect: (name) => scopeContains(scope, name),
        projection: projectionOf(query),
        sent: new Map(),
      };
    }
    if (target.documents) {
      const names = target.documents.documents ?? [];
      for (const name of names) parseDocumentName(name);
      const watched = new Set(names);
      return {
        id,
        evaluate: () => names.map((name) => this.backend.store.get(name)).filter((doc): doc is StoredDocument => doc !== undefined),
        mayAffect: (name) => watched.has(name),
        sent: new Map(),
      };
    }
    throw invalidArgument('A watch target needs a query or documents.');
  }

  private addTarget(target: Target): void {
    let watched: WatchedTarget;
    try {
      watched = this.compile(target);
    } catch (err) {
      const error = toServiceError(err);
      this.send({
        targetChange: { targetChangeType: 'REMOVE', targetIds: [target.targetId ?? 0], cause: { code: error.code ?? status.INTERNAL, message: error.details } },
      });
      return;
    }
    this.targets.set(watched.id, watched);
    this.send({ targetChange: { targetChangeType: 'ADD', targetIds: [watched.id] } });
    // A resumed stream: the client must forget what it had, we resend the full state.
    if (target.resumeToken?.length || target.readTime) this.send({ targetChange: { targetChangeType: 'RESET', targetIds: [watched.id] } });
    this.sendDifference(watched);
    const readTime = toTimestamp(this.backend.clock.now());
    const resumeToken = this.resumeToken();
    this.send({ targetChange: { targetChangeType: 'CURRENT', targetIds: [watched.id], readTime, resumeToken } });
    this.send({ targetChange: { targetChangeType: 'NO_CHANGE', targetIds: [], readTime, resumeToken } });
  }

  /** Sends what changed since the client's last view; returns whether anything did. */
  private sendDifference(target: WatchedTarget): boolean {
    const docs = target.evaluate();
    const next = new Map(docs.map((doc) => [doc.name, doc]));
    let changed = false;
    for (const doc of docs) {
      if (target.sent.get(doc.name) === doc.updateTime) continue;
      const fields = target.projection ? projectFields(doc.fields, target.projection) : doc.fields;
      this.send({ documentChange: { document: toWireDocument(doc, fields), targetIds: [target.id], removedTargetIds: [] } });
      target.sent.set(doc.name, doc.updateTime);
      changed = true;
    }
    for (const name of [...target.sent.keys()]) {
      if (next.has(name)) continue;
      const readTime = toTimestamp(this.backend.clock.now());
      if (this.backend.store.get(name)) this.send({ documentRemove: { document: name, removedTargetIds: [target.id], readTime } });
      else this.send({ documentDelete: { document: name, removedTargetIds: [target.id], readTime } });
      target.sent.delete(name);
      changed = true;
    }
    return changed;
  }

  private onChanges(changes: DocumentChanges): void {
    let changed = false;
    for (const target of this.targets.values()) {
      if (![...changes.keys()].some((name) => target.mayAffect(name))) continue;
      try {
        if (this.sendDifference(target)) changed = true;
      } catch (err) {
        const error = toServiceError(err);
        this.targets.delete(target.id);
        this.send({ targetChange: { targetChangeType: 'REMOVE', targetIds: [target.id], cause: { code: error.code, message: error.details } } });
      }
    }
    if (changed) {
      this.send({ targetChange: { targetChangeType: 'NO_CHANGE', targetIds: [], readTime: toTimestamp(this.backend.clock.now()), resumeToken: this.resumeToken() } });
    }
  }
}
