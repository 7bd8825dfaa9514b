#!/usr/bin/env node
import { main } from './main.js';
import { isClosedPipe, stdoutError } from './stdout.js';

/*
 * stdout going away is handled here for every command. A reader that closes
 * the pipe early (`stemma analyze … | head`) is not an error: exit 0,
 * quietly, as filters do. Any other failure (`> /dev/full`: ENOSPC, EIO) is
 * one line on stderr and exit code 6, never a stack trace.
 */
let stdoutFailed = false;
function onStdoutError(error: unknown): never {
  if (isClosedPipe(error)) process.exit(0);
  const { exitCode, message } = stdoutError(error);
  process.stderr.write(`stemma: ${message}\n`);
  process.exit(exitCode);
}
process.stdout.on('error', (error) => {
  stdoutFailed = true;
  onStdoutError(error);
});

const code = await main(process.argv);
// Exit explicitly: a backend's worker or timer must not keep a finished run
// alive. Waiting for both streams to drain first keeps piped output whole.
const drain = (stream: NodeJS.WriteStream) =>
  new Promise<void>((done) => {
    try {
      stream.write('', () => done());
    } catch (error) {
      // A synchronous stream (file, device) that failed already said so.
      if (stream === process.stdout && !stdoutFailed) onStdoutError(error);
      done();
    }
  });
await Promise.all([drain(process.stdout), drain(process.stderr)]);
process.exit(code);
