import { describe, expect, it } from 'vitest';
import { withStoryFacts, type StoryText } from './story-facts.js';

function storyText(...paragraphs: string[]): StoryText {
  let at = 0;
  return {
    id: 'p#1',
    docId: 'p',
    title: null,
    byline: null,
    published: null,
    attribution: [],
    source: null,
    paragraphs: paragraphs.map((text, index) => {
      const p = { index, text, start: at, end: at + text.length };
      at += text.length + 2;
      return p;
    }),
  };
}

describe('story names', () => {
  it('are capitalised words in mid-sentence, not weekdays, months or titles', () => {
    const s = withStoryFacts(
      storyText(
        'On Thursday the mayor of Port Salen met President Anika Brandt in March to discuss ferries.',
        'Brandt said the Salen crossing would reopen on Monday, December 3.',
      ),
      null,
    );
    expect(s.names).toEqual(['port', 'salen', 'anika', 'brandt']);
    for (const w of ['thursday', 'march', 'monday', 'december', 'president'])
      expect(s.names).not.toContain(w);
  });

  it('leaves out sentence-initial words and words the story mostly writes lower-case', () => {
    const s = withStoryFacts(
      storyText(
        'Crews walked out. Meanwhile the Harbour Board met. Ferries stopped.',
        'The board said a ferry would run. Another board meeting, and a board vote, follow.',
      ),
      null,
    );
    expect(s.names).toEqual(['harbour']);
  });

  it('gives none for a script without capitals', () => {
    const s = withStoryFacts(
      storyText('قال الوزير إن العبارات ستعود يوم الجمعة إلى الميناء'),
      null,
    );
    expect(s.names).toEqual([]);
  });
});
