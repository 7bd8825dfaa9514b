/**
 * Byte-level checks done before a file is treated as text: binary sniffing
 * and decoding. Kept apart from ingest so they can be tested on buffers.
 */
import { decodeBytes } from './decode.js';

/** Leading bytes of common binary formats that end up next to news pages in crawls. */
const MAGIC: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'PDF', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { name: 'ZIP/Office document', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'RIFF media', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'Ogg media', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { name: 'MP3 audio', bytes: [0x49, 0x44, 0x33] },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
];

const SNIFF_BYTES = 8192;

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function hasUtf16Bom(buf: Uint8Array): boolean {
  return startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]);
}

/**
 * Says why a buffer looks like binary data, or returns null when it looks
 * like text. UTF-16 text (with a byte-order mark) is text even though it
 * holds NUL bytes.
 */
export function sniffBinary(buf: Uint8Array): string | null {
  for (const m of MAGIC) if (startsWith(buf, m.bytes)) return `${m.name} signature`;
  if (hasUtf16Bom(buf)) return null;
  const head = buf.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return 'NUL bytes';
  // Control characters other than tab, newline, form feed and carriage return.
  let control = 0;
  for (const b of head)
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  if (head.length > 0 && control / head.length > 0.1) return 'control characters';
  return null;
}

/**
 * Decodes a text file's bytes (BOM, valid UTF-8, detector, Windows-1252;
 * see decode.ts). Line endings are normalised to "\n".
 */
export function decodeText(buf: Uint8Array): string {
  return decodeBytes(buf).text;
}
