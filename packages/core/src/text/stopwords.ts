/**
 * English function words. Spinners swap content words and leave these alone;
 * translation round-trips and human rewrites change them too, so the share of
 * function words among the changed words separates the two.
 */

import { expectString } from '../args.js';

export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
said says told while however whether upon within without ago via per s t`.split(/\s+/),
);

/** True for a function word (compared lower-cased). */
export function isStopword(word: string): boolean {
  expectString(word, 'isStopword: word');
  return STOPWORDS.has(word.toLowerCase());
}
