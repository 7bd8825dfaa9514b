import { describe, expect, it } from 'vitest';
import {
  frequentWords,
  reuseCorpus,
  reuseSentences,
  rewriteWholly,
  type ReuseArticle,
  type ReusePair,
} from './reuse.js';

// Small invented articles (our own words) in three scripts.
const EN_A = [
  'The river bridge in Northvale closed on Monday after inspectors found cracks in two pillars.',
  'Engineers from the county said repairs could take six weeks at the earliest.',
  'Commuters were told to use the ferry or the older crossing further south.',
  'The mayor promised a temporary footbridge for pupils of the nearby school.',
  'Local traders fear the closure will cost them much of the spring season.',
  'A full report on the pillars is due before the end of the month.',
].join(' ');
const EN_B = [
  'Drivers faced long queues around Northvale as the main bridge stayed shut.',
  'County officials blamed cracks spotted during a routine check of the structure.',
  'The ferry operator added extra crossings for the coming weeks.',
  'Parents asked how children would reach the school safely.',
].join(' ');
const DE_A =
  'Der Stadtrat von Hafenburg hat am Dienstag einen neuen Radweg beschlossen. Er soll entlang des Kanals vom Bahnhof bis zum Hafen führen. Die Kosten liegen nach Angaben der Verwaltung bei zwei Millionen Euro. Anwohner hatten seit Jahren sichere Wege für Kinder gefordert. Der Bau beginnt voraussichtlich im kommenden Frühjahr.';
const DE_B =
  'In Hafenburg wird ein Radweg am Kanal gebaut. Das hat der Rat nach langer Debatte entschieden. Kritiker halten das Projekt für zu teuer. Baubeginn ist im Frühjahr geplant.';
const AR_A =
  'افتتحت البلدية مكتبة عامة جديدة في وسط المدينة يوم السبت. تضم المكتبة أكثر من عشرين ألف كتاب باللغتين العربية والفرنسية. وقال رئيس البلدية إن المشروع استغرق ثلاث سنوات من العمل. هل ستفتح المكتبة أبوابها مساء؟ نعم، حتى الساعة العاشرة ليلا طوال أيام الأسبوع. ويأمل السكان أن تجذب المكتبة الطلاب من القرى المجاورة.';
const AR_B =
  'شهدت المدينة افتتاح مكتبة كبيرة بحضور المسؤولين. وعبر الطلاب عن سعادتهم بالمكان الجديد للدراسة. وتعمل المكتبة حتى ساعة متأخرة من الليل.';

const articles: ReuseArticle[] = [
  { id: 'en-a', lang: 'en', text: EN_A, sameEvent: ['en-b'] },
  { id: 'en-b', lang: 'en', text: EN_B, sameEvent: ['en-a'] },
  { id: 'de-a', lang: 'de', text: DE_A, sameEvent: ['de-b'] },
  { id: 'de-b', lang: 'de', text: DE_B, sameEvent: ['de-a'] },
  {
    id: 'ar-a',
    lang: 'ar',
    text: `${AR_A}\n${AR_A.split('. ').reverse().join('. ')}`,
    sameEvent: ['ar-b'],
  },
  { id: 'ar-b', lang: 'ar', text: AR_B, sameEvent: ['ar-a'] },
];

/** Share of the source's sentences found unchanged in the candidate. */
const keptShare = (p: ReusePair) => {
  const src = p.sourceText
    .split('\n')
    .flatMap((para) => (para.trim() ? reuseSentences(para, p.lang) : []));
  return src.filter((s) => p.candidateText.includes(s)).length / src.length;
};

describe('reuseSentences', () => {
  it('splits at terminal punctuation of Latin and Arabic script', () => {
    expect(reuseSentences(DE_A, 'de')).toHaveLength(5);
    const ar = reuseSentences(AR_A, 'ar');
    expect(ar).toHaveLength(6);
    expect(ar[3]).toMatch(/؟$/);
  });

  it('joins fragments of fewer than three words to a neighbour', () => {
    expect(reuseSentences('It rained hard. Yes. Then the sun came out again.', 'en')).toEqual([
      'It rained hard. Yes.',
      'Then the sun came out again.',
    ]);
  });
});

describe('reuseCorpus', () => {
  const pairs = reuseCorpus({ articles, seed: 7 });

  it('gives the same pairs for the same seed and others for another seed', () => {
    expect(JSON.stringify(reuseCorpus({ articles, seed: 7 }))).toBe(JSON.stringify(pairs));
    expect(JSON.stringify(reuseCorpus({ articles, seed: 8 }))).not.toBe(JSON.stringify(pairs));
  });

  it('makes each label for every source with enough sentences, and each negative pair once', () => {
    const sources = new Set(pairs.map((p) => p.source));
    expect([...sources].sort()).toEqual(['ar-a', 'de-a', 'de-b', 'en-a', 'en-b']);
    expect(pairs.filter((p) => p.label === 'not').map((p) => p.articles.join('+'))).toEqual([
      'en-a+en-b',
      'de-a+de-b',
      'ar-a+ar-b',
    ]);
  });

  it('wholly derived keeps most source sentences', () => {
    for (const p of pairs.filter((x) => x.label === 'wholly')) {
      expect(keptShare(p)).toBeGreaterThanOrEqual(0.5);
      expect(p.candidateText).not.toBe(p.sourceText);
    }
  });

  it('partially derived keeps some source sentences and changes the rest', () => {
    for (const p of pairs.filter((x) => x.label === 'partially')) {
      const share = keptShare(p);
      expect(share).toBeGreaterThan(0);
      expect(share).toBeLessThanOrEqual(0.7);
    }
  });

  it('not derived shares no sentence with its source', () => {
    for (const p of pairs.filter((x) => x.label === 'not')) {
      expect(keptShare(p)).toBe(0);
      expect(p.articles).toHaveLength(2);
    }
  });

  it('skips articles without a same-event article', () => {
    const alone = reuseCorpus({ articles: [{ ...articles[0]!, sameEvent: [] }], seed: 1 });
    expect(alone).toEqual([]);
  });
});

describe('rewriteWholly', () => {
  const frequent = frequentWords([EN_A, EN_B], 12);
  it('counts frequent words without a word list', () => {
    expect(frequent).toContain('the');
    expect(frequent.some((w) => /\d/u.test(w))).toBe(false);
  });

  it('is seeded, changes the phrasing and keeps every longer word and number', () => {
    const text = `${EN_A}\n${DE_A}`;
    const a = rewriteWholly(text, 'en', 7, frequent);
    expect(rewriteWholly(text, 'en', 7, frequent)).toEqual(a);
    expect(rewriteWholly(text, 'en', 8, frequent).text).not.toBe(a.text);
    const bareWords = (t: string) =>
      t
        .split(/\s+/)
        .map((w) => w.replace(/^[\p{P}]+|[\p{P}]+$/gu, '').toLowerCase())
        .filter((w) => w !== '' && !frequent.includes(w));
    const out = new Set(bareWords(a.text));
    for (const w of bareWords(text)) expect(out.has(w)).toBe(true);
    // No sentence of the source stands unchanged in most of the copy.
    const src = reuseSentences(EN_A, 'en');
    expect(src.filter((s) => a.text.includes(s)).length).toBeLessThan(src.length);
  });
});
