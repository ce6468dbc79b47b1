import { COLLECTIONS } from '../../src/model';
import { getAvailability } from '../../src/booking';
import { memoryLog } from '../../src/logs';
import { startLocalStack, type LocalStack } from '../../stack/local-stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ functionsPort: 0, googlePort: 0 });
  await stack.idle();
});
afterAll(async () => stack?.stop());

const eventsOf = (email: string) => stack.sandbox.owner.listEvents(email).filter((event) => event.status !== 'cancelled');

test('the demo salon starts with its appointments synced to the connected stylists\' sandbox calendars', async () => {
  const synced = await stack.db.collection(COLLECTIONS.calendarSync).where('syncStatus', '==', 'synced').get();
  expect(synced.size).toBeGreaterThan(0);
  const page = await fetch(`${stack.functionsUrl}/demo`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Studio Bella');
});

test('an appointment created like the salon app does appears in the stylist\'s sandbox calendar, and cancelling removes it', async () => {
  const anna = stack.salon.staffIds.anna;
  const email = String((await stack.db.collection(COLLECTIONS.staff).doc(anna).get()).get('email'));
  const before = eventsOf(email).length;
  const created = await fetch(`${stack.functionsUrl}/demo/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId: anna, serviceId: stack.salon.serviceIds.womensHaircut, start: '2027-01-12T10:00:00Z', customerName: 'Jan Kowalski' }),
  });
  expect(created.status).toBe(201);
  const { appointmentId } = (await created.json()) as { appointmentId: string };
  await waitFor(() => eventsOf(email).length === before + 1);
  expect(eventsOf(email).some((event) => String(event.summary).includes('Jan Kowalski'))).toBe(true);

  const bad = await fetch(`${stack.functionsUrl}/demo/appointments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: anna }) });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/^serviceId: /);

  await fetch(`${stack.functionsUrl}/demo/appointments/${appointmentId}/cancel`, { method: 'POST' });
  await waitFor(() => eventsOf(email).length === before);
});

test('a stylist connects their calendar through the real OAuth flow (consent in the sandbox, callback, tokens stored encrypted)', async () => {
  const kasia = stack.salon.staffIds.kasia;
  const consent = await fetch(`${stack.functionsUrl}/demo/connect/${kasia}`, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
  expect(callback.status).toBe(302);
  const done = await fetch(callback.headers.get('location')!, { redirect: 'manual' });
  expect(done.status).toBe(303);
  expect(done.headers.get('location')).toContain('oauth=connected');
  const connections = await stack.db.collection(COLLECTIONS.calendarConnections).where('staffId', '==', kasia).get();
  expect(connections.docs.map((doc) => doc.get('status'))).toEqual(['active']);
  const token = (await stack.db.collection(COLLECTIONS.oauthTokens).doc(connections.docs[0]!.id).get()).data()!;
  expect(Object.keys(token).sort()).toEqual(['businessId', 'ciphertext', 'iv', 'keyId', 'provider', 'tag', 'updatedAt']);
  // The new connection catches up: Kasia's existing appointment appears in her calendar.
  const email = String((await stack.db.collection(COLLECTIONS.staff).doc(kasia).get()).get('email'));
  await waitFor(() => eventsOf(email).length === 1);
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await stack.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a personal event the stylist adds in her sandbox calendar comes back by push and blocks that time for booking', async () => {
  const anna = stack.salon.staffIds.anna;
  const email = String((await stack.db.collection(COLLECTIONS.staff).doc(anna).get()).get('email'));
  const date = nextMonday();
  const availability = async () =>
    getAvailability(
      { db: stack.db, clock: () => new Date(), log: memoryLog(), random: Math.random },
      { uid: 'owner', businessId: stack.salon.businessId, role: 'owner' },
      { businessId: stack.salon.businessId, serviceId: stack.salon.serviceIds.womensHaircut, staffId: anna, from: date, to: date },
    );
  const before = await availability();
  expect(before.excludedStaff).toEqual([]);
  const tenLocal = `${date}T09:00:00Z`; // 10:00 in Warsaw (winter)
  expect(before.slots.some((slot) => slot.start === tenLocal)).toBe(true);

  sandbox().owner.createEvent(email, { summary: 'Dentist', start: { dateTime: `${date}T10:00:00+01:00` }, end: { dateTime: `${date}T11:00:00+01:00` } });
  await sandbox().flushNotifications();
  await stack.idle();
  const busy = await stack.db.collection(COLLECTIONS.externalBusy).where('staffId', '==', anna).get();
  expect(busy.docs.map((doc) => doc.get('start').toDate().getTime())).toEqual([Date.parse(tenLocal)]);
  const after = await availability();
  expect(after.slots.some((slot) => slot.start === tenLocal)).toBe(false);
});

const sandbox = () => stack.sandbox;

/** A Monday at least a week ahead (the demo salon is open then). */
function nextMonday(): string {
  const date = new Date(Date.now() + 7 * 86_400_000);
  while (date.getUTCDay() !== 1) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
