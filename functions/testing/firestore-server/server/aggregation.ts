import type { StoredDocument } from './document-store';
import { getValueAt, parseFieldPath } from './field-path';
import { invalidArgument } from './firestore-error';
import { INT64_MAX, INT64_MIN, NULL_VALUE, integerValue, isNumber, kindOf } from './values';
import type { Aggregation, Value } from './wire';

function numbersAt(docs: StoredDocument[], fieldPath: string | undefined): Value[] {
  const path = parseFieldPath(fieldPath);
  return docs.map((doc) => getValueAt(doc.fields, path)).filter((v): v is Value => v !== undefined && isNumber(v));
}

/**
 * count / sum / avg over a query's results, as Firestore defines them: sum and avg ignore
 * non-numeric values; sum stays an integer while every value is one and it fits in int64;
 * avg is a double, or null when there is nothing to average.
 */
export function aggregate(docs: StoredDocument[], aggregation: Aggregation): Value {
  if (aggregation.count) {
    const upTo = aggregation.count.upTo?.value;
    return integerValue(BigInt(upTo === undefined ? docs.length : Math.min(docs.length, Number(upTo))));
  }
  if (aggregation.sum) {
    const values = numbersAt(docs, aggregation.sum.field?.fieldPath);
    if (values.every((v) => kindOf(v) === 'integerValue')) {
      const total = values.reduce((sum, v) => sum + BigInt(v.integerValue!), 0n);
      if (total >= INT64_MIN && total <= INT64_MAX) return integerValue(total);
    }
    return { doubleValue: values.reduce((sum, v) => sum + Number(v.integerValue ?? v.doubleValue), 0) };
  }
  if (aggregation.avg) {
    const values = numbersAt(docs, aggregation.avg.field?.fieldPath);
    if (values.length === 0) return NULL_VALUE;
    return { doubleValue: values.reduce((sum, v) => sum + Number(v.integerValue ?? v.doubleValue), 0) / values.length };
  }
  throw invalidArgument(`Unsupported aggregation ${JSON.stringify(aggregation)}.`);
}
