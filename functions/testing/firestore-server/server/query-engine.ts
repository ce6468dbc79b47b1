import type { DocumentStore, StoredDocument } from './document-store';
import { DOCUMENT_ID_FIELD, getValueAt, parseFieldPath } from './field-path';
import { invalidArgument, unimplemented } from './firestore-error';
import { collectionIdOf, collectionPathOf, parseParent } from './resource-names';
import { compareUtf8 } from './string-order';
import { compareValues, isNaNValue, kindOf, normalizeValue, typeOrder, valuesEqual } from './values';
import type { Cursor, Filter, StructuredQuery, Value } from './wire';

/**
 * Structured queries evaluated the way the Firestore backend evaluates them:
 * - a field filter matches only documents that have the field; range and equality filters only
 *   match values of the same type class (numbers: integers and doubles together);
 * - results are ordered by the explicit orderBy fields, then the inequality fields, then the
 *   document name, all in the direction of the last explicit order; documents lacking an
 *   orderBy field are not results;
 * - cursors are positions in that order; offset and limit apply after the cursors.
 */

/** Which documents a query can ever see. */
export interface QueryScope {
  /** `projects/p/databases/d/documents` or a document name. */
  parent: string;
  /** Empty for a kindless query (all collections). */
  collectionId: string;
  allDescendants: boolean;
}

export function scopeOf(parent: string | undefined, query: StructuredQuery | undefined): QueryScope {
  parseParent(parent);
  const from = query?.from ?? [];
  if (from.length !== 1) throw invalidArgument('A query needs exactly one collection selector in "from".');
  const selector = from[0]!;
  if (!selector.collectionId && !selector.allDescendants) throw invalidArgument('A collection id is required.');
  return { parent: parent!, collectionId: selector.collectionId ?? '', allDescendants: Boolean(selector.allDescendants) };
}

export function scopeContains(scope: QueryScope, documentName: string): boolean {
  if (!scope.allDescendants) return collectionPathOf(documentName) === `${scope.parent}/${scope.collectionId}`;
  return documentName.startsWith(`${scope.parent}/`) && (scope.collectionId === '' || collectionIdOf(documentName) === scope.collectionId);
}

/** Conservative: true whenever some document could be in both scopes. */
export function scopesOverlap(a: QueryScope, b: QueryScope): boolean {
  const sameKind = a.collectionId === b.collectionId || a.collectionId === '' || b.collectionId === '';
  if (!sameKind) return false;
  if (!a.allDescendants && !b.allDescendants) return a.parent === b.parent;
  const within = (x: string, y: string): boolean => x === y || x.startsWith(`${y}/`);
  return within(a.parent, b.parent) || within(b.parent, a.parent);
}

function candidates(store: DocumentStore, scope: QueryScope): Iterable<StoredDocument> {
  if (!scope.allDescendants) return store.inCollection(`${scope.parent}/${scope.collectionId}`);
  return [...store.all()].filter((doc) => scopeContains(scope, doc.name));
}

type FieldGetter = (doc: StoredDocument) => Value | undefined;

function fieldGetter(fieldPath: string | undefined): FieldGetter {
  if (fieldPath === DOCUMENT_ID_FIELD) return (doc) => ({ referenceValue: doc.name });
  const segments = parseFieldPath(fieldPath);
  return (doc) => getValueAt(doc.fields, segments);
}

type Predicate = (doc: StoredDocument) => boolean;

const INEQUALITY_OPERATORS = new Set([
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'NOT_EQUAL',
  'NOT_IN',
  'IS_NOT_NAN',
  'IS_NOT_NULL',
]);

function arrayOperand(value: Value, op: string): Value[] {
  if (kindOf(value) !== 'arrayValue') throw invalidArgument(`${op} needs an array value.`);
  return value.arrayValue!.values ?? [];
}

function compileFieldFilter(fieldPath: string | undefined, op: string | undefined, operandWire: Value | undefined): Predicate {
  const get = fieldGetter(fieldPath);
  const operand = normalizeValue(operandWire);
  const sameType = (value: Value): boolean => typeOrder(value) === typeOrder(operand);
  const compare = (test: (c: number) => boolean): Predicate => (doc) => {
    const value = get(doc);
    return value !== undefined && sameType(value) && test(compareValues(value, operand));
  };
  switch (op) {
    case 'EQUAL':
      return compare((c) => c === 0);
    case 'LESS_THAN':
      return compare((c) => c < 0);
    case 'LESS_THAN_OR_EQUAL':
      return compare((c) => c <= 0);
    case 'GREATER_THAN':
      return compare((c) => c > 0);
    case 'GREATER_THAN_OR_EQUAL':
      return compare((c) => c >= 0);
    case 'NOT_EQUAL':
      return (doc) => {
        const value = get(doc);
        return value !== undefined && !valuesEqual(value, operand);
      };
    case 'ARRAY_CONTAINS':
      return (doc) => {
        const value = get(doc);
        return value !== undefined && kindOf(value) === 'arrayValue' && (value.arrayValue!.values ?? []).some((v) => valuesEqual(v, operand));
      };
    case 'ARRAY_CONTAINS_ANY': {
      const wanted = arrayOperand(operand, op);
      return (doc) => {
        const value = get(doc);
        return (
          value !== undefined &&
          kindOf(value) === 'arrayValue' &&
          (value.arrayValue!.values ?? []).some((v) => wanted.some((w) => valuesEqual(v, w)))
        );
      };
    }
    case 'IN': {
      const wanted = arrayOperand(operand, op);
      return (doc) => {
        const value = get(doc);
        return value !== undefined && wanted.some((w) => valuesEqual(value, w));
      };
    }
    case 'NOT_IN': {
      const unwanted = arrayOperand(operand, op);
      // `not-in [..., null]` matches nothing, as in Firestore.
      if (unwanted.some((v) => kindOf(v) === 'nullValue')) return () => false;
      return (doc) => {
        const value = get(doc);
        return value !== undefined && !unwanted.some((u) => valuesEqual(value, u));
      };
    }
    default:
      throw invalidArgument(`Unsupported field filter operator ${op}.`);
  }
}

function compileUnaryFilter(fieldPath: string | undefined, op: string | undefined): Predicate {
  const get = fieldGetter(fieldPath);
  switch (op) {
    case 'IS_NULL':
      return (doc) => {
        const value = get(doc);
        return value !== undefined && kindOf(value) === 'nullValue';
      };
    case 'IS_NOT_NULL':
      return (doc) => {
        const value = get(doc);
        return value !== undefined && kindOf(value) !== 'nullValue';
      };
    case 'IS_NAN':
      return (doc) => {
        const value = get(doc);
        return value !== undefined && isNaNValue(value);
      };
    case 'IS_NOT_NAN':
      return (doc) => {
        const value = get(doc);
        return value !== undefined && !isNaNValue(value);
      };
    default:
      throw invalidArgument(`Unsupported unary filter operator ${op}.`);
  }
}

function compileFilter(filter: Filter, inequalityFields: Set<string>): Predicate {
  if (filter.compositeFilter) {
    const parts = (filter.compositeFilter.filters ?? []).map((f) => compileFilter(f, inequalityFields));
    if (filter.compositeFilter.op === 'AND') return (doc) => parts.every((p) => p(doc));
    if (filter.compositeFilter.op === 'OR') return (doc) => parts.some((p) => p(doc));
    throw invalidArgument(`Unsupported composite filter operator ${filter.compositeFilter.op}.`);
  }
  if (filter.fieldFilter) {
    const { field, op, value } = filter.fieldFilter;
    if (op && INEQUALITY_OPERATORS.has(op) && field?.fieldPath) inequalityFields.add(field.fieldPath);
    return compileFieldFilter(field?.fieldPath, op, value);
  }
  if (filter.unaryFilter) {
    const { field, op } = filter.unaryFilter;
    if (op && INEQUALITY_OPERATORS.has(op) && field?.fieldPath) inequalityFields.add(field.fieldPath);
    return compileUnaryFilter(field?.fieldPath, op);
  }
  throw invalidArgument('Empty filter.');
}

interface Ordering {
  fieldPath: string;
  get: FieldGetter;
  descending: boolean;
}

function canonicalFieldPath(fieldPath: string): string {
  return fieldPath === DOCUMENT_ID_FIELD ? fieldPath : parseFieldPath(fieldPath).join('\u0000');
}

function orderingsOf(query: StructuredQuery, inequalityFields: Set<string>): Ordering[] {
  const orderings: Ordering[] = (query.orderBy ?? []).map((order) => {
    const fieldPath = order.field?.fieldPath;
    if (!fieldPath) throw invalidArgument('orderBy needs a field.');
    return { fieldPath, get: fieldGetter(fieldPath), descending: order.direction === 'DESCENDING' };
  });
  const descending = orderings.at(-1)?.descending ?? false;
  const ordered = new Set(orderings.map((o) => canonicalFieldPath(o.fieldPath)));
  const implicit = [...inequalityFields]
    .filter((fieldPath) => !ordered.has(canonicalFieldPath(fieldPath)))
    .sort((a, b) => compareUtf8(canonicalFieldPath(a), canonicalFieldPath(b)));
  for (const fieldPath of implicit) {
    ordered.add(canonicalFieldPath(fieldPath));
    orderings.push({ fieldPath, get: fieldGetter(fieldPath), descending });
  }
  if (!ordered.has(DOCUMENT_ID_FIELD)) orderings.push({ fieldPath: DOCUMENT_ID_FIELD, get: fieldGetter(DOCUMENT_ID_FIELD), descending });
  return orderings;
}

function compareByOrderings(orderings: Ordering[]): (a: StoredDocument, b: StoredDocument) => number {
  return (a, b) => {
    for (const ordering of orderings) {
      const c = compareValues(ordering.get(a)!, ordering.get(b)!);
      if (c !== 0) return ordering.descending ? -c : c;
    }
    return 0;
  };
}

/** Where the document stands relative to the cursor position: < 0 before, 0 at, > 0 after. */
function positionFromCursor(doc: StoredDocument, cursor: Cursor, orderings: Ordering[]): number {
  const values = cursor.values ?? [];
  if (values.length > orderings.length) throw invalidArgument('A cursor has more values than the query has orderBy fields.');
  for (let i = 0; i < values.length; i++) {
    const ordering = orderings[i]!;
    const c = compareValues(ordering.get(doc)!, normalizeValue(values[i]));
    if (c !== 0) return ordering.descending ? -c : c;
  }
  return 0;
}

interface CompiledQuery {
  /** The filters, plus the rule that a document lacking an orderBy field is not a result. */
  matches: Predicate;
  orderings: Ordering[];
}

function compileQuery(query: StructuredQuery): CompiledQuery {
  if (query.findNearest) throw unimplemented('findNearest (vector search)');
  const inequalityFields = new Set<string>();
  const predicate = query.where ? compileFilter(query.where, inequalityFields) : () => true;
  const orderings = orderingsOf(query, inequalityFields);
  return { matches: (doc) => orderings.every((ordering) => ordering.get(doc) !== undefined) && predicate(doc), orderings };
}

/** Whether a document version is one the query could return, whatever its limit, offset and cursors. */
export function queryMatcher(scope: QueryScope, query: StructuredQuery): (doc: StoredDocument) => boolean {
  const { matches } = compileQuery(query);
  return (doc) => scopeContains(scope, doc.name) && matches(doc);
}

/** Runs a structured query over the store's current state; returns whole documents in order. */
export function runQuery(store: DocumentStore, scope: QueryScope, query: StructuredQuery): StoredDocument[] {
  const { matches, orderings } = compileQuery(query);
  let docs = [...candidates(store, scope)].filter(matches);
  docs.sort(compareByOrderings(orderings));

  const { startAt, endAt } = query;
  if (startAt) docs = docs.filter((doc) => (startAt.before ? positionFromCursor(doc, startAt, orderings) >= 0 : positionFromCursor(doc, startAt, orderings) > 0));
  if (endAt) docs = docs.filter((doc) => (endAt.before ? positionFromCursor(doc, endAt, orderings) < 0 : positionFromCursor(doc, endAt, orderings) <= 0));

  const offset = query.offset ?? 0;
  if (offset < 0) throw invalidArgument('offset must not be negative.');
  // An Int32Value of 0 arrives as an empty message.
  const limit = query.limit ? (query.limit.value ?? 0) : undefined;
  if (limit !== undefined && limit < 0) throw invalidArgument('limit must not be negative.');
  return docs.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** The field paths a `select` keeps, or undefined for whole documents. */
export function projectionOf(query: StructuredQuery): string[][] | undefined {
  if (!query.select) return undefined;
  return (query.select.fields ?? [])
    .map((field) => field.fieldPath)
    .filter((fieldPath): fieldPath is string => fieldPath !== undefined && fieldPath !== DOCUMENT_ID_FIELD)
    .map((fieldPath) => parseFieldPath(fieldPath));
}
