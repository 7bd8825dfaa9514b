/*
 * Colour is on unless NO_COLOR holds a non-empty value (no-color.org). Ink's
 * chalk ignores NO_COLOR (it reads only FORCE_COLOR and --no-color), so the
 * components pass no `color` to `<Text>` when it is set. Bold, dim and inverse
 * are styles, not colours, and stay: the selection still shows.
 */

/** True when the environment asks for no colour: NO_COLOR set to anything but "". */
export function noColorRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['NO_COLOR'];
  return value !== undefined && value !== '';
}

/** A colour for Ink's `<Text color>`: `color` itself, or undefined under NO_COLOR. */
export function paint(color: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return noColorRequested(env) ? undefined : color;
}
