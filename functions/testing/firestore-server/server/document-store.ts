import { toTimestamp, type Micros } from './commit-clock';
import { collectionPathOf } from './resource-names';
import type { Document, Fields } from './wire';

/** One committed version of a document. Never mutated: a write stores a new object. */
export interface StoredDocument {
  readonly name: string;
  readonly fields: Fields;
  readonly createTime: Micros;
  readonly updateTime: Micros;
}

export function toWireDocument(doc: StoredDocument, fields: Fields = doc.fields): Document {
  return { name: doc.name, fields, createTime: toTimestamp(doc.createTime), updateTime: toTimestamp(doc.updateTime) };
}

/** Document name → its new version, or undefined when the commit deleted it. */
export type DocumentChanges = ReadonlyMap<string, StoredDocument | undefined>;

/**
 * Every document of every project and database, by full resource name, with an index by
 * collection path so that a collection query does not scan the whole database.
 */
export class DocumentStore {
  private readonly documents = new Map<string, StoredDocument>();
  private readonly byCollection = new Map<string, Map<string, StoredDocument>>();
  private readonly listeners = new Set<(changes: DocumentChanges) => void>();

  get(name: string): StoredDocument | undefined {
    return this.documents.get(name);
  }

  inCollection(collectionPath: string): Iterable<StoredDocument> {
    return this.byCollection.get(collectionPath)?.values() ?? [];
  }

  all(): Iterable<StoredDocument> {
    return this.documents.values();
  }

  /** Applies every change of one commit at once, then tells the listeners. */
  apply(changes: DocumentChanges): void {
    for (const [name, doc] of changes) {
      const collectionPath = collectionPathOf(name);
      if (doc) {
        this.documents.set(name, doc);
        let collection = this.byCollection.get(collectionPath);
        if (!collection) this.byCollection.set(collectionPath, (collection = new Map()));
        collection.set(name, doc);
      } else {
        this.documents.delete(name);
        const collection = this.byCollection.get(collectionPath);
        collection?.delete(name);
        if (collection?.size === 0) this.byCollection.delete(collectionPath);
      }
    }
    if (changes.size > 0) for (const listener of this.listeners) listener(changes);
  }

  clear(): void {
    const changes = new Map<string, undefined>();
    for (const name of this.documents.keys()) changes.set(name, undefined);
    this.apply(changes);
  }

  onChange(listener: (changes: DocumentChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
