/**
 * Downloading an http(s) input: redirects followed, a timeout over the whole
 * exchange, the body read up to a byte limit, the charset taken from the
 * response headers. Any other URL scheme is refused before anything is sent.
 */
import { TooLargeError, formatBytes, readLimited } from './read-limited.js';

export interface FetchedPage {
  /** The URL after redirects. */
  readonly url: string;
  readonly contentType: string | null;
  readonly body: Buffer;
}

/** True for inputs written as a URL ("scheme://…"), whatever the scheme. */
export function looksLikeUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
}

/** A reason the download failed, for the one-line warning. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly kind: 'scheme' | 'status' | 'timeout' | 'too-large' | 'network';
  constructor(message: string, kind: FetchError['kind']) {
    super(message);
    this.kind = kind;
  }
}

/**
 * Fetches one page.
 * @throws {FetchError} for another scheme, a non-2xx status, a timeout, a
 *   body over `maxBytes`, or a network failure.
 */
export async function fetchUrl(
  input: string,
  opts: { timeoutMs: number; maxBytes: number },
): Promise<FetchedPage> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchError('not a valid URL', 'scheme');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(
      `scheme "${url.protocol.replace(/:$/, '')}" is not allowed, only http and https`,
      'scheme',
    );
  }
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const timedOut = () =>
    new FetchError(`no complete answer within ${opts.timeoutMs} ms`, 'timeout');
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal,
      headers: { accept: 'text/html, text/plain, application/json, */*;q=0.5' },
    });
  } catch (error) {
    if (signal.aborted) throw timedOut();
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new FetchError(cause, 'network');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchError(
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      'status',
    );
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > opts.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FetchError(
      `body of ${formatBytes(declared)} is over the ${formatBytes(opts.maxBytes)} limit`,
      'too-large',
    );
  }
  try {
    const body = response.body ? await readLimited(response.body, opts.maxBytes) : Buffer.alloc(0);
    return {
      url: response.url || url.href,
      contentType: response.headers.get('content-type'),
      body,
    };
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    if (error instanceof TooLargeError) {
      throw new FetchError(`body is over the ${formatBytes(opts.maxBytes)} limit`, 'too-large');
    }
    if (signal.aborted) throw timedOut();
    throw new FetchError(error instanceof Error ? error.message : String(error), 'network');
  }
}
