export { renderDot, dotString } from './dot.js';
export type { DotOptions } from './dot.js';
export { renderHtml, escapeHtmlText } from './html.js';
export type { HtmlOptions } from './html.js';
export { renderJson } from './json.js';
export { renderMarkdown, escapeMarkdown } from './markdown.js';
export type { MarkdownOptions } from './markdown.js';
export { stripControl, toOneLine } from './sanitize.js';
export { validateReport, loadReportSchema, reportSchemaUrl } from './validate.js';
