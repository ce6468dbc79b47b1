import type { Firestore } from 'firebase-admin/firestore';
import type { Clock } from '../clock';
import type { Log } from '../logs';
import type { EncryptionKeyring } from './keyring';
import type { OAuthProviderClients } from './provider-client';
import type { RandomBytes } from './random';

/** Everything the OAuth capabilities take from outside; tests pass a fake clock and the sandbox. */
export interface OAuthDeps {
  db: Firestore;
  keyring: EncryptionKeyring;
  clock: Clock;
  log: Log;
  /** The OAuth client of each provider that connects through OAuth. */
  clients: OAuthProviderClients;
  /** Defaults to node:crypto. */
  randomBytes?: RandomBytes;
}
