import { access } from 'node:fs/promises';
import { loadCore } from './core.js';

/**
 * Fails fast, before the encoder loads, when none of the given paths exists.
 * When some exist, core decides: a missing one becomes a warning.
 *
 * @throws CoreError INPUT_NOT_FOUND naming the missing paths.
 */
export async function assertSomeInputExists(paths: readonly string[]): Promise<void> {
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
