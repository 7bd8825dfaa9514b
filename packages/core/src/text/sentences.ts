/**
 * Sentence splitting with Intl.Segmenter. Copies split and merge paragraphs
 * freely, and a short text is often one paragraph drawing on several of its
 * source's: sentences are the unit that survives both.
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** A title that ends a segment only because of its full stop. */
const TITLE_BEFORE_NAME =
  /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Prof|Rev|Hon|St|Mt)\.$/;

/** A segment ending in one of these did not end a sentence ("Mr. Biden", "3 p.m. ET", "U.S. officials"). */
const ABBREVIATION =
  /(?:\b(?:Mr|Mrs|Ms|Dr|St|Mt|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Jr|Sr|Prof|Rev|Hon|No|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Ltd|Co|vs|etc|approx)|\b\p{L}\.\p{L}|\b[ap]\.m|(?:^|\s)\p{Lu})\.\s*$/u;

export interface SentenceSpan {
  readonly text: string;
  /** Offsets into the text given. */
  readonly start: number;
  readonly end: number;
}

/**
 * Sentences of a text, trimmed. A fragment of fewer than `minWords` words
 * (an abbreviation's tail, a stray "…") joins the sentence before it.
 */
export function splitSentences(text: string, minWords = 4): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let carry: number | null = null;
  for (const s of segmenter.segment(text)) {
    const lead = s.segment.length - s.segment.trimStart().length;
    const body = s.segment.trim();
    if (!body) continue;
    const start: number = carry ?? s.index + lead;
    const end = s.index + lead + body.length;
    // "Mr." and kin belong to the sentence that follows them.
    if (TITLE_BEFORE_NAME.test(body)) {
      carry = start;
      continue;
    }
    carry = null;
    const span = { text: text.slice(start, end), start, end };
    const prev = out[out.length - 1];
    const words = span.text.split(/\s+/).length;
    const prevWords = prev ? prev.text.split(/\s+/).length : Infinity;
    const continues =
      prev !== undefined && (ABBREVIATION.test(prev.text) || /^[\p{Ll}\p{N}]/u.test(span.text));
    if (prev && (continues || words < minWords || prevWords < minWords)) {
      out[out.length - 1] = { text: text.slice(prev.start, end), start: prev.start, end };
    } else out.push(span);
  }
  if (carry !== null) {
    const prev = out.pop();
    const start = prev ? prev.start : carry;
    const end = text.trimEnd().length;
    out.push({ text: text.slice(start, end), start, end });
  }
  return out;
}
