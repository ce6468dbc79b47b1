/**
 * npm run bench:sync — API calls per appointment change, changes per second through the sync
 * pipeline against the sandbox, and the functions entry module's cold import time.
 * A benchmark, not a test: it prints numbers and asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { COLLECTIONS, type Appointment } from '../src/model';
import { syncAppointment } from '../src/sync/sync-appointment';
import { startGoogleSandbox } from '../sandbox/google';
import { startTestFirestore } from '../testing/firestore-server/harness';
import { seedSalon, sandboxTokenSource } from '../test/support/salon-fixture';
import { syncDepsFor } from '../test/support/sync-deps';
import { coldImportMs } from './support/cold-import';
import { fmt } from './support/stats';

process.env.METADATA_SERVER_DETECTION = 'none';
const APPOINTMENTS = Number(process.env.BENCH_APPOINTMENTS ?? 200);
const CALENDAR_CALLS = ['insert', 'update', 'patch', 'delete', 'get', 'list'].map((method) => `calendar.events.${method}`);

async function main(): Promise<void> {
  const firestore = await startTestFirestore();
  const sandbox = await startGoogleSandbox();
  const db = firestore.db();
  const salon = await seedSalon(db, sandbox, { staffCount: 4 });
  const deps = syncDepsFor(db, sandbox, sandboxTokenSource(sandbox, salon));
  const calls = () => CALENDAR_CALLS.reduce((sum, name) => sum + (sandbox.requestCounts()[name] ?? 0), 0);
  const base = Date.parse('2026-12-01T08:00:00Z');
  const current = new Map<string, Appointment>();

  async function phase(name: string, changes: { id: string; next: Appointment }[], concurrency: number, real: boolean) {
    sandbox.resetRequestCounts();
    const started = performance.now();
    let index = 0;
    const worker = async () => {
      while (index < changes.length) {
        const { id, next } = changes[index++]!;
        current.set(id, next);
        await db.collection(COLLECTIONS.appointments).doc(id).set(next);
        await syncAppointment(deps, id);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const perChange = calls() / changes.length;
    console.log(
      `${name.padEnd(34)} changes=${String(changes.length).padStart(4)}  API calls/change=${fmt(perChange, 2)}${real ? '' : ' (no-op writes)'}  changes/s=${fmt(changes.length / seconds)}`,
    );
  }

  const creates = Array.from({ length: APPOINTMENTS }, (_, i) => {
    const start = new Date(base + i * 3_600_000);
    const next: Appointment = {
      businessId: salon.businessId, staffId: salon.staffIds[i % salon.staffIds.length]!, serviceId: salon.serviceId,
      start, end: new Date(start.getTime() + 45 * 60_000), status: 'booked', customer: { name: `Customer ${i}` }, notes: '', version: 1,
    };
    return { id: `bench-${i}`, next };
  });
  console.log(`sync pipeline: Firestore (embedded) + sandbox Google Calendar, ${APPOINTMENTS} appointments, no injected faults`);
  await phase('create, sequential', creates.slice(0, APPOINTMENTS / 2), 1, true);
  await phase('create, 4 in parallel', creates.slice(APPOINTMENTS / 2), 4, true);
  const bump = (id: string, patch: Partial<Appointment>) => {
    const before = current.get(id)!;
    return { id, next: { ...before, ...patch, version: before.version + 1 } };
  };
  await phase('edit (time + notes), 4 in parallel', creates.slice(0, APPOINTMENTS / 2).map(({ id }) => bump(id, { notes: 'edited', start: new Date(current.get(id)!.start.getTime() + 1_800_000), end: new Date(current.get(id)!.end.getTime() + 1_800_000) })), 4, true);
  await phase('no-op write (unshown field)', creates.map(({ id }) => bump(id, { customerUid: 'uid-x' })), 4, false);
  await phase('cancel, 4 in parallel', creates.slice(0, APPOINTMENTS / 4).map(({ id }) => bump(id, { status: 'cancelled' })), 4, true);
  await phase('reassign (delete + insert), 4 in parallel', creates.slice(APPOINTMENTS / 2, APPOINTMENTS / 2 + APPOINTMENTS / 4).map(({ id }) => {
    const staffId = current.get(id)!.staffId;
    return bump(id, { staffId: salon.staffIds[(salon.staffIds.indexOf(staffId) + 1) % salon.staffIds.length]! });
  }), 4, true);
  console.log('(a reassignment is one appointment change but two calendar changes: remove from the old calendar, create in the new)');
  await sandbox.stop();
  await firestore.stop();

  const functionsDir = join(__dirname, '..');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: functionsDir, stdio: 'inherit' });
  console.log('\ncold import, median of 5 fresh Node processes:');
  const entry = coldImportMs('./lib/src/index.js', functionsDir);
  const floor = coldImportMs(
    ['firebase-functions/v2/options', 'firebase-functions/v2/firestore', 'firebase-functions/v2/https', 'firebase-functions/v2/scheduler', 'firebase-functions/params'],
    functionsDir,
  );
  console.log(`  functions entry module (lib/src/index.js)   ${fmt(entry, 0)} ms   (target < 300 ms)`);
  console.log(`  firebase-functions v2 modules it must load  ${fmt(floor, 0)} ms   (the floor; entry/floor = ${fmt(entry / floor, 2)})`);
  for (const module of ['firebase-functions/v2/firestore', 'firebase-admin/firestore', '@googleapis/calendar', 'googleapis']) {
    console.log(`  require('${module}')`.padEnd(47) + `${fmt(coldImportMs(module, functionsDir), 0)} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
