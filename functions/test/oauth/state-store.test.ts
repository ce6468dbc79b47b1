import { randomBytes } from 'node:crypto';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';
import { COLLECTIONS } from '../../src/model';
import { ConnectError } from '../../src/oauth/errors';
import { createKeyring } from '../../src/oauth/keyring';
import { codeChallengeS256 } from '../../src/oauth/pkce';
import { consumeOAuthState, createOAuthState, deleteExpiredOAuthStates, OAUTH_STATE_TTL_MS, type StateStoreDeps } from '../../src/oauth/state-store';
import { fakeClock } from './fake-clock';

let firestore: TestFirestore;
beforeAll(async () => {
  firestore = await startTestFirestore();
});
afterAll(async () => firestore.stop());
beforeEach(async () => firestore.reset());

const pending = { businessId: 'biz-1', staffId: 'staff-1', provider: 'google' as const, calendarId: 'primary' };

function setup() {
  const time = fakeClock();
  const deps: StateStoreDeps = { db: firestore.db(), keyring: createKeyring(randomBytes(32).toString('base64')), clock: time.clock };
  return { time, deps };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof ConnectError ? error.reason : `other: ${(error as Error).message}`;
  }
}

test('a state opens once, giving back who connects what and the verifier of its challenge', async () => {
  const { deps } = setup();
  const issued = await createOAuthState(deps, pending);
  expect(issued.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const consumed = await consumeOAuthState(deps, issued.state);
  expect(consumed).toMatchObject(pending);
  expect(codeChallengeS256(consumed.codeVerifier)).toBe(issued.codeChallenge);
  expect(await reason(consumeOAuthState(deps, issued.state))).toBe('invalid_state');
});

test('the stored document is keyed by the hash of the state and holds neither state nor verifier in clear', async () => {
  const { deps } = setup();
  const issued = await createOAuthState(deps, pending);
  const docs = (await deps.db.collection(COLLECTIONS.oauthStates).get()).docs;
  expect(docs).toHaveLength(1);
  expect(docs[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  const stored = JSON.stringify(docs[0]!.data());
  expect(stored).not.toContain(issued.state);
  const consumed = await consumeOAuthState(deps, issued.state);
  expect(stored).not.toContain(consumed.codeVerifier);
});

test('a state is refused after 15 minutes and is gone afterwards', async () => {
  const { deps, time } = setup();
  const issued = await createOAuthState(deps, pending);
  time.advance(OAUTH_STATE_TTL_MS);
  expect(await reason(consumeOAuthState(deps, issued.state))).toBe('expired_state');
  time.set('2030-01-07T09:00:00.000Z');
  expect(await reason(consumeOAuthState(deps, issued.state))).toBe('invalid_state');
});

test('a state just inside its 15 minutes still opens', async () => {
  const { deps, time } = setup();
  const issued = await createOAuthState(deps, pending);
  time.advance(OAUTH_STATE_TTL_MS - 1000);
  expect(await reason(consumeOAuthState(deps, issued.state))).toBe('resolved');
});

test('only the exact state string opens: changed case, padding or whitespace do not', async () => {
  const { deps } = setup();
  const issued = await createOAuthState(deps, pending);
  const flippedCase = issued.state.replace(/[a-z]/, (c) => c.toUpperCase());
  for (const variant of [flippedCase, `${issued.state} `, `${issued.state}=`, issued.state.slice(0, 42), '', 'x'.repeat(43)]) {
    if (variant === issued.state) continue;
    expect(await reason(consumeOAuthState(deps, variant))).toBe('invalid_state');
  }
  expect(await reason(consumeOAuthState(deps, issued.state))).toBe('resolved');
});

test('of two concurrent consumptions of one state exactly one wins', async () => {
  const { deps } = setup();
  const issued = await createOAuthState(deps, pending);
  const other = { ...deps, db: firestore.db() };
  const outcomes = await Promise.all([reason(consumeOAuthState(deps, issued.state)), reason(consumeOAuthState(other, issued.state))]);
  expect(outcomes.sort()).toEqual(['invalid_state', 'resolved']);
});

test('a state sealed with another encryption key does not open', async () => {
  const { deps } = setup();
  const issued = await createOAuthState(deps, pending);
  const otherKey = { ...deps, keyring: createKeyring(randomBytes(32).toString('base64')) };
  await expect(consumeOAuthState(otherKey, issued.state)).rejects.toThrow(/cannot decrypt/);
});

test('abandoned states are deleted once expired, live ones are kept', async () => {
  const { deps, time } = setup();
  await createOAuthState(deps, pending);
  time.advance(10 * 60 * 1000);
  const live = await createOAuthState(deps, pending);
  time.advance(6 * 60 * 1000);
  expect(await deleteExpiredOAuthStates(deps)).toBe(1);
  expect(await reason(consumeOAuthState(deps, live.state))).toBe('resolved');
});
