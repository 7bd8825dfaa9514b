/**
 * Same-sense synonyms for the paraphraser and the translation-like rewrite —
 * the right sense, unlike the spinner's any-sense choices. Two sources:
 *
 * - a hand-written table of the words news copy is full of ("officials" →
 *   "authorities", "began" → "started"), surface forms, checked by eye;
 * - WordNet for the rest: a word's reading is chosen from its neighbours
 *   (after "the" a noun, after "to" a verb) and from how often each reading
 *   is used; the synonyms are the other words of that reading's most
 *   frequent sense that the sense-tagged corpus actually uses for it
 *   (tag count > 0: "ram" has "tup" in its synset but nobody writes it), and
 *   whose own most frequent sense is that same one.
 */

import { isStopword } from '@stemma/core';
import { inflect, lemmatize, type Inflection, type WordNet, type WordNetPos } from './wordnet.js';

/** News words and their same-sense alternatives (lower case, as written); an entry listing the word itself keeps it as it is. */
export const NEWS_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  officials: ['authorities'],
  official: ['representative'],
  residents: ['locals', 'people living there'],
  people: ['residents', 'individuals'],
  began: ['started'],
  begin: ['start'],
  started: ['began'],
  several: ['a number of'],
  many: ['numerous', 'a large number of'],
  big: ['large'],
  large: ['big', 'sizeable'],
  small: ['little', 'modest'],
  expected: ['due', 'set'],
  plans: ['proposals'],
  plan: ['proposal', 'scheme'],
  company: ['firm', 'business'],
  firm: ['company'],
  workers: ['employees', 'staff'],
  employees: ['workers', 'staff'],
  staff: ['employees', 'personnel'],
  city: ['town', 'municipality'],
  town: ['community'],
  help: ['assist'],
  helped: ['assisted'],
  need: ['require'],
  needed: ['required'],
  asked: ['requested', 'urged'],
  told: ['informed'],
  warned: ['cautioned'],
  announced: ['unveiled', 'revealed'],
  confirmed: ['verified', 'acknowledged'],
  received: ['got'],
  reached: ['hit', 'got to'],
  found: ['discovered'],
  showed: ['revealed', 'indicated'],
  show: ['indicate', 'reveal'],
  called: ['described'],
  held: ['kept'],
  left: ['departed'],
  lost: ['shed'],
  work: ['labour'],
  jobs: ['posts', 'positions'],
  job: ['post', 'task'],
  cost: ['price'],
  costs: ['expenses'],
  pay: ['wages'],
  vote: ['ballot'],
  votes: ['ballots'],
  support: ['backing'],
  talks: ['negotiations'],
  meeting: ['session'],
  report: ['account'],
  figures: ['numbers', 'statistics'],
  number: ['total'],
  building: ['structure'],
  road: ['street'],
  area: ['district'],
  region: ['area'],
  regional: ['local'],
  national: ['nationwide'],
  government: ['administration'],
  director: ['head'],
  leader: ['head'],
  spokeswoman: ['representative'],
  spokesman: ['representative'],
  family: ['relatives'],
  homes: ['houses', 'dwellings'],
  damage: ['harm'],
  damaged: ['harmed'],
  destroyed: ['wrecked'],
  injured: ['hurt', 'wounded'],
  missing: ['unaccounted for'],
  search: ['hunt'],
  searching: ['combing'],
  rescue: ['relief'],
  crews: ['teams'],
  crew: ['team'],
  investigation: ['inquiry', 'probe'],
  inquiry: ['investigation'],
  decision: ['move'],
  decided: ['chose'],
  agreed: ['consented'],
  refused: ['declined'],
  closed: ['shut'],
  opened: ['launched'],
  shut: ['closed'],
  stopped: ['halted'],
  halted: ['stopped'],
  suspended: ['halted', 'paused'],
  delayed: ['held up'],
  delays: ['hold-ups'],
  increase: ['rise'],
  increased: ['rose', 'grew'],
  rise: ['increase'],
  fell: ['dropped'],
  raised: ['lifted'],
  nearly: ['almost'],
  almost: ['nearly'],
  roughly: ['about', 'around'],
  next: ['following', 'coming'],
  recently: ['lately'],
  already: ['by then'],
  usually: ['normally', 'typically'],
  often: ['frequently'],
  later: ['afterwards', 'subsequently'],
  shortly: ['soon'],
  quickly: ['rapidly', 'swiftly'],
  only: ['just'],
  main: ['principal', 'chief'],
  major: ['significant'],
  serious: ['severe', 'grave'],
  extra: ['additional'],
  old: ['former'],
  empty: ['vacant', 'disused'],
  full: ['entire', 'complete'],
  whole: ['entire'],
  patients: ['sick people'],
  doctors: ['physicians'],
  hospital: ['infirmary', 'medical centre'],
  passengers: ['travellers', 'riders'],
  commuters: ['travellers'],
  services: ['operations'],
  site: ['location'],
  centre: ['hub'],
  project: ['scheme'],
  projects: ['schemes'],
  law: ['legislation'],
  rules: ['regulations'],
  court: ['tribunal'],
  police: ['officers'],
  scientists: ['researchers'],
  experts: ['specialists'],
  analysts: ['observers', 'commentators'],
  critics: ['opponents'],
  campaigners: ['activists'],
  demanded: ['called for'],
  promised: ['pledged', 'vowed'],
  allow: ['let', 'permit'],
  allowed: ['permitted'],
  prevent: ['stop'],
  remain: ['stay'],
  remained: ['stayed'],
  return: ['come back'],
  returned: ['came back'],
  continue: ['go on', 'carry on'],
  continued: ['went on', 'carried on'],
  include: ['cover'],
  including: ['among them'],
  described: ['characterised'],
  estimate: ['projection'],
  likely: ['probably'],
  enough: ['sufficient'],
  dangerous: ['hazardous', 'unsafe'],
  safe: ['secure'],
  safety: ['security'],
  problems: ['difficulties', 'troubles'],
  problem: ['difficulty', 'issue'],
  issue: ['matter'],
  issues: ['matters'],
  money: ['funds', 'cash'],
  funding: ['financing'],
  budget: ['spending plan'],
  contract: ['deal', 'agreement'],
  agreement: ['deal', 'accord'],
  deal: ['agreement'],
  strike: ['walkout', 'stoppage'],
  union: ['labour union'],
  factory: ['plant', 'works'],
  plant: ['factory', 'facility'],
  blaze: ['fire'],
  flooding: ['floods', 'inundation'],
  firefighters: ['fire crews'],
  stations: ['bases'],
  control: ['check'],
  alarms: ['alerts'],
  safely: ['unharmed', 'without injury'],
  oven: ['kiln'],
  witnesses: ['onlookers', 'bystanders'],
  flames: ['fire'],
  suggestion: ['indication', 'sign'],
  owned: ['held'],
  gifts: ['presents'],
  annual: ['yearly'],
  sales: ['turnover', 'revenue'],
  assessed: ['evaluated', 'gauged'],
  manufacturers: ['producers', 'makers'],
  range: ['line'],
  streets: ['roads'],
  windows: ['windows'],
  smoke: ['fumes'],
  smell: ['odour'],
  burnt: ['burned'],
  insurers: ['underwriters'],
  stock: ['inventory'],
  output: ['production'],
  production: ['output'],
  season: ['period'],
  overnight: ['during the night'],
  machinery: ['equipment'],
  equipment: ['gear', 'machinery'],
  minutes: ['minutes'],
  operator: ['operating company'],
  line: ['route'],
  car: ['carriage', 'vehicle'],
  village: ['hamlet', 'settlement'],
  tower: ['block'],
  walked: ['went'],
  shift: ['rota'],
  patrol: ['unit'],
  ministry: ['department'],
  places: ['spots', 'slots'],
  school: ['school'],
  care: ['treatment'],
  chocolate: ['chocolate'],
  north: ['northern part'],
  governor: ['governor'],
  private: ['privately owned'],
  employer: ['company'],
  ice: ['ice'],
  wall: ['barrier'],
  mud: ['sludge', 'mire'],
  upper: ['higher'],
  decade: ['ten years'],
  emergency: ['crisis'],
  engineers: ['technicians'],
  weather: ['conditions'],
  ambulances: ['emergency vehicles'],
  ambulance: ['emergency'],
  outbreak: ['spread', 'cluster'],
  bacteria: ['germs', 'bugs'],
  operations: ['activities'],
  administrator: ['administrator'],
  party: ['faction'],
  provincial: ['regional'],
  caretaker: ['interim'],
  waiting: ['queuing'],
  waited: ['queued'],
  worked: ['laboured', 'served'],
  death: ['passing'],
  capital: ['capital city'],
  head: ['leader'],
  warm: ['mild'],
  times: ['occasions'],
  breathing: ['respiratory'],
  intensive: ['critical'],
  lake: ['lake'],
  valley: ['vale'],
  skeleton: ['remains'],
  fossil: ['fossil'],
  reptiles: ['creatures'],
  digger: ['excavator'],
  council: ['council'],
  recount: ['recount'],
  executive: ['executive'],
  bridge: ['bridge'],
  yard: ['shipyard'],
  glacier: ['glacier'],
  meters: ['metres'],
  sounded: ['went off'],
  gathered: ['assembled'],
  sugar: ['sugar'],
  end: ['close'],
  outside: ['in front of'],
  visited: ['went to', 'toured'],
  sale: ['selling'],
  near: ['close to'],
  published: ['released', 'issued'],
  worth: ['valued at'],
  busiest: ['most hectic'],
  makes: ['produces'],
  make: ['produce'],
  normal: ['usual'],
  built: ['constructed', 'erected'],
  depend: ['rely'],
  recorded: ['registered', 'logged'],
  cleaned: ['cleared'],
  reported: ['recorded'],
  watched: ['observed', 'followed'],
  released: ['issued', 'published'],
  disease: ['illness'],
  running: ['operating'],
  dispute: ['row', 'conflict'],
  largest: ['biggest'],
  employs: ['has a workforce of'],
  talking: ['in talks'],
  producing: ['making'],
  strong: ['powerful', 'heavy'],
  destroying: ['wrecking'],
  fought: ['battled', 'tackled'],
  carried: ['bore'],
  other: ['further'],
  examine: ['inspect', 'look at'],
  investigators: ['inspectors'],
  quarry: ['pit'],
  bones: ['remains'],
  arrests: ['detentions'],
  calls: ['requests'],
  lives: ['resides'],
  flooded: ['inundated', 'swamped'],
  storm: ['gale'],
  night: ['evening'],
  evening: ['night'],
};

/**
 * The table read both ways: each alternative (a single word) maps back to the
 * entry and to the entry's other alternatives, so a paraphrase of a
 * paraphrase finds as many words to change as the first did.
 */
const TABLE: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, readonly string[]>(Object.entries(NEWS_SYNONYMS));
  for (const [word, alts] of Object.entries(NEWS_SYNONYMS)) {
    if (alts.includes(word)) continue;
    for (const alt of alts) {
      if (alt.includes(' ') || map.has(alt)) continue;
      map.set(alt, [word, ...alts.filter((a) => a !== alt)]);
    }
  }
  return map;
})();

/** Common irregular verb forms: skipped, since rules cannot re-inflect them. */
const IRREGULAR = new Set(
  `drove driven ran went gone took taken made found told held began begun fell fallen rose risen stood brought bought built
sent spent lost won led met paid saw seen came gave given kept put set cut hit shut struck flew flown grew grown knew known
threw thrown wrote written broke broken spoke spoken chose chosen woke froze frozen stole stolen rode ridden hid hidden bit
shot fought caught taught thought sought felt dealt meant sold laid lit fed fled slid sat hung swung stuck dug spun sank sang
rang drank swam forgot got wore worn tore torn bore born swore shone heard left read said done did drew drawn become became
let hurt cost quit spread bet shed split burst cast sent lent bent dwelt leapt swept wept slept crept kept knelt`.split(
    /\s+/,
  ),
);

const DETERMINERS = new Set(
  'the a an this that these those its his her their our my your some any no every each another whose'.split(
    ' ',
  ),
);
const VERB_CUES = new Set(
  'to will would could should can may might must not did does do'.split(' '),
);
const AUX_CUES = new Set('was were is are be been being had has have'.split(' '));

/** A synonym in the inflection of the word it replaces, or null. */
export interface Synonyms {
  readonly words: readonly string[];
  readonly inflection: Inflection;
  readonly pos: WordNetPos | 'table';
}

function frequency(wn: WordNet, lemma: string, pos: WordNetPos): number {
  let n = 0;
  for (let i = 0; i < wn.senses(lemma, pos).length && i < 4; i++)
    n += wn.tagCount(lemma, pos, i, lemma);
  return n;
}

/**
 * Same-sense synonyms of `lower` (a lower-case word) given the word before it
 * (lower case, or '' at the start of a sentence). Null when the word is a
 * function word, an irregular verb form, or has no reading clear enough.
 */
export function sameSenseSynonyms(wn: WordNet, lower: string, before: string): Synonyms | null {
  const table = TABLE.get(lower);
  if (table !== undefined)
    return table.length > 0 && !table.includes(lower)
      ? { words: table, inflection: 'base', pos: 'table' }
      : null;
  if (isStopword(lower) || IRREGULAR.has(lower) || lower.length < 4) return null;
  let readings = lemmatize(wn, lower);
  if (DETERMINERS.has(before))
    readings = readings.filter((r) => r.pos === 'noun' || r.pos === 'adj');
  else if (VERB_CUES.has(before))
    readings = readings.filter((r) => r.pos === 'verb' && r.inflection === 'base');
  else if (AUX_CUES.has(before) && /(?:ed|ing)$/.test(lower))
    readings = readings.filter((r) => r.pos === 'verb' || r.pos === 'adj');
  // "-ing" and "-ed" forms are verbs unless a determiner says otherwise.
  if (/(?:ing|ed)$/.test(lower) && !DETERMINERS.has(before))
    readings = readings.filter((r) => r.pos === 'verb');
  if (readings.length === 0) return null;
  // The reading people use most, if it clearly dominates.
  const ranked = readings
    .map((r) => ({ r, f: frequency(wn, r.lemma, r.pos) }))
    .sort((a, b) => b.f - a.f);
  const best = ranked[0]!;
  if (ranked.length > 1 && best.f < 3 * ranked[1]!.f) return null;
  const { lemma, pos, inflection } = best.r;
  const first = wn.senses(lemma, pos)[0];
  if (first === undefined) return null;
  const words = first.filter((w) => {
    if (w.includes('-') || w.length < 3 || w === lemma) return false;
    // Spelling variants and stems are no synonyms ("defence" → "defense", "hall" → "hallway").
    if (w.slice(0, 4) === lemma.slice(0, 4)) return false;
    const used = wn.tagCount(lemma, pos, 0, w);
    if (used === 0) return false;
    if (used >= 2) return true;
    const back = wn.senses(w, pos)[0];
    return back !== undefined && back.includes(lemma);
  });
  if (words.length === 0 || wn.tagCount(lemma, pos, 0, lemma) < 1) return null;
  return { words: words.map((w) => w.replace(/_/g, ' ')), inflection, pos };
}

/** `base` put in `inflection` (a phrase inflects its first word if a verb, its last if a noun). */
export function inflectPhrase(
  base: string,
  inflection: Inflection,
  pos: WordNetPos | 'table',
): string {
  if (pos === 'table' || inflection === 'base') return base;
  const parts = base.split(' ');
  if (parts.length === 1) return inflect(base, inflection);
  if (pos === 'verb') return [inflect(parts[0]!, inflection), ...parts.slice(1)].join(' ');
  return [...parts.slice(0, -1), inflect(parts[parts.length - 1]!, inflection)].join(' ');
}

/** "a" or "an" before each following word, as its sound asks (by first letter). */
export function fixArticles(text: string): string {
  return text.replace(/\b([Aa]n?) ([A-Za-z]+)/g, (m: string, art: string, word: string) => {
    if (/^[A-Z]{2,}/.test(word) || /^(?:uni|use|one|eu|hou|hon)/i.test(word)) return m;
    const an = /^[aeiouAEIOU]/.test(word);
    const fixed = an ? (art[0] === 'A' ? 'An' : 'an') : art[0] === 'A' ? 'A' : 'a';
    return `${fixed} ${word}`;
  });
}
