import type * as Core from '@stemma/core';

/*
 * @stemma/core is imported lazily: its root pulls in TF.js and the native
 * HNSW index, which `stemma --help`, `--version` and usage errors never need.
 * Only types are imported statically, and the sanitizer, from its own
 * light entry point.
 */

export type CoreModule = typeof Core;

let loading: Promise<CoreModule> | undefined;

/** Loads @stemma/core once; later calls share the same promise. */
export function loadCore(): Promise<CoreModule> {
  loading ??= import('@stemma/core');
  return loading;
}

import { showInvisible, stripControl, toOneLine } from '@stemma/core/sanitize';

/**
 * One line, no escape sequences or control characters, safe to print whatever
 * a message holds (paths, page text, argv). Bidi controls and invisible
 * characters are shown as `<U+202E>`: a message names a file the user must
 * find, and `report\u202Etxt.exe` must neither read as "reportexe.txt" nor
 * lose the character that tells it apart.
 */
export function oneLine(text: string): string {
  return toOneLine(showInvisible(text));
}

/** {@link oneLine} keeping newlines, tabs and indentation (for stack traces). */
export function clean(text: string): string {
  return stripControl(showInvisible(text));
}

/** True for core's CoreError, checked by shape so it works before core loads. */
export function isCoreError(value: unknown): value is Core.CoreError {
  return value instanceof Error && value.name === 'CoreError' && 'code' in value;
}
