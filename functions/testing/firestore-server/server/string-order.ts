/**
 * Firestore orders strings by their UTF-8 bytes, which is code point order. JavaScript's `<`
 * compares UTF-16 code units, which differs only when a surrogate pair (a code point above
 * U+FFFF) meets a character in U+E000..U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const surrogateA = ca >= 0xd800 && ca <= 0xdfff;
    const surrogateB = cb >= 0xd800 && cb <= 0xdfff;
    if (surrogateA === surrogateB) return ca < cb ? -1 : 1;
    return surrogateA ? 1 : -1;
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

/** Orders slash-separated resource paths segment by segment, as Firestore orders document keys. */
export function compareResourcePaths(a: string, b: string): number {
  if (a === b) return 0;
  const sa = a.split('/');
  const sb = b.split('/');
  const length = Math.min(sa.length, sb.length);
  for (let i = 0; i < length; i++) {
    const c = compareUtf8(sa[i]!, sb[i]!);
    if (c !== 0) return c;
  }
  return sa.length < sb.length ? -1 : sa.length === sb.length ? 0 : 1;
}
