export { runTui } from './run-tui.js';
export type { TuiOptions } from './run-tui.js';
export { App, exitCodes } from './components/App.js';
export type { AppProps, ResultLoader } from './components/App.js';
export { readReportFile, resultFromReport, ReportFileError } from './report-file.js';
export type { ReportFileErrorCode } from './report-file.js';
