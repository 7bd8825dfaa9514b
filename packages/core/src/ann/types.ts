/** Types of the ANN ("index") stage. */

export interface HnswBuildOptions {
  /** Vector length; the input must hold a whole number of rows. */
  readonly dimensions: number;
  /** Graph degree (hnswlib M); default 16. */
  readonly m?: number;
  /** Build-time beam width; default 100. */
  readonly efConstruction?: number;
  /** Seed of hnswlib's level generator, for reproducible graphs; default 100. */
  readonly seed?: number;
  /** Called every 1 000 rows added, and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** k nearest neighbours of n query rows, row-major n×k. */
export interface KnnResult {
  readonly k: number;
  /** Row labels of the neighbours, nearest first; -1 where fewer than k were found. */
  readonly neighbors: Int32Array;
  /** Cosine similarities (1 − hnswlib's cosine distance); NaN where fewer than k were found. */
  readonly similarities: Float32Array;
}

/** Nearest rows by cosine: an HNSW graph, or exact search for a few rows. */
export interface NeighbourIndex {
  readonly dimensions: number;
  /** Rows in the index; row i has label i. */
  readonly size: number;
  /**
   * Nearest rows of each query row.
   * @throws {CoreError} INVALID_OPTION on a dimension mismatch or bad k/ef.
   */
  knn(queries: Float32Array, opts: { readonly k: number; readonly ef?: number }): KnnResult;
  /** Nearest rows of one vector, optionally only among labels the filter accepts. */
  search(
    vector: ArrayLike<number>,
    opts: {
      readonly k: number;
      readonly ef?: number;
      readonly filter?: (label: number) => boolean;
    },
  ): { readonly labels: readonly number[]; readonly similarities: readonly number[] };
}

/** An HNSW graph over paragraph vectors, which can be saved. */
export interface HnswIndex extends NeighbourIndex {
  /** Writes the index atomically, wrapped with a header and checksum. */
  save(file: string): void;
}

/** Which story and page a paragraph row belongs to. */
export interface ParagraphOwner {
  readonly storyId: string;
  readonly docId: string;
}

/** Two paragraph rows (a < b) found as neighbours. */
export interface ParagraphMatch {
  readonly a: number;
  readonly b: number;
  readonly similarity: number;
}

/** Two stories (a < b, by id) with near paragraphs: worth aligning. */
export interface StoryCandidate {
  readonly a: string;
  readonly b: string;
  /** Distinct paragraph pairs found as neighbours above the floor. */
  readonly hits: number;
  readonly maxSimilarity: number;
  readonly meanSimilarity: number;
  /** The paragraph pairs, by row index into the input matrix, best first. */
  readonly matches: readonly ParagraphMatch[];
}

export interface CandidateOptions {
  /** Neighbours per paragraph, in other documents; default 12. */
  readonly k?: number;
  /** Search beam width; default max(64, 4k). */
  readonly ef?: number;
  /** Cosine floor for a neighbour to count; default 0.5. */
  readonly minSimilarity?: number;
  /** A prebuilt index over the same rows (e.g. loaded from disk). */
  readonly index?: NeighbourIndex;
  /** Options for building the index when none is given. */
  readonly build?: Omit<HnswBuildOptions, 'dimensions' | 'onProgress'>;
  /** Progress over building (n rows) then querying (n rows): total 2n. */
  readonly onProgress?: (done: number, total: number) => void;
}
