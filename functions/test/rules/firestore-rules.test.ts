import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertFails, assertSucceeds, initializeTestEnvironment, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc, updateDoc } from 'firebase/firestore';

/**
 * firestore.rules, evaluated by the official Firestore emulator. Nothing available on machines
 * without Java 21 evaluates rules (the embedded test server ignores them), so this suite runs
 * only where FIRESTORE_RULES_EMULATOR_HOST names a running official emulator, e.g.
 *   firebase emulators:start --only firestore   # then, in another shell:
 *   FIRESTORE_RULES_EMULATOR_HOST=127.0.0.1:8080 npx jest test/rules
 */
const host = process.env.FIRESTORE_RULES_EMULATOR_HOST;
if (!host) {
  process.stderr.write(
    'firestore.rules tests DID NOT RUN: no official Firestore emulator (set FIRESTORE_RULES_EMULATOR_HOST=host:port). ' +
      'The embedded test server does not evaluate security rules.\n',
  );
}
const describeWithEmulator = host ? describe : describe.skip;

describeWithEmulator('firestore.rules', () => {
  let env: RulesTestEnvironment;
  const member = (role: string, businessId = 'b1', extra: Record<string, unknown> = {}) =>
    env.authenticatedContext(`${role}-${businessId}`, { businessId, role, ...extra }).firestore();
  const appointment = (overrides: Record<string, unknown> = {}) => ({
    businessId: 'b1', staffId: 's1', serviceId: 'sv1', status: 'booked', version: 1,
    start: new Date('2026-12-01T09:00:00Z'), end: new Date('2026-12-01T09:45:00Z'), customer: { name: 'Ewa' }, ...overrides,
  });

  beforeAll(async () => {
    const [hostname, port] = host!.split(':');
    env = await initializeTestEnvironment({
      projectId: 'demo-salon-sync-rules',
      firestore: { host: hostname!, port: Number(port), rules: readFileSync(join(__dirname, '../../../firestore.rules'), 'utf8') },
    });
  });
  afterAll(async () => env?.cleanup());
  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (context) => {
      const db = context.firestore();
      await setDoc(doc(db, 'businesses/b1'), { name: 'Studio' });
      await setDoc(doc(db, 'businesses/b2'), { name: 'Other' });
      await setDoc(doc(db, 'appointments/a1'), appointment({ customerUid: 'customer-1' }));
      await setDoc(doc(db, 'appointments/a2'), appointment({ businessId: 'b2' }));
      await setDoc(doc(db, 'oauthTokens/c1'), { businessId: 'b1', ciphertext: 'x' });
      await setDoc(doc(db, 'calendarSync/a1__c1'), { businessId: 'b1' });
      await setDoc(doc(db, 'calendarConnections/c1'), { businessId: 'b1', status: 'active' });
      await setDoc(doc(db, 'conflicts/k1'), { businessId: 'b1' });
      await setDoc(doc(db, 'mail/m1'), { to: ['x@example.com'] });
    });
  });

  test('members read their own business only; strangers read nothing', async () => {
    await assertSucceeds(getDoc(doc(member('manager'), 'businesses/b1')));
    await assertFails(getDoc(doc(member('manager'), 'businesses/b2')));
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), 'businesses/b1')));
  });

  test('clients create no appointments: booking goes through the callables', async () => {
    await assertFails(setDoc(doc(member('manager'), 'appointments/new'), appointment()));
  });

  test('staff edit notes, customer and confirmation, each edit adding exactly one to the version', async () => {
    const staff = member('staff');
    await assertSucceeds(updateDoc(doc(staff, 'appointments/a1'), { notes: 'x', version: 2 }));
    await assertSucceeds(updateDoc(doc(staff, 'appointments/a1'), { status: 'confirmed', version: 3 }));
    await assertFails(updateDoc(doc(staff, 'appointments/a1'), { notes: 'y' }));
    await assertFails(updateDoc(doc(staff, 'appointments/a1'), { notes: 'y', version: 5 }));
  });

  test('staff cannot move, reassign, cancel or revive an appointment directly, nor touch another business', async () => {
    const staff = member('staff');
    await assertFails(updateDoc(doc(staff, 'appointments/a1'), { start: new Date('2026-12-01T10:00:00Z'), version: 2 }));
    await assertFails(updateDoc(doc(staff, 'appointments/a1'), { staffId: 's2', version: 2 }));
    await assertFails(updateDoc(doc(staff, 'appointments/a1'), { status: 'cancelled', version: 2 }));
    await assertFails(updateDoc(doc(staff, 'appointments/a1'), { businessId: 'b2', version: 2 }));
    await assertFails(updateDoc(doc(staff, 'appointments/a2'), { notes: 'x', version: 2 }));
  });

  test('a customer reads their own appointment and no one else\'s, and writes none', async () => {
    const customer = env.authenticatedContext('customer-1', { businessId: 'b1', role: 'customer' }).firestore();
    await assertSucceeds(getDoc(doc(customer, 'appointments/a1')));
    await assertFails(getDoc(doc(customer, 'appointments/a2')));
    await assertFails(updateDoc(doc(customer, 'appointments/a1'), { status: 'cancelled', version: 2 }));
  });

  test('tokens, sync internals and mail are server-only, even for the owner', async () => {
    const owner = member('owner');
    for (const path of ['oauthTokens/c1', 'calendarSync/a1__c1', 'mail/m1']) {
      await assertFails(getDoc(doc(owner, path)));
      await assertFails(setDoc(doc(owner, path), { businessId: 'b1' }));
    }
  });

  test('connection status is visible to members but only the server changes it; conflicts are for managers', async () => {
    await assertSucceeds(getDoc(doc(member('staff'), 'calendarConnections/c1')));
    await assertFails(updateDoc(doc(member('owner'), 'calendarConnections/c1'), { status: 'disconnected' }));
    await assertSucceeds(getDoc(doc(member('manager'), 'conflicts/k1')));
    await assertFails(getDoc(doc(member('staff'), 'conflicts/k1')));
  });
});
