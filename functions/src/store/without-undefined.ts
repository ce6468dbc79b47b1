/** Firestore rejects `undefined`; absent optional fields are simply left out of the document. */
export function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    out[key] =
      item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date) && Object.getPrototypeOf(item) === Object.prototype
        ? withoutUndefined(item as Record<string, unknown>)
        : item;
  }
  return out as T;
}
