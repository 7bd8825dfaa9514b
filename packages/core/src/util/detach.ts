/**
 * A string that keeps nothing else alive. V8 keeps a slice of 13 characters
 * or more as a view of the whole string it was cut from (a page's text);
 * a cache that keeps such a slice keeps the page. Shorter slices are copies.
 */
export function detach(text: string): string {
  return text.length >= 13 ? ` ${text}`.slice(1) : text;
}
