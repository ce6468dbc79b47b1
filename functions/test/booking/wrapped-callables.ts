import functionsTest from 'firebase-functions-test';
import type { Actor } from '../../src/booking';
import type { BookingDeps } from '../../src/booking/booking-deps';
import { createBookingCallables } from '../../src/callables/booking-callables';

type CallableName = keyof ReturnType<typeof createBookingCallables>;
type Caller = Actor | { uid: string; token: Record<string, unknown> } | undefined;

/**
 * The booking callables as deployed (real onCall handlers), invoked through
 * firebase-functions-test's `wrap` with `{ data, auth }` the way the platform passes a verified
 * ID token's claims.
 */
export function wrappedCallables(getDeps: () => BookingDeps): (name: CallableName, data: unknown, caller?: Caller) => Promise<any> {
  const fft = functionsTest();
  afterAll(() => fft.cleanup());
  const callables = createBookingCallables(getDeps);
  return (name, data, caller) => {
    const auth = caller && 'role' in caller ? { uid: caller.uid, token: { businessId: caller.businessId, role: caller.role, staffId: caller.staffId } } : caller;
    const wrapped = fft.wrap(callables[name] as never) as unknown as (request: unknown) => Promise<unknown>;
    return wrapped({ data, auth });
  };
}
