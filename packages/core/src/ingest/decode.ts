/**
 * Character decoding of a document's bytes. The encoding is taken, in order,
 * from a byte-order mark, the charset the transport declared (HTTP
 * Content-Type, a WARC record's HTTP headers), an HTML `<meta charset>` /
 * `http-equiv` in the first bytes, valid UTF-8, damaged UTF-8 (well-formed
 * multi-byte sequences present, not far outnumbered by stray bytes), and
 * finally jschardet's guess (Windows-1252 when it is unsure). iconv-lite decodes; bytes that are not
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
/**
 * A buffer with one well-formed UTF-8 multi-byte sequence per this many stray
 * high bytes (or more) is damaged UTF-8; fewer, a legacy encoding.
 */
const UTF8_MIN_SHARE = 4;
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

/** Well-formed multi-byte UTF-8 sequences and invalid bytes in a buffer. */
interface Utf8Tally {
  readonly sequences: number;
  readonly invalid: number;
}

/** Length of the well-formed multi-byte UTF-8 sequence at `i` (RFC 3629 table), or 0. */
function sequenceAt(buf: Uint8Array, i: number): number {
  const b = buf[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const c = buf[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b >= 0xe1 && b <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Counts well-formed multi-byte sequences and stray high bytes over the whole buffer, in one pass. */
function tallyUtf8(buf: Uint8Array): Utf8Tally {
  let sequences = 0;
  let invalid = 0;
  for (let i = 0; i < buf.length;) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    const n = sequenceAt(buf, i);
    if (n > 0) {
      sequences++;
      i += n;
    } else {
      invalid++;
      i++;
    }
  }
  return { sequences, invalid };
}

/**
 * UTF-8 with some damaged bytes: it holds well-formed multi-byte sequences,
 * and not far fewer of them than stray bytes. Legacy single-byte text almost
 * never forms one by accident (an accented letter is followed by ASCII); when
 * it does ("ß“" in German Windows-1252), its many other accented letters are
 * stray bytes and outnumber it.
 */
function damagedUtf8(tally: Utf8Tally): boolean {
  return tally.sequences > 0 && tally.sequences * UTF8_MIN_SHARE >= tally.invalid;
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
  // Damaged UTF-8 is decoded as UTF-8, the damage replaced and counted (and
  // reported by ingest); it is never re-decoded whole as another encoding.
  const tally = tallyUtf8(buf);
  if (damagedUtf8(tally)) return decodeWith(buf, 'utf-8', 'detected');
  const sample = buf.subarray(0, DETECT_BYTES);
  const guess = jschardet.detect(Buffer.from(sample.buffer, sample.byteOffset, sample.length));
  const detected = guess.confidence >= 0.5 ? known(guess.encoding) : null;
  // A guess of UTF-8 for bytes that are not valid UTF-8 means "UTF-8, some damage".
  if (detected) return decodeWith(buf, detected, 'detected');
  return decodeWith(buf, 'windows-1252', 'fallback');
}
