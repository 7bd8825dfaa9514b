/**
 * Sets of words and word n-grams held as sorted 53-bit hashes in one
 * Float64Array each. A paragraph's six n-gram sets as `Set<string>` cost
 * about 13 KB (a hash table per set, a new string per bigram); as term sets
 * they cost about a fifth of that, which is what lets a one-shot analysis of
 * a stored corpus of 10,000 articles fit in the default heap. Intersections
 * are a merge of two sorted arrays. Two distinct terms share a hash with
 * probability about 2^-53 per pair compared, so counts are exact in practice.
 */

/** Distinct terms as their hashes ({@link termHash}), ascending. */
export type TermSet = Float64Array;

/**
 * A 53-bit hash of a string (cyrb53, public domain, by bryc): two 32-bit
 * multiply-xorshift lanes mixed together, exact in a double.
 */
export function termHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Sorts hashes in place and returns the distinct ones as a term set. */
function distinctSorted(hashes: Float64Array): TermSet {
  hashes.sort();
  let n = 0;
  for (let i = 0; i < hashes.length; i++)
    if (i === 0 || hashes[i] !== hashes[n - 1]) hashes[n++] = hashes[i]!;
  return n === hashes.length ? hashes : hashes.slice(0, n);
}

/** The term set of some strings (repeats count once). */
export function termSet(terms: readonly string[]): TermSet {
  const h = new Float64Array(terms.length);
  for (let i = 0; i < terms.length; i++) h[i] = termHash(terms[i]!);
  return distinctSorted(h);
}

/** The term set of the bigrams of consecutive words (`"a b"` for a then b). */
export function bigramSet(words: readonly string[]): TermSet {
  if (words.length < 2) return new Float64Array(0);
  const h = new Float64Array(words.length - 1);
  for (let i = 1; i < words.length; i++) h[i - 1] = termHash(`${words[i - 1]} ${words[i]}`);
  return distinctSorted(h);
}

/** The union of term sets. */
export function unionTerms(sets: readonly TermSet[]): TermSet {
  if (sets.length === 1) return sets[0]!;
  const all = new Float64Array(sets.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of sets) {
    all.set(s, at);
    at += s.length;
  }
  return distinctSorted(all);
}

/** How many terms two sets share. */
export function sharedTerms(a: TermSet, b: TermSet): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** True when the set holds the term. */
export function hasTerm(set: TermSet, term: string): boolean {
  const h = termHash(term);
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = set[mid]!;
    if (x === h) return true;
    if (x < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
