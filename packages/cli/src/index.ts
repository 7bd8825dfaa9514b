export { main, createProgram } from './main.js';
export { processContext } from './context.js';
export type { CliContext } from './context.js';
export { CliError, describeError } from './errors.js';
export type { ErrorReport } from './errors.js';
export { exitCodes, exitCodeFor } from './exit-codes.js';
export type { ExitCode } from './exit-codes.js';
export type { WatchRelationLine } from './commands/watch.js';
export { writeFileAtomic } from './write-atomic.js';
