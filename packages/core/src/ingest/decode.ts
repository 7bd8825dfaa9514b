/**
 * Character decoding of a document's bytes. The encoding is taken, in order,
 * from a byte-order mark, the charset the transport declared (HTTP
 * Content-Type, a WARC record's HTTP headers), an HTML `<meta charset>` /
 * `http-equiv` in the first bytes, valid UTF-8, and finally jschardet's guess
 * (Windows-1252 when it is unsure). iconv-lite decodes; bytes that are not
 * valid in the chosen encoding become U+FFFD and are counted, so ingest can
 * report them once per document.
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';

/** How a document's encoding was decided. */
export type EncodingSource = 'bom' | 'declared' | 'meta' | 'utf-8' | 'detected' | 'fallback';

export interface DecodedText {
  /** The text, line endings normalised to "\n", without a byte-order mark. */
  readonly text: string;
  /** The encoding used, as iconv-lite names it (lower case). */
  readonly encoding: string;
  readonly source: EncodingSource;
  /** Byte sequences that were invalid in that encoding, replaced by U+FFFD. */
  readonly replaced: number;
}

export interface DecodeOptions {
  /** Charset a transport declared (e.g. from `Content-Type: text/html; charset=…`). */
  readonly declared?: string | null;
  /** Look for `<meta charset>` in the first bytes (HTML documents). */
  readonly html?: boolean;
}

const BOMS: readonly { readonly bytes: readonly number[]; readonly encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Bytes of the HTML head searched for a meta charset (the HTML standard prescans 1024). */
const META_PRESCAN = 4096;
/** Bytes handed to the detector: enough for a confident guess, bounded for huge files. */
const DETECT_BYTES = 64 * 1024;

/** The charset parameter of a Content-Type value, or null. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m?.[1] ?? null;
}

/** A charset label iconv-lite knows, normalised; null for unknown labels. */
function known(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label.trim().toLowerCase();
  // Browsers treat these labels as Windows-1252 (WHATWG Encoding), and so do pages that use them.
  if (name === 'iso-8859-1' || name === 'latin1' || name === 'us-ascii' || name === 'ascii')
    return 'windows-1252';
  return iconv.encodingExists(name) ? name : null;
}

/** The charset an HTML document declares in a `<meta>` near its start, or null. */
export function metaCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, META_PRESCAN)).toString(
    'latin1',
  );
  const direct = /<meta[^>]*?\scharset\s*=\s*(?:["']\s*)?([\w.:-]+)/i.exec(head);
  if (direct?.[1]) return direct[1];
  const equiv = /<meta[^>]*?content\s*=\s*["'][^"']*charset\s*=\s*([\w.:-]+)/i.exec(head);
  return equiv?.[1] ?? null;
}

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function isUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * UTF-8 with a few damaged bytes: more well-formed multi-byte sequences than
 * broken ones. Legacy single-byte text almost never forms a well-formed
 * multi-byte sequence by accident (an accented letter is followed by ASCII),
 * so it does not pass.
 */
function mostlyUtf8(buf: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(buf.subarray(0, DETECT_BYTES));
  let good = 0;
  let bad = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch.codePointAt(0)! > 0x7f) good++;
  }
  return good > bad;
}

/** U+FFFD encoded as UTF-8 in the input: a replacement character the source already held. */
function countUtf8Replacement(buf: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < buf.length; i++)
    if (buf[i] === 0xef && buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) n++;
  return n;
}

function decodeWith(
  buf: Uint8Array,
  encoding: string,
  source: EncodingSource,
  skip = 0,
): DecodedText {
  const body = buf.subarray(skip);
  const raw = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.length), encoding, {
    stripBOM: true,
  });
  const already = encoding === 'utf-8' || encoding === 'utf8' ? countUtf8Replacement(body) : 0;
  return {
    text: raw.replace(/\r\n?/g, '\n'),
    encoding,
    source,
    replaced: Math.max(0, count(raw, '\uFFFD') - already),
  };
}

/**
 * Decodes a document's bytes, deciding the encoding as the module comment
 * describes. Never throws: undecodable bytes are replaced and counted.
 */
export function decodeBytes(buf: Uint8Array, opts: DecodeOptions = {}): DecodedText {
  for (const bom of BOMS)
    if (startsWith(buf, bom.bytes)) return decodeWith(buf, bom.encoding, 'bom', bom.bytes.length);
  const declared = known(opts.declared);
  if (declared) return decodeWith(buf, declared, 'declared');
  const meta = opts.html ? known(metaCharset(buf)) : null;
  if (meta) return decodeWith(buf, meta, 'meta');
  if (isUtf8(buf)) return decodeWith(buf, 'utf-8', 'utf-8');
  if (mostlyUtf8(buf)) return decodeWith(buf, 'utf-8', 'detected');
  const sample = buf.subarray(0, DETECT_BYTES);
  const guess = jschardet.detect(Buffer.from(sample.buffer, sample.byteOffset, sample.length));
  const detected = guess.confidence >= 0.5 ? known(guess.encoding) : null;
  // A guess of UTF-8 for bytes that are not valid UTF-8 means "mostly UTF-8, some damage".
  if (detected) return decodeWith(buf, detected, 'detected');
  return decodeWith(buf, 'windows-1252', 'fallback');
}
