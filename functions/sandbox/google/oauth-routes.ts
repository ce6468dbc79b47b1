import { createHash, timingSafeEqual } from 'node:crypto';
import { formBody, json, type Route, type SandboxRequest, type SandboxResponse } from '../common/http-router';
import type { OAuthState } from './oauth-state';
import type { GoogleSandboxState } from './sandbox-state';

/**
 * Google's OAuth endpoints: the consent page (`accounts.google.com/o/oauth2/v2/auth`, here answered
 * at once by a simulated user), the token endpoint (`oauth2.googleapis.com/token`), revocation,
 * tokeninfo and OpenID userinfo. Token endpoint errors use Google's flat
 * `{"error": "...", "error_description": "..."}` bodies.
 */

export const OAUTH_PATHS = {
  authorize: '/o/oauth2/v2/auth',
  token: '/token',
  revoke: '/revoke',
  tokenInfo: '/tokeninfo',
  userInfo: '/v1/userinfo',
  userInfoV3: '/oauth2/v3/userinfo',
} as const;

const tokenError = (status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store' });

/** Google shows an error page (no redirect) when the client or redirect URI is wrong. */
const errorPage = (status: number, title: string, detail: string): SandboxResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html><title>${title}</title><h1>Access blocked: ${title}</h1><p>${detail}</p>`,
});

export function oauthRoutes(state: GoogleSandboxState, oauth: OAuthState): Route[] {
  const authorize = (req: SandboxRequest): SandboxResponse => {
    const q = req.query;
    const clientId = q.get('client_id') ?? '';
    const client = oauth.clients.get(clientId);
    if (!client) return errorPage(401, 'Error 401: invalid_client', 'The OAuth client was not found.');
    const redirectUri = q.get('redirect_uri') ?? '';
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return errorPage(400, 'Error 400: redirect_uri_mismatch', 'Missing or invalid redirect_uri.');
    }
    const registered = client.redirectUris ? client.redirectUris.includes(redirectUri) : /^https?:$/.test(redirect.protocol);
    if (!registered) return errorPage(400, 'Error 400: redirect_uri_mismatch', `redirect_uri=${redirectUri} is not registered for this client.`);

    const back = (params: Record<string, string | undefined>): SandboxResponse => {
      const target = new URL(redirect);
      for (const [key, value] of Object.entries(params)) if (value !== undefined) target.searchParams.set(key, value);
      return { status: 302, headers: { location: target.toString() } };
    };
    const stateParam = q.get('state') ?? undefined;
    if ((q.get('response_type') ?? '') !== 'code') return back({ error: 'unsupported_response_type', state: stateParam });
    const requested = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (requested.length === 0) return back({ error: 'invalid_request', error_description: 'Missing required parameter: scope', state: stateParam });
    const challenge = q.get('code_challenge') ?? undefined;
    const method = (q.get('code_challenge_method') ?? (challenge ? 'plain' : undefined)) as 'S256' | 'plain' | undefined;
    if (method && method !== 'S256' && method !== 'plain') {
      return back({ error: 'invalid_request', error_description: 'Invalid code_challenge_method', state: stateParam });
    }
    if (method && !challenge) return back({ error: 'invalid_request', error_description: 'Missing code_challenge', state: stateParam });

    const consent = oauth.takeConsent(q.get('login_hint') ?? undefined);
    if (!consent || !state.accounts.has(consent.email.toLowerCase())) {
      return errorPage(400, 'No sandbox account', 'Create an account in the Google sandbox before connecting.');
    }
    if (consent.deny) return back({ error: 'access_denied', state: stateParam });
    const email = consent.email.toLowerCase();
    const scopes = consent.grantedScopes ? requested.filter((s) => consent.grantedScopes!.includes(s)) : requested;
    const offline = q.get('access_type') === 'offline';
    const prompts = (q.get('prompt') ?? '').split(/\s+/);
    // Google returns a refresh token on the first offline consent, or when consent is prompted again.
    const issueRefreshToken = offline && (prompts.includes('consent') || !oauth.hasLiveGrant(email, clientId));
    const code = oauth.issueCode({
      clientId,
      redirectUri,
      email,
      scopes,
      codeChallenge: challenge,
      codeChallengeMethod: method,
      issueRefreshToken,
    });
    return back({ state: stateParam, iss: 'https://accounts.google.com', code, scope: scopes.join(' '), authuser: '0', prompt: 'consent' });
  };

  const clientOf = (req: SandboxRequest, form: URLSearchParams) => {
    let clientId = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      secret = decodeURIComponent(decoded.slice(colon + 1));
    }
    const client = clientId ? oauth.clients.get(clientId) : undefined;
    if (!client) return { error: tokenError(401, 'invalid_client', 'The OAuth client was not found.') };
    if (secret !== client.clientSecret) return { error: tokenError(401, 'invalid_client', 'Unauthorized') };
    return { client };
  };

  const tokenResponse = (body: Record<string, unknown>): SandboxResponse =>
    json(200, body, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' });

  const token = (req: SandboxRequest): SandboxResponse => {
    const form = readForm(req);
    const { client, error } = clientOf(req, form);
    if (error) return error;
    const grantType = form.get('grant_type') ?? '';
    if (grantType === 'authorization_code') {
      const code = oauth.codes.get(form.get('code') ?? '');
      if (!code || code.clientId !== client.clientId) return tokenError(400, 'invalid_grant', 'Malformed auth code.');
      if (code.used || code.expiresAt <= state.clock.now()) return tokenError(400, 'invalid_grant', 'Bad Request');
      if ((form.get('redirect_uri') ?? '') !== code.redirectUri) return tokenError(400, 'redirect_uri_mismatch', 'Bad Request');
      if (code.codeChallenge) {
        const verifier = form.get('code_verifier');
        if (!verifier) return tokenError(400, 'invalid_grant', 'Missing code verifier.');
        if (!verifierMatches(verifier, code.codeChallenge, code.codeChallengeMethod ?? 'plain')) {
          return tokenError(400, 'invalid_grant', 'Invalid code verifier.');
        }
      }
      code.used = true;
      const grant = code.issueRefreshToken ? oauth.issueGrant(client.clientId, code.email, code.scopes) : undefined;
      const access = oauth.issueAccessToken(client.clientId, code.email, code.scopes, grant);
      return tokenResponse({
        access_token: access.token,
        expires_in: oauth.policy.accessTokenLifetimeSeconds,
        ...(grant ? { refresh_token: grant.refreshToken } : {}),
        scope: code.scopes.join(' '),
        token_type: 'Bearer',
      });
    }
    if (grantType === 'refresh_token') {
      const grant = oauth.grants.get(form.get('refresh_token') ?? '');
      if (!grant || grant.revoked || grant.clientId !== client.clientId) {
        return tokenError(400, 'invalid_grant', 'Token has been expired or revoked.');
      }
      const access = oauth.issueAccessToken(client.clientId, grant.email, grant.scopes, grant);
      // No refresh_token here: Google keeps the original one valid and never rotates it.
      return tokenResponse({
        access_token: access.token,
        expires_in: oauth.policy.accessTokenLifetimeSeconds,
        scope: grant.scopes.join(' '),
        token_type: 'Bearer',
      });
    }
    return tokenError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  };

  const revoke = (req: SandboxRequest): SandboxResponse => {
    const value = req.query.get('token') ?? readForm(req).get('token') ?? '';
    if (!oauth.revoke(value)) return tokenError(400, 'invalid_token', 'Token expired or revoked');
    return json(200, {});
  };

  const bearer = (req: SandboxRequest, fallbackParam?: string): string | undefined => {
    const match = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''));
    return match?.[1] ?? (fallbackParam ? (req.query.get(fallbackParam) ?? readForm(req).get(fallbackParam) ?? undefined) : undefined);
  };

  const tokenInfo = (req: SandboxRequest): SandboxResponse => {
    const found = oauth.authenticate(req.query.get('access_token') ?? readForm(req).get('access_token') ?? bearer(req) ?? '');
    if (!found) return tokenError(400, 'invalid_token', 'Invalid Value');
    const { account, access } = found;
    const expiresIn = Math.max(0, Math.floor((access.expiresAt - state.clock.now()) / 1000));
    return json(200, {
      azp: access.clientId,
      aud: access.clientId,
      sub: account.sub,
      scope: access.scopes.join(' '),
      exp: String(Math.floor(access.expiresAt / 1000)),
      expires_in: String(expiresIn),
      email: account.email,
      email_verified: 'true',
      access_type: access.grant ? 'offline' : 'online',
    });
  };

  const userInfo = (req: SandboxRequest): SandboxResponse => {
    const found = oauth.authenticate(bearer(req, 'access_token') ?? '');
    if (!found) {
      return json(401, { error: 'invalid_request', error_description: 'Invalid Credentials' }, {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
    }
    const { account, access } = found;
    const out: Record<string, unknown> = { sub: account.sub };
    if (access.scopes.some((s) => s === 'profile' || s.endsWith('/userinfo.profile'))) out.name = account.displayName;
    if (access.scopes.some((s) => s === 'email' || s.endsWith('/userinfo.email'))) {
      out.email = account.email;
      out.email_verified = true;
    }
    return json(200, out);
  };

  return [
    { method: 'GET', pattern: OAUTH_PATHS.authorize, name: 'oauth.authorize', write: false, handler: authorize },
    { method: 'POST', pattern: OAUTH_PATHS.token, name: 'oauth.token', write: true, handler: token },
    { method: 'POST', pattern: OAUTH_PATHS.revoke, name: 'oauth.revoke', write: true, handler: revoke },
    { method: 'GET', pattern: OAUTH_PATHS.tokenInfo, name: 'oauth.tokeninfo', write: false, handler: tokenInfo },
    { method: 'POST', pattern: OAUTH_PATHS.tokenInfo, name: 'oauth.tokeninfo', write: false, handler: tokenInfo },
    { method: 'GET', pattern: OAUTH_PATHS.userInfo, name: 'oauth.userinfo', write: false, handler: userInfo },
    { method: 'GET', pattern: OAUTH_PATHS.userInfoV3, name: 'oauth.userinfo', write: false, handler: userInfo },
  ];
}

function readForm(req: SandboxRequest): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json') && req.rawBody.length > 0) {
    try {
      const parsed = JSON.parse(req.rawBody.toString('utf8')) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(parsed).map(([k, v]): [string, string] => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return formBody(req);
}

/** RFC 7636: S256 = BASE64URL(SHA256(verifier)). */
function verifierMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
