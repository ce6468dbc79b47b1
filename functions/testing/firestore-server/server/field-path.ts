import { invalidArgument } from './firestore-error';
import type { Fields, Value } from './wire';

/** The field path that stands for the document's own name (`FieldPath.documentId()`). */
export const DOCUMENT_ID_FIELD = '__name__';

const parsedCache = new Map<string, string[]>();

/**
 * Splits a field path into its segments: `a.b` → [a, b]; backquoted segments may contain dots
 * and escaped backquotes / backslashes (`` `x.y`.z `` → [x.y, z]).
 */
export function parseFieldPath(path: string | undefined): string[] {
  if (!path) throw invalidArgument('A field path is required.');
  const cached = parsedCache.get(path);
  if (cached) return cached;
  const segments: string[] = [];
  let i = 0;
  while (i <= path.length) {
    let segment = '';
    if (path[i] === '`') {
      i++;
      for (;;) {
        if (i >= path.length) throw invalidArgument(`Field path "${path}" has an unterminated backquote.`);
        const char = path[i]!;
        if (char === '\\') {
          const next = path[i + 1];
          if (next === undefined) throw invalidArgument(`Field path "${path}" ends in an escape.`);
          segment += next;
          i += 2;
        } else if (char === '`') {
          i++;
          break;
        } else {
          segment += char;
          i++;
        }
      }
      if (i < path.length && path[i] !== '.') throw invalidArgument(`Field path "${path}" has text after a backquoted segment.`);
    } else {
      const end = path.indexOf('.', i);
      segment = path.slice(i, end === -1 ? path.length : end);
      i = end === -1 ? path.length : end;
    }
    if (segment === '') throw invalidArgument(`Field path "${path}" has an empty segment.`);
    segments.push(segment);
    i++; // skip the dot (or step past the end)
  }
  if (parsedCache.size >= 10_000) parsedCache.clear(); // paths can embed ids; keep the cache bounded
  parsedCache.set(path, segments);
  return segments;
}

/** Own properties only: a field may be called `constructor` or `toString`. */
export function fieldOf(fields: Fields, key: string): Value | undefined {
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

function mapFields(value: Value | undefined): Fields | undefined {
  return value?.mapValue ? (value.mapValue.fields ?? {}) : undefined;
}

export function getValueAt(fields: Fields, segments: readonly string[]): Value | undefined {
  let current: Fields | undefined = fields;
  for (let i = 0; i < segments.length - 1; i++) {
    current = mapFields(fieldOf(current, segments[i]!));
    if (!current) return undefined;
  }
  return fieldOf(current, segments[segments.length - 1]!);
}

/** Returns a copy of `fields` with `value` at the path; intermediate non-maps are replaced by maps. */
export function setValueAt(fields: Fields, segments: readonly string[], value: Value): Fields {
  const [head, ...rest] = segments;
  if (head === undefined) return fields;
  if (rest.length === 0) return { ...fields, [head]: value };
  const child = mapFields(fieldOf(fields, head)) ?? {};
  return { ...fields, [head]: { mapValue: { fields: setValueAt(child, rest, value) } } };
}

/** Returns a copy of `fields` without the path (parents stay, possibly as empty maps). */
export function deleteValueAt(fields: Fields, segments: readonly string[]): Fields {
  const [head, ...rest] = segments;
  if (head === undefined || !Object.hasOwn(fields, head)) return fields;
  if (rest.length === 0) {
    const copy = { ...fields };
    delete copy[head];
    return copy;
  }
  const child = mapFields(fieldOf(fields, head));
  if (!child) return fields;
  return { ...fields, [head]: { mapValue: { fields: deleteValueAt(child, rest) } } };
}

/** Keeps only the given paths (a read mask or a query projection). */
export function projectFields(fields: Fields, paths: readonly (readonly string[])[]): Fields {
  let projected: Fields = {};
  for (const segments of paths) {
    const value = getValueAt(fields, segments);
    if (value !== undefined) projected = setValueAt(projected, segments, value);
  }
  return projected;
}
