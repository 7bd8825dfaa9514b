import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { access, constants, lstat, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Why a path cannot take a report; the message completes "cannot write FILE: …". */
export class OutputTargetError extends Error {
  override readonly name = 'OutputTargetError';
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

const fix = 'give a regular file or a new name, or leave out --out to print to stdout';

/**
 * Where a report for `file` may be written: the path itself when it names a
 * regular file or nothing yet, or, for a symlink to a regular file, the file
 * it points to (so the link survives the rename). Anything else (a device, a
 * FIFO, a socket, a folder, a symlink to one of them or to nothing, such as
 * `/dev/stdout` → `/proc/self/fd/1` → a pipe) is refused: renaming over it
 * would replace a device with a plain file, and writing into it is not atomic.
 * The folder must exist and be writable.
 *
 * @returns the absolute path to write.
 * @throws {OutputTargetError} saying what the path is and what to give instead.
 */
export async function resolveOutputTarget(file: string): Promise<string> {
  let target = resolve(file);
  const link = await lstat(target).catch(() => null);
  if (link?.isSymbolicLink() === true) {
    const real = await realpath(target).catch(() => null);
    const s = real === null ? null : await stat(real).catch(() => null);
    if (real === null || s === null)
      throw new OutputTargetError(`it is a symlink to nothing that can be written; ${fix}`);
    if (!s.isFile())
      throw new OutputTargetError(`it is a symlink to ${kindOf(s)} (${real}); ${fix}`);
    target = real;
  } else if (link !== null && !link.isFile()) {
    throw new OutputTargetError(`it is ${kindOf(link)}; ${fix}`);
  }
  const folder = await stat(dirname(target)).catch(() => null);
  if (folder === null || !folder.isDirectory())
    throw new OutputTargetError(`folder ${dirname(target)} does not exist`);
  await access(dirname(target), constants.W_OK).catch(() => {
    throw new OutputTargetError(`folder ${dirname(target)} is not writable`);
  });
  return target;
}

/**
 * Writes `data` to `file` so that readers see either the old file or the
 * whole new one, never a partial write: write a temp file next to it, flush
 * it to disk, then rename over the target (atomic within one file system).
 * On any failure the temp file is removed and an existing target is left
 * as it was. An existing target's permission bits are kept. The target is
 * checked with {@link resolveOutputTarget} first, and again just before the
 * rename, so a device or FIFO that appeared meanwhile is not replaced.
 *
 * @throws {OutputTargetError} when `file` is not a regular file or a new name;
 *   the underlying fs error otherwise (ENOSPC, EACCES, …).
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const target = await resolveOutputTarget(file);
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
    const now = await lstat(target).catch(() => null);
    if (now !== null && !now.isFile())
      throw new OutputTargetError(`it became ${kindOf(now)} during the run; ${fix}`);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
