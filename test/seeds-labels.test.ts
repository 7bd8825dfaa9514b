/**
 * Names people use, on the five real pages in ../shared/seeds (others'
 * copyright: read at test time, never copied here). The Markdown report must
 * name every story by its outlet — the aggregator's BBC, RT and AP stories,
 * the spun and translated copies by their own sites (named in their page
 * text), the NYT copy by its credit line, the NPR/WEKU page — and list the
 * quotation that four outlets carry word for word with every story that
 * carries it. Skips cleanly when ../shared is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root, stemma } from './helpers.js';

const seeds = join(root, '../shared/seeds');
const present = existsSync(seeds);

/** Undoes escapeMarkdown for the characters it backslash-escapes and the entities it writes. */
const unescape = (s: string): string =>
  s
    .replace(/\\([\\`*_{}[\]|~#+=.-])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Words of a text, lower-cased, punctuation dropped: how quotations are compared. */
const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe.skipIf(!present)(
  'stemma analyze ../shared/seeds --format md: names and quotations',
  () => {
    let md: string;
    /** Story id → label, from the Documents section ("  - **Label** (id) — …"). */
    const labels = new Map<string, string>();
    const pageId = (prefix: string): string =>
      readdirSync(seeds)
        .find((f) => f.startsWith(prefix))!
        .replace(/\.txt$/, '');
    const label = (prefix: string, n = 1): string => labels.get(`${pageId(prefix)}#${n}`) ?? '';
    const pageText = (prefix: string): string =>
      readFileSync(join(seeds, `${pageId(prefix)}.txt`), 'utf8');

    beforeAll(() => {
      ensureBuilt();
      const r = stemma(['analyze', seeds, '--format', 'md', '--quiet']);
      expect(r.code).toBe(0);
      md = r.stdout;
      for (const line of md.split('\n')) {
        const m = /^ {2}- \*\*(.+)\*\* \((.+?)\) — /.exec(line);
        if (m) labels.set(unescape(m[2]!), unescape(m[1]!));
      }
    });

    it('names every story "Outlet — Title"', () => {
      expect(labels.size).toBe(7);
      for (const l of labels.values()) expect(l).toMatch(/^\S.* — \S/);
      expect(label('000', 1)).toMatch(/^BBC — /);
      expect(label('000', 2)).toMatch(/^RT — /);
      expect(label('000', 3)).toMatch(/^AP — /);
      expect(label('003')).toMatch(/^NYT via \S+ — /);
      expect(label('004')).toMatch(/^(?:NPR|WEKU)\b/);
    });

    it('names the spun and translated copies by their own sites, as their pages name them', () => {
      for (const prefix of ['001', '002']) {
        const outlet = label(prefix).split(' — ')[0]!;
        expect(outlet).not.toMatch(/^(?:AP|BBC|RT|NYT|NPR)$/);
        expect(outlet.split(' ').length).toBeGreaterThanOrEqual(2);
        expect(pageText(prefix)).toContain(outlet);
      }
    });

    it('shows no file-hash id where a person reads: lineage, relations, evidence', () => {
      const human = md.slice(md.indexOf('## Lineage'), md.indexOf('## Documents'));
      expect(human).not.toMatch(/[0-9a-f]{16}(?:\\?#|$)/m);
    });

    it('lists the quotation four outlets carry word for word with every story carrying it', () => {
      const section = md.slice(
        md.indexOf('## Shared quotations'),
        md.indexOf('## Inferred sources'),
      );
      expect(section).toContain('## Shared quotations');
      const top = /^- “(.+)” — (\d+) stories: (.+)$/m.exec(section);
      expect(top).not.toBeNull();
      const [, text, count, names] = top!;
      expect(Number(count)).toBe(4);
      const outlets = unescape(names!).split(', ');
      expect(outlets.map((o) => o.split(' ')[0])).toEqual(['BBC', 'AP', 'NYT', 'NPR']);
      // Every page that carries the quotation word for word has a story listed, and no other.
      const quote = fold(unescape(text!));
      const carriers = ['000', '001', '002', '003', '004'].filter((p) =>
        fold(pageText(p)).includes(quote.replace(/^he /, '')),
      );
      expect(carriers).toEqual(['000', '003', '004']);
    });

    it('says what each score is, and which sibling an inferred source was measured against', () => {
      for (const score of ['Confidence', 'Semantic', 'Lexical', 'Coverage', 'Paraphrase'])
        expect(md).toMatch(new RegExp(`\\n- \\*\\*${score}\\*\\* \\(0–1\\): `));
      // The AP story and the translated copy are the hidden source's two children: each
      // edge names the other as the story its scores were measured against.
      const plain = unescape(md);
      expect(plain).toContain(`hidden:1 → AP: scores measured against ${label('002')};`);
      expect(plain).toContain(`: scores measured against ${label('000', 3)};`);
    });
  },
);
