import { z } from 'zod';
import { json, jsonBody, type Route, type SandboxRequest, type SandboxResponse } from '../common/http-router';
import type { EventQueries, ListParams } from './event-queries';
import { renderEvent, type RenderContext } from './event-render';
import { parseRfc3339 } from './event-time';
import type { EventWriter, WriteOptions } from './event-writes';
import { googleErrors } from './google-errors';
import type { ListPages, Page } from './list-pages';
import type { AccessToken, OAuthState } from './oauth-state';
import type { PushChannels } from './push-channels';
import type { Account, CalendarState, GoogleSandboxState } from './sandbox-state';
import { isValidTimeZone } from '../common/zoned-time';

/**
 * The Calendar v3 REST surface the product uses, at Google's paths (`/calendar/v3/...`), so the
 * real `@googleapis/calendar` client works with `rootUrl` pointed at the sandbox. Scopes per
 * method follow the discovery document.
 */

const SCOPE = {
  calendar: 'https://www.googleapis.com/auth/calendar',
  calendarReadonly: 'https://www.googleapis.com/auth/calendar.readonly',
  events: 'https://www.googleapis.com/auth/calendar.events',
  eventsReadonly: 'https://www.googleapis.com/auth/calendar.events.readonly',
};
const EVENTS_READ = [SCOPE.calendar, SCOPE.events, SCOPE.eventsReadonly, SCOPE.calendarReadonly];
const EVENTS_WRITE = [SCOPE.calendar, SCOPE.events];
const CALENDARS_READ = [SCOPE.calendar, SCOPE.calendarReadonly];
const CHANNELS_STOP = [...EVENTS_READ, 'https://www.googleapis.com/auth/calendar.settings.readonly'];

const MAX_PAGE = 2500;

export interface ApiDeps {
  state: GoogleSandboxState;
  oauth: OAuthState;
  writer: EventWriter;
  queries: EventQueries;
  pages: ListPages;
  channels: PushChannels;
  baseUrl: () => string;
  allowDeletedEventUpdate: () => boolean;
}

export function apiRoutes(deps: ApiDeps): Route[] {
  const { state, oauth, writer, queries, pages, channels } = deps;

  const authenticate = (req: SandboxRequest, scopes: string[]): { account: Account; access: AccessToken } => {
    const header = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    const token = header?.[1] ?? req.query.get('access_token') ?? req.query.get('oauth_token');
    if (!token) throw googleErrors.loginRequired();
    const found = oauth.authenticate(token);
    if (!found) throw googleErrors.invalidCredentials();
    if (!found.access.scopes.some((s) => scopes.includes(s))) throw googleErrors.insufficientScopes();
    return found;
  };

  const context = (req: SandboxRequest, calendar: CalendarState): RenderContext => {
    const timeZone = req.query.get('timeZone');
    if (timeZone && !isValidTimeZone(timeZone)) throw googleErrors.badRequest('Invalid time zone.', 'invalid', 'timeZone');
    return { calendar, displayZone: timeZone ?? calendar.timeZone, baseUrl: deps.baseUrl() };
  };

  const writeOptions = (req: SandboxRequest, account: Account): WriteOptions => {
    const ifMatch = req.headers['if-match'];
    return {
      actorEmail: account.email,
      ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
      allowDeletedEventUpdate: deps.allowDeletedEventUpdate(),
    };
  };

  const body = (req: SandboxRequest): unknown => {
    try {
      return jsonBody(req);
    } catch {
      throw googleErrors.parseError();
    }
  };

  const eventResponse = (event: Record<string, unknown>): SandboxResponse => json(200, event, { etag: String(event.etag) });

  const listEnvelope = (calendar: CalendarState, page: Page, ctx: RenderContext): Record<string, unknown> => {
    let updated = 0;
    for (const record of calendar.events.values()) updated = Math.max(updated, record.updated);
    const out: Record<string, unknown> = {
      kind: 'calendar#events',
      etag: `"p${state.currentSeq()}"`,
      summary: calendar.summary,
      ...(calendar.description ? { description: calendar.description } : {}),
      updated: new Date(updated || state.clock.now()).toISOString(),
      timeZone: ctx.displayZone,
      accessRole: 'owner',
      defaultReminders: [],
    };
    if (page.nextPageToken) out.nextPageToken = page.nextPageToken;
    if (page.syncSeq !== undefined) out.nextSyncToken = state.issueSyncToken(calendar, page.syncSeq);
    out.items = page.items;
    return out;
  };

  const calendarJson = (calendar: CalendarState): Record<string, unknown> => ({
    kind: 'calendar#calendar',
    etag: calendar.etag,
    id: calendar.id,
    summary: calendar.summary,
    ...(calendar.description ? { description: calendar.description } : {}),
    timeZone: calendar.timeZone,
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  });

  const calendarListEntry = (calendar: CalendarState): Record<string, unknown> => ({
    kind: 'calendar#calendarListEntry',
    etag: calendar.etag,
    id: calendar.id,
    summary: calendar.summary,
    ...(calendar.description ? { description: calendar.description } : {}),
    timeZone: calendar.timeZone,
    colorId: '14',
    backgroundColor: '#9fe1e7',
    foregroundColor: '#000000',
    selected: true,
    accessRole: 'owner',
    defaultReminders: [],
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    ...(calendar.primary ? { primary: true } : {}),
  });

  const route = (method: string, pattern: string, name: string, write: boolean, handler: Route['handler']): Route => ({
    method,
    pattern: `/calendar/v3${pattern}`,
    name,
    write,
    handler,
  });

  return [
    route('GET', '/users/me/calendarList', 'calendar.calendarList.list', false, (req) => {
      const { account } = authenticate(req, CALENDARS_READ);
      const maxResults = pageSize(req.query, 100, 250);
      const scope = `calendarList:${account.email}`;
      const pageToken = req.query.get('pageToken');
      const page = pageToken
        ? pages.next(scope, pageToken)
        : pages.first(scope, { items: [...state.calendars.values()].filter((c) => c.ownerEmail === account.email).map(calendarListEntry) }, maxResults);
      return json(200, {
        kind: 'calendar#calendarList',
        etag: `"p${state.currentSeq()}"`,
        ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
        items: page.items,
      });
    }),
    route('GET', '/users/me/calendarList/:calendarId', 'calendar.calendarList.get', false, (req) => {
      const { account } = authenticate(req, CALENDARS_READ);
      return json(200, calendarListEntry(state.calendarFor(account, req.params.calendarId)));
    }),
    route('POST', '/calendars', 'calendar.calendars.insert', true, (req) => {
      const { account } = authenticate(req, [SCOPE.calendar]);
      const parsed = z.object({ summary: z.string().min(1), description: z.string().optional(), timeZone: z.string().optional() }).loose().safeParse(body(req));
      if (!parsed.success) throw googleErrors.required('Missing title.', 'summary');
      if (parsed.data.timeZone && !isValidTimeZone(parsed.data.timeZone)) throw googleErrors.invalidField('Invalid time zone.', 'timeZone');
      const calendar = state.addCalendar({ ownerEmail: account.email, ...parsed.data });
      return json(200, calendarJson(calendar));
    }),
    route('GET', '/calendars/:calendarId', 'calendar.calendars.get', false, (req) => {
      const { account } = authenticate(req, CALENDARS_READ);
      return json(200, calendarJson(state.calendarFor(account, req.params.calendarId)));
    }),
    route('GET', '/calendars/:calendarId/events', 'calendar.events.list', false, (req) => {
      const { account } = authenticate(req, EVENTS_READ);
      const calendar = state.calendarFor(account, req.params.calendarId);
      const ctx = context(req, calendar);
      const q = req.query;
      const size = pageSize(q, 250, MAX_PAGE);
      const scope = `events:${calendar.id}:${account.email}`;
      const pageToken = q.get('pageToken');
      const syncToken = q.get('syncToken');
      let page: Page;
      if (pageToken) {
        page = pages.next(scope, pageToken);
      } else if (syncToken) {
        // Discovery doc: these cannot be combined with a sync token.
        for (const name of ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin']) {
          if (q.has(name)) throw googleErrors.badRequest(`Sync token cannot be used with the ${name} parameter.`, 'invalid', name);
        }
        const sinceSeq = state.resolveSyncToken(calendar, syncToken);
        page = pages.first(scope, queries.changesSince(calendar, sinceSeq, booleanParam(q, 'singleEvents'), ctx), size);
      } else {
        page = pages.first(scope, queries.list(calendar, listParams(q), ctx), size);
      }
      return json(200, listEnvelope(calendar, page, ctx));
    }),
    route('POST', '/calendars/:calendarId/events', 'calendar.events.insert', true, (req) => {
      const { account } = authenticate(req, EVENTS_WRITE);
      const calendar = state.calendarFor(account, req.params.calendarId);
      const record = writer.insert(calendar, body(req), writeOptions(req, account));
      return eventResponse(renderEvent(record, context(req, calendar)));
    }),
    route('POST', '/calendars/:calendarId/events/watch', 'calendar.events.watch', true, (req) => {
      const { account, access } = authenticate(req, EVENTS_READ);
      const calendar = state.calendarFor(account, req.params.calendarId);
      return json(200, channels.watch(calendar, account, access.clientId, body(req), watchQuery(req.query)));
    }),
    route('GET', '/calendars/:calendarId/events/:eventId', 'calendar.events.get', false, (req) => {
      const { account } = authenticate(req, EVENTS_READ);
      const calendar = state.calendarFor(account, req.params.calendarId);
      const event = queries.get(calendar, req.params.eventId, context(req, calendar));
      if (req.headers['if-none-match'] === event.etag) return { status: 304, headers: { etag: String(event.etag) } };
      return eventResponse(event);
    }),
    route('PATCH', '/calendars/:calendarId/events/:eventId', 'calendar.events.patch', true, (req) => {
      const { account } = authenticate(req, EVENTS_WRITE);
      const calendar = state.calendarFor(account, req.params.calendarId);
      const record = writer.patch(calendar, req.params.eventId, body(req), writeOptions(req, account));
      return eventResponse(renderEvent(record, context(req, calendar)));
    }),
    route('PUT', '/calendars/:calendarId/events/:eventId', 'calendar.events.update', true, (req) => {
      const { account } = authenticate(req, EVENTS_WRITE);
      const calendar = state.calendarFor(account, req.params.calendarId);
      const record = writer.update(calendar, req.params.eventId, body(req), writeOptions(req, account));
      return eventResponse(renderEvent(record, context(req, calendar)));
    }),
    route('DELETE', '/calendars/:calendarId/events/:eventId', 'calendar.events.delete', true, (req) => {
      const { account } = authenticate(req, EVENTS_WRITE);
      const calendar = state.calendarFor(account, req.params.calendarId);
      writer.delete(calendar, req.params.eventId, writeOptions(req, account));
      return { status: 204 };
    }),
    route('GET', '/calendars/:calendarId/events/:eventId/instances', 'calendar.events.instances', false, (req) => {
      const { account } = authenticate(req, EVENTS_READ);
      const calendar = state.calendarFor(account, req.params.calendarId);
      const ctx = context(req, calendar);
      const q = req.query;
      const scope = `instances:${calendar.id}:${req.params.eventId}:${account.email}`;
      const pageToken = q.get('pageToken');
      const page = pageToken
        ? pages.next(scope, pageToken)
        : pages.first(
            scope,
            queries.instances(
              calendar,
              req.params.eventId,
              {
                showDeleted: booleanParam(q, 'showDeleted'),
                timeMin: timeParam(q, 'timeMin'),
                timeMax: timeParam(q, 'timeMax'),
                originalStart: timeParam(q, 'originalStart'),
              },
              ctx,
            ),
            pageSize(q, 250, MAX_PAGE),
          );
      return json(200, { ...listEnvelope(calendar, { ...page, syncSeq: undefined }, ctx) });
    }),
    route('POST', '/channels/stop', 'calendar.channels.stop', true, (req) => {
      const { account } = authenticate(req, CHANNELS_STOP);
      channels.stop(account, body(req));
      return { status: 204 };
    }),
    route('POST', '/freeBusy', 'calendar.freebusy.query', false, (req) => {
      const { account } = authenticate(req, CALENDARS_READ);
      const parsed = z
        .object({ timeMin: z.string(), timeMax: z.string(), items: z.array(z.object({ id: z.string() })).optional() })
        .loose()
        .safeParse(body(req));
      if (!parsed.success) throw googleErrors.required(`Required: ${parsed.error.issues[0].path.join('.')}`);
      const timeMin = parseRfc3339(parsed.data.timeMin);
      const timeMax = parseRfc3339(parsed.data.timeMax);
      if (timeMin === undefined) throw googleErrors.badRequest('Bad Request', 'badRequest', 'timeMin');
      if (timeMax === undefined) throw googleErrors.badRequest('Bad Request', 'badRequest', 'timeMax');
      if (timeMax <= timeMin) throw googleErrors.timeRangeEmpty('timeMax');
      const calendars: Record<string, unknown> = {};
      for (const { id } of parsed.data.items ?? []) {
        try {
          const calendar = state.calendarFor(account, id);
          calendars[id] = {
            busy: queries.busy(calendar, timeMin, timeMax).map((b) => ({
              start: new Date(b.start).toISOString().replace('.000Z', 'Z'),
              end: new Date(b.end).toISOString().replace('.000Z', 'Z'),
            })),
          };
        } catch {
          calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        }
      }
      return json(200, { kind: 'calendar#freeBusy', timeMin: parsed.data.timeMin, timeMax: parsed.data.timeMax, calendars });
    }),
  ];
}

function pageSize(q: URLSearchParams, fallback: number, max: number): number {
  const raw = q.get('maxResults');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw googleErrors.badRequest(`Invalid value '${raw}'. Values must be within the range: [1, ${max}]`, 'invalid', 'maxResults');
  return Math.min(n, max);
}

function booleanParam(q: URLSearchParams, name: string): boolean {
  const raw = q.get(name);
  if (raw === null) return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw googleErrors.badRequest(`Invalid boolean value: '${raw}'.`, 'invalidBoolean', name);
}

function timeParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null) return undefined;
  const ms = parseRfc3339(raw);
  if (ms === undefined) throw googleErrors.badRequest('Bad Request', 'badRequest', name);
  return ms;
}

function propertyFilters(q: URLSearchParams, name: string): [string, string][] {
  return q.getAll(name).map((constraint) => {
    const eq = constraint.indexOf('=');
    if (eq <= 0) throw googleErrors.badRequest(`Invalid ${name}: ${constraint}`, 'invalid', name);
    return [constraint.slice(0, eq), constraint.slice(eq + 1)];
  });
}

function listParams(q: URLSearchParams): ListParams {
  const orderBy = q.get('orderBy');
  if (orderBy !== null && orderBy !== 'startTime' && orderBy !== 'updated') throw googleErrors.badRequest(`Invalid value for orderBy: ${orderBy}`, 'invalid', 'orderBy');
  return {
    showDeleted: booleanParam(q, 'showDeleted'),
    singleEvents: booleanParam(q, 'singleEvents'),
    timeMin: timeParam(q, 'timeMin'),
    timeMax: timeParam(q, 'timeMax'),
    updatedMin: timeParam(q, 'updatedMin'),
    q: q.get('q') ?? undefined,
    iCalUID: q.get('iCalUID') ?? undefined,
    orderBy: orderBy ?? undefined,
    privateExtendedProperty: propertyFilters(q, 'privateExtendedProperty'),
    sharedExtendedProperty: propertyFilters(q, 'sharedExtendedProperty'),
  };
}

function watchQuery(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of q) if (key !== 'access_token' && key !== 'oauth_token' && key !== 'alt') out.append(key, value);
  return out;
}
