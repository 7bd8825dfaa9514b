import { clean, isCoreError, oneLine } from './core.js';
import { exitCodeFor, exitCodes, type ExitCode } from './exit-codes.js';

/**
 * An error the CLI itself raises (bad output path, no terminal for the TUI),
 * carrying its exit code, like gemini-cli's FatalError.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }

  static isInstance(value: unknown): value is CliError {
    return value instanceof Error && value.name === 'CliError' && 'exitCode' in value;
  }
}

/** How an error is reported: the exit code and the text for stderr (one line unless debugging). */
export interface ErrorReport {
  readonly exitCode: ExitCode;
  readonly text: string;
}

/**
 * Maps any thrown value to an exit code and a `stemma: <message>` line, the
 * message stripped of control sequences. With `debug`, the stack follows on
 * further lines (also stripped).
 */
export async function describeError(error: unknown, debug: boolean): Promise<ErrorReport> {
  let exitCode: ExitCode = exitCodes.unexpected;
  if (isCoreError(error)) exitCode = exitCodeFor(error.code);
  else if (CliError.isInstance(error)) exitCode = error.exitCode;

  const message = error instanceof Error ? error.message : String(error);
  let text = `stemma: ${oneLine(message) || 'unknown error'}`;
  if (debug && error instanceof Error && error.stack !== undefined) {
    // The stack's first line repeats the message.
    text += `\n${clean(error.stack.split('\n').slice(1).join('\n'))}`;
  }
  return { exitCode, text };
}
