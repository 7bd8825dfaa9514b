import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readWarc } from './warc.js';

const record = (type: string, uri: string, block: Buffer, declared = block.length) =>
  Buffer.concat([
    Buffer.from(
      `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${uri}\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n` +
        `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000000${type.length}>\r\n` +
        `Content-Type: application/http; msgtype=${type}\r\nContent-Length: ${declared}\r\n\r\n`,
    ),
    block,
    Buffer.from('\r\n\r\n'),
  ]);
const response = (headers: string, body: Buffer) =>
  Buffer.concat([
    Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n${headers}\r\n`),
    body,
  ]);

async function all(bytes: Buffer, maxBytes = 1_000_000) {
  const out = [];
  for await (const x of readWarc([bytes], { maxBytes })) out.push(x);
  return out;
}

describe('readWarc limits (issue 9)', () => {
  it('refuses a body that inflates past maxBytes, having inflated no more, and reads the record after it', async () => {
    const bomb = gzipSync(Buffer.alloc(50_000_000, 0x61));
    const page = Buffer.from('<p>After the bomb.</p>');
    const out = await all(
      Buffer.concat([
        record('response', 'https://bomb.example/', response('Content-Encoding: gzip\r\n', bomb)),
        record('response', 'https://good.example/', response('', page)),
      ]),
    );
    expect(out[0]).toMatchObject({ reason: expect.stringMatching(/inflates past the 1 MB limit/) });
    expect(out[1]).toMatchObject({ url: 'https://good.example/' });
  });

  it('ends when the file ends inside a skipped record (warcio skipFully looped forever)', async () => {
    const cut = record('request', 'https://a.example/', Buffer.from('GET / HTTP/1.1\r\n'), 5000);
    const out = await Promise.race([
      all(cut),
      new Promise((resolve) => setTimeout(() => resolve('hung'), 5000)),
    ]);
    expect(out).not.toBe('hung');
  });
});
