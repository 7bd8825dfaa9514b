/**
 * News outlets that stories commonly name as their origin, and how to
 * recognise them in attribution lines: a wire marker "(AP)", a credit
 * "NPR's Charles Maynes", a trailer "… | AP News", a source domain
 * "www.nytimes.com/…". Outlets not in this list are still reported, as
 * written; the list only folds the many spellings of the big ones together.
 */

interface Outlet {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly domains: readonly string[];
}

const OUTLETS: readonly Outlet[] = [
  {
    name: 'AP',
    aliases: ['AP', 'Associated Press', 'The Associated Press', 'AP News'],
    domains: ['apnews.com', 'ap.org'],
  },
  { name: 'Reuters', aliases: ['Reuters', 'Thomson Reuters'], domains: ['reuters.com'] },
  {
    name: 'AFP',
    aliases: ['AFP', 'Agence France-Presse', 'Agence France Presse'],
    domains: ['afp.com'],
  },
  {
    name: 'BBC',
    aliases: ['BBC', 'BBC News', 'BBC World Service'],
    domains: ['bbc.com', 'bbc.co.uk'],
  },
  { name: 'RT', aliases: ['RT', 'Russia Today'], domains: ['rt.com'] },
  {
    name: 'NYT',
    aliases: ['NYT', 'The New York Times', 'New York Times', 'NY Times'],
    domains: ['nytimes.com'],
  },
  { name: 'NPR', aliases: ['NPR', 'National Public Radio'], domains: ['npr.org'] },
  { name: 'CNN', aliases: ['CNN'], domains: ['cnn.com'] },
  { name: 'CNBC', aliases: ['CNBC'], domains: ['cnbc.com'] },
  {
    name: 'Washington Post',
    aliases: ['The Washington Post', 'Washington Post'],
    domains: ['washingtonpost.com'],
  },
  {
    name: 'WSJ',
    aliases: ['WSJ', 'The Wall Street Journal', 'Wall Street Journal'],
    domains: ['wsj.com'],
  },
  { name: 'The Guardian', aliases: ['The Guardian'], domains: ['theguardian.com'] },
  { name: 'Al Jazeera', aliases: ['Al Jazeera'], domains: ['aljazeera.com', 'aljazeera.net'] },
  { name: 'Bloomberg', aliases: ['Bloomberg', 'Bloomberg News'], domains: ['bloomberg.com'] },
  { name: 'Fox News', aliases: ['Fox News'], domains: ['foxnews.com'] },
  { name: 'NBC News', aliases: ['NBC News'], domains: ['nbcnews.com'] },
  { name: 'CBS News', aliases: ['CBS News'], domains: ['cbsnews.com'] },
  { name: 'ABC News', aliases: ['ABC News'], domains: ['abcnews.go.com'] },
  { name: 'Politico', aliases: ['Politico', 'POLITICO'], domains: ['politico.com', 'politico.eu'] },
  { name: 'Axios', aliases: ['Axios'], domains: ['axios.com'] },
  { name: 'TASS', aliases: ['TASS'], domains: ['tass.com', 'tass.ru'] },
  { name: 'Xinhua', aliases: ['Xinhua'], domains: ['xinhuanet.com', 'news.cn'] },
  { name: 'Sputnik', aliases: ['Sputnik'], domains: ['sputniknews.com'] },
  { name: 'Interfax', aliases: ['Interfax'], domains: ['interfax.ru', 'interfax.com'] },
  { name: 'DW', aliases: ['DW', 'Deutsche Welle'], domains: ['dw.com'] },
  { name: 'France 24', aliases: ['France 24'], domains: ['france24.com'] },
  { name: 'UPI', aliases: ['UPI', 'United Press International'], domains: ['upi.com'] },
  { name: 'dpa', aliases: ['dpa', 'Deutsche Presse-Agentur'], domains: ['dpa.com'] },
  { name: 'EFE', aliases: ['EFE'], domains: ['efe.com'] },
  { name: 'ANSA', aliases: ['ANSA'], domains: ['ansa.it'] },
  { name: 'Kyodo', aliases: ['Kyodo', 'Kyodo News'], domains: ['kyodonews.net'] },
  { name: 'Yonhap', aliases: ['Yonhap'], domains: ['yna.co.kr'] },
  { name: 'PTI', aliases: ['PTI', 'Press Trust of India'], domains: ['ptinews.com'] },
  { name: 'ANI', aliases: ['ANI'], domains: ['aninews.in'] },
  { name: 'VOA', aliases: ['VOA', 'Voice of America'], domains: ['voanews.com'] },
  { name: 'Sky News', aliases: ['Sky News'], domains: ['news.sky.com'] },
  { name: 'Financial Times', aliases: ['Financial Times'], domains: ['ft.com'] },
  { name: 'The Independent', aliases: ['The Independent'], domains: ['independent.co.uk'] },
  { name: 'USA Today', aliases: ['USA Today', 'USA TODAY'], domains: ['usatoday.com'] },
  {
    name: 'Los Angeles Times',
    aliases: ['Los Angeles Times', 'LA Times'],
    domains: ['latimes.com'],
  },
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Short all-capital aliases ("AP", "RT") must match in capitals; longer ones in any case. */
function aliasPattern(alias: string): RegExp {
  const strict = alias.length <= 4 && alias === alias.toUpperCase();
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(alias)}(?![\\p{L}\\p{N}])`, strict ? 'u' : 'iu');
}

const PATTERNS = OUTLETS.flatMap((o) =>
  // Longest alias first so "BBC News" wins over "BBC" at the same position.
  [...o.aliases]
    .sort((a, b) => b.length - a.length)
    .map((alias) => ({ outlet: o.name, alias, re: aliasPattern(alias) })),
);

/** The canonical name of a known outlet mentioned in a text (earliest mention), or null. */
export function findKnownOutlet(text: string): string | null {
  let best: { name: string; index: number } | null = null;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m && (best === null || m.index < best.index)) best = { name: p.outlet, index: m.index };
  }
  return best?.name ?? null;
}

/**
 * The outlet a name refers to: the canonical name when the text starts with
 * a known outlet ("RT World News" → "RT", "BBC News" →
 * "BBC"), otherwise the name as written, cut to its first few words.
 */
export function outletName(text: string): string | null {
  const cleaned = text.replace(/^[\s|–—:-]+|(?<![\s|–—:.-])[\s|–—:.-]+$/g, '');
  if (!cleaned) return null;
  for (const p of PATTERNS) {
    const m = p.re.exec(cleaned);
    if (m && m.index === 0) return p.outlet;
  }
  const words = cleaned.split(/\s+/);
  return words.length <= 5 ? cleaned : null;
}

/** The outlet behind a domain or URL ("www.nytimes.com/2024/…" → "NYT"); unknown domains as the host name. */
export function outletFromDomain(urlOrDomain: string): string | null {
  const host = /^(?:[a-z]+:\/\/)?([^/\s?#]+)/i
    .exec(urlOrDomain.trim())?.[1]
    ?.toLowerCase()
    .replace(/^www\./, '');
  if (!host || !host.includes('.')) return null;
  for (const o of OUTLETS) {
    if (o.domains.some((d) => host === d || host.endsWith(`.${d}`))) return o.name;
  }
  return host;
}
