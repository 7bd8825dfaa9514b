import type * as Core from '@stemma/core';

/*
 * @stemma/core is imported lazily: its root pulls in TF.js and the native
 * HNSW index, which `stemma --help`, `--version` and usage errors never need.
 * Only types are imported statically.
 */

export type CoreModule = typeof Core;

let loading: Promise<CoreModule> | undefined;
let strip: ((text: string) => string) | undefined;

/** Loads @stemma/core once; later calls share the same promise. */
export function loadCore(): Promise<CoreModule> {
  loading ??= import('@stemma/core').then((core) => {
    strip = core.stripControl;
    return core;
  });
  return loading;
}

// Until core is loaded (or when it cannot load), drop every C0/C1 control
// including ESC: what is left of an escape sequence is inert text.
 
const fallbackControls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * One line, no escape sequences or control characters: safe to print whatever
 * a message holds (paths, page text, argv). Uses core's stripControl once
 * core is loaded.
 */
export function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, ' ').trim();
}

/** Like {@link oneLine} but keeps newlines, tabs and indentation (for stack traces). */
export function clean(text: string): string {
  return strip === undefined ? text.replace(fallbackControls, '') : strip(text);
}

/** True for core's CoreError, checked by shape so it works before core loads. */
export function isCoreError(value: unknown): value is Core.CoreError {
  return value instanceof Error && value.name === 'CoreError' && 'code' in value;
}
