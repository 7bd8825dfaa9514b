import { CliError } from './errors.js';
import { exitCodes } from './exit-codes.js';

/**
 * The reader of stdout went away (`stemma analyze … | head -c1`): by the
 * usual convention for filters this is not an error, so the CLI stops
 * quietly with exit code 0.
 */
export function isClosedPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/**
 * The one line for a stdout that cannot take what is written (full disk, I/O
 * error, closed descriptor), exit code 6; `hint` says what to do instead.
 */
export function stdoutError(error: unknown, hint?: string): CliError {
  const e = error as NodeJS.ErrnoException | null;
  const reason =
    e?.code === 'ENOSPC'
      ? 'no space left on the device'
      : e?.code !== undefined
        ? `${e.code}${e.syscall === undefined ? '' : ` on ${e.syscall}`}`
        : error instanceof Error
          ? error.message
          : String(error);
  return new CliError(
    `cannot write to stdout: ${reason}${hint === undefined ? '' : `; ${hint}`}`,
    exitCodes.output,
    { cause: error },
  );
}

/**
 * Writes `text` to `stream` and waits until it is handed to the system. A
 * stream to a file or device writes synchronously and throws; a pipe or
 * socket calls back with the error: either way the promise rejects with the
 * original error (see {@link isClosedPipe}, {@link stdoutError}).
 */
export function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise<void>((done, fail) => {
    const onError = (error: Error): void => fail(error);
    stream.once('error', onError);
    try {
      stream.write(text, (error) => {
        stream.removeListener('error', onError);
        if (error) fail(error);
        else done();
      });
    } catch (error) {
      stream.removeListener('error', onError);
      fail(error as Error);
    }
  });
}
