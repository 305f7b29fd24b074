// What the editor writes on the evaluated document, as pure data: per hunk that carries a
// finding a lens line with the headline delta, the evidence lines' end-of-line notes, a hover
// table; per hunk no plugin models a muted lens with the reason. Lines are the input
// document's (docLine), so they land right in a quoted reply or an mbox.
import type { MetricRow, Report } from '../evaluate';
import type { Finding } from '../patch/finding';
import type { Patch } from '../patch/patch';
import { formatChangePct, rounded } from './numbers';

/** A hunk of the document: its @@ line and its last line. */
export interface HunkRange {
  readonly file: string;
  readonly docLine: number;
  readonly lastDocLine: number;
}

/** The largest significant change over the report's scenarios (what a lens leads with). */
export interface Headline {
  readonly scenario: string;
  readonly metric: string;
  readonly change: string;
  readonly p: string;
}

export interface FindingAnnotation {
  readonly kind: 'finding';
  /** Index in report.findings. */
  readonly finding: number;
  /** The hunk's @@ line, where the lens goes (the first evidence line if no hunk holds it). */
  readonly docLine: number;
  readonly lastDocLine: number;
  readonly lens: string;
  readonly headline: Headline | null;
  /** The finding's evidence lines inside this hunk, each with its end-of-line note. */
  readonly evidence: readonly { readonly docLine: number; readonly file: string; readonly newLine: number }[];
  readonly note: string;
  /** Markdown: the headline scenario's comparison table. */
  readonly hover: string;
}

export interface UnmodelledAnnotation {
  readonly kind: 'unmodelled';
  readonly docLine: number;
  readonly lastDocLine: number;
  readonly lens: string;
}

export type Annotation = FindingAnnotation | UnmodelledAnnotation;

/** Every hunk of the patch with its document lines. */
export function hunkRanges(patch: Patch): HunkRange[] {
  return patch.messages.flatMap((m) => m.files.flatMap((f) => f.hunks.map((h) => ({ file: f.newPath || f.oldPath, docLine: h.docLine, lastDocLine: Math.max(h.docLine, ...h.lines.map((l) => l.docLine)) }))));
}

function pText(p: number | null): string {
  if (p === null) return 'p n/a';
  return p < 0.01 ? 'p<0.01' : `p=${p.toFixed(2)}`;
}

/**
 * Metrics a headline skips while a memory metric changes significantly: the count of caches
 * follows from the patch's own text (64 → 2 for shared caches), it is not what it costs or saves.
 */
const STRUCTURAL = new Set(['slab.caches']);

/** The significant change with the largest |%| over every scenario (memory metrics first); null when nothing changes significantly. */
export function headlineOf(report: Report): Headline | null {
  const significant = report.scenarios.flatMap((s) => s.metrics.filter((m) => m.significant && m.changePct !== null).map((row) => ({ row, scenario: s.name })));
  const candidates = significant.some((c) => !STRUCTURAL.has(c.row.name)) ? significant.filter((c) => !STRUCTURAL.has(c.row.name)) : significant;
  let best: { row: MetricRow; scenario: string } | null = null;
  for (const c of candidates) if (!best || Math.abs(c.row.changePct!) > Math.abs(best.row.changePct!)) best = c;
  return best && { scenario: best.scenario, metric: best.row.name, change: formatChangePct(best.row.changePct), p: pText(best.row.pValue) };
}

/** Markdown table of one scenario, as the text report writes its numbers. */
export function scenarioTableMarkdown(report: Report, scenario: string): string {
  const s = report.scenarios.find((x) => x.name === scenario);
  if (!s) return '';
  const rows = s.metrics.map((m) => `| ${m.name} | ${rounded(m.before.mean)} ± ${rounded(m.before.stddev)} | ${rounded(m.after.mean)} ± ${rounded(m.after.stddev)} | ${formatChangePct(m.changePct)}${m.significant || m.changePct === 0 ? '' : ' ?'} | ${pText(m.pValue)} |`);
  return [`**${scenario}**, ${s.seeds.length} seeds, mean ± sd (? not significant)`, '', '| metric | before | after | change | p |', '|---|---:|---:|---:|---|', ...rows].join('\n');
}

function short(f: Finding): string {
  return f.plugin.replace(/-/g, ' ');
}

/** The annotations of a report on the document its patch came from. */
export function annotationsFor(report: Report, hunks: readonly HunkRange[]): Annotation[] {
  const headline = headlineOf(report);
  const out: Annotation[] = [];
  const hunkOf = (docLine: number) => hunks.find((h) => docLine >= h.docLine && docLine <= h.lastDocLine);
  report.findings.forEach((f, index) => {
    // One lens per hunk that holds some of this finding's evidence.
    const groups = new Map<number, { hunk: HunkRange | undefined; evidence: Finding['evidence'][number][] }>();
    for (const e of f.evidence) {
      const hunk = hunkOf(e.docLine);
      const key = hunk?.docLine ?? e.docLine;
      const g = groups.get(key) ?? { hunk, evidence: [] };
      g.evidence.push(e);
      groups.set(key, g);
    }
    const effect = headline ? `${headline.metric} ${headline.change} (${headline.p}) · ${headline.scenario}` : report.scenarios.length > 0 ? `no significant change in ${report.scenarios.length} scenario${report.scenarios.length > 1 ? 's' : ''}` : 'not simulated';
    const hover = [
      `**zsreview** · \`${f.plugin}\`: ${f.summary} (\`${f.knob}\` ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)})`,
      report.findings.length > 1 ? `\n_The numbers are the whole patch's effect (${report.findings.length} findings applied together)._` : '',
      '',
      headline ? scenarioTableMarkdown(report, headline.scenario) : effect,
    ].join('\n');
    for (const [docLine, g] of groups) {
      out.push({
        kind: 'finding',
        finding: index,
        docLine,
        lastDocLine: g.hunk?.lastDocLine ?? docLine,
        lens: `${short(f)} · ${effect}`,
        headline,
        evidence: g.evidence,
        note: headline ? `zsreview: ${headline.metric} ${headline.change} (${headline.scenario})` : `zsreview: ${effect}`,
        hover,
      });
    }
  });
  for (const u of report.unmodelled) {
    const hunk = hunks.find((h) => h.docLine === u.docLine);
    out.push({ kind: 'unmodelled', docLine: u.docLine, lastDocLine: hunk?.lastDocLine ?? u.docLine, lens: `zsreview: not modelled · ${u.reason}` });
  }
  return out.sort((a, b) => a.docLine - b.docLine);
}
