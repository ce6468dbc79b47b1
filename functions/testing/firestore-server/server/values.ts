import { invalidArgument } from './firestore-error';
import { compareResourcePaths, compareUtf8 } from './string-order';
import type { Fields, Timestamp, Value } from './wire';

/**
 * Firestore values: validation into one canonical shape, and the backend's total order
 * (https://firebase.google.com/docs/firestore/manage-data/data-types#value_type_ordering):
 * null < booleans < numbers (NaN first; integers and doubles compared by value, so 1 == 1.0)
 * < timestamps < strings (UTF-8 order) < bytes < references < geo points < arrays < vectors < maps.
 */
export type ValueKind =
  | 'nullValue'
  | 'booleanValue'
  | 'integerValue'
  | 'doubleValue'
  | 'timestampValue'
  | 'stringValue'
  | 'bytesValue'
  | 'referenceValue'
  | 'geoPointValue'
  | 'arrayValue'
  | 'mapValue';

const KINDS: readonly ValueKind[] = [
  'nullValue',
  'booleanValue',
  'integerValue',
  'doubleValue',
  'timestampValue',
  'stringValue',
  'bytesValue',
  'referenceValue',
  'geoPointValue',
  'arrayValue',
  'mapValue',
];

export const NULL_VALUE: Value = { nullValue: 'NULL_VALUE' };

export function kindOf(value: Value): ValueKind {
  if (value.valueType && (KINDS as readonly string[]).includes(value.valueType)) return value.valueType as ValueKind;
  for (const kind of KINDS) if (value[kind] !== undefined) return kind;
  throw invalidArgument(`Unsupported value ${JSON.stringify(value)}.`);
}

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

export function integerValue(n: bigint): Value {
  return { integerValue: (n < INT64_MIN ? INT64_MIN : n > INT64_MAX ? INT64_MAX : n).toString() };
}

/** Firestore keeps timestamps to the microsecond. */
function normalizeTimestamp(ts: Timestamp): Timestamp {
  const nanos = ts.nanos ?? 0;
  return { seconds: String(ts.seconds ?? 0), nanos: nanos - (nanos % 1000) };
}

/** Validates a value from the wire and returns it in canonical form (one key, no discriminator). */
export function normalizeValue(value: Value | undefined): Value {
  if (!value) throw invalidArgument('A value is missing.');
  const kind = kindOf(value);
  switch (kind) {
    case 'nullValue':
      return NULL_VALUE;
    case 'booleanValue':
      return { booleanValue: Boolean(value.booleanValue) };
    case 'integerValue':
      return integerValue(BigInt(value.integerValue ?? 0));
    case 'doubleValue':
      return { doubleValue: Number(value.doubleValue ?? 0) };
    case 'timestampValue':
      return { timestampValue: normalizeTimestamp(value.timestampValue ?? {}) };
    case 'stringValue':
      return { stringValue: value.stringValue ?? '' };
    case 'bytesValue':
      return { bytesValue: Buffer.from(value.bytesValue ?? []) };
    case 'referenceValue':
      return { referenceValue: value.referenceValue ?? '' };
    case 'geoPointValue':
      return { geoPointValue: { latitude: value.geoPointValue?.latitude ?? 0, longitude: value.geoPointValue?.longitude ?? 0 } };
    case 'arrayValue': {
      const values = (value.arrayValue?.values ?? []).map(normalizeValue);
      if (values.some((v) => kindOf(v) === 'arrayValue')) throw invalidArgument('Arrays cannot directly contain arrays.');
      return { arrayValue: { values } };
    }
    case 'mapValue':
      return { mapValue: { fields: normalizeFields(value.mapValue?.fields) } };
  }
}

export function normalizeFields(fields: Fields | undefined): Fields {
  const normalized: Fields = {};
  for (const [key, value] of Object.entries(fields ?? {})) normalized[key] = normalizeValue(value);
  return normalized;
}

export function isNumber(value: Value): boolean {
  const kind = kindOf(value);
  return kind === 'integerValue' || kind === 'doubleValue';
}

export function isNaNValue(value: Value): boolean {
  return kindOf(value) === 'doubleValue' && Number.isNaN(value.doubleValue);
}

function isVector(value: Value): boolean {
  const type = value.mapValue?.fields?.['__type__'];
  return type !== undefined && type.stringValue === '__vector__';
}

/** The position of the value's type in Firestore's cross-type order. */
export function typeOrder(value: Value): number {
  switch (kindOf(value)) {
    case 'nullValue':
      return 0;
    case 'booleanValue':
      return 1;
    case 'integerValue':
    case 'doubleValue':
      return 2;
    case 'timestampValue':
      return 3;
    case 'stringValue':
      return 4;
    case 'bytesValue':
      return 5;
    case 'referenceValue':
      return 6;
    case 'geoPointValue':
      return 7;
    case 'arrayValue':
      return 8;
    case 'mapValue':
      return isVector(value) ? 9 : 10;
  }
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

function compareNumbers(a: Value, b: Value): number {
  if (a.integerValue !== undefined && b.integerValue !== undefined) {
    const x = BigInt(a.integerValue);
    const y = BigInt(b.integerValue);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a.integerValue ?? a.doubleValue);
  const y = Number(b.integerValue ?? b.doubleValue);
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareTimestamps(a: Timestamp, b: Timestamp): number {
  return sign(Number(a.seconds ?? 0) - Number(b.seconds ?? 0)) || sign((a.nanos ?? 0) - (b.nanos ?? 0));
}

function compareArrays(a: Value[], b: Value[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

function compareMaps(a: Fields, b: Fields): number {
  const keysA = Object.keys(a).sort(compareUtf8);
  const keysB = Object.keys(b).sort(compareUtf8);
  const length = Math.min(keysA.length, keysB.length);
  for (let i = 0; i < length; i++) {
    const c = compareUtf8(keysA[i]!, keysB[i]!) || compareValues(a[keysA[i]!]!, b[keysB[i]!]!);
    if (c !== 0) return c;
  }
  return sign(keysA.length - keysB.length);
}

/** Firestore's total order over values of any type. */
export function compareValues(a: Value, b: Value): number {
  const orderA = typeOrder(a);
  const orderB = typeOrder(b);
  if (orderA !== orderB) return sign(orderA - orderB);
  switch (kindOf(a)) {
    case 'nullValue':
      return 0;
    case 'booleanValue':
      return sign(Number(a.booleanValue) - Number(b.booleanValue));
    case 'integerValue':
    case 'doubleValue':
      return compareNumbers(a, b);
    case 'timestampValue':
      return compareTimestamps(a.timestampValue!, b.timestampValue!);
    case 'stringValue':
      return compareUtf8(a.stringValue!, b.stringValue!);
    case 'bytesValue':
      return sign(Buffer.compare(Buffer.from(a.bytesValue!), Buffer.from(b.bytesValue!)));
    case 'referenceValue':
      return compareResourcePaths(a.referenceValue!, b.referenceValue!);
    case 'geoPointValue':
      return (
        sign((a.geoPointValue!.latitude ?? 0) - (b.geoPointValue!.latitude ?? 0)) ||
        sign((a.geoPointValue!.longitude ?? 0) - (b.geoPointValue!.longitude ?? 0))
      );
    case 'arrayValue':
      return compareArrays(a.arrayValue!.values ?? [], b.arrayValue!.values ?? []);
    case 'mapValue': {
      if (orderA === 9) {
        const va = a.mapValue!.fields!['value']?.arrayValue?.values ?? [];
        const vb = b.mapValue!.fields!['value']?.arrayValue?.values ?? [];
        return sign(va.length - vb.length) || compareArrays(va, vb);
      }
      return compareMaps(a.mapValue!.fields ?? {}, b.mapValue!.fields ?? {});
    }
  }
}

/** Query equality: equal in Firestore's order (1 == 1.0, NaN == NaN). */
export function valuesEqual(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

/** Stored equality: same value and same number type (a write of 1.0 over 1 is a change). */
export function valuesIdentical(a: Value, b: Value): boolean {
  const kind = kindOf(a);
  if (kind !== kindOf(b)) return false;
  if (kind === 'arrayValue') {
    const va = a.arrayValue!.values ?? [];
    const vb = b.arrayValue!.values ?? [];
    return va.length === vb.length && va.every((v, i) => valuesIdentical(v, vb[i]!));
  }
  if (kind === 'mapValue') return fieldsIdentical(a.mapValue!.fields ?? {}, b.mapValue!.fields ?? {});
  return compareValues(a, b) === 0;
}

export function fieldsIdentical(a: Fields, b: Fields): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && valuesIdentical(a[key]!, b[key]!));
}
