/**
 * One writer per index: a `lock` file holding the writer's pid, created
 * atomically (written under a private name, then hard-linked into place, so
 * it is never seen half-written). A lock whose process is gone (killed, the
 * machine restarted) is taken over. Readers take no lock: SQLite's WAL lets
 * them read the last commit while a writer works.
 */

import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors.js';

/** True when a process with this pid exists (EPERM: it exists, owned by someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the index's write lock; the returned function releases it.
 * @throws CoreError INDEX_LOCKED when a live process holds it.
 */
export function acquireLock(dir: string): () => void {
  const file = path.join(dir, 'lock');
  const mine = path.join(dir, `lock.${process.pid}.tmp`);
  fs.writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.linkSync(mine, file);
        return () => {
          // Only our own lock: never one another writer has taken over since.
          if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readPid(file);
      if (holder !== null && holder !== process.pid && alive(holder))
        throw new CoreError('INDEX_LOCKED', dir, String(holder));
      // Stale (its writer is gone): take it over.
      fs.rmSync(file, { force: true });
    }
    throw new CoreError('INDEX_LOCKED', dir, String(readPid(file) ?? '?'));
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
