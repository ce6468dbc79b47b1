import { civilFromDays, daysFromCivil, isValidCivilDate, pad } from './calendar';

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

// Parsed by hand rather than with a regular expression or Date.parse: a query can carry thousands
// of busy intervals, and this is several times faster.
const ZERO = 48;
const [DASH, COLON, DOT, PLUS, MINUS, LETTER_T, LETTER_Z] = ['-', ':', '.', '+', '-', 'T', 'Z'].map((c) => c.charCodeAt(0));
const SECONDS_PER_DAY = 86_400;

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** `YYYY-MM-DDTHH:MM[:SS[.fff…]]` then `Z` or `±HH:MM`; undefined when malformed or without offset. */
export function parseInstant(text: string): ParsedInstant | undefined {
  const length = text.length;
  if (length < 17 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== LETTER_T || text.charCodeAt(13) !== COLON) {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  let position = 16;
  let second = 0;
  let fraction = '';
  if (text.charCodeAt(position) === COLON) {
    second = digitsAt(text, position + 1, 2);
    position += 3;
    if (text.charCodeAt(position) === DOT) {
      const fractionStart = ++position;
      let lastNonZero = position;
      for (let code = text.charCodeAt(position); code >= ZERO && code <= ZERO + 9; code = text.charCodeAt(++position)) {
        if (code !== ZERO) lastNonZero = position + 1;
      }
      if (position === fractionStart) return undefined;
      fraction = text.slice(fractionStart, lastNonZero);
    }
  }
  let offsetMinutes = 0;
  const sign = text.charCodeAt(position);
  if (sign === LETTER_Z && position + 1 === length) {
    offsetMinutes = 0;
  } else if ((sign === PLUS || sign === MINUS) && position + 6 === length && text.charCodeAt(position + 3) === COLON) {
    const offsetHours = digitsAt(text, position + 1, 2);
    const offsetMins = digitsAt(text, position + 4, 2);
    if (!(offsetHours <= 23 && offsetMins <= 59)) return undefined;
    offsetMinutes = (sign === MINUS ? -1 : 1) * (offsetHours * 60 + offsetMins);
  } else {
    return undefined;
  }
  // NaN (a non-digit) fails every comparison below.
  if (!(hour <= 23 && minute <= 59 && second <= 59 && year >= 0) || !isValidCivilDate(year, month, day)) return undefined;
  const epochSeconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + (hour * 60 + minute - offsetMinutes) * 60 + second;
  const floorMs = epochSeconds * 1000 + (fraction === '' ? 0 : Number(fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0')));
  return { floorMs, ceilMs: fraction.length > 3 ? floorMs + 1 : floorMs, epochSeconds, fraction };
}

export function compareInstants(a: ParsedInstant, b: ParsedInstant): number {
  if (a.epochSeconds !== b.epochSeconds) return a.epochSeconds - b.epochSeconds;
  return a.fraction < b.fraction ? -1 : a.fraction > b.fraction ? 1 : 0;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => pad(i, 2));
let lastDay = NaN;
let lastDayPrefix = '';

/** Epoch milliseconds → `YYYY-MM-DDTHH:MM:SSZ` (slot instants are whole seconds). */
export function formatUtcInstant(ms: number): string {
  const day = Math.floor(ms / (SECONDS_PER_DAY * 1000));
  // Slots come in order, so the date part is usually the one just written.
  if (day !== lastDay) {
    const { year, month, day: dayOfMonth } = civilFromDays(day);
    lastDayPrefix = `${pad(year, 4)}-${TWO_DIGITS[month]}-${TWO_DIGITS[dayOfMonth]}T`;
    lastDay = day;
  }
  const secondOfDay = Math.floor(ms / 1000) - day * SECONDS_PER_DAY;
  const minuteOfDay = Math.floor(secondOfDay / 60);
  return `${lastDayPrefix}${TWO_DIGITS[Math.floor(minuteOfDay / 60)]}:${TWO_DIGITS[minuteOfDay % 60]}:${TWO_DIGITS[secondOfDay % 60]}Z`;
}
