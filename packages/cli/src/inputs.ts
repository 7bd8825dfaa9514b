import { access } from 'node:fs/promises';
import { loadCore } from './core.js';

/** "-" (stdin) and URLs are not paths: whether they can be read shows when they are. */
const notAPath = (p: string): boolean => p === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(p);

/**
 * Fails fast, before the encoder loads, when none of the given paths exists
 * (and there is no stdin or URL among them). When some exist, core decides:
 * a missing one becomes a warning.
 *
 * @throws CoreError INPUT_NOT_FOUND naming the missing paths.
 */
export async function assertSomeInputExists(paths: readonly string[]): Promise<void> {
  if (paths.some(notAPath)) return;
  const exists = await Promise.all(
    paths.map((p) =>
      access(p).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (exists.includes(true)) return;
  const { CoreError } = await loadCore();
  throw new CoreError('INPUT_NOT_FOUND', paths.join(', '));
}
