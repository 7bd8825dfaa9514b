/**
 * One key for an unordered pair of ids: the same for (a, b) and (b, a).
 * @throws never.
 */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
