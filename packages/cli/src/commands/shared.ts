import { loadCore } from '../core.js';
import { z } from 'zod';

/** Options every command that runs the pipeline takes. */
export const pipelineOptions = {
  backend: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
  model: z.string().min(1, 'must not be empty').optional(),
  cacheDir: z.string().min(1, 'must not be empty').optional(),
};

const flagNames: Record<string, string> = { cacheDir: '--cache-dir' };

/**
 * Parses commander's option values with a command's zod schema.
 * @throws CoreError INVALID_OPTION naming the flag and the problem.
 */
export async function parseOptions<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): Promise<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const { CoreError } = await loadCore();
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? 'options');
  throw new CoreError(
    'INVALID_OPTION',
    flagNames[key] ?? `--${key}`,
    issue?.message ?? 'invalid value',
  );
}
