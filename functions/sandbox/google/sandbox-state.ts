import type { SandboxClock } from '../common/sandbox-clock';
import type { SeededRandom } from '../common/seeded-random';
import { isValidTimeZone } from '../common/zoned-time';
import type { EventRecord } from './event-model';
import { googleErrors } from './google-errors';

/**
 * The in-memory world of the Google sandbox: accounts, their calendars and events, and the global
 * change sequence that sync tokens point into. Every change to an event goes through `touch`, so
 * API writes and "stylist" edits from the control API bump sync state and fire notifications alike.
 */

export interface Account {
  email: string;
  displayName: string;
  /** Google's stable numeric account id (`sub`). */
  sub: string;
  timeZone: string;
}

export interface CalendarState {
  id: string;
  ownerEmail: string;
  summary: string;
  description?: string;
  timeZone: string;
  primary: boolean;
  /** Events and exceptions by id, in insertion order. */
  events: Map<string, EventRecord>;
  /** Bumped to invalidate every sync token issued so far (they then answer 410). */
  syncEpoch: number;
  /** Stable id of the calendar's events collection as a push resource (X-Goog-Resource-ID). */
  resourceId: string;
  etag: string;
}

export interface SyncTokenRecord {
  calendarId: string;
  seq: number;
  epoch: number;
  issuedAt: number;
}

export interface AccountInput {
  email: string;
  displayName?: string;
  timeZone?: string;
}

export interface CalendarInput {
  ownerEmail: string;
  summary: string;
  id?: string;
  description?: string;
  timeZone?: string;
}

const MAX_SYNC_TOKENS = 10_000;
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type ChangeListener = (calendar: CalendarState, record: EventRecord) => void;

export class GoogleSandboxState {
  readonly accounts = new Map<string, Account>();
  readonly calendars = new Map<string, CalendarState>();
  readonly syncTokens = new Map<string, SyncTokenRecord>();
  private seq = 0;
  private readonly listeners: ChangeListener[] = [];

  constructor(
    readonly clock: SandboxClock,
    readonly random: SeededRandom,
    readonly options: { defaultTimeZone: string; syncTokenTtlMs?: number },
  ) {}

  currentSeq(): number {
    return this.seq;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Records a change to an event: new change sequence number, `updated`, etag, notifications. */
  touch(calendar: CalendarState, record: EventRecord): void {
    this.seq += 1;
    record.changeSeq = this.seq;
    record.updated = Math.max(this.clock.now(), record.created);
    record.etag = `"${record.updated}${String(this.seq).padStart(6, '0')}"`;
    calendar.events.set(record.id, record);
    for (const listener of this.listeners) listener(calendar, record);
  }

  newEventId(): string {
    return this.random.string(26, BASE32HEX);
  }

  token(prefix: string, length: number): string {
    return prefix + this.random.string(length, TOKEN_CHARS);
  }

  addAccount(input: AccountInput): Account {
    const email = input.email.toLowerCase();
    if (this.accounts.has(email)) throw new Error(`Account ${email} already exists`);
    const timeZone = input.timeZone ?? this.options.defaultTimeZone;
    if (!isValidTimeZone(timeZone)) throw new Error(`Unknown time zone ${timeZone}`);
    const account: Account = {
      email,
      displayName: input.displayName ?? email.split('@')[0],
      sub: String(100_000_000_000_000_000_000n + BigInt(this.accounts.size + 1)),
      timeZone,
    };
    this.accounts.set(email, account);
    this.createCalendar({ ownerEmail: email, summary: email, id: email, timeZone }, true);
    return account;
  }

  addCalendar(input: CalendarInput): CalendarState {
    return this.createCalendar(input, false);
  }

  private createCalendar(input: CalendarInput, primary: boolean): CalendarState {
    const owner = this.accounts.get(input.ownerEmail.toLowerCase());
    if (!owner) throw new Error(`Unknown account ${input.ownerEmail}`);
    const id = input.id ?? `${this.random.string(26, BASE32HEX)}@group.calendar.google.com`;
    if (this.calendars.has(id)) throw new Error(`Calendar ${id} already exists`);
    const timeZone = input.timeZone ?? owner.timeZone;
    if (!isValidTimeZone(timeZone)) throw new Error(`Unknown time zone ${timeZone}`);
    const calendar: CalendarState = {
      id,
      ownerEmail: owner.email,
      summary: input.summary,
      description: input.description,
      timeZone,
      primary,
      events: new Map(),
      syncEpoch: 0,
      resourceId: this.random.string(27, TOKEN_CHARS),
      etag: `"${this.clock.now()}"`,
    };
    this.calendars.set(id, calendar);
    return calendar;
  }

  /** Resolves a calendarId path parameter for `account` ("primary" = the account's own). */
  calendarFor(account: Account, calendarId: string): CalendarState {
    const id = calendarId === 'primary' ? account.email : calendarId;
    const calendar = this.calendars.get(id) ?? this.calendars.get(id.toLowerCase());
    // Google answers 404 for calendars that exist but are not visible to the caller.
    if (!calendar || calendar.ownerEmail !== account.email) throw googleErrors.notFound();
    return calendar;
  }

  issueSyncToken(calendar: CalendarState, seq: number): string {
    const token = this.token('C', 30);
    this.syncTokens.set(token, { calendarId: calendar.id, seq, epoch: calendar.syncEpoch, issuedAt: this.clock.now() });
    // Bounded like Google's: the oldest tokens are forgotten (and then answer 410).
    if (this.syncTokens.size > MAX_SYNC_TOKENS) this.syncTokens.delete(this.syncTokens.keys().next().value!);
    return token;
  }

  /** The change sequence number a sync token stands for, or a 410 fullSyncRequired. */
  resolveSyncToken(calendar: CalendarState, token: string): number {
    const record = this.syncTokens.get(token);
    const ttl = this.options.syncTokenTtlMs;
    if (
      !record ||
      record.calendarId !== calendar.id ||
      record.epoch !== calendar.syncEpoch ||
      (ttl !== undefined && this.clock.now() - record.issuedAt > ttl)
    ) {
      throw googleErrors.fullSyncRequired();
    }
    return record.seq;
  }

  /** Forgets accounts, calendars and sync tokens; the change sequence keeps counting. */
  reset(): void {
    this.accounts.clear();
    this.calendars.clear();
    this.syncTokens.clear();
  }

  /** Invalidates every sync token issued so far for the calendar (or all calendars). */
  expireSyncTokens(calendarId?: string): void {
    for (const calendar of this.calendars.values()) {
      if (calendarId === undefined || calendar.id === calendarId) calendar.syncEpoch += 1;
    }
  }
}
