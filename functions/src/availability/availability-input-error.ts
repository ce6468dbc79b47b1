import type { z } from 'zod';

/** Thrown for input that breaks the contract; `path` names the field (`staff[1].weeklyHours.mon[0]`). */
export class AvailabilityInputError extends Error {
  override readonly name = 'AvailabilityInputError';
  readonly retryable = false;

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** `['staff', 1, 'weeklyHours', 'mon', 0]` → `staff[1].weeklyHours.mon[0]`; the root is `input`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? 'input' : text;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  tuple: 'a [start, end] pair',
  array: 'an array',
  object: 'an object',
  string: 'a string',
  number: 'a number',
};

export function errorFromZodIssue(issue: z.core.$ZodIssue): AvailabilityInputError {
  switch (issue.code) {
    case 'invalid_type': {
      const path = formatFieldPath(issue.path);
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return new AvailabilityInputError(path, `is required (${expected})`);
      // JSON has no NaN or Infinity, but 1e400 parses as Infinity.
      if (issue.expected === 'number' && typeof issue.input === 'number') return new AvailabilityInputError(path, `expected a finite number, got ${issue.input}`);
      return new AvailabilityInputError(path, `expected ${expected}, got ${describeValue(issue.input)}`);
    }
    case 'unrecognized_keys':
      return new AvailabilityInputError(formatFieldPath([...issue.path, issue.keys[0]]), 'unknown field');
    case 'too_big':
    case 'too_small':
      return new AvailabilityInputError(formatFieldPath(issue.path), 'must be a [start, end] pair');
    default:
      return new AvailabilityInputError(formatFieldPath(issue.path), issue.message);
  }
}
