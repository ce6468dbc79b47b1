import { computeAvailability } from './compute-availability';
import { bruteForceAvailability } from './test-support/brute-force-availability';
import { randomRequest, seededRandom } from './test-support/random-request';

const CASES = 400;

test(`the engine agrees with a minute-by-minute reading of the contract on ${CASES} random requests`, () => {
  let slotsSeen = 0;
  for (let seed = 1; seed <= CASES; seed++) {
    const request = randomRequest(seededRandom(seed));
    const expected = bruteForceAvailability(request);
    const actual = computeAvailability(request);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      // Show the seed and the request so a failure can be replayed alone.
      expect({ seed, request, slots: actual.slots }).toEqual({ seed, request, slots: expected.slots });
    }
    slotsSeen += expected.slots.length;
  }
  // Guard against a generator that only produces empty answers.
  expect(slotsSeen).toBeGreaterThan(CASES * 5);
});
