/**
 * Independent decoy reports: another outlet covering the same event, written
 * from the event description by templates — its own lead, the public
 * quotations word for word, quotations only it has, and the facts in its own
 * sentences. Nothing is taken from the original's sentences.
 */

import type { Draft } from './article.js';
import { between, capitalize, chance, pick, shuffled, weekday, type Rng } from './text.js';
import type { EventDescription, EventPerson, EventQuote } from './types.js';

function speaker(event: EventDescription, quote: EventQuote): EventPerson {
  return (
    event.people.find((p) => p.name === quote.speaker) ?? {
      name: quote.speaker,
      short: quote.speaker.split(' ').pop()!,
      role: 'a witness',
    }
  );
}

function quoteParagraph(
  rng: Rng,
  outlet: string,
  who: EventPerson,
  text: string,
  introduced: boolean,
): string {
  const name = introduced ? who.short : `${who.name}, ${who.role},`;
  if (/,$/.test(text)) {
    return pick(rng, [
      `"${text}" ${name} said.`,
      `"${text}" ${name} told ${outlet}.`,
      `"${text}" ${introduced ? who.short : who.name} said in an interview.`,
    ])
      .replace(/,,/g, ',')
      .replace(/, (said|told)/, ' $1');
  }
  return pick(rng, [
    `${introduced ? who.short : `${who.name}, ${who.role},`} said: "${text}"`,
    `Speaking to ${outlet}, ${introduced ? who.short : `${who.name}, ${who.role}`} put it this way: "${text}"`,
    `In ${introduced ? 'a further' : 'a'} comment, ${introduced ? who.short : who.name} said: "${text}"`,
  ]);
}

function factSentence(rng: Rng, source: string, text: string): string {
  return pick(rng, [
    `${capitalize(source)} said ${text}.`,
    `According to ${source}, ${text}.`,
    `${capitalize(text)}, ${source} said.`,
    `${capitalize(source)} confirmed that ${text}.`,
    `Information from ${source} showed that ${text}.`,
  ]);
}

export interface DecoyOptions {
  readonly event: EventDescription;
  /** The outlet publishing it. */
  readonly outlet: string;
  readonly byline: string;
  /** ISO date. */
  readonly date: string;
  /** ISO date of the event day (for "on Tuesday"). */
  readonly eventDate: string;
  /** Paragraphs to write (default 6–9). */
  readonly length?: number;
}

/** Writes an independent report of the event. */
export function decoyDraft(rng: Rng, opts: DecoyOptions): Draft {
  const { event, outlet } = opts;
  const lead = pick(rng, event.leads);
  const day = `${chance(rng, 0.5) ? 'on ' : 'on '}${weekday(opts.eventDate)}`;
  const paragraphs: string[] = [
    `${event.city.toUpperCase()}, ${event.country} — ${capitalize(lead)} ${day}.`,
  ];

  const publicQuotes = shuffled(rng, event.quotes).slice(
    0,
    between(rng, 1, Math.min(2, event.quotes.length)),
  );
  const ownQuotes = shuffled(rng, event.decoyQuotes).slice(
    0,
    between(rng, 1, Math.min(2, event.decoyQuotes.length)),
  );
  const facts = shuffled(rng, event.facts).slice(
    0,
    between(rng, 3, Math.min(5, event.facts.length)),
  );

  type Block =
    | { readonly kind: 'quote'; readonly q: EventQuote }
    | { readonly kind: 'facts'; readonly f: typeof facts };
  const blocks: Block[] = [...publicQuotes, ...ownQuotes].map((q) => ({
    kind: 'quote' as const,
    q,
  }));
  for (let i = 0; i < facts.length; i += 2)
    blocks.push({ kind: 'facts', f: facts.slice(i, i + 2) });
  const introduced = new Set<string>();
  for (const b of shuffled(rng, blocks).slice(0, opts.length ?? blocks.length)) {
    if (b.kind === 'quote') {
      const who = speaker(event, b.q);
      paragraphs.push(quoteParagraph(rng, outlet, who, b.q.text, introduced.has(who.name)));
      introduced.add(who.name);
    } else {
      paragraphs.push(b.f.map((f) => factSentence(rng, f.source, f.text)).join(' '));
    }
  }
  const headlineWords = lead.split(' ').slice(0, 11).join(' ').replace(/[,;]$/, '');
  return {
    headline: `${event.city}: ${headlineWords}`,
    byline: opts.byline,
    date: opts.date,
    paragraphs,
  };
}
