// The evaluate report as plain text for a mail reply (LKP style, at most 80 columns): findings
// with their evidence, then per scenario `before ± sd  %change  after ± sd  metric`, then the
// hunks nothing modelled, then how to reproduce.
import type { Finding } from '../patch/finding';
import type { MetricRow, Report, ScenarioResult } from '../evaluate';
import { UNSIMULATED_KNOBS } from '../unsimulated';
import { workloadFidelity } from './metricFidelity';
import { formatChangePct, rounded } from './numbers';

const WIDTH = 80;

export { num, rounded } from './numbers';

export function formatChange(row: MetricRow): string {
  return formatChangePct(row.changePct);
}

/** Line numbers, runs of consecutive lines joined: "49-50, 60, 62". */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

function wrap(text: string, indent: string): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.length + w.length + 1 > WIDTH && line.trim()) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += (line.trim() ? ' ' : '') + w;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.join('\n') + '\n';
}

function findingText(f: Finding): string {
  return (
    `  ${f.plugin}: ${f.knob} ${String(f.before)} -> ${String(f.after)}\n` +
    wrap(f.summary, '    ') +
    wrap(`evidence: lines ${lineRanges(f.evidence.map((e) => e.docLine))}`, '    ') +
    (UNSIMULATED_KNOBS.includes(f.knob) ? wrap(`not simulated: no metric models ${f.knob} yet, so the tables cannot show this change`, '    ') : '')
  );
}

function scenarioTables(scenarios: readonly ScenarioResult[], prefix: string): string {
  let out = '';
  for (const s of scenarios) {
    out += `\n${prefix}scenario ${s.name} (${s.seeds.length} seeds: ${s.seeds[0]}..${s.seeds[s.seeds.length - 1]})\n`;
    out += `${'before ± sd'.padStart(21)} ${'%change'.padStart(9)} ${'after ± sd'.padStart(21)}  metric\n`;
    for (const m of s.metrics) {
      const cell = (x: { mean: number; stddev: number }) => `${rounded(x.mean)} ± ${rounded(x.stddev)}`.padStart(21);
      const mark = m.significant || m.changePct === 0 ? ' ' : '?';
      out += `${cell(m.before)} ${(formatChange(m) + mark).padStart(9)} ${cell(m.after)}  ${m.name}\n`;
    }
  }
  return out;
}

export function formatEvaluateText(r: Report): string {
  // Wrapped like every other line: an absolute path must not push the first line past 80 columns.
  let out = wrap(`${r.tool.name} ${r.tool.version} evaluate ${r.input.file} (${r.input.format})`, '');
  if (r.input.subject) out += wrap(r.input.subject, '');
  if (r.findings.length === 0) {
    out += `\nnothing this tool models changes\n`;
    out += wrap(`files seen: ${r.files.join(', ') || '(no diff found)'}`, '');
  } else {
    out += `\nfindings${r.perPatch ? ` (the series of ${r.perPatch.length} patches, applied together)` : ''}:\n${r.findings.map(findingText).join('')}`;
    if (r.perPatch) {
      out += `\nper patch:\n`;
      r.perPatch.forEach((p, i) => (out += wrap(`${i + 1}. ${p.subject || '(no subject)'}: ${p.findings.map((f) => `${f.plugin} ${String(f.before)} -> ${String(f.after)}`).join('; ') || 'nothing modelled'}`, '  ')));
    }
    out += '\n' + wrap(`base: ${r.base.note}`, '');
  }
  out += scenarioTables(r.scenarios, '');
  (r.perPatch ?? []).forEach((p, i) => {
    if (p.scenarios && p.scenarios.length > 0) out += scenarioTables(p.scenarios, `patch ${i + 1} alone: `);
  });
  if (r.scenarios.length > 0) out += `(? after a change: not significant, Welch's t-test p >= 0.05)\n`;
  if (r.fidelity.length > 0) {
    out += `\nfidelity (README "How close to the kernel")\n  ${'metric'.padEnd(21)} ${'kind'.padEnd(11)} ${'as Linux'.padEnd(10)} reference snapshots\n`;
    for (const f of r.fidelity) out += `  ${f.metric.padEnd(21)} ${f.kind.padEnd(11)} ${f.kernels.join(', ').padEnd(10)} ${f.identical} of ${f.compared}\n`;
    out += wrap(workloadFidelity(), '  ');
  }
  if (r.unmodelled.length > 0) {
    out += `\nunmodelled (hunks no plugin claims):\n`;
    for (const u of r.unmodelled) out += wrap(`${u.file} line ${u.docLine}: ${u.reason}`, '  ');
  }
  out += `\n` + wrap(`reproduce: ${r.reproduce}`, '');
  if (r.input.sha256) out += `input sha256: ${r.input.sha256}\n`;
  return out;
}
