/**
 * Argument checks for core's public functions. TypeScript callers are held to
 * the signatures by the compiler; plain JavaScript callers are not, and a
 * string where an array belongs is iterable, so `analyze('pages/')` would read
 * '/', the whole file system, one character at a time. Every exported
 * function checks what it is given first (analyze and runPipeline with
 * checkPaths) and throws a CoreError INVALID_ARGUMENT naming the function,
 * the argument and what it got.
 */

import { CoreError } from './errors.js';

/** One expectation about a value: what it must be, as the message words it. */
export interface Rule {
  /** Completes "<fn>: <argument> must be …". */
  readonly expected: string;
  readonly test: (value: unknown) => boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

/** Rules for the values core's options hold. */
export const rules = {
  string: { expected: 'a string', test: (v) => typeof v === 'string' },
  boolean: { expected: 'a boolean', test: (v) => typeof v === 'boolean' },
  function: { expected: 'a function', test: (v) => typeof v === 'function' },
  object: { expected: 'an object', test: isObject },
  finite: { expected: 'a finite number', test: (v) => typeof v === 'number' && Number.isFinite(v) },
  positive: {
    expected: 'a positive number',
    test: (v) => typeof v === 'number' && Number.isFinite(v) && v > 0,
  },
  nonNegative: {
    expected: 'a number ≥ 0',
    test: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  },
  positiveInt: { expected: 'a positive integer', test: (v) => isCount(v) && v > 0 },
  nonNegativeInt: { expected: 'an integer ≥ 0', test: (v) => isCount(v) && v >= 0 },
  stringArray: {
    expected: 'an array of strings',
    test: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  },
  positiveIntArray: {
    expected: 'an array of positive integers',
    test: (v) => Array.isArray(v) && v.every((x) => isCount(x) && x > 0),
  },
  numberArray: {
    expected: 'an array of finite numbers',
    test: (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)),
  },
  stringRecord: {
    expected: 'an object of strings',
    test: (v) =>
      isObject(v) && Object.values(v).every((x) => x === undefined || typeof x === 'string'),
  },
  // Members are not checked: a Set is read with has(), which any value answers.
  set: { expected: 'a Set', test: (v) => v instanceof Set },
  asyncIterable: {
    expected: 'an async iterable (a readable stream)',
    test: (v) =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function',
  },
} as const satisfies Record<string, Rule>;

/** A rule for one of `values` (an option such as a backend name). */
export function oneOf(values: readonly string[]): Rule {
  return {
    expected: `one of ${values.map((v) => `"${v}"`).join(', ')}`,
    test: (v) => typeof v === 'string' && values.includes(v),
  };
}

/**
 * A rule for an object whose listed fields follow their rules; a field may be
 * left out (undefined) unless it is `required`.
 */
export function shape(
  fields: Readonly<Record<string, Rule>>,
  expected: string,
  required: readonly string[] = Object.keys(fields),
): Rule {
  return {
    expected,
    test: (v) =>
      isObject(v) &&
      Object.entries(fields).every(([key, rule]) =>
        v[key] === undefined ? !required.includes(key) : rule.test(v[key]),
      ),
  };
}

/** "a number (-1)", "null", "an array", "a string": what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value} (${String(value)})`;
    case 'object':
      return value instanceof Set ? 'a Set' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function fail(name: string, expected: string, got: string): never {
  throw new CoreError('INVALID_ARGUMENT', name, `${expected}, got ${got}`);
}

/**
 * Checks one argument against a rule; `name` is "<function>: <argument>".
 * @throws {CoreError} INVALID_ARGUMENT naming the argument, what it must be and what it is.
 */
export function expectArg(value: unknown, name: string, rule: Rule): void {
  if (!rule.test(value)) fail(name, rule.expected, describeValue(value));
}

/**
 * Checks a string argument.
 * @throws {CoreError} INVALID_ARGUMENT for anything but a string.
 */
export function expectString(value: unknown, name: string): asserts value is string {
  expectArg(value, name, rules.string);
}

/**
 * Checks an array-of-strings argument; a single string is refused (it would
 * be iterated character by character).
 * @throws {CoreError} INVALID_ARGUMENT naming the first element that is not a string.
 */
export function expectStringArray(
  value: unknown,
  name: string,
): asserts value is readonly string[] {
  expectArrayOf(value, name, rules.string, rules.stringArray.expected);
}

/**
 * Checks an array argument whose every element follows `element`; `expected`
 * words the whole ("an array of passage pairs").
 * @throws {CoreError} INVALID_ARGUMENT naming the first element that does not.
 */
export function expectArrayOf(
  value: unknown,
  name: string,
  element: Rule,
  expected: string,
): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) fail(name, expected, describeValue(value));
  const bad = value.findIndex((x) => !element.test(x));
  if (bad >= 0) fail(name, expected, `${describeValue(value[bad])} at index ${bad}`);
}

/**
 * Checks a number argument against `rules.positiveInt`, `rules.nonNegative` or another number rule.
 * @throws {CoreError} INVALID_ARGUMENT naming the argument and its value.
 */
export function expectNumber(
  value: unknown,
  name: string,
  rule: Rule = rules.finite,
): asserts value is number {
  expectArg(value, name, rule);
}

/**
 * Checks an options argument: undefined (the defaults) or an object whose
 * fields, where set, follow their rules; fields not listed are not read and
 * not checked. `name` is "<function>: <argument>"; a field is named "<name>.<field>".
 * @throws {CoreError} INVALID_ARGUMENT naming the first field that is wrong.
 */
export function expectOptions(
  value: unknown,
  name: string,
  fields: Readonly<Record<string, Rule>> = {},
): void {
  if (value === undefined) return;
  if (!isObject(value)) fail(name, 'an options object', describeValue(value));
  for (const [key, rule] of Object.entries(fields)) {
    const field = value[key];
    if (field !== undefined) expectArg(field, `${name}.${key}`, rule);
  }
}

/**
 * Checks that an options object names no option the function does not have:
 * a misspelt or misplaced option (`maxBytes` beside `input` instead of in it)
 * would otherwise be ignored without a word, and the limit it meant to set
 * would not hold. Keys set to undefined are let through. `hints` maps a key
 * to where it belongs ("options.input.maxBytes").
 * @throws {CoreError} INVALID_OPTION naming the first unknown key, the options there are and any hint.
 */
export function expectKnownOptions(
  value: unknown,
  name: string,
  known: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): void {
  if (!isObject(value)) return;
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || known.includes(key)) continue;
    const hint = Object.hasOwn(hints, key) ? `; did you mean ${hints[key]}?` : '';
    throw new CoreError(
      'INVALID_OPTION',
      `${name}.${key}`,
      `not an option here${hint} (the options are ${known.join(', ')})`,
    );
  }
}

/**
 * The paths `analyze` and `runPipeline` take: one path string, or an array of them.
 * @returns the paths as an array.
 * @throws {CoreError} INVALID_ARGUMENT for anything else, naming `fn`.
 */
export function checkPaths(paths: unknown, fn: string): readonly string[] {
  if (typeof paths === 'string') return [paths];
  expectArrayOf(paths, `${fn}: paths`, rules.string, 'an array of strings or a single path string');
  return paths as readonly string[];
}
