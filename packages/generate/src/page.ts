/**
 * Web pages around the stories: an aggregator roundup (several stories, menus,
 * ads, share prompts, "Related" teasers, footer) and a single-story
 * republication page, plus short unrelated filler stories for the roundup
 * and the pools of outlets and reporters copies are credited to.
 */

import type { Draft } from './article.js';
import { between, escapeHtml, longDate, pick, shuffled, slugify, type Rng } from './text.js';

export const OUTLETS = [
  'Feedline',
  'NewsFlow Daily',
  'The Morning Ledger',
  'Riverside Herald',
  'Daily Dispatch Online',
  'Harbour Gazette',
  'Metro Bulletin',
  'Valley Chronicle',
  'Newsstream',
  'The Evening Courier',
  'Northern Echo Post',
  'Civic Times',
  'Headline Hub',
  'Globe Digest',
  'Quickwire News',
] as const;

const FIRST = [
  'Anna',
  'Boris',
  'Clara',
  'David',
  'Elena',
  'Felix',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Katrin',
  'Lukas',
  'Maren',
  'Nils',
  'Olga',
  'Pavel',
  'Rosa',
  'Sven',
  'Tilde',
  'Ulrich',
];
const LAST = [
  'Reyes',
  'Lund',
  'Varga',
  'Okoro',
  'Marsh',
  'Brandt',
  'Holm',
  'Stein',
  'Kaya',
  'Petrov',
  'Aalto',
  'Berger',
  'Castell',
  'Dufort',
  'Engel',
  'Falk',
  'Gantz',
  'Hale',
  'Ibsen',
  'Jovic',
];

export function reporterName(rng: Rng): string {
  return `${pick(rng, FIRST)} ${pick(rng, LAST)}`;
}

/** A short unrelated story (sport, weather, culture, markets) for a roundup page. */
export function fillerStory(rng: Rng, date: string): Draft & { readonly outlet: string } {
  const town = `${pick(rng, ['Ash', 'Bel', 'Cor', 'Dun', 'Els', 'Fen', 'Gar', 'Hol', 'Ist', 'Jar'])}${pick(rng, ['ford', 'mere', 'wick', 'by', 'stad', 'holm', 'ton', 'vale'])}`;
  const person = reporterName(rng);
  const n1 = between(rng, 2, 95);
  const n2 = between(rng, 100, 9000);
  const outlet = `${town} ${pick(rng, ['Post', 'Courier', 'Times', 'Observer'])}`;
  const kind = between(rng, 0, 3);
  const stories: readonly (readonly [string, readonly string[]])[] = [
    [
      `${town} Rovers snatch late win to climb into the top four`,
      [
        `${town.toUpperCase()} (${outlet}) — A header in the ${n1}th minute from defender ${person} gave ${town} Rovers a 2-1 win at home on Saturday, lifting the club into the top four for the first time this season.`,
        `The visitors had led for most of the second half, and a crowd of ${n2} had begun to drift towards the exits before the corner that changed the match.`,
        `"We never stopped believing," ${person.split(' ')[1]!} said afterwards. "This group has a habit of leaving it late, and the supporters deserved that."`,
      ],
    ],
    [
      `Frost and fog expected across ${town} district as high pressure settles`,
      [
        `${town.toUpperCase()} (${outlet}) — Forecasters expect freezing fog to linger in low-lying parts of the ${town} district for much of the week, with overnight temperatures falling to minus ${n1 % 12} degrees.`,
        `Drivers were advised to allow extra time on rural roads, and the council said its ${n1} gritting lorries would be out from the early evening.`,
        `A meteorologist, ${person}, said the settled spell could last until the weekend before milder and wetter air arrives from the west.`,
      ],
    ],
    [
      `${town} theatre reopens with sold-out run of forgotten comedy`,
      [
        `${town.toUpperCase()} (${outlet}) — The ${town} Playhouse reopened on Friday after an eighteen-month refurbishment with a revival of a comedy that had not been staged in the town for ${n1} years.`,
        `All ${n2} tickets for the three-week run were sold within a day, the theatre said, and a second run has been pencilled in for the spring.`,
        `"We wanted to open with something that made people laugh," said the director, ${person}. "The building has been quiet for too long."`,
      ],
    ],
    [
      `Grain prices ease at ${town} market as harvest estimates rise`,
      [
        `${town.toUpperCase()} (${outlet}) — Wheat prices at the ${town} commodity market fell for a ${(n1 % 5) + 2}th straight session on Thursday as growers raised their estimates for the harvest.`,
        `Traders said about ${n2} tonnes changed hands, slightly below the weekly average, with buyers holding back ahead of a government crop report due next week.`,
        `Analyst ${person} said the fall was likely to slow once export demand picked up after the holidays.`,
      ],
    ],
  ];
  const [headline, paragraphs] = stories[kind]!;
  return { headline, byline: person, date, paragraphs, outlet };
}

const NAV = ['Home', 'News', 'Regional', 'Business', 'Science', 'Sport', 'Weather', 'Newsletter'];

function nav(site: string): string {
  return `  <header class="site-header">
    <a class="logo" href="/"><img src="/img/logo.svg" alt="${escapeHtml(site)}"></a>
    <nav class="main-nav" aria-label="Sections">
      <ul>
${NAV.map((n) => `        <li><a href="/${n.toLowerCase()}">${n}</a></li>`).join('\n')}
      </ul>
    </nav>
    <form class="search" action="/search"><input type="search" name="q" placeholder="Search ${escapeHtml(site)}"><button>Go</button></form>
  </header>`;
}

function shareBar(url: string, title: string): string {
  return `      <div class="share-bar">
        <span>Share:</span>
        <a class="share share-fb" href="https://www.facebook.com/sharer/sharer.php?u=${escapeHtml(url)}">Facebook</a>
        <a class="share share-x" href="https://x.com/intent/post?url=${escapeHtml(url)}">X</a>
        <a class="share share-mail" href="mailto:?subject=${escapeHtml(title)}">Email</a>
        <button class="share-copy" type="button">Copy link</button>
      </div>`;
}

function related(rng: Rng): string {
  const teasers = [
    'Council approves new cycle lanes after two-year row',
    'Ten walks to try before the clocks change',
    'Opinion: why our high streets need more than free parking',
    'Local bakery wins national sourdough prize',
    'Police appeal for witnesses after late-night collision',
    'Watch: the week in pictures',
  ];
  const picks = shuffled(rng, teasers).slice(0, 3);
  return `    <aside class="related">
      <h3>Related</h3>
      <ul>
${picks.map((t) => `        <li><a href="/news/${slugify(t)}">${escapeHtml(t)}</a></li>`).join('\n')}
      </ul>
    </aside>`;
}

function footer(site: string, year: string): string {
  return `  <footer class="site-footer">
    <p>&copy; ${year} ${escapeHtml(site)}. All rights reserved.</p>
    <p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/contact">Contact us</a></p>
  </footer>
  <div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>`;
}

/** One story of a page, with the outlet it is credited to. */
export interface PageStory {
  readonly draft: Draft;
  readonly outlet: string;
}

function articleHtml(s: PageStory, id: number, url: string, adAfter: number | null): string {
  const d = s.draft;
  const ps = d.paragraphs.map((p) => `      <p>${escapeHtml(p)}</p>`);
  if (adAfter !== null && adAfter < ps.length - 1) {
    ps.splice(
      adAfter + 1,
      0,
      `      <div class="ad-slot ad-inline" aria-label="Advertisement"><span class="ad-label">Advertisement</span><a href="https://ads.example.net/click?c=${id}" rel="sponsored nofollow"><img src="/img/ads/${id}.jpg" alt="Sponsored offer"></a></div>`,
    );
  }
  return `    <article class="story" id="story-${id}">
      <h2 class="story-title">${escapeHtml(d.headline)}</h2>
      <div class="story-meta">
        <span class="byline">By ${escapeHtml(d.byline)}</span>
        <time datetime="${d.date}">${longDate(d.date)}</time>
        <span class="outlet">Source: ${escapeHtml(s.outlet)}</span>
      </div>
${ps.join('\n')}
${shareBar(url, d.headline)}
    </article>`;
}

/** A roundup page carrying several stories separated by <hr>. */
export function aggregatorPage(
  rng: Rng,
  site: string,
  date: string,
  stories: readonly PageStory[],
): string {
  const base = `https://${slugify(site)}.example/${date.replace(/-/g, '/')}`;
  const articles = stories.map((s, i) =>
    articleHtml(
      s,
      i + 1,
      `${base}/${slugify(s.draft.headline)}`,
      s.draft.paragraphs.length > 6 ? between(rng, 2, 5) : null,
    ),
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(site)} — Headlines for ${longDate(date)}</title>
  <meta property="og:site_name" content="${escapeHtml(site)}">
  <meta property="og:type" content="website">
  <meta property="article:published_time" content="${date}T07:30:00+01:00">
</head>
<body class="roundup">
${nav(site)}
  <main class="roundup-main">
    <h1 class="page-title">Roundup: ${longDate(date)}</h1>
    <p class="page-intro">Stories from our partner newsrooms this morning.</p>

${articles.join('\n\n    <hr>\n\n')}
${related(rng)}
  </main>
${footer(site, date.slice(0, 4))}
</body>
</html>
`;
}

/** A single-story page (a republication or a rewrite posted on a website). */
export function articlePage(rng: Rng, site: string, story: PageStory, dateLine?: string): string {
  const d = story.draft;
  const url = `https://${slugify(site)}.example/${d.date.replace(/-/g, '/')}/${slugify(d.headline)}`;
  const ps = d.paragraphs.map((p) => `    <p>${escapeHtml(p)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(d.headline)} | ${escapeHtml(site)}</title>
  <meta property="og:site_name" content="${escapeHtml(site)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="${escapeHtml(d.headline)}">
  <meta property="article:published_time" content="${d.date}T09:00:00Z">
  <link rel="canonical" href="${url}">
</head>
<body>
${nav(site)}
  <main>
  <article>
    <h1>${escapeHtml(d.headline)}</h1>
    <p class="byline">By ${escapeHtml(d.byline)}</p>
    <time datetime="${d.date}">${escapeHtml(dateLine ?? longDate(d.date))}</time>
${ps}
${shareBar(url, d.headline)}
  </article>
${related(rng)}
  </main>
${footer(site, d.date.slice(0, 4))}
</body>
</html>
`;
}
