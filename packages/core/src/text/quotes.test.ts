import { describe, expect, it } from 'vitest';
import { maskQuotations, sharedQuotations } from './quotes.js';

const story = (id: string, ...paragraphs: string[]) => ({ id, paragraphs });

describe('sharedQuotations', () => {
  it('groups a quotation with its trimmed, re-punctuated and re-cased variants across all stories', () => {
    const groups = sharedQuotations([
      story(
        'a#1',
        'The harbourmaster said: "The gates will stay shut until the tide turns tonight," in a statement.',
      ),
      story('b#1', 'Officials said the gates “will stay shut until the tide turns tonight.”'),
      story('c#1', '"THE GATES WILL STAY SHUT — until the tide turns tonight," the port wrote.'),
      story('d#1', 'A spokesman said the ferries "will resume on Friday morning at dawn".'),
      story('e#1', 'No quotation here at all, only plain reporting of the storm.'),
    ]);
    expect(groups).toHaveLength(1);
    const [g] = groups;
    expect(g!.stories).toEqual(['a#1', 'b#1', 'c#1']);
    // The longest wording leads, without the comma the sentence put inside the marks.
    expect(g!.text).toBe('The gates will stay shut until the tide turns tonight');
    // The excerpt is a variant; the re-punctuated, re-cased copy of the full wording is not listed again.
    expect(g!.variants).toEqual(['will stay shut until the tide turns tonight.']);
  });

  it('does not join a reworded quotation, nor count one story twice', () => {
    const groups = sharedQuotations([
      story(
        'a#1',
        '"We will respond firmly if the blockade continues," she said. "We will respond firmly if the blockade continues."',
      ),
      story('b#1', '"We shall answer strongly should the blockade go on," she said.'),
    ]);
    expect(groups).toEqual([]);
  });

  it('orders groups by how many stories carry them and skips short phrases', () => {
    const groups = sharedQuotations([
      story('a#1', 'He called it "a dark day" and said "the crossing must reopen by the weekend".'),
      story('b#1', 'It was "a dark day", he said; "the crossing must reopen by the weekend".'),
      story(
        'c#1',
        'He insisted "the crossing must reopen by the weekend" and that "no worker will lose pay this month".',
      ),
      story('d#1', 'The union said "no worker will lose pay this month".'),
    ]);
    expect(groups.map((g) => g.stories)).toEqual([
      ['a#1', 'b#1', 'c#1'],
      ['c#1', 'd#1'],
    ]);
  });
});

describe('maskQuotations', () => {
  it("blanks each quotation's inner text and keeps every offset", () => {
    const text = 'She said: "We knew. We could not know when," and left. "Not again," he said.';
    const masked = maskQuotations(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.split(/\s+/).filter(Boolean)).toEqual([
      'She',
      'said:',
      '"',
      '"',
      'and',
      'left.',
      '"',
      '"',
      'he',
      'said.',
    ]);
    expect(masked.indexOf('and left')).toBe(text.indexOf('and left'));
  });
});
