import { codeChallengeS256, createCodeVerifier } from './pkce';
import { randomBytes } from 'node:crypto';

test('the S256 challenge matches the RFC 7636 appendix B example', () => {
  expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('verifiers are 43 unreserved characters, the RFC minimum, from 32 random bytes', () => {
  const verifier = createCodeVerifier((size) => randomBytes(size));
  expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43}$/);
});
