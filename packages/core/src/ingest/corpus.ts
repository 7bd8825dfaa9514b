/**
 * JSON and JSONL corpora: one document per line (JSONL) or per element of a
 * top-level array (JSON), each an object with an id and its text or HTML,
 * plus optional url, title, published and publisher. Field names are
 * configurable, for exports from news databases that call them otherwise.
 */

/** Which record field holds each value (defaults: the names themselves). */
export interface CorpusFields {
  readonly id?: string;
  readonly text?: string;
  readonly html?: string;
  readonly url?: string;
  readonly title?: string;
  readonly published?: string;
  readonly publisher?: string;
}

/** One document of a corpus file, before extraction. */
export interface CorpusRecord {
  /** 1-based line (JSONL) or 0-based array index (JSON), for messages and paths. */
  readonly position: number;
  readonly id: string | null;
  /** The content and how to read it. */
  readonly content: string;
  readonly format: 'txt' | 'html';
  readonly url: string | null;
  readonly title: string | null;
  readonly published: string | null;
  readonly publisher: string | null;
}

/** A record that cannot be used, with the reason. */
export interface CorpusProblem {
  readonly position: number;
  readonly reason: string;
}

/** A field's value as a string; numbers are accepted (numeric ids), anything else is null. */
function str(record: Record<string, unknown>, key: string): string | null {
  // Dotted names reach into nested objects ("meta.title").
  let value: unknown = record;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Reads one parsed element into a record or a problem. */
export function toRecord(
  value: unknown,
  position: number,
  fields: CorpusFields = {},
): CorpusRecord | CorpusProblem {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { position, reason: 'not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const textKey = fields.text ?? 'text';
  const htmlKey = fields.html ?? 'html';
  const text = str(record, textKey);
  const html = text === null ? str(record, htmlKey) : null;
  if (text === null && html === null) {
    return {
      position,
      reason: `no "${textKey}" or "${htmlKey}" string field (map field names with --field-text / --field-html)`,
    };
  }
  return {
    position,
    id: str(record, fields.id ?? 'id'),
    content: text ?? html ?? '',
    format: text === null ? 'html' : 'txt',
    url: str(record, fields.url ?? 'url'),
    title: str(record, fields.title ?? 'title'),
    published: str(record, fields.published ?? 'published'),
    publisher: str(record, fields.publisher ?? 'publisher'),
  };
}

/** Parses one JSONL line (1-based `line`); blank lines yield null. */
export function parseJsonlLine(
  text: string,
  line: number,
  fields?: CorpusFields,
): CorpusRecord | CorpusProblem | null {
  if (!text.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      position: line,
      reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return toRecord(value, line, fields);
}

/**
 * Parses a whole JSON corpus: an array of records, a single record, or an
 * object holding the array under "documents", "articles", "items" or "data".
 * Returns one problem (position -1) when the text is not such JSON.
 */
export function parseJsonCorpus(
  text: string,
  fields?: CorpusFields,
): (CorpusRecord | CorpusProblem)[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [
      {
        position: -1,
        reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const holder = value as Record<string, unknown>;
    const list = ['documents', 'articles', 'items', 'data']
      .map((k) => holder[k])
      .find(Array.isArray);
    value = list ?? [value];
  }
  if (!Array.isArray(value)) return [{ position: -1, reason: 'not an array of document objects' }];
  return value.map((v, i) => toRecord(v, i, fields));
}

/** True for a record (as opposed to a problem). */
export function isRecord(r: CorpusRecord | CorpusProblem): r is CorpusRecord {
  return 'content' in r;
}
