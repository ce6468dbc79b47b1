import { randomUUID } from 'node:crypto';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { systemClock, type Clock } from './clock';
import { readConfig, type AppConfig } from './config';
import { cloudLog, type Log } from './logs';
import { createKeyring, createTokenManager, firebaseIdTokenVerifier, type IdTokenVerifier, type OAuthDeps, type TokenManager } from './oauth';
import { googleOAuthClient, googleOAuthSettings } from './providers/google/auth';
import { createGoogleCalendarProvider } from './providers/google/google-calendar-provider';
import { DEFAULT_RETRY_POLICY } from './sync/retry-policy';
import { DEFAULT_INBOUND_OPTIONS, cryptoRandomToken, type InboundDeps } from './inbound/inbound-deps';
import { createGoogleInboundProvider } from './providers/google/google-inbound';
import type { SyncDeps } from './sync/sync-deps';

/**
 * The composition root: builds every capability's dependencies once per function instance, at
 * the first invocation (not at import, which keeps cold starts short and lets config errors name
 * the bad setting). The local stack builds the same graph with its own config and Firestore.
 */
export interface Runtime {
  config: AppConfig;
  db: Firestore;
  clock: Clock;
  log: Log;
  oauth: OAuthDeps;
  tokens: TokenManager;
  sync: SyncDeps;
  verifyIdToken: IdTokenVerifier;
  /** Inbound sync: staff calendars read back (busy time, edits of our events), push channels. */
  inbound: InboundDeps;
}

export interface RuntimeOverrides {
  db?: Firestore;
  clock?: Clock;
  log?: Log;
  verifyIdToken?: IdTokenVerifier;
}

export function buildRuntime(config: AppConfig, overrides: RuntimeOverrides = {}): Runtime {
  const db = overrides.db ?? getFirestore(getApps()[0] ?? initializeApp());
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? cloudLog;
  const oauth: OAuthDeps = {
    db,
    clock,
    log,
    keyring: createKeyring(config.tokenEncryptionKey),
    clients: { google: googleOAuthClient(googleOAuthSettings(config)) },
  };
  const tokens = createTokenManager(oauth);
  const sync: SyncDeps = {
    db,
    clock,
    log,
    providers: { google: createGoogleCalendarProvider({ apiRootUrl: config.google.apiRootUrl, tokens }) },
    random: Math.random,
    workerId: randomUUID(),
    retryPolicy: DEFAULT_RETRY_POLICY,
    // Far longer than one provider operation (bounded by the retry policy): renewed before each.
    leaseMs: 300_000,
  };
  const verifyIdToken = overrides.verifyIdToken ?? firebaseIdTokenVerifier(getAuth(getApps()[0] ?? initializeApp()));
  const inbound: InboundDeps = {
    db,
    clock,
    log,
    providers: { google: createGoogleInboundProvider({ apiRootUrl: config.google.apiRootUrl, tokens }) },
    workerId: sync.workerId,
    sync,
    booking: { db, clock, log, random: Math.random },
    webhookUrl: config.google.webhookUrl,
    randomToken: cryptoRandomToken,
    options: DEFAULT_INBOUND_OPTIONS,
  };
  return { config, db, clock, log, oauth, tokens, sync, verifyIdToken, inbound };
}

let instance: Runtime | undefined;

/** This function instance's runtime (built on first use from params and secrets). */
export function runtime(): Runtime {
  instance ??= buildRuntime(readConfig());
  return instance;
}
