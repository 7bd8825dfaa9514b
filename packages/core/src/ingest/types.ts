import type { IngestedDoc } from '../types.js';

/** Options for {@link ingest}. */
export interface IngestOptions {
  /** Called once per problem with a single input, as soon as it is found. */
  readonly onWarning?: (message: string) => void;
}

/** What {@link ingest} returns: the readable documents and one line per skipped input. */
export interface IngestResult {
  /** Sorted by path; ids are unique. */
  readonly docs: IngestedDoc[];
  readonly warnings: string[];
}

/** Text and metadata extracted from one file's content. */
export interface ExtractedContent {
  readonly text: string;
  readonly meta: {
    readonly title: string | null;
    readonly publisher: string | null;
    readonly published: string | null;
    readonly byline: string | null;
    readonly url: string | null;
  };
}
