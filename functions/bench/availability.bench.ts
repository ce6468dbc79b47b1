/**
 * `npm run bench:availability`: median time per availability query.
 * Standard workload: 10 staff, 30 local days in Europe/Warsaw (across the March DST change),
 * 2,000 busy intervals, a 15-minute grid, a 45-minute service with 10 + 15 minutes of buffers.
 * Then growth with busy intervals (500 / 2,000 / 8,000) and days (7 / 30 / 62), with ratios.
 * Each figure is the median of many runs after a warm-up; the target is < 5 ms for the standard
 * workload and near-linear growth.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { computeAvailability, computeAvailabilityForInput, parseAvailabilityInput, type AvailabilityRequest } from '../src/availability';
import { seededRandom } from '../src/availability/test-support/random-request';

const DAY_MS = 86_400_000;
const FROM = '2026-03-15';

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function workload(busyCount: number, days: number): AvailabilityRequest {
  const random = seededRandom(busyCount * 1000 + days);
  const from = Date.parse(`${FROM}T00:00:00Z`);
  const open: [string, string][] = [['09:00', '19:00']];
  const staff: AvailabilityRequest['staff'] = Array.from({ length: 10 }, (_, i) => ({
    id: `staff-${i}`,
    ...(i % 3 === 0 ? { weeklyHours: { mon: [['09:00', '15:00']], wed: [['12:00', '19:00']], fri: open, sat: [['10:00', '14:00']] } } : {}),
    breaks: { mon: [['13:00', '13:30']], tue: [['13:00', '13:30']], wed: [['13:00', '13:30']], thu: [['13:00', '13:30']], fri: [['13:00', '13:30']] },
    timeOff: [{ start: `${isoDate(from + (i + 2) * DAY_MS)}T08:00:00Z`, end: `${isoDate(from + (i + 4) * DAY_MS)}T12:00:00Z` }],
  }));
  const busy = Array.from({ length: busyCount }, () => {
    const start = from + Math.floor(random() * days) * DAY_MS + (7 + Math.floor(random() * 40) / 4) * 3_600_000;
    const end = start + (30 + 15 * Math.floor(random() * 7)) * 60_000;
    return { staffId: `staff-${Math.floor(random() * 10)}`, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
  });
  return {
    timeZone: 'Europe/Warsaw',
    now: '2026-03-14T08:00:00Z',
    range: { from: FROM, to: isoDate(from + (days - 1) * DAY_MS) },
    service: { durationMinutes: 45, bufferBeforeMinutes: 10, bufferAfterMinutes: 15 },
    slotStepMinutes: 15,
    minNoticeMinutes: 120,
    maxAdvanceDays: 120,
    business: {
      weeklyHours: { mon: open, tue: open, wed: open, thu: open, fri: open, sat: [['10:00', '16:00']] },
      specialHours: [{ date: isoDate(from + 5 * DAY_MS), intervals: [['10:00', '14:00']] }],
      closures: [isoDate(from + 12 * DAY_MS)],
    },
    staff,
    busy,
  };
}

interface Timing {
  /** Median wall-clock milliseconds per call. */
  readonly wall: number;
  /** Median CPU milliseconds of the process per call: steadier when other work shares the cores. */
  readonly cpu: number;
}

/** Medians over `runs` calls, after a warm-up long enough for V8 to optimize the hot code. */
function measure(run: () => unknown, runs = 400, warmupMs = 1500): Timing {
  const warmupEnd = performance.now() + warmupMs;
  for (let i = 0; i < 100 || performance.now() < warmupEnd; i++) run();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    run();
    walls.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { wall: median(walls), cpu: median(cpus) };
}

const ms = (value: number) => `${value.toFixed(3).padStart(8)} ms`;
const both = (timing: Timing) => `${ms(timing.wall)}  (cpu ${ms(timing.cpu)})`;

function main(): void {
  const standard = workload(2000, 30);
  const coldStart = performance.now();
  const result = computeAvailability(standard);
  const cold = performance.now() - coldStart;
  const parsed = parseAvailabilityInput(standard);

  const full = measure(() => computeAvailability(standard));
  const validation = measure(() => parseAvailabilityInput(standard));
  const engine = measure(() => computeAvailabilityForInput(parsed));
  console.log('Standard workload: 10 staff, 30 days, 2,000 busy, 15-min step, 45-min service + 10/15-min buffers');
  console.log(`  slots returned                         ${String(result.slots.length).padStart(8)}`);
  console.log(`  first call in the process (cold)       ${ms(cold)}`);
  console.log(`  median per query, computeAvailability  ${both(full)}   target < 5 ms: ${full.wall < 5 ? 'met' : 'NOT met'}`);
  console.log(`    of which validation (zod)            ${both(validation)}`);
  console.log(`    of which engine on parsed input      ${both(engine)}`);

  const growth = (label: string, cases: [string, AvailabilityRequest][]) => {
    console.log(`\nGrowth with ${label}: median of computeAvailability, ratio to the first row`);
    let base: Timing | undefined;
    for (const [name, input] of cases) {
      const timing = measure(() => computeAvailability(input), 200, 800);
      base ??= timing;
      console.log(`  ${name.padEnd(12)} ${both(timing)}   × ${(timing.wall / base.wall).toFixed(2)} wall, × ${(timing.cpu / base.cpu).toFixed(2)} cpu`);
    }
  };
  growth('busy intervals (30 days)', [500, 2000, 8000].map((count) => [`${count} busy`, workload(count, 30)]));
  growth('days (2,000 busy)', [7, 30, 62].map((days) => [`${days} days`, workload(2000, days)]));
  console.log(`\nLoad average while measuring: ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} cores`);
}

main();
