/**
 * A small deterministic PRNG (mulberry32) so that fault injection, generated ids and tokens
 * repeat exactly for a given seed: a failing test run can be replayed.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    string(length, alphabet) {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
  };
}
