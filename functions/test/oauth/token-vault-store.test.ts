import { randomBytes } from 'node:crypto';
import { startTestFirestore, type TestFirestore } from '../../testing/firestore-server/harness';
import { COLLECTIONS, encryptedTokenSchema } from '../../src/model';
import { createKeyring } from '../../src/oauth/keyring';
import { loadTokens, saveTokens, type TokenOwner, type VaultDeps } from '../../src/oauth/token-vault';
import { fakeClock } from './fake-clock';

let firestore: TestFirestore;
beforeAll(async () => {
  firestore = await startTestFirestore();
});
afterAll(async () => firestore.stop());
beforeEach(async () => firestore.reset());

const owner: TokenOwner = { connectionId: 'google_staff-1_0123456789abcdef', businessId: 'biz-1', provider: 'google' };
const tokens = { refreshToken: '1//0refresh-SECRET', accessToken: 'ya29.access-SECRET', accessTokenExpiresAt: 1_900_000_000_000, scope: 'x' };

function vault(key = randomBytes(32).toString('base64')): VaultDeps {
  return { db: firestore.db(), keyring: createKeyring(key), clock: fakeClock().clock };
}

test('tokens saved in Firestore read back through the schema', async () => {
  const deps = vault();
  await saveTokens(deps, owner, tokens);
  expect(await loadTokens(deps, owner)).toEqual(tokens);
});

test('the Firestore document holds only the envelope: no token text anywhere', async () => {
  const deps = vault();
  await saveTokens(deps, owner, tokens);
  const raw = (await deps.db.doc(`${COLLECTIONS.oauthTokens}/${owner.connectionId}`).get()).data();
  expect(encryptedTokenSchema.parse(raw)).toMatchObject({ businessId: 'biz-1', provider: 'google' });
  expect(JSON.stringify(raw)).not.toMatch(/SECRET|refresh|ya29/);
});

test('a connection without stored tokens loads as null', async () => {
  expect(await loadTokens(vault(), owner)).toBeNull();
});

test('tokens written under one key cannot be read with another', async () => {
  const deps = vault();
  await saveTokens(deps, owner, tokens);
  await expect(loadTokens({ ...deps, keyring: createKeyring(randomBytes(32).toString('base64')) }, owner)).rejects.toThrow(
    /oauthTokens\/google_staff-1_0123456789abcdef: cannot decrypt/,
  );
});

test('a tampered stored document fails instead of returning altered tokens', async () => {
  const deps = vault();
  await saveTokens(deps, owner, tokens);
  const ref = deps.db.doc(`${COLLECTIONS.oauthTokens}/${owner.connectionId}`);
  const ciphertext = Buffer.from((await ref.get()).get('ciphertext') as string, 'base64');
  ciphertext[5] = ciphertext[5]! ^ 0xff;
  await ref.update({ ciphertext: ciphertext.toString('base64') });
  await expect(loadTokens(deps, owner)).rejects.toThrow(/authentication failed/);
});
