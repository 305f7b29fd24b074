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
