import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FaultInjector } from './fault-injection';
import { HttpFailure, type Router, type SandboxRequest, type SandboxResponse } from './http-router';
import type { RequestCounter } from './request-counter';

/**
 * The HTTP pipeline every provider sandbox shares: loopback-only listener, body reading, routing,
 * request counting, latency and fault injection (before or after the handler ran), response
 * writing, and a stop() that also releases requests held by `timeout` faults.
 */

export interface SandboxServerOptions<N extends string> {
  /** 0 or undefined = a random free port. Always bound to 127.0.0.1. */
  port?: number;
  router: Router;
  counter: RequestCounter;
  faults: FaultInjector<N>;
  /** Renders a status fault in the provider's error format. */
  renderFault(name: N, retryAfterSeconds: number): SandboxResponse;
  renderNotFound(req: SandboxRequest): SandboxResponse;
  /** Renders an unexpected exception (a sandbox bug) in the provider's 500 format. */
  renderError(error: unknown): SandboxResponse;
  maxBodyBytes?: number;
}

export interface RunningSandboxServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY = 5 * 1024 * 1024;

export async function startSandboxServer<N extends string>(options: SandboxServerOptions<N>): Promise<RunningSandboxServer> {
  const sockets = new Set<Socket>();
  const heldTimers = new Set<NodeJS.Timeout>();
  let stopping = false;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        heldTimers.delete(timer);
        resolve();
      }, ms);
      heldTimers.add(timer);
    });

  /** Waits `ms`, or less if the client gives up and closes the connection first. */
  const holdUntilClosed = (socket: Socket, ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        heldTimers.delete(timer);
        socket.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      heldTimers.add(timer);
      socket.once('close', done);
    });

  const handle = async (raw: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawBody = await readBody(raw, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    const url = new URL(raw.url ?? '/', 'http://127.0.0.1');
    const method = (raw.method ?? 'GET').toUpperCase();
    const req: SandboxRequest = {
      method,
      path: url.pathname,
      url,
      query: url.searchParams,
      params: {},
      headers: raw.headers,
      rawBody,
      raw,
    };
    const match = options.router.match(method, url.pathname);
    if (match.kind !== 'found') {
      options.counter.record(`unmatched ${method} ${url.pathname}`);
      send(res, match.kind === 'methodNotAllowed' ? { status: 405, body: 'Method Not Allowed' } : options.renderNotFound(req));
      return;
    }
    req.params = match.params;
    const { route } = match;
    options.counter.record(route.name);

    const latency = options.faults.latencyFor(route.name);
    if (latency > 0) await sleep(latency);
    if (stopping) return;

    const fault = options.faults.decide(route.name, route.write);
    if (fault && !fault.afterApply) {
      await inject(fault.name, fault.retryAfterSeconds, fault.holdMs, res, raw);
      return;
    }
    const response = await runHandler(route.handler, req);
    if (fault) {
      await inject(fault.name, fault.retryAfterSeconds, fault.holdMs, res, raw);
      return;
    }
    send(res, response);
  };

  const runHandler = async (handler: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>, req: SandboxRequest) => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof HttpFailure) return error.response;
      return options.renderError(error);
    }
  };

  const inject = async (name: string, retryAfterSeconds: number, holdMs: number, res: ServerResponse, raw: IncomingMessage) => {
    if (name === 'reset') {
      raw.socket.destroy();
      return;
    }
    if (name === 'timeout') {
      // Hold the request unanswered; the client's own timeout fires first. If it does not,
      // the connection is dropped so nothing waits forever.
      await holdUntilClosed(raw.socket, holdMs);
      raw.socket.destroy();
      return;
    }
    send(res, options.renderFault(name as N, retryAfterSeconds));
  };

  const server = createServer((raw, res) => {
    handle(raw, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, options.renderError(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      stopping = true;
      for (const timer of heldTimers) clearTimeout(timer);
      heldTimers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, response: SandboxResponse): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (typeof response.body === 'string') {
    payload = response.body;
    headers['content-type'] ??= 'text/plain; charset=UTF-8';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body, null, 1);
    headers['content-type'] ??= 'application/json; charset=UTF-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
