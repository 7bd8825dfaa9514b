/**
 * Intl.Segmenter over text of any length in linear time. V8's segment
 * iterator costs time in proportion to the whole string for every segment it
 * yields, so a 160 000-character line took a minute to split into words (and
 * a 40 MB one never finished). Long texts are therefore segmented a window at
 * a time: every segment of a window but its last is kept, and the next window
 * starts where that last segment started, so each boundary is decided with
 * the text around it in view and the segments are those of the whole text.
 */

/**
 * Characters per window: the cost of a segment is bounded by this. Far longer
 * than any word; sentences, fewer per window, get a longer one.
 */
const WINDOW = 2048;
export const SENTENCE_WINDOW = 16_384;

/** One segment, with its offset into the whole text. */
export interface TextSegment {
  readonly segment: string;
  readonly index: number;
  readonly isWordLike: boolean | undefined;
}

/**
 * The segments `segmenter` finds in `text`, with offsets into `text`, in
 * time linear in its length.
 * @throws never.
 */
export function* segmentText(
  segmenter: Intl.Segmenter,
  text: string,
  window = WINDOW,
): Generator<TextSegment> {
  if (text.length <= window) {
    for (const s of segmenter.segment(text))
      yield { segment: s.segment, index: s.index, isWordLike: s.isWordLike };
    return;
  }
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + window);
    // Never cut a surrogate pair.
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
    const last = end === text.length;
    let pending: Intl.SegmentData | undefined;
    for (const s of segmenter.segment(text.slice(start, end))) {
      if (pending)
        yield {
          segment: pending.segment,
          index: start + pending.index,
          isWordLike: pending.isWordLike,
        };
      pending = s;
    }
    if (!pending) break;
    // The window's last segment may run on past it: it starts the next window,
    // unless it is the window's only segment (one word longer than a window,
    // cut where the window ends) or the text ends here.
    if (last || pending.index === 0) {
      yield {
        segment: pending.segment,
        index: start + pending.index,
        isWordLike: pending.isWordLike,
      };
      start = start + pending.index + pending.segment.length;
    } else {
      start += pending.index;
    }
  }
}
