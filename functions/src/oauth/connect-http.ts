import { AppError } from '../errors';
import type { ProviderId } from '../model';
import { verifyCaller, type IdTokenVerifier } from './caller';
import { completeConnect } from './complete-connect';
import type { OAuthDeps } from './deps';
import { ConnectError, type ConnectFailureReason } from './errors';
import { startConnect } from './start-connect';

/**
 * Thin HTTP adapters over `startConnect` / `completeConnect`. They take the request and response
 * shapes express (and so `onRequest`) provides, decide nothing beyond status codes, and never
 * echo provider text, codes or tokens to the client.
 */
export interface HttpRequestLike {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  body?: unknown;
}

export interface HttpResponseLike {
  status(code: number): unknown;
  set(field: string, value: string): unknown;
  send(body: string): unknown;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function sendReply(res: HttpResponseLike, reply: HttpReply): void {
  res.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers)) res.set(name, value);
  res.send(reply.body);
}

export interface ConnectStartHttpDeps extends OAuthDeps {
  verifyIdToken: IdTokenVerifier;
}

export interface ConnectCallbackHttpDeps extends OAuthDeps {
  /** config.oauthDoneUrl: the only place the browser is sent afterwards; '' answers a page. */
  doneUrl: string;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function json(status: number, body: unknown): HttpReply {
  return { status, headers: { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function bearerToken(headers: HttpRequestLike['headers']): string | undefined {
  const value = headers.authorization ?? headers.Authorization;
  const header = Array.isArray(value) ? value[0] : value;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function jsonBody(body: unknown): unknown {
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      return JSON.parse(body.toString());
    } catch {
      return undefined;
    }
  }
  return body;
}

const STATUS_OF: Partial<Record<AppError['code'], number>> = {
  invalid_argument: 400,
  permission_denied: 403,
  not_found: 404,
};

/**
 * POST, `Authorization: Bearer <Firebase ID token>`, JSON `{ businessId, staffId, calendarId?,
 * provider?, loginHint? }` → 200 `{ authorizationUrl, expiresAt }`. The page then navigates to
 * `authorizationUrl`.
 */
export async function handleConnectStart(deps: ConnectStartHttpDeps, req: HttpRequestLike): Promise<HttpReply> {
  if (req.method !== 'POST') return { ...json(405, { error: { code: 'method_not_allowed', message: 'use POST' } }), headers: { ...NO_STORE, Allow: 'POST' } };
  const idToken = bearerToken(req.headers);
  if (!idToken) return json(401, { error: { code: 'unauthenticated', message: 'missing bearer ID token' } });
  try {
    const caller = await verifyCaller(deps.verifyIdToken, idToken);
    const result = await startConnect(deps, caller, jsonBody(req.body) ?? {});
    return json(200, { authorizationUrl: result.authorizationUrl, expiresAt: result.expiresAt.toISOString() });
  } catch (error) {
    if (error instanceof AppError && STATUS_OF[error.code]) {
      return json(STATUS_OF[error.code]!, { error: { code: error.code, message: error.message } });
    }
    deps.log.error('oauth.connect_failed', { stage: 'start', error });
    return json(500, { error: { code: 'internal', message: 'internal error' } });
  }
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** GET from the provider's consent redirect: `?state&code` or `?state&error`. */
export async function handleConnectCallback(deps: ConnectCallbackHttpDeps, req: HttpRequestLike): Promise<HttpReply> {
  if (req.method !== 'GET') return { ...json(405, { error: { code: 'method_not_allowed', message: 'use GET' } }), headers: { ...NO_STORE, Allow: 'GET' } };
  try {
    const result = await completeConnect(deps, {
      state: firstString(req.query.state),
      code: firstString(req.query.code),
      error: firstString(req.query.error),
    });
    return doneReply(deps.doneUrl, { result: 'connected', provider: result.provider, connectionId: result.connectionId });
  } catch (error) {
    const reason: ConnectFailureReason = error instanceof ConnectError ? error.reason : 'internal';
    if (reason === 'internal') deps.log.error('oauth.connect_failed', { stage: 'callback', error });
    return doneReply(deps.doneUrl, { result: 'failed', reason });
  }
}

interface DoneFlags {
  result: 'connected' | 'failed';
  provider?: ProviderId;
  connectionId?: string;
  reason?: ConnectFailureReason;
}

/**
 * Redirects to the configured done URL with fixed flags, or answers a small page when none is
 * configured. Nothing from the request decides the destination, so there is no open redirect;
 * `no-referrer` keeps the callback URL (with its code) out of the next page's Referer.
 */
export function doneReply(doneUrl: string, flags: DoneFlags): HttpReply {
  const headers = { ...NO_STORE, 'Referrer-Policy': 'no-referrer' };
  const target = safeDoneUrl(doneUrl);
  if (target) {
    target.searchParams.set('oauth', flags.result);
    if (flags.provider) target.searchParams.set('provider', flags.provider);
    if (flags.connectionId) target.searchParams.set('connectionId', flags.connectionId);
    if (flags.reason) target.searchParams.set('reason', flags.reason);
    return { status: 303, headers: { ...headers, Location: target.toString() }, body: '' };
  }
  const ok = flags.result === 'connected';
  const text = ok ? 'Calendar connected. You can close this window.' : `Connecting the calendar failed (${flags.reason ?? 'internal'}). Please try again.`;
  return {
    status: ok ? 200 : 400,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Calendar connection</title></head><body><p>${escapeHtml(text)}</p></body></html>`,
  };
}

function safeDoneUrl(doneUrl: string): URL | undefined {
  if (!doneUrl) return undefined;
  try {
    const url = new URL(doneUrl);
    // Absolute http(s) only, without credentials: config validation checks this too.
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `onRequest` handlers: `onRequest(opts, connectStartHandler(deps))`. */
export function connectStartHandler(deps: ConnectStartHttpDeps | (() => ConnectStartHttpDeps)) {
  return async (req: HttpRequestLike, res: HttpResponseLike): Promise<void> => {
    sendReply(res, await handleConnectStart(typeof deps === 'function' ? deps() : deps, req));
  };
}

export function connectCallbackHandler(deps: ConnectCallbackHttpDeps | (() => ConnectCallbackHttpDeps)) {
  return async (req: HttpRequestLike, res: HttpResponseLike): Promise<void> => {
    sendReply(res, await handleConnectCallback(typeof deps === 'function' ? deps() : deps, req));
  };
}
