// A report in each output format the command line and the editor offer.
import type { Report } from '../evaluate';
import { formatEvaluateCsv, formatEvaluateMarkdown } from './evaluateTables';
import { formatEvaluateText } from './evaluateText';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(r: Report, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format === 'markdown') return formatEvaluateMarkdown(r);
  if (format === 'csv') return formatEvaluateCsv(r);
  return formatEvaluateText(r);
}

/** What every exported file carries to say where it came from: the reproduce line and the input's sha256. */
export function provenanceLine(r: Report): string {
  return `${r.reproduce}${r.input.sha256 ? ` · input sha256 ${r.input.sha256}` : ''}`;
}
