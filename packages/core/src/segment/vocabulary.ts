/**
 * Words and shapes of page furniture. Each pattern is about how sites word
 * their menus, prompts and notices in general, not about any one site.
 */

/** Lines that are furniture wherever they stand (short lines only; see {@link LONG_BOILERPLATE}). */
export const BOILERPLATE: readonly RegExp[] = [
  // advertising
  /^[-–—\s]*(?:advertisement|advertising|sponsored(?: content)?|promoted|paid content|ad)[-–—\s]*$/i,
  /\b(?:story|article) continues (?:below|after)\b/i,
  // share / follow / subscribe prompts
  /^share\b/i,
  /\bshare (?:this|the link|on|via|with your)\b/i,
  /^(?:tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin|telegram|reddit|pinterest)$/i,
  /\b(?:subscribe|unsubscribe|newsletter|sign up|sign in|log in|register now|create an account)\b/i,
  /^follow (?:us|me|on)\b/i,
  /\b(?:stay connected|connect with us|join us on)\b/i,
  // comment forms
  /\bplease enter your (?:comment|name|email)\b/i,
  /\b(?:leave|post) a (?:comment|reply)\b/i,
  /\byour email address will not be published\b/i,
  /\brequired fields are marked\b/i,
  /\bcommunity (?:policy|guidelines|standards)\b/i,
  /^(?:comments?|replies)\s*(?:[/(:]\s*\d+\s*\)?)?$/i,
  /^\d+\s+(?:comments?|replies)$/i,
  // legal and footer
  /\b(?:privacy policy|privacy notice|terms (?:and|&) conditions|terms of (?:use|service)|cookie (?:policy|settings|preferences))\b/i,
  /\ball rights reserved\b/i,
  /^(?:©|\(c\)|copyright\b)/i,
  /^(?:about us|contact us|contact|advertise with us|careers|sitemap|site map|back to top|skip to (?:main )?content|home|menu|search|close|×)$/i,
  // teaser lines
  /^(?:read (?:also|more|next|the full (?:story|article))|also read|see also|related(?: articles?| stories| news| posts| content)?|watch|listen|recommended|trending|more(?: from| on| news)?|don'?t miss|must read|top stories|latest(?: news| articles| stories)?|you (?:may|might) (?:also )?like|click here)\b\s*(?:[:\-–—»>|]|$)/i,
  // captions and image credits
  /^(?:media|image|video|photo|picture|audio) (?:caption|source|credit)\b/i,
  /^(?:photo|image|picture|file photo|photograph|credit)s?\s*:/i,
  /^in this (?:image|photo|picture|file photo|photograph)\b/i,
  // weather and time widgets
  /^-?\d+(?:[.,]\d+)?\s*(?:°\s*)?[CF]\b/,
  /^(?:updated |posted |published )?(?:\d+|an?|one) (?:second|sec|minute|min|hour|hr|day|week|month|year)s? ago$/i,
  /^(?:just now|yesterday|today)$/i,
];

/** Notices that stay furniture however long they are. */
export const LONG_BOILERPLATE: readonly RegExp[] = [
  /\bfair use\b/i,
  /\bcopyrighted material\b/i,
  /\bopinions expressed\b.*\b(?:responsibility|necessarily|reflect)\b/i,
  /\b(?:do not|does not) necessarily (?:reflect|represent)\b/i,
  /\ball rights reserved\b/i,
  // A copyright notice: the sign and a year ("contents of this site are ©2019 …").
  /(?:©|\(c\)|\bcopyright)\s*(?:19|20)\d\d\b/i,
  /\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b/i,
];

/**
 * Lines that close the article: what follows them in the same section
 * (related-article lists, comment forms, author pages) is not the story.
 * Only read as an end when a story has started.
 */
export const END_MARKERS: readonly RegExp[] = [
  /^(?:related|more|other|latest|top|popular|recommended|trending)(?: for you)?(?: articles?| stories| news| posts| content| reads| videos)?(?: now)?\s*:?$/i,
  /^(?:read more|more stories|more news|you (?:may|might) (?:also )?like|most (?:read|popular|viewed)|in this article|related (?:people|topics|tags)|tags|topics)\s*(?::|\.\.\.|…)?$/i,
  /^(?:comments?|replies)\s*(?:[/(:]\s*\d+\s*\)?)?$/i,
  /^\d+\s+(?:comments?|replies)$/i,
  /^(?:leave|post) a (?:comment|reply)\b/i,
  /^please enter your comment\b/i,
  /^did you miss (?:our|the) (?:previous|last) (?:article|post|story)\b/i,
];

/** What an author bio says about its author. */
export const AUTHOR_BIO =
  /\b(?:is an? (?:[a-z-]+ ){0,3}(?:journalist|writer|reporter|editor|author|correspondent|contributor|columnist|website|news (?:site|website|portal))|(?:years?|decades?) of experience|lead writer|staff writer|covering (?:all )?the latest)\b/i;

/** Credit lines: who reported or where the story comes from. Attribution, not paragraphs. */
export const CREDIT: readonly RegExp[] = [
  /\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b/i,
  /^(?:with )?(?:additional )?reporting (?:by|from)\b/i,
  /^(?:writing|editing|compiled|edited|translated) by\b/i,
  /^(?:sourced from|source|sources|via|originally published (?:in|by|at|on)|first published (?:in|by|at|on)|republished (?:from|with)|courtesy(?: of)?)\s*:/i,
  /^(?:sourced from|originally published (?:in|by|at|on)|first published (?:in|by|at|on)|republished from)\b/i,
  /^this (?:story|article|report) (?:was )?(?:originally |first )?(?:published|appeared|produced)\b/i,
  /^title\s*:/i,
];

/**
 * The words with which a credit line names where the text was taken from:
 * "Sourced From: www.x.com/…", "Originally published by X", "This article
 * first appeared on X", "Courtesy of X". One list for the segmenter (which
 * reads a credit line's outlet as the story's source) and for the story
 * facts (which outlets a story says it copied).
 */
const SOURCE_CREDIT_WORDS =
  'sourced from|sources?|via|(?:originally|first) (?:published|appeared)(?: (?:by|in|on|at))?|republished (?:from|with(?: permission from)?)|reprinted from|courtesy(?: of)?';

/** A credit line's named source, from the line's start. */
export const SOURCE_CREDIT_LINE = new RegExp(
  `^(?:${SOURCE_CREDIT_WORDS})(?:\\s*:)?\\s*(\\S.*)$`,
  'i',
);

/** A credit phrase anywhere in an attribution line ("… This article first appeared on X"). */
export const SOURCE_CREDIT_ANYWHERE = new RegExp(
  `\\b(?:${SOURCE_CREDIT_WORDS})(?:\\s*:)?\\s*(\\S.*)$`,
  'i',
);
