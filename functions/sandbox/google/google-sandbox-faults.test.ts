import type { calendar_v3 } from '@googleapis/calendar';
import type { GoogleSandbox } from './google-sandbox';
import { ANNA, useAnnaCalendar } from './test-calendar';
import { connectedCalendar } from './sandbox-clients';

const world = useAnnaCalendar();
let sandbox: GoogleSandbox;
let api: calendar_v3.Calendar;
beforeEach(() => ({ sandbox, api } = world));

/** gaxios retries some statuses by itself; these tests look at single attempts. */
const once = { retry: false } as const;

const appointment = (id: string): calendar_v3.Schema$Event => ({
  id,
  start: { dateTime: '2026-03-10T10:00:00Z' },
  end: { dateTime: '2026-03-10T11:00:00Z' },
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: { status?: number; code?: string; response?: { headers: Headers; data: unknown } }) => e,
  );

test('a 429 carries Retry-After and Google\'s rateLimitExceeded body; the request was not applied', async () => {
  sandbox.faults.enqueue({ name: '429', retryAfterSeconds: 7 });
  const error = await failureOf(api.events.insert({ calendarId: 'primary', requestBody: appointment('flt000001') }, once));
  expect(error?.status).toBe(429);
  expect(error?.response?.headers.get('retry-after')).toBe('7');
  expect(error?.response?.data).toEqual({
    error: {
      errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }],
      code: 429,
      message: 'Rate Limit Exceeded',
      status: 'RESOURCE_EXHAUSTED',
    },
  });
  expect(sandbox.owner.getEvent(ANNA, 'flt000001')).toBeUndefined();
});

test('403 rate limits use the usageLimits domain with their own reasons', async () => {
  sandbox.faults.enqueue({ name: '403-rateLimitExceeded' }, { name: '403-userRateLimitExceeded' });
  const first = await failureOf(api.events.list({ calendarId: 'primary' }, once));
  const second = await failureOf(api.events.list({ calendarId: 'primary' }, once));
  expect([first?.status, second?.status]).toEqual([403, 403]);
  expect(first?.response?.data).toMatchObject({ error: { errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } });
  expect(second?.response?.data).toMatchObject({ error: { errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded' }] } });
  await expect(api.events.list({ calendarId: 'primary' }, once)).resolves.toMatchObject({ status: 200 });
});

test('a 500 after the write was applied leaves the event in place, so a retry with the same id answers 409', async () => {
  sandbox.faults.enqueue({ name: '500', afterApply: true });
  const error = await failureOf(api.events.insert({ calendarId: 'primary', requestBody: appointment('flt000002') }, once));
  expect(error?.status).toBe(500);
  expect(error?.response?.data).toMatchObject({ error: { errors: [{ reason: 'backendError' }] } });

  expect(sandbox.owner.getEvent(ANNA, 'flt000002')).toMatchObject({ status: 'confirmed' });
  await expect(api.events.insert({ calendarId: 'primary', requestBody: appointment('flt000002') }, once)).rejects.toMatchObject({ status: 409 });
});

test('a timeout holds the request past the client\'s deadline; applied or not depends on the fault', async () => {
  sandbox.faults.enqueue({ name: 'timeout', afterApply: true }, { name: 'timeout' });
  const applied = await failureOf(api.events.insert({ calendarId: 'primary', requestBody: appointment('flt000003') }, { ...once, timeout: 150 }));
  const notApplied = await failureOf(api.events.insert({ calendarId: 'primary', requestBody: appointment('flt000004') }, { ...once, timeout: 150 }));
  expect(applied).toBeDefined();
  expect(applied?.response).toBeUndefined();
  expect(notApplied?.response).toBeUndefined();
  expect(sandbox.owner.getEvent(ANNA, 'flt000003')).toBeDefined();
  expect(sandbox.owner.getEvent(ANNA, 'flt000004')).toBeUndefined();
});

test('a reset fault drops the connection without any HTTP response', async () => {
  sandbox.faults.enqueue({ name: 'reset' });
  const error = await failureOf(api.events.list({ calendarId: 'primary' }, once));
  expect(error).toBeDefined();
  expect(error?.response).toBeUndefined();
});

test('random faults are reproducible for a seed and respect applyBeforeFault', async () => {
  const outcomes = async (): Promise<string[]> => {
    sandbox.reset();
    sandbox.addAccount({ email: ANNA });
    api = connectedCalendar(sandbox, ANNA).calendar;
    sandbox.faults.configure({ seed: 42, rates: { '503': 0.3, '429': 0.2 }, applyBeforeFault: 1 });
    const results: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = `rnd${String(i).padStart(6, '0')}`;
      const error = await failureOf(api.events.insert({ calendarId: 'primary', requestBody: appointment(id) }, once));
      results.push(`${error?.status ?? 200}:${sandbox.owner.getEvent(ANNA, id) ? 'stored' : 'absent'}`);
    }
    return results;
  };
  const first = await outcomes();
  expect(await outcomes()).toEqual(first);
  expect(first.some((r) => r.startsWith('503') || r.startsWith('429'))).toBe(true);
  // With applyBeforeFault = 1 every faulted write was applied anyway.
  expect(first.every((r) => r.endsWith('stored'))).toBe(true);
  expect(sandbox.faults.report().appliedBeforeFault).toBe(first.filter((r) => !r.startsWith('200')).length);
});

test('faults target the Calendar API by default and the token endpoint only when asked', async () => {
  const { auth } = connectedCalendar(sandbox, ANNA);
  // 403 rather than 5xx: the OAuth client retries 5xx token calls with backoff on its own.
  sandbox.faults.configure({ rates: { '403-rateLimitExceeded': 1 } });
  await expect(auth.refreshAccessToken()).resolves.toBeDefined();
  sandbox.faults.configure({ rates: { '403-rateLimitExceeded': 1 }, routes: ['oauth.token'] });
  await expect(auth.refreshAccessToken()).rejects.toMatchObject({ status: 403 });
});

test('request counters show how many calls each operation took', async () => {
  sandbox.resetRequestCounts();
  await api.events.insert({ calendarId: 'primary', requestBody: appointment('cnt000001') });
  await api.events.list({ calendarId: 'primary' });
  await api.events.list({ calendarId: 'primary' });
  expect(sandbox.requestCounts()).toEqual({ 'calendar.events.insert': 1, 'calendar.events.list': 2 });
});
