#!/usr/bin/env node
import { main } from './main.js';

// `stemma analyze … | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await main(process.argv);
// Exit explicitly: a backend's worker or timer must not keep a finished run
// alive. Waiting for both streams to drain first keeps piped output whole.
const drain = (stream: NodeJS.WriteStream) =>
  new Promise<void>((done) => stream.write('', () => done()));
await Promise.all([drain(process.stdout), drain(process.stderr)]);
process.exit(code);
