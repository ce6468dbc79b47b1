import { status } from '@grpc/grpc-js';
import { randomBytes } from 'node:crypto';
import { FirestoreError, invalidArgument, unimplemented } from './firestore-error';
import type { LockOwner } from './lock-manager';
import type { TransactionOptions } from './wire';

export type TransactionState = 'active' | 'committed' | 'rolled back' | 'aborted';

export class Transaction implements LockOwner {
  readonly woundable = true;
  state: TransactionState = 'active';
  abortReason = '';
  constructor(
    readonly id: Buffer,
    readonly age: number,
    readonly readOnly: boolean,
  ) {}

  get label(): string {
    return `transaction ${this.id.toString('hex')}`;
  }
}

/**
 * The transactions the server knows about. Ages order every lock owner (transactions and
 * plain commits alike) by arrival; a retried transaction keeps the age of the one it retries,
 * so it cannot be starved by younger ones.
 */
/** Ended transactions are remembered (a retry names its predecessor) up to this many. */
const REMEMBERED_TRANSACTIONS = 10_000;

export class TransactionRegistry {
  private readonly transactions = new Map<string, Transaction>();
  private lastAge = 0;

  nextAge(): number {
    return ++this.lastAge;
  }

  begin(options: TransactionOptions | undefined): { transaction: Transaction; retried?: Transaction } {
    if (options?.readOnly?.readTime) throw unimplemented('A read-only transaction at a past readTime');
    const readOnly = options?.readOnly !== undefined;
    const retryId = options?.readWrite?.retryTransaction;
    const retried = retryId && retryId.length > 0 ? this.transactions.get(Buffer.from(retryId).toString('hex')) : undefined;
    const transaction = new Transaction(randomBytes(16), retried?.age ?? this.nextAge(), readOnly);
    this.transactions.set(transaction.id.toString('hex'), transaction);
    this.forgetOldTransactions();
    return { transaction, retried };
  }

  find(id: Uint8Array): Transaction {
    const transaction = this.transactions.get(Buffer.from(id).toString('hex'));
    // The admin SDK retries INVALID_ARGUMENT only with this wording, as for a real expired transaction.
    if (!transaction) throw invalidArgument('The referenced transaction has expired or is no longer valid.');
    return transaction;
  }

  /** Throws unless the transaction can still read or commit. */
  requireActive(transaction: Transaction): void {
    if (transaction.state === 'active') return;
    if (transaction.state === 'aborted') throw new FirestoreError(status.ABORTED, transaction.abortReason || `${transaction.label} was aborted.`);
    throw invalidArgument(`The referenced transaction has expired or is no longer valid (it was ${transaction.state}).`);
  }

  abort(transaction: Transaction, reason: string): void {
    if (transaction.state !== 'active') return;
    transaction.state = 'aborted';
    transaction.abortReason = reason;
  }

  /** Keeps a long-running local stack from growing without bound; Map order is creation order. */
  private forgetOldTransactions(): void {
    for (const [key, transaction] of this.transactions) {
      if (this.transactions.size <= REMEMBERED_TRANSACTIONS) return;
      if (transaction.state !== 'active') this.transactions.delete(key);
    }
  }

  abortAll(reason: string): void {
    for (const transaction of this.transactions.values()) this.abort(transaction, reason);
  }
}
