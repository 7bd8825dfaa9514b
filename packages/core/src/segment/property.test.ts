/**
 * Property tests: on arbitrary strings and bytes, extraction and
 * segmentation return stories or a typed CoreError, never throw anything
 * else, and every paragraph's offsets point into the document text
 * (Paragraph promises text === doc.text.slice(start, end) after whitespace folding).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors.js';
import { decodeText } from '../ingest/bytes.js';
import { extractHtml } from '../ingest/html.js';
import { extractMarkdown } from '../ingest/markdown.js';
import type { IngestedDoc } from '../types.js';
import { segmentCorpus } from './corpus.js';
import { segment } from './segment.js';

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
const NO_META = { title: null, publisher: null, published: null, byline: null, url: null };

/** Runs f; a throw passes only as a CoreError. */
function typedOrValue<T>(f: () => T): T | CoreError {
  try {
    return f();
  } catch (error) {
    if (CoreError.isInstance(error)) return error;
    throw error;
  }
}

function checkOffsets(doc: IngestedDoc): void {
  const seg = segment(doc);
  expect(seg.id).toBe(doc.id);
  for (const story of seg.stories) {
    story.paragraphs.forEach((p, i) => {
      expect(p.index).toBe(i);
      expect(p.start).toBeGreaterThanOrEqual(0);
      expect(p.end).toBeLessThanOrEqual(doc.text.length);
      expect(p.start).toBeLessThan(p.end);
      expect(fold(doc.text.slice(p.start, p.end))).toBe(fold(p.text));
    });
  }
}

/** Text shaped like pages: lines of words, headlines, bylines, datelines, separators, blank lines. */
const lineArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    '***',
    '',
    '   ',
    'By Ada Quill',
    'PORT SALEN (AP) —',
    'Related',
    'Share this',
    'Published: 14 March 2024',
    '\u001b]0;x\u0007',
  ),
  fc
    .array(
      fc.constantFrom(
        'the',
        'harbour',
        'Council',
        'voted',
        'on',
        'ferry',
        'times.',
        'and',
        '“quote”',
        '日本語の文。',
        'مرحبا',
      ),
      {
        minLength: 1,
        maxLength: 30,
      },
    )
    .map((w) => w.join(' ')),
);
const pageText = fc.array(lineArb, { maxLength: 40 }).map((lines) => lines.join('\n'));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  pageText,
);

const doc = (text: string, format: IngestedDoc['format']): IngestedDoc => ({
  id: 'd',
  path: 'd',
  format,
  text,
  meta: NO_META,
});

describe('segment on arbitrary text', () => {
  it('never throws, and paragraph offsets point into the text (txt and html modes)', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom<IngestedDoc['format']>('txt', 'md', 'html'),
        (text, format) => {
          checkOffsets(doc(text, format));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('segmentCorpus never throws on a corpus of arbitrary pages', () => {
    fc.assert(
      fc.property(fc.array(pageText, { maxLength: 6 }), (texts) => {
        const out = segmentCorpus(texts.map((t, k) => ({ ...doc(t, 'txt'), id: `d${k}` })));
        expect(out).toHaveLength(texts.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('extractors on arbitrary strings and bytes', () => {
  const markup = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '<p>',
          '</p>',
          '<article>',
          '</article>',
          '<table><tr><td>',
          '</td><td>',
          '<hr>',
          '<br>',
          '<h1>',
          '</h1>',
          '<script type="application/ld+json">',
          '{"@type":"NewsArticle","datePublished":',
          '</script>',
          '<ul><li><a href=x>',
          '</a></li></ul>',
          '<!--',
          '-->',
          '<meta name="original-source" content="',
          '">',
          '&amp;',
          '&#0;',
          '<![CDATA[',
          '<svg>',
          '<<',
          '\u0000',
        ),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('extractHtml returns content or a CoreError, and its text segments with valid offsets', () => {
    fc.assert(
      fc.property(fc.oneof(markup, fc.string({ unit: 'binary', maxLength: 300 })), (html) => {
        const content = typedOrValue(() => extractHtml(html));
        if (CoreError.isInstance(content)) return;
        expect(typeof content.text).toBe('string');
        checkOffsets({ ...doc(content.text, 'html'), meta: content.meta });
      }),
      { numRuns: 300 },
    );
  });

  it('extractMarkdown and decodeText handle any input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const text = typedOrValue(() => decodeText(bytes));
        if (CoreError.isInstance(text)) return;
        const md = typedOrValue(() => extractMarkdown(text));
        if (CoreError.isInstance(md)) return;
        checkOffsets(doc(md.text, 'md'));
        checkOffsets(doc(text, 'txt'));
      }),
      { numRuns: 300 },
    );
  });
});
