import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** What a route handler sees: the parsed request, independent of node's streaming API. */
export interface SandboxRequest {
  method: string;
  path: string;
  url: URL;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  raw: IncomingMessage;
}

/**
 * What a handler returns. Handlers return responses instead of writing them so that the server
 * can apply a write and then answer with an injected fault (the way real duplicates happen).
 * `body`: an object is sent as JSON, a string as text, undefined as an empty body.
 */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type RouteHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Route {
  method: string;
  /** Segments starting with `:` are parameters, e.g. `/calendar/v3/calendars/:calendarId/events`. */
  pattern: string;
  /** Stable name used by request counters and fault rules, e.g. `calendar.events.insert`. */
  name: string;
  /** Whether the route changes state (faults may then be injected after applying it). */
  write: boolean;
  handler: RouteHandler;
}

/** Thrown by handlers to answer with a prepared (error) response. */
export class HttpFailure extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`HTTP ${response.status}`);
  }
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'methodNotAllowed' }
  | { kind: 'notFound' };

export class Router {
  private readonly routes: { route: Route; segments: string[] }[] = [];

  add(route: Route): this {
    this.routes.push({ route, segments: route.pattern.split('/').filter(Boolean) });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const { route, segments } of this.routes) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      pathMatched = true;
    }
    return pathMatched ? { kind: 'methodNotAllowed' } : { kind: 'notFound' };
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    let part: string;
    try {
      part = decodeURIComponent(parts[i]);
    } catch {
      return undefined;
    }
    if (segment.startsWith(':')) params[segment.slice(1)] = part;
    else if (segment !== part) return undefined;
  }
  return params;
}

/** Parses a JSON body; undefined for an empty body. Throws SyntaxError on bad JSON. */
export function jsonBody(req: SandboxRequest): unknown {
  if (req.rawBody.length === 0) return undefined;
  return JSON.parse(req.rawBody.toString('utf8'));
}

/** Form fields of an `application/x-www-form-urlencoded` body. */
export function formBody(req: SandboxRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody.toString('utf8'));
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, body, headers };
}
