import type { AnalysisResult, PipelineOptions } from './pipeline-types.js';
import type { Report } from './types.js';

/**
 * Runs every stage in order over the given files and folders.
 * @throws CoreError NO_DOCUMENTS when no input could be read.
 */
export async function runPipeline(
  paths: readonly string[],
  options: PipelineOptions = {},
): Promise<AnalysisResult> {
  void paths;
  void options;
  throw new Error('runPipeline: being written');
}

/**
 * Analyses a corpus and returns the report the CLI prints as JSON.
 * @throws CoreError NO_DOCUMENTS when no input could be read.
 */
export async function analyze(paths: readonly string[], options: PipelineOptions = {}): Promise<Report> {
  return (await runPipeline(paths, options)).report;
}
