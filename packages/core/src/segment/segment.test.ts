import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IngestedDoc, SegmentedDoc, Story } from '../types.js';
import { extractHtml } from '../ingest/html.js';
import { parseDateLine } from './dates.js';
import { parseByline } from './lines.js';
import { findKnownOutlet, outletFromDomain, outletName } from './outlets.js';
import { segment, trailerOutlet } from './segment.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/pages/', import.meta.url));

function doc(text: string, id = 'page', meta: Partial<IngestedDoc['meta']> = {}): IngestedDoc {
  return {
    id,
    path: `/tmp/${id}.txt`,
    format: 'txt',
    text,
    meta: { title: null, publisher: null, published: null, byline: null, url: null, ...meta },
  };
}
const fixture = (name: string): IngestedDoc =>
  doc(readFileSync(`${fixtures}${name}`, 'utf8'), name.replace(/\..*$/, ''));

/** Furniture that must never end up in a paragraph. */
const FURNITURE = [
  /advertisement/i,
  /please enter your/i,
  /^share\b/i,
  /subscribe/i,
  /newsletter/i,
  /related articles/i,
  /^read (?:also|more)\b/i,
  /^watch:/i,
  /fair use/i,
  /copyright/i,
  /https?:\/\//,
  /www\./,
  /@\w+\./,
  /^comments?\b/i,
  /privacy policy/i,
  /caption/i,
  /is a reporter|years of experience/i,
  /°C/,
];

function expectCleanParagraphs(seg: SegmentedDoc, source: IngestedDoc): void {
  for (const story of seg.stories) {
    expect(story.paragraphs.length).toBeGreaterThan(0);
    story.paragraphs.forEach((p, i) => {
      expect(p.index).toBe(i);
      for (const re of FURNITURE) expect(p.text, `${story.id} ¶${i}`).not.toMatch(re);
      // Offsets point into the document text.
      expect(source.text.slice(p.start, p.end).replace(/\s+/g, ' ')).toBe(p.text);
    });
  }
}

const starts = (story: Story | undefined): string[] =>
  (story?.paragraphs ?? []).map((p) => p.text.slice(0, 24));

describe('segment: an aggregator page with three stories', () => {
  const source = fixture('aggregator.txt');
  const seg = segment(source);
  const [herald, ledger, wire] = seg.stories;

  it('finds the three stories, in page order, with ids', () => {
    expect(seg.stories.map((s) => s.id)).toEqual(['aggregator#1', 'aggregator#2', 'aggregator#3']);
    expect(seg.stories.map((s) => s.title)).toEqual([
      'Orrin Valley dam to stay open after council vote',
      'Farmers cheer as dam reprieve secures summer irrigation',
      'Council backs Orrin dam, defers decision on repairs',
    ]);
  });

  it("keeps the page's own headline and date apart from the stories' dates", () => {
    expect(seg.title).toBe('Three Outlets Report on the Orrin Valley Dam Decision');
    expect(seg.published).toBe('2024-03-12');
    expect(seg.stories.map((s) => s.published)).toEqual(['2024-03-11', '2024-03-11', '2024-03-11']);
  });

  it('reads bylines without "By", in normal case', () => {
    expect(seg.stories.map((s) => s.byline)).toEqual([
      null,
      'Mirela Costa',
      'Tomas Ekwall and June Hartley',
    ]);
  });

  it('collects attribution lines as written and derives each source', () => {
    expect(herald?.attribution).toEqual([
      'Harbour Herald, 11 March 2024',
      'Orrin Valley dam to stay open after council vote - Harbour Herald News',
    ]);
    expect(ledger?.attribution).toEqual([
      'Valley Ledger, March 11, 2024',
      'Farmers cheer as dam reprieve secures summer irrigation — Valley Ledger Farming & Rural Affairs',
    ]);
    expect(wire?.attribution).toEqual([
      'ORRIN FALLS, Norland (Lakeport Wire) —',
      'Lakeport Wire writer Pia Lund in Kessby contributed to this report.',
      'Council backs Orrin dam, defers decision on repairs | Lakeport Wire',
    ]);
    expect(seg.stories.map((s) => s.source)).toEqual([
      'Harbour Herald',
      'Valley Ledger',
      'Lakeport Wire',
    ]);
  });

  it('splits paragraphs; subheads, captions, standfirsts and credits are not paragraphs', () => {
    expect(seg.stories.map((s) => s.paragraphs.length)).toEqual([7, 5, 4]);
    expect(starts(herald)).not.toContain('A narrow margin');
    expect(starts(ledger)[0]).toBe('Farmers in the lower Orr');
    expect(starts(wire).at(-1)).toBe('An independent engineeri');
    expectCleanParagraphs(seg, source);
  });

  it('drops the page notes and menu: no story starts before the first headline', () => {
    const all = seg.stories.flatMap((s) => s.paragraphs.map((p) => p.text));
    expect(all.some((t) => /Editor's Note|Views expressed|three outlets report/i.test(t))).toBe(
      false,
    );
  });
});

describe('segment: one story with a teaser block, comment form and author box', () => {
  const source = fixture('single-story.txt');
  const seg = segment(source);
  const story = seg.stories[0];

  it('finds one story; the header date widget is the page date, not the story date', () => {
    expect(seg.stories).toHaveLength(1);
    expect(story?.title).toBe('Bridgeford library reopens with rooftop reading garden');
    expect(seg.published).toBe('2024-04-02');
    expect(story?.published).toBeNull();
  });

  it('takes the byline from the author box but not its bio', () => {
    expect(story?.byline).toBe('Hanna Lorentz');
  });

  it('keeps the six story paragraphs and nothing of the teasers, captions, forms or ads', () => {
    expect(story?.paragraphs).toHaveLength(6);
    expect(starts(story)[0]).toBe('The Bridgeford public li');
    expect(starts(story).at(-1)).toBe('The library plans to ope');
    expect(
      story?.paragraphs.some((p) => /Organisers expect|cycle lanes|Visitors walk/.test(p.text)),
    ).toBe(false);
    expectCleanParagraphs(seg, source);
  });
});

describe('segment: an HTML page', () => {
  const html = readFileSync(`${fixtures}page.html`, 'utf8');
  const extracted = extractHtml(html);
  const source: IngestedDoc = { ...doc(extracted.text, 'page', extracted.meta), format: 'html' };
  const seg = segment(source);

  it('gives one story with the page metadata as fallbacks', () => {
    expect(seg.stories).toHaveLength(1);
    expect(seg.publisher).toBe('Eastport Evening Post');
    expect(seg.published).toBe('2024-05-14');
    expect(seg.stories[0]).toMatchObject({
      title: 'Tram line to the airport opens a year early',
      byline: 'Lena Varga',
      published: '2024-05-14',
    });
    expect(seg.stories[0]?.paragraphs).toHaveLength(5);
    expect(seg.stories[0]?.paragraphs[0]?.text).toMatch(/^EASTPORT — The first tram/);
    expectCleanParagraphs(seg, source);
  });
});

describe('segment: smaller cases', () => {
  const body = (n: number, topic = 'the harbour'): string =>
    Array.from(
      { length: n },
      (_, i) =>
        `Paragraph ${i + 1} says something about ${topic}, with enough words to count as a real sentence.`,
    ).join('\n\n');

  it('reads a trailing credits block (By:/Title:/Sourced From:/Published Date:) as attribution', () => {
    const text = `Harbour strike ends after talks\n\n${body(3)}\n\nBy: Ana Ruiz and Li Wei\nTitle: Harbour Strike Ends\nSourced From: www.reuters.com/2024/01/02/harbour.html\nPublished Date: Wed, 03 Jan 2024 09:41:12 +0000\n\nRead More\n\nMissed our earlier article?\nhttps://example.com/other`;
    const [story] = segment(doc(text)).stories;
    expect(story).toMatchObject({
      byline: 'Ana Ruiz and Li Wei',
      published: '2024-01-03',
      source: 'Reuters',
    });
    expect(story?.attribution).toEqual([
      'By: Ana Ruiz and Li Wei',
      'Title: Harbour Strike Ends',
      'Sourced From: www.reuters.com/2024/01/02/harbour.html',
      'Published Date: Wed, 03 Jan 2024 09:41:12 +0000',
    ]);
    expect(story?.paragraphs).toHaveLength(3);
  });

  it('splits stories at a headline with a byline even without a "***" rule', () => {
    const text = `First headline about the harbour\n\nBy Ana Ruiz\n\n${body(3)}\n\nSecond headline about the airport\n\nBy Li Wei\n\n${body(3, 'the airport')}`;
    const seg = segment(doc(text));
    expect(seg.stories.map((s) => [s.title, s.byline, s.paragraphs.length])).toEqual([
      ['First headline about the harbour', 'Ana Ruiz', 3],
      ['Second headline about the airport', 'Li Wei', 3],
    ]);
  });

  it('keeps a subhead followed by prose inside the story', () => {
    const text = `A headline about the harbour\n\n${body(2)}\n\nWhat happens next\n\n${body(2)}`;
    const seg = segment(doc(text));
    expect(seg.stories).toHaveLength(1);
    expect(seg.stories[0]?.paragraphs).toHaveLength(4);
  });

  it('drops a teaser list after an end marker', () => {
    const text = `A headline about the harbour\n\n${body(3)}\n\nComments / 2\n\nRelated\nCity Paper\n\nAnother headline entirely\n\nA teaser snippet about something else that is long enough to look like a paragraph of prose text...\nPOLITICS`;
    const seg = segment(doc(text));
    expect(seg.stories).toHaveLength(1);
    expect(seg.stories[0]?.paragraphs).toHaveLength(3);
  });

  it('keeps a dateline in the first paragraph and reads its agency as the source', () => {
    const text = `Grain ships leave port\n\nKESSBY, Norland (Reuters) - Three grain ships left the port on Monday after the blockade was lifted.\n\n${body(2)}`;
    const [story] = segment(doc(text)).stories;
    expect(story?.paragraphs[0]?.text).toMatch(/^KESSBY, Norland \(Reuters\) - Three grain ships/);
    expect(story?.attribution).toEqual(['KESSBY, Norland (Reuters) -']);
    expect(story?.source).toBe('Reuters');
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    const text =
      'Wrapped text headline here\n\nThe council met on Monday to discuss the budget for\nthe coming year, and agreed to raise spending on\nroads by a tenth.\n\nA second paragraph follows with a complete sentence.';
    const [story] = segment(doc(text)).stories;
    expect(story?.paragraphs.map((p) => p.text)).toEqual([
      'The council met on Monday to discuss the budget for the coming year, and agreed to raise spending on roads by a tenth.',
      'A second paragraph follows with a complete sentence.',
    ]);
  });

  it('makes an untitled story of plain paragraphs and nothing of an empty text', () => {
    const seg = segment(doc(body(3)));
    expect(seg.stories).toHaveLength(1);
    expect(seg.stories[0]?.title).toBeNull();
    expect(segment(doc('')).stories).toEqual([]);
    expect(segment(doc('Home\n\nMenu\n\nShare')).stories).toEqual([]);
  });

  it('is pure: same result twice, input untouched', () => {
    const source = fixture('aggregator.txt');
    const copy = structuredClone(source);
    expect(segment(source)).toEqual(segment(source));
    expect(source).toEqual(copy);
  });
});

describe('segment helpers', () => {
  it('parseByline', () => {
    expect(parseByline('By HANNA OKORO and PIETER VANCE')).toBe('Hanna Okoro and Pieter Vance');
    expect(parseByline('By: Maren J. Holt and Tomas R. Lind')).toBe(
      'Maren J. Holt and Tomas R. Lind',
    );
    expect(parseByline('By Ines Thorvald, Harbour Correspondent')).toBe('Ines Thorvald');
    expect(parseByline('By Thursday, most of the ships had left.')).toBeNull();
    expect(parseByline('Byron Kay')).toBeNull();
  });

  it('parseDateLine', () => {
    expect(parseDateLine('Monday, March 20, 2023')).toEqual({ iso: '2023-03-20', labeled: false });
    expect(parseDateLine('Published Date: Tue, 14 Mar 2023 09:41:12 +0000')).toEqual({
      iso: '2023-03-14',
      labeled: true,
    });
    expect(parseDateLine(' date 2021-12-31 ContributorsPublishers')).toEqual({
      iso: '2021-12-31',
      labeled: true,
    });
    expect(parseDateLine('3 days ago')).toBeNull();
    expect(parseDateLine('News, January 2022')).toBeNull();
    expect(parseDateLine('The vote was held on March 20, 2023 in the town hall')).toBeNull();
  });

  it('parseDateLine in other languages and scripts', () => {
    const iso = (line: string) => parseDateLine(line)?.iso ?? null;
    const lines: [line: string, iso: string][] = [
      ['12 марта 2026 года', '2026-03-12'],
      ['2026年3月12日 10:32', '2026-03-12'],
      ['12. März 2026', '2026-03-12'],
      ['12 de marzo de 2026', '2026-03-12'],
      ['12 mars 2026', '2026-03-12'],
      // Month names chrono has no parser for: Hindi, Urdu, Thai (its year in the Buddhist era).
      ['12 मार्च 2026', '2026-03-12'],
      ['12 مارچ 2026', '2026-03-12'],
      ['12 มีนาคม 2569', '2026-03-12'],
      ['1 ธันวาคม พ.ศ. 2568', '2025-12-01'],
      // English reads first: a line it reads keeps its English reading (month first).
      ['03.12.2026', '2026-03-12'],
    ];
    for (const [line, want] of lines) expect(iso(line), line).toBe(want);
    // Still a line that is a date and nothing else; no year, no date.
    expect(iso('Заречье открыло 12 марта 2026 года первую линию')).toBeNull();
    expect(iso('12 марта')).toBeNull();
  });

  it('outlet names, domains and trailers', () => {
    expect(outletName('BBC News')).toBe('BBC');
    expect(outletName('RT World News')).toBe('RT');
    expect(outletName('Valley Ledger')).toBe('Valley Ledger');
    expect(findKnownOutlet('Maria Lind of NPR contributed from Oslo.')).toBe('NPR');
    expect(findKnownOutlet('Associated Press writers in Kyiv contributed.')).toBe('AP');
    expect(findKnownOutlet('A rapid response')).toBeNull();
    expect(outletFromDomain('www.nytimes.com/2024/05/01/x.html')).toBe('NYT');
    expect(outletFromDomain('https://news.example.org/a')).toBe('news.example.org');
    expect(trailerOutlet('Ships leave port | AP News', 'Ships leave port')).toBe('AP');
    expect(trailerOutlet('Ships leave port - BBC News', null)).toBe('BBC');
    expect(trailerOutlet('Ships leave port - and then return', 'Something else')).toBeNull();
  });
});

describe('photo credits', () => {
  const body =
    'Harbour officials in Telmar said on Monday that the main crane had failed after a storm damaged its motor, and that repairs would take three weeks. ' +
    'Cargo ships have been sent to the smaller port of Brisa while engineers wait for parts.';

  it('reads a line ending in a photographer and agency as a caption, not text', () => {
    const page = doc(
      `Crane fails in Telmar\n\n${body}\n\nThe crane at dawn on Monday, seen from the quay. Jane Roe/City Hall via AP\n\n${body}`,
    );
    const paragraphs = segment(page).stories.flatMap((s) => s.paragraphs.map((p) => p.text));
    expect(paragraphs.some((t) => t.includes('Jane Roe'))).toBe(false);
  });

  it('keeps a one-paragraph article whose scraped caption ran into its text', () => {
    const page = doc(
      `${body} The crane at dawn on Monday. Jane Roe/AP The port director said the harbour would reopen to small boats on Thursday and that fishing boats would come first`,
    );
    const stories = segment(page).stories;
    expect(stories).toHaveLength(1);
    expect(stories[0]!.paragraphs[0]!.text).toContain('fishing boats would come first');
  });
});

describe('segment: scripts without case', () => {
  // Written for this test; every line of each story is invented.
  const zhStory = (title: string, lead: string, date = '') =>
    `${title}\n\n${date === '' ? '' : `${date}\n\n`}${lead}市政府表示，新设施将在下个月全面开放，届时市民可以通过手机预约。\n\n` +
    '负责项目的工程师说，施工期间遇到了地下水位过高的问题，但没有影响整体进度。\n\n' +
    '附近居民普遍欢迎这一消息，不过也有人担心周末的交通压力会明显增加。';

  it('reads a title line in Han, Thai or Devanagari as the story title', () => {
    const pages: [title: string, body: string][] = [
      ['河滨公园改造完成', zhStory('', '河滨公园的改造工程昨天完工。').trimStart()],
      [
        'เมืองริมน้ำเปิดสะพานคนเดินแห่งใหม่',
        'สะพานคนเดินข้ามแม่น้ำแห่งใหม่เปิดให้ประชาชนใช้เมื่อเช้าวันนี้ หลังจากก่อสร้างมานานสองปี\n\n' +
          'เจ้าหน้าที่เทศบาลระบุว่าสะพานนี้จะช่วยลดเวลาเดินทางของนักเรียนในย่านฝั่งตะวันตกได้มาก',
      ],
      [
        'नदीपुर में नया पैदल पुल खुला',
        'नदी पर बना नया पैदल पुल आज सुबह लोगों के लिए खोल दिया गया। इसका निर्माण दो साल पहले शुरू हुआ था।\n\n' +
          'नगर निगम के अधिकारियों ने कहा कि इससे पश्चिमी इलाके के छात्रों का सफर काफी छोटा हो जाएगा।',
      ],
    ];
    for (const [title, body] of pages)
      expect(segment(doc(`${title}\n\n${body}`)).stories.map((s) => s.title)).toEqual([title]);
  });

  it('splits a page of two Chinese stories at a title over its date line, as in English', () => {
    const page = doc(
      `${zhStory('河滨公园改造完成', '河滨公园的改造工程昨天完工。', '2026年3月11日')}\n\n` +
        zhStory(
          '城北图书馆延长开放时间',
          '城北图书馆从本周起每天开放到晚上十点。',
          '2026年3月12日 09:15',
        ),
    );
    const seg = segment(page);
    expect(seg.stories.map((s) => [s.title, s.published, s.paragraphs.length])).toEqual([
      ['河滨公园改造完成', '2026-03-11', 3],
      ['城北图书馆延长开放时间', '2026-03-12', 3],
    ]);
    // A bare title between paragraphs is a subhead, in any script.
    const bare = segment(
      doc(
        `${zhStory('河滨公园改造完成', '河滨公园的改造工程昨天完工。')}\n\n` +
          zhStory('城北图书馆延长开放时间', '城北图书馆从本周起每天开放到晚上十点。'),
      ),
    );
    expect(bare.stories.map((s) => s.paragraphs.length)).toEqual([6]);
  });
});
