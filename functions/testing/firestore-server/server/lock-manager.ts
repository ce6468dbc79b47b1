import { status } from '@grpc/grpc-js';
import { FirestoreError } from './firestore-error';
import type { StoredDocument } from './document-store';
import { scopeContains, scopesOverlap, type QueryScope } from './query-engine';

/**
 * Pessimistic locking as Firestore does it for server-client transactions
 * (https://firebase.google.com/docs/firestore/transaction-data-contention):
 * a transaction's reads lock what they read until it commits or rolls back; a conflicting
 * request waits; deadlocks cannot form because of wound-wait: an older requester aborts
 * ("wounds") a younger holder, a younger requester waits for an older one. The admin SDK
 * retries an aborted transaction and keeps its age by naming the previous transaction.
 *
 * Three kinds of lock:
 * - `document`: taken by a transactional read of a document (existing or not) and by every
 *   write. Exclusive, so that concurrent read-modify-write transactions on one document queue
 *   up instead of all reading, then wounding each other at commit until the SDK's five
 *   attempts run out.
 * - `query`: taken by a transactional query. It blocks any write that would change what the
 *   query saw, i.e. whose document matched the query's filters before or would match after
 *   the write (a predicate lock; Firestore locks index ranges, which is never finer). Queries
 *   on the same collection also exclude each other, for the same reason documents do: twenty
 *   "query, then insert if free" transactions queue instead of wounding each other in rounds.
 *   Queries never wait for document reads.
 * - `write`: held by a commit while it applies; conflicts with `document` locks on its
 *   document and with `query` locks as just said.
 */
export interface DocumentLock {
  kind: 'document';
  name: string;
}
export interface QueryLock {
  kind: 'query';
  scope: QueryScope;
  /** Whether a version of a document in the scope is one the query would return (ignoring limits). */
  matches: (doc: StoredDocument) => boolean;
}
export interface WriteLock {
  kind: 'write';
  name: string;
  /** The document's current version and the one the commit would leave (undefined: absent). */
  versions: () => (StoredDocument | undefined)[];
}
export type LockResource = DocumentLock | QueryLock | WriteLock;

function writeConflictsWithQuery(write: WriteLock, query: QueryLock): boolean {
  return scopeContains(query.scope, write.name) && write.versions().some((version) => version !== undefined && query.matches(version));
}

function conflict(a: LockResource, b: LockResource): boolean {
  if (a.kind === 'query' && b.kind === 'query') return scopesOverlap(a.scope, b.scope);
  if (a.kind === 'query') return b.kind === 'write' && writeConflictsWithQuery(b, a);
  if (b.kind === 'query') return a.kind === 'write' && writeConflictsWithQuery(a, b);
  return a.name === b.name;
}

export interface LockOwner {
  /** Lower is older. Older owners win conflicts. */
  readonly age: number;
  /** Transactions can be wounded; a plain (non-transactional) commit holds locks only while it applies. */
  readonly woundable: boolean;
  readonly label: string;
}

interface Waiter {
  owner: LockOwner;
  resources: LockResource[];
  resolve: () => void;
  reject: (err: FirestoreError) => void;
  timer: NodeJS.Timeout;
}

export interface LockManagerOptions {
  /** How long a request may wait before it fails with ABORTED, so that a bug cannot hang a test. */
  lockTimeoutMs: number;
  /** Called (synchronously) when an older owner wounds `victim`; its locks are already gone. */
  onWound: (victim: LockOwner, by: LockOwner) => void;
}

export class LockManager {
  private readonly held = new Map<LockOwner, LockResource[]>();
  private waiters: Waiter[] = [];
  private pumping = false;
  private pumpAgain = false;

  constructor(private readonly options: LockManagerOptions) {}

  /** Resolves once `owner` holds every resource; rejects with ABORTED on wound or timeout. */
  acquire(owner: LockOwner, resources: LockResource[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.removeWaiter(waiter);
        reject(new FirestoreError(status.ABORTED, `Transaction lock timeout: ${owner.label} waited ${this.options.lockTimeoutMs} ms for a lock.`));
      }, this.options.lockTimeoutMs);
      timer.unref();
      const waiter: Waiter = { owner, resources, resolve, reject, timer };
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Drops every lock of `owner` and fails its pending requests with `reason`. */
  release(owner: LockOwner, reason?: FirestoreError): void {
    this.held.delete(owner);
    for (const waiter of this.waiters.filter((w) => w.owner === owner)) {
      this.removeWaiter(waiter);
      waiter.reject(reason ?? new FirestoreError(status.ABORTED, `${owner.label} ended while waiting for a lock.`));
    }
    this.pump();
  }

  /** Fails everything (server reset or stop). */
  clear(reason: FirestoreError): void {
    this.held.clear();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(reason);
    }
  }

  holds(owner: LockOwner): boolean {
    return this.held.has(owner);
  }

  private removeWaiter(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters = this.waiters.filter((w) => w !== waiter);
  }

  private blockersOf(owner: LockOwner, resources: LockResource[]): Set<LockOwner> {
    const blockers = new Set<LockOwner>();
    for (const [other, locks] of this.held) {
      if (other === owner) continue;
      for (const lock of locks) {
        if (resources.some((resource) => conflict(resource, lock))) {
          blockers.add(other);
          break;
        }
      }
    }
    return blockers;
  }

  private grant(waiter: Waiter): void {
    let locks = this.held.get(waiter.owner);
    if (!locks) this.held.set(waiter.owner, (locks = []));
    for (const resource of waiter.resources) {
      const alreadyHeld = resource.kind !== 'query' && locks.some((lock) => lock.kind === resource.kind && lock.name === resource.name);
      if (!alreadyHeld) locks.push(resource);
    }
    this.removeWaiter(waiter);
    waiter.resolve();
  }

  private tryGrant(waiter: Waiter): boolean {
    let blockers = this.blockersOf(waiter.owner, waiter.resources);
    for (const holder of blockers) {
      if (holder.woundable && waiter.owner.age < holder.age) {
        this.release(holder, new FirestoreError(status.ABORTED, `${holder.label} was aborted: an older transaction needed its locks.`));
        this.options.onWound(holder, waiter.owner);
      }
    }
    if (blockers.size > 0) blockers = this.blockersOf(waiter.owner, waiter.resources);
    if (blockers.size > 0) return false;
    this.grant(waiter);
    return true;
  }

  /** Grants whatever can be granted, oldest requester first. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const byAge = [...this.waiters].sort((a, b) => a.owner.age - b.owner.age);
        for (const waiter of byAge) {
          if (this.waiters.includes(waiter)) this.tryGrant(waiter);
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }
}
