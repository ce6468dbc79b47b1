import { toTimestamp, type Micros } from './commit-clock';
import { invalidArgument } from './firestore-error';
import { NULL_VALUE, compareValues, integerValue, isNumber, kindOf, normalizeValue, valuesEqual } from './values';
import type { FieldTransform, Value } from './wire';

/** The new field value and the value reported back in `transform_results`. */
export interface TransformOutcome {
  value: Value;
  result: Value;
}

function numericOperand(operand: Value | undefined, what: string): Value {
  const value = normalizeValue(operand);
  if (!isNumber(value)) throw invalidArgument(`${what} needs a number operand.`);
  return value;
}

function add(current: Value, operand: Value): Value {
  if (kindOf(current) === 'integerValue' && kindOf(operand) === 'integerValue') {
    // Integer overflow saturates at the int64 bounds, as in Firestore.
    return integerValue(BigInt(current.integerValue!) + BigInt(operand.integerValue!));
  }
  return { doubleValue: Number(current.integerValue ?? current.doubleValue) + Number(operand.integerValue ?? operand.doubleValue) };
}

function arrayElements(value: Value | undefined): Value[] {
  return value && kindOf(value) === 'arrayValue' ? (value.arrayValue!.values ?? []) : [];
}

/**
 * One server-side transform, following google/firestore/v1/write.proto: increment / maximum /
 * minimum replace a non-number with the operand; the array transforms treat a missing or
 * non-array field as an empty array; "equal" is Firestore equality (3 == 3.0).
 */
export function applyFieldTransform(current: Value | undefined, transform: FieldTransform, commitTime: Micros): TransformOutcome {
  if (transform.setToServerValue !== undefined) {
    if (transform.setToServerValue !== 'REQUEST_TIME') throw invalidArgument(`Unknown server value ${transform.setToServerValue}.`);
    const value: Value = { timestampValue: toTimestamp(commitTime) };
    return { value, result: value };
  }
  if (transform.increment !== undefined) {
    const operand = numericOperand(transform.increment, 'increment');
    const value = current && isNumber(current) ? add(current, operand) : operand;
    return { value, result: value };
  }
  if (transform.maximum !== undefined || transform.minimum !== undefined) {
    const isMaximum = transform.maximum !== undefined;
    const operand = numericOperand(isMaximum ? transform.maximum : transform.minimum, isMaximum ? 'maximum' : 'minimum');
    let value = operand;
    if (current && isNumber(current)) {
      const c = compareValues(operand, current);
      value = (isMaximum ? c > 0 : c < 0) ? operand : current;
    }
    return { value, result: value };
  }
  if (transform.appendMissingElements !== undefined) {
    const elements = [...arrayElements(current)];
    for (const element of (transform.appendMissingElements.values ?? []).map(normalizeValue)) {
      if (!elements.some((existing) => valuesEqual(existing, element))) elements.push(element);
    }
    return { value: { arrayValue: { values: elements } }, result: NULL_VALUE };
  }
  if (transform.removeAllFromArray !== undefined) {
    const remove = (transform.removeAllFromArray.values ?? []).map(normalizeValue);
    const elements = arrayElements(current).filter((existing) => !remove.some((r) => valuesEqual(existing, r)));
    return { value: { arrayValue: { values: elements } }, result: NULL_VALUE };
  }
  throw invalidArgument(`Unknown field transform ${JSON.stringify(transform)}.`);
}
