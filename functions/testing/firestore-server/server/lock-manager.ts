import { status } from '@grpc/grpc-js';
import { FirestoreError } from './firestore-error';
import { scopeContains, scopesOverlap, type QueryScope } from './query-engine';

/**
 * Pessimistic locking as Firestore does it for server-client transactions
 * (https://firebase.google.com/docs/firestore/transaction-data-contention):
 * a transaction's reads lock what they read until it commits or rolls back; a conflicting
 * request waits; deadlocks cannot form because of wound-wait: an older requester aborts
 * ("wounds") a younger holder, a younger requester waits for an older one. The admin SDK
 * retries an aborted transaction and keeps its age by naming the previous transaction.
 *
 * Locks here are exclusive (reads and writes alike). That makes concurrent read-modify-write
 * transactions on one document queue up instead of all reading, then wounding each other at
 * commit until the SDK's five attempts run out. A query locks its whole scope (collection or
 * collection group), which is coarser than Firestore's index-range locks but never weaker.
 */
export type LockResource = { kind: 'document'; name: string } | { kind: 'scope'; scope: QueryScope };

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

function keyOf(resource: LockResource): string {
  return resource.kind === 'document'
    ? `d:${resource.name}`
    : `s:${resource.scope.parent}|${resource.scope.collectionId}|${resource.scope.allDescendants}`;
}

function conflict(a: LockResource, b: LockResource): boolean {
  if (a.kind === 'document' && b.kind === 'document') return a.name === b.name;
  if (a.kind === 'scope' && b.kind === 'scope') return scopesOverlap(a.scope, b.scope);
  return a.kind === 'scope' ? scopeContains(a.scope, (b as { name: string }).name) : scopeContains((b as { scope: QueryScope }).scope, a.name);
}

export interface LockManagerOptions {
  /** How long a request may wait before it fails with ABORTED, so that a bug cannot hang a test. */
  lockTimeoutMs: number;
  /** Called (synchronously) when an older owner wounds `victim`; its locks are already gone. */
  onWound: (victim: LockOwner, by: LockOwner) => void;
}

export class LockManager {
  private readonly held = new Map<LockOwner, Map<string, LockResource>>();
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
      for (const lock of locks.values()) {
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
    if (!locks) this.held.set(waiter.owner, (locks = new Map()));
    for (const resource of waiter.resources) locks.set(keyOf(resource), resource);
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
