import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.js';

describe('splitSentences', () => {
  it('splits on sentence ends but not after abbreviations, and keeps offsets', () => {
    const text =
      'The U.S. and Norland met on Jan. 9 in Geneva. Mr. Vance spoke at 3 p.m. ET to reporters. It was a long day for everyone.';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual([
      'The U.S. and Norland met on Jan. 9 in Geneva.',
      'Mr. Vance spoke at 3 p.m. ET to reporters.',
      'It was a long day for everyone.',
    ]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('joins fragments too short to stand alone', () => {
    const s = splitSentences('He left. The meeting went on for another three hours without him.');
    expect(s).toHaveLength(1);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });

  it('ends sentences at the full stops of every script, with or without a space after', () => {
    const cases: [string, string | null, string[]][] = [
      [
        'وصلت القافلة إلى المدينة الصغيرة صباحا.وقال السائق إن الطريق كان طويلا جدا.',
        'ara',
        ['وصلت القافلة إلى المدينة الصغيرة صباحا.', 'وقال السائق إن الطريق كان طويلا جدا.'],
      ],
      [
        'هل وصلت القافلة إلى المدينة الصغيرة؟ قال السائق إن الطريق كان طويلا۔',
        'ara',
        ['هل وصلت القافلة إلى المدينة الصغيرة؟', 'قال السائق إن الطريق كان طويلا۔'],
      ],
      [
        'Kervan sabah erken saatte kasabaya vardı.Sürücü yolun çok uzun olduğunu söyledi.',
        'tur',
        ['Kervan sabah erken saatte kasabaya vardı.', 'Sürücü yolun çok uzun olduğunu söyledi.'],
      ],
      [
        'Караван прибыл в маленький город утром.Водитель сказал, что дорога была долгой.',
        'rus',
        ['Караван прибыл в маленький город утром.', 'Водитель сказал, что дорога была долгой.'],
      ],
      [
        'कारवां सुबह छोटे शहर में पहुंचा।चालक ने कहा कि रास्ता बहुत लंबा था॥',
        'hin',
        ['कारवां सुबह छोटे शहर में पहुंचा।', 'चालक ने कहा कि रास्ता बहुत लंबा था॥'],
      ],
      [
        '商队今天早上到达了那个小城市。司机说这条路非常漫长！你相信他说的话吗？',
        'zho',
        ['商队今天早上到达了那个小城市。', '司机说这条路非常漫长！', '你相信他说的话吗？'],
      ],
      [
        'The caravan reached the small town early.The driver said the road had been long.',
        null,
        ['The caravan reached the small town early.', 'The driver said the road had been long.'],
      ],
    ];
    for (const [text, language, expected] of cases) {
      const s = splitSentences(text, { language });
      expect(s.map((x) => x.text)).toEqual(expected);
      for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
    }
  });

  it('keeps Latin abbreviations, initials and web addresses whole when no space follows', () => {
    const text =
      'Mrs.Quill met U.S.Navy officers at 3 p.m.Tuesday near the pier. Details are at www.Harbour.example today.';
    expect(splitSentences(text).map((x) => x.text)).toEqual([
      'Mrs.Quill met U.S.Navy officers at 3 p.m.Tuesday near the pier.',
      'Details are at www.Harbour.example today.',
    ]);
  });

  it('counts words of unspaced scripts by the word segmenter, not by spaces', () => {
    // Each sentence is one space-free run: by spaces alone, each would be a fragment.
    const s = splitSentences('研究人员在山上发现了一种新的花。这种花只在春天开放。');
    expect(s).toHaveLength(2);
  });
});
