/**
 * The evaluation harness's contract: every labelled set is an `EvalSet` whose
 * `run` predicts through @stemma/core's public API (never reading labels
 * while predicting) and returns an `EvalSetResult`. The runner prints one
 * table of all results and writes them as JSON.
 */

/** Precision, recall and F1 of one class. */
export interface ClassScores {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Items whose true label is this class. */
  readonly support: number;
}

export interface ConfusionMatrix {
  /** Row = true label, column = predicted label, in this order. */
  readonly labels: readonly string[];
  readonly matrix: readonly (readonly number[])[];
}

/** One line of figures in the table, e.g. "4-class" or "derived vs not". */
export interface EvalTask {
  readonly name: string;
  /** Items scored. */
  readonly n: number;
  readonly accuracy?: number;
  readonly macroF1?: number;
  readonly classes?: readonly ClassScores[];
  readonly confusion?: ConfusionMatrix;
  /** Other named figures (edge precision, root accuracy, triplet agreement, extraction F1 …). */
  readonly figures?: Readonly<Record<string, number>>;
  /** The target this task is held to, in words, and whether it is met. */
  readonly target?: { readonly text: string; readonly met: boolean };
}

export interface EvalSetResult {
  readonly set: string;
  /** Why the set was skipped (its folder is missing), when it was. */
  readonly skipped?: string;
  readonly tasks: readonly EvalTask[];
  /** Free-form remarks: thresholds chosen and on which split, seeds, timings. */
  readonly notes: readonly string[];
  readonly seconds: number;
  /** Wrong predictions, for `--errors` (optional: sets without them list none). */
  readonly errors?: readonly ErrorCase[];
}

export interface EvalContext {
  /** Folder holding the labelled sets (default ../shared/eval beside the repo). */
  readonly evalDir: string;
  /** Folder for scratch files (corpora written for a run); removed afterwards. */
  readonly workDir: string;
  /** Prints a progress line to stderr. */
  readonly log: (line: string) => void;
  /** Work less (fewer items) for a quick look; the README table is made without it. */
  readonly quick: boolean;
}

export interface EvalSet {
  /** Name as shown in the table, e.g. "clough-stevenson". */
  readonly name: string;
  /**
   * Folder under the eval dir the set reads; when it is missing the runner
   * skips the set with one line. Generated sets have none.
   */
  readonly folder?: string;
  run(ctx: EvalContext): Promise<EvalSetResult>;
}

/** One story as an error case shows it. */
export interface ErrorStory {
  readonly id: string;
  readonly title: string | null;
  readonly excerpt: string;
}

/**
 * A wrong prediction, for the error-analysis report: what was expected and
 * predicted, the stories, the scores and evidence Stemma gave, and which
 * signal misled (derived from that evidence and those scores).
 */
export interface ErrorCase {
  readonly task: string;
  /** The item's id in its data set (file, pair id). */
  readonly item: string;
  readonly expected: string;
  readonly predicted: string;
  readonly stories: readonly ErrorStory[];
  readonly scores?: Readonly<Record<string, number>>;
  readonly evidence?: readonly string[];
  readonly signal: string;
}
