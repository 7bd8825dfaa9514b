import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIndexSession } from './operations.js';

let dir: string;
beforeEach(() => {
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stemma-session-')), 'idx');
});
afterEach(() => {
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe('openIndexSession', () => {
  it('holds the write lock until closed', async () => {
    const session = await openIndexSession(dir);
    // Another process meets it (test/watch.test.ts); the lock file names this one.
    expect(fs.readFileSync(path.join(dir, 'lock'), 'utf8').trim()).toBe(String(process.pid));
    await session.close();
    await session.close(); // twice is harmless
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
    const again = await openIndexSession(dir);
    await again.close();
  });

  it('refuses an addition after close and options it does not have', async () => {
    const session = await openIndexSession(dir);
    await session.close();
    await expect(session.add(['x.txt'])).rejects.toThrow(/IndexSession\.add/);
    await expect(openIndexSession(dir, { add: true } as never)).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});
