import { daysFromCivil, DAY_MS, civilFromDays, isValidCivilDate, pad, MINUTE_MS } from './calendar';

/**
 * An ISO 8601 instant with an explicit offset. Fractions finer than a millisecond are kept apart
 * so that half-open comparisons stay exact: every instant the engine tests (candidate starts and
 * ends, buffer edges) is a whole millisecond, and for a whole millisecond `x`,
 * `x < instant` ⟺ `x < ceilMs` and `instant < x` ⟺ `floorMs < x`.
 */
export interface ParsedInstant {
  readonly floorMs: number;
  readonly ceilMs: number;
  /** Whole epoch seconds and the fraction digits after them (trailing zeros removed): exact order. */
  readonly epochSeconds: number;
  readonly fraction: string;
}

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** `YYYY-MM-DDTHH:MM[:SS[.fff…]]` then `Z` or `±HH:MM`; undefined when malformed or without offset. */
export function parseInstant(text: string): ParsedInstant | undefined {
  const match = INSTANT_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (!isValidCivilDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const [offsetHours, offsetMins] = [Number(match[10]), Number(match[11])];
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const epochSeconds =
    (daysFromCivil(year, month, day) * DAY_MS + (hour * 60 + minute - offsetMinutes) * MINUTE_MS) / 1000 + second;
  const fraction = (match[7] ?? '').replace(/0+$/, '');
  const floorMs = epochSeconds * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'));
  return { floorMs, ceilMs: fraction.length > 3 ? floorMs + 1 : floorMs, epochSeconds, fraction };
}

export function compareInstants(a: ParsedInstant, b: ParsedInstant): number {
  if (a.epochSeconds !== b.epochSeconds) return a.epochSeconds - b.epochSeconds;
  return a.fraction < b.fraction ? -1 : a.fraction > b.fraction ? 1 : 0;
}

/** Epoch milliseconds → `YYYY-MM-DDTHH:MM:SSZ` (slot instants are whole seconds). */
export function formatUtcInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  const secondOfDay = Math.floor((ms - day * DAY_MS) / 1000);
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(secondOfDay % 60, 2)}Z`;
}
