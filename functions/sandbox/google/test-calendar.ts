import type { calendar_v3 } from '@googleapis/calendar';
import { startGoogleSandbox, type GoogleSandbox } from './google-sandbox';
import { connectedCalendar } from './sandbox-clients';

export const ANNA = 'anna@salon.test';

/**
 * For the sandbox's own tests: one sandbox per file on a frozen clock, reset before each test to
 * Anna's Warsaw calendar and a real Calendar client connected to it.
 */
export function useAnnaCalendar(): { sandbox: GoogleSandbox; api: calendar_v3.Calendar } {
  const world = {} as { sandbox: GoogleSandbox; api: calendar_v3.Calendar };
  beforeAll(async () => {
    world.sandbox = await startGoogleSandbox({ startTime: '2026-03-02T08:00:00Z' });
  });
  beforeEach(() => {
    world.sandbox.reset();
    world.sandbox.addAccount({ email: ANNA, timeZone: 'Europe/Warsaw' });
    world.api = connectedCalendar(world.sandbox, ANNA).calendar;
  });
  afterAll(() => world.sandbox.stop());
  return world;
}
