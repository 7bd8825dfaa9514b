import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes `data` to `file` so that readers see either the old file or the
 * whole new one, never a partial write: write a temp file next to it, flush
 * it to disk, then rename over the target (atomic within one file system).
 * On any failure the temp file is removed and an existing target is left
 * as it was. An existing target's permission bits are kept.
 *
 * @throws the underlying fs error (ENOENT for a missing folder, EISDIR, EACCES, …).
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const target = resolve(file);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const mode = await stat(target).then(
    (s) => s.mode & 0o7777,
    () => 0o666,
  );
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
