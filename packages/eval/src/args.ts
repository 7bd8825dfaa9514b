/**
 * The command lines of the eval scripts (`main.js`, `fit-paraphrase.js`),
 * read one way: node:util's parseArgs, strict, with its errors turned into
 * one line and the script's usage.
 */

import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Config<T extends Options> = {
  args: string[];
  options: T;
  strict: true;
  allowPositionals: false;
};
/** The parsed values, typed from the option table. */
export type OptionValues<T extends Options> = ReturnType<typeof parseArgs<Config<T>>>['values'];

/**
 * The option values in `argv` (no positionals). String values must not be empty.
 * @throws Error naming the option ("unknown option …", "… needs a value", "… takes no value"), followed by `usage`.
 */
export function readOptions<T extends Options>(
  argv: readonly string[],
  options: T,
  usage: string,
): OptionValues<T> {
  let values: OptionValues<T>;
  try {
    ({ values } = parseArgs<Config<T>>({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const flag = /'(--[\w-]+)/.exec(message)?.[1] ?? 'an option';
      const what = message.includes('does not take') ? 'takes no value' : 'needs a value';
      throw new Error(`${flag} ${what}\n${usage}`, { cause: err });
    }
    const arg = /'([^']+)'/.exec(message)?.[1] ?? message;
    throw new Error(`unknown option ${arg}\n${usage}`, { cause: err });
  }
  for (const [name, value] of Object.entries(values)) {
    const empty = value === '' || (Array.isArray(value) && value.includes(''));
    if (empty) throw new Error(`--${name} needs a value\n${usage}`);
  }
  return values;
}

/**
 * `readOptions` for a script's `main`: the values, or null after printing
 * the error and usage to stderr (the script then exits 2).
 * @throws never.
 */
export function readScriptOptions<T extends Options>(
  argv: readonly string[],
  options: T,
  usage: string,
): OptionValues<T> | null {
  try {
    return readOptions(argv, options, usage);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return null;
  }
}

/**
 * Runs a script's `main` and sets the exit code it returns; a throw prints
 * its stack and exits 1.
 * @throws never.
 */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
