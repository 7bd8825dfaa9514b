import type { CoreErrorCode } from '@stemma/core';

/** Process exit codes; documented in `stemma --help` and the CLI README. */
export const exitCodes = {
  ok: 0,
  /** Anything unexpected: a bug. The message is printed; STEMMA_DEBUG=1 adds the stack. */
  unexpected: 1,
  /** Bad command line: unknown option or command, missing or invalid argument. */
  usage: 2,
  /** Inputs: missing, unreadable, binary, empty or unsupported files; nothing to analyse. */
  input: 3,
  /** The encoder or a --model could not be loaded. */
  model: 4,
  /** Local state: a corrupt cache or index file, or an --index folder that is missing, locked, foreign or damaged. */
  state: 5,
  /** The report could not be written (--out, or stdout full or failing) or does not match its schema. */
  output: 6,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

// A Record over the whole union: a new CoreErrorCode does not compile until it has an exit code.
const byCode: Record<CoreErrorCode, ExitCode> = {
  INVALID_OPTION: exitCodes.usage,
  // A core function given a value of the wrong type; from the CLI that value came from the command line.
  INVALID_ARGUMENT: exitCodes.usage,
  INPUT_NOT_FOUND: exitCodes.input,
  INPUT_UNREADABLE: exitCodes.input,
  INPUT_BINARY: exitCodes.input,
  INPUT_EMPTY: exitCodes.input,
  INPUT_UNSUPPORTED: exitCodes.input,
  INPUT_TOO_LARGE: exitCodes.input,
  INPUT_MALFORMED: exitCodes.input,
  INPUT_FETCH_FAILED: exitCodes.input,
  INPUT_LOOP: exitCodes.input,
  STRICT_WARNINGS: exitCodes.input,
  NO_DOCUMENTS: exitCodes.input,
  ENCODER_UNAVAILABLE: exitCodes.model,
  MODEL_LOAD_FAILED: exitCodes.model,
  CACHE_CORRUPT: exitCodes.state,
  INDEX_CORRUPT: exitCodes.state,
  INDEX_LOCKED: exitCodes.state,
  INDEX_MISSING: exitCodes.state,
  INDEX_FOREIGN: exitCodes.state,
  INDEX_DATABASE_DAMAGED: exitCodes.state,
  INDEX_VECTORS_DAMAGED: exitCodes.state,
  INDEX_TOO_NEW: exitCodes.state,
  INVALID_REPORT: exitCodes.output,
};

/** The exit code for a core error code. */
export function exitCodeFor(code: CoreErrorCode): ExitCode {
  return byCode[code];
}

/** The exit-code table as `--help` prints it. */
export const exitCodeHelp = `Exit codes:
  0    success
  1    unexpected error (a bug; set STEMMA_DEBUG=1 for the stack trace)
  2    usage: unknown option or command, missing or invalid argument
       (INVALID_OPTION, INVALID_ARGUMENT)
  3    input: INPUT_NOT_FOUND, INPUT_UNREADABLE, INPUT_BINARY, INPUT_EMPTY,
       INPUT_UNSUPPORTED, INPUT_TOO_LARGE, INPUT_MALFORMED, INPUT_FETCH_FAILED,
       INPUT_LOOP, NO_DOCUMENTS; STRICT_WARNINGS (--strict and any warning)
  4    model: ENCODER_UNAVAILABLE, MODEL_LOAD_FAILED
  5    local state: CACHE_CORRUPT, INDEX_CORRUPT (delete the named file and rerun);
       --index DIR: INDEX_MISSING, INDEX_FOREIGN, INDEX_LOCKED,
       INDEX_DATABASE_DAMAGED, INDEX_VECTORS_DAMAGED (stemma index repair),
       INDEX_TOO_NEW
  6    output: --out refused or not writable, stdout full or failing
       (ENOSPC, EIO), INVALID_REPORT
  130  interrupted
A reader that closes the pipe early (stemma analyze … | head) is not an
error: stemma stops quietly with exit code 0.`;
