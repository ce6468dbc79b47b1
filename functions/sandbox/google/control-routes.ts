import { z } from 'zod';
import { faultConfigSchema, scriptedFaultSchema } from '../common/fault-injection';
import { json, jsonBody, type Route, type RouteHandler, type SandboxRequest, type SandboxResponse } from '../common/http-router';
import type { GoogleSandbox } from './google-sandbox';
import { googleFaultNames, type GoogleFaultName } from './google-errors';
import { SandboxControlError } from './owner-editor';
import type { GoogleSandboxState } from './sandbox-state';

/**
 * The control API over HTTP (`/sandbox/...`) for the local stack and the demo: the same
 * operations as the in-process GoogleSandbox methods. Bodies are validated with zod; errors are
 * `{"error": "<message>"}` with the field path.
 */

const eventBody = z.record(z.string(), z.unknown());
const timeInput = z.union([z.string(), z.number()]);

const schemas = {
  account: z.object({ email: z.string().email(), displayName: z.string().optional(), timeZone: z.string().optional() }).strict(),
  calendar: z
    .object({ ownerEmail: z.string(), summary: z.string().min(1), id: z.string().optional(), description: z.string().optional(), timeZone: z.string().optional() })
    .strict(),
  consent: z
    .object({ email: z.string(), grantedScopes: z.array(z.string()).optional(), deny: z.boolean().optional(), default: z.boolean().optional() })
    .strict(),
  client: z.object({ clientId: z.string().min(1), clientSecret: z.string(), redirectUris: z.array(z.string()).optional() }).strict(),
  revoke: z.union([z.object({ refreshToken: z.string() }).strict(), z.object({ email: z.string(), clientId: z.string().optional() }).strict()]),
  tokens: z.object({ email: z.string(), clientId: z.string().optional(), scopes: z.array(z.string()).optional() }).strict(),
  clock: z.union([z.object({ set: timeInput }).strict(), z.object({ advanceMs: z.number() }).strict()]),
  expire: z.object({ calendarId: z.string().optional() }).strict(),
  faults: faultConfigSchema(googleFaultNames),
  faultQueue: z.object({ faults: z.array(scriptedFaultSchema(googleFaultNames)) }).strict(),
  instance: z.object({ originalStart: timeInput, patch: eventBody.optional() }).strict(),
};

function parse<T>(schema: z.ZodType<T>, req: SandboxRequest): T {
  let raw: unknown;
  try {
    raw = jsonBody(req) ?? {};
  } catch {
    throw new SandboxControlError('Body is not valid JSON', 400);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new SandboxControlError(`${issue.path.join('.') || 'body'}: ${issue.message}`, 400);
  }
  return result.data;
}

function guarded(handler: RouteHandler): RouteHandler {
  return async (req): Promise<SandboxResponse> => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof SandboxControlError) return json(error.status, { error: error.message });
      if (error instanceof Error) return json(400, { error: error.message });
      throw error;
    }
  };
}

export function controlRoutes(sandbox: GoogleSandbox, state: GoogleSandboxState): Route[] {
  const route = (method: string, pattern: string, name: string, handler: RouteHandler): Route => ({
    method,
    pattern,
    name: `sandbox.${name}`,
    write: false,
    handler: guarded(handler),
  });
  const ok = (body: unknown = { ok: true }): SandboxResponse => json(200, body);

  return [
    route('GET', '/sandbox/state', 'state', () =>
      ok({
        now: new Date(sandbox.clock.now()).toISOString(),
        accounts: [...state.accounts.values()],
        calendars: [...state.calendars.values()].map((c) => ({
          id: c.id,
          ownerEmail: c.ownerEmail,
          summary: c.summary,
          timeZone: c.timeZone,
          primary: c.primary,
          events: c.events.size,
        })),
        channels: sandbox.channels(),
        faults: { config: sandbox.faults.current(), queued: sandbox.faults.pending(), report: sandbox.faults.report() },
      }),
    ),
    route('POST', '/sandbox/accounts', 'accounts.create', (req) => ok(sandbox.addAccount(parse(schemas.account, req)))),
    route('POST', '/sandbox/calendars', 'calendars.create', (req) => ok(sandbox.addCalendar(parse(schemas.calendar, req)))),
    route('GET', '/sandbox/calendars/:calendarId/events', 'events.list', (req) =>
      ok({
        items: sandbox.owner.listEvents(req.params.calendarId, {
          showDeleted: req.query.get('showDeleted') === 'true',
          singleEvents: req.query.get('singleEvents') === 'true',
          timeMin: req.query.get('timeMin') ?? undefined,
          timeMax: req.query.get('timeMax') ?? undefined,
        }),
      }),
    ),
    route('POST', '/sandbox/calendars/:calendarId/events', 'events.create', (req) =>
      ok(sandbox.owner.createEvent(req.params.calendarId, parse(eventBody, req))),
    ),
    route('PATCH', '/sandbox/calendars/:calendarId/events/:eventId', 'events.patch', (req) =>
      ok(sandbox.owner.patchEvent(req.params.calendarId, req.params.eventId, parse(eventBody, req))),
    ),
    route('PUT', '/sandbox/calendars/:calendarId/events/:eventId', 'events.update', (req) =>
      ok(sandbox.owner.updateEvent(req.params.calendarId, req.params.eventId, parse(eventBody, req))),
    ),
    route('DELETE', '/sandbox/calendars/:calendarId/events/:eventId', 'events.delete', (req) => {
      sandbox.owner.deleteEvent(req.params.calendarId, req.params.eventId);
      return ok();
    }),
    route('POST', '/sandbox/calendars/:calendarId/events/:eventId/instances/cancel', 'instances.cancel', (req) => {
      const { originalStart } = parse(schemas.instance, req);
      sandbox.owner.cancelInstance(req.params.calendarId, req.params.eventId, originalStart);
      return ok();
    }),
    route('POST', '/sandbox/calendars/:calendarId/events/:eventId/instances/modify', 'instances.modify', (req) => {
      const { originalStart, patch } = parse(schemas.instance, req);
      return ok(sandbox.owner.modifyInstance(req.params.calendarId, req.params.eventId, originalStart, patch ?? {}));
    }),
    route('POST', '/sandbox/oauth/clients', 'oauth.clients', (req) => {
      sandbox.registerClient(parse(schemas.client, req));
      return ok();
    }),
    route('POST', '/sandbox/oauth/consent', 'oauth.consent', (req) => {
      const { default: asDefault, ...choice } = parse(schemas.consent, req);
      if (asDefault) sandbox.setDefaultConsent(choice);
      else sandbox.queueConsent(choice);
      return ok();
    }),
    route('POST', '/sandbox/oauth/revoke', 'oauth.revoke', (req) => {
      const body = parse(schemas.revoke, req);
      if ('refreshToken' in body) return ok({ revoked: sandbox.revokeRefreshToken(body.refreshToken) ? 1 : 0 });
      return ok({ revoked: sandbox.revokeAccountAccess(body.email, body.clientId) });
    }),
    route('POST', '/sandbox/oauth/tokens', 'oauth.tokens', (req) => {
      const { email, ...rest } = parse(schemas.tokens, req);
      return ok(sandbox.issueTokens(email, rest));
    }),
    route('GET', '/sandbox/clock', 'clock.get', () => ok({ now: new Date(sandbox.clock.now()).toISOString() })),
    route('POST', '/sandbox/clock', 'clock.set', (req) => {
      const body = parse(schemas.clock, req);
      if ('set' in body) sandbox.clock.set(body.set);
      else sandbox.clock.advance(body.advanceMs);
      return ok({ now: new Date(sandbox.clock.now()).toISOString() });
    }),
    route('GET', '/sandbox/requests', 'requests.get', () => ok(sandbox.requestCounts())),
    route('DELETE', '/sandbox/requests', 'requests.reset', () => {
      sandbox.resetRequestCounts();
      return ok();
    }),
    route('GET', '/sandbox/faults', 'faults.get', () =>
      ok({ config: sandbox.faults.current(), queued: sandbox.faults.pending(), report: sandbox.faults.report() }),
    ),
    route('PUT', '/sandbox/faults', 'faults.configure', (req) => {
      sandbox.faults.configure(parse(schemas.faults, req) as never);
      return ok({ config: sandbox.faults.current() });
    }),
    route('POST', '/sandbox/faults/queue', 'faults.queue', (req) => {
      const { faults } = parse(schemas.faultQueue, req);
      sandbox.faults.enqueue(...(faults as { name: GoogleFaultName }[]));
      return ok({ queued: sandbox.faults.pending() });
    }),
    route('DELETE', '/sandbox/faults', 'faults.clear', () => {
      sandbox.faults.clear();
      return ok();
    }),
    route('POST', '/sandbox/sync-tokens/expire', 'syncTokens.expire', (req) => {
      sandbox.expireSyncTokens(parse(schemas.expire, req).calendarId);
      return ok();
    }),
    route('GET', '/sandbox/notifications', 'notifications.list', () => ok({ deliveries: sandbox.notifications() })),
    route('POST', '/sandbox/notifications/flush', 'notifications.flush', async () => {
      await sandbox.flushNotifications();
      return ok();
    }),
    route('GET', '/sandbox/channels', 'channels.list', () => ok({ channels: sandbox.channels() })),
    route('POST', '/sandbox/reset', 'reset', () => {
      sandbox.reset();
      return ok();
    }),
    // Target of events' htmlLink: what "open in Google Calendar" shows in the sandbox.
    route('GET', '/calendar/event', 'htmlLink', (req) => {
      const decoded = Buffer.from(req.query.get('eid') ?? '', 'base64url').toString('utf8');
      const [eventId, calendarId] = decoded.split(' ');
      const event = eventId && calendarId ? sandbox.owner.getEvent(calendarId, eventId) : undefined;
      return event ? ok(event) : json(404, { error: 'No such event' });
    }),
  ];
}
