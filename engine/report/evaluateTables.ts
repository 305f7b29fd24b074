// The evaluate report as Markdown and as CSV (the same rows as the text table).
import { UNSIMULATED_KNOBS, type Report } from '../evaluate';
import { formatChange, lineRanges, num } from './evaluateText';
import { workloadFidelity } from './metricFidelity';

export function formatEvaluateMarkdown(r: Report): string {
  let out = `## ${r.tool.name} ${r.tool.version}: ${r.input.subject || r.input.file}\n\n`;
  if (r.findings.length === 0) out += `Nothing this tool models changes (files: ${r.files.join(', ') || 'none'}).\n`;
  for (const f of r.findings) out += `- **${f.plugin}**: \`${f.knob}\` ${String(f.before)} → ${String(f.after)}: ${f.summary} (lines ${lineRanges(f.evidence.map((e) => e.docLine))})${UNSIMULATED_KNOBS.includes(f.knob) ? ' — not simulated yet: no metric models this knob' : ''}\n`;
  const sets = [{ title: '', scenarios: r.scenarios }, ...(r.perPatch ?? []).map((p, i) => ({ title: `patch ${i + 1} alone: `, scenarios: p.scenarios ?? [] }))];
  for (const { title, scenarios } of sets) {
    for (const s of scenarios) {
      out += `\n### ${title}${s.name} (${s.seeds.length} seeds)\n\n| metric | before | after | change | p |\n|---|---:|---:|---:|---:|\n`;
      for (const m of s.metrics) {
        out += `| ${m.name} | ${num(m.before.mean)} ± ${num(m.before.stddev)} | ${num(m.after.mean)} ± ${num(m.after.stddev)} | ${formatChange(m)}${m.significant || m.changePct === 0 ? '' : ' (n.s.)'} | ${m.pValue === null ? 'n/a' : m.pValue.toFixed(3)} |\n`;
      }
    }
  }
  if (r.fidelity.length > 0) out += `\nFidelity (the same operations on a real kernel):\n${r.fidelity.map((f) => `- ${f.metric}: ${f.statement}\n`).join('')}- ${workloadFidelity()}\n`;
  if (r.unmodelled.length > 0) out += `\nUnmodelled hunks:\n${r.unmodelled.map((u) => `- ${u.file} line ${u.docLine}: ${u.reason}\n`).join('')}`;
  out += `\nReproduce: \`${r.reproduce}\`${r.input.sha256 ? ` (input sha256 \`${r.input.sha256}\`)` : ''}\n`;
  return out;
}

export function formatEvaluateCsv(r: Report): string {
  // `patch` is "all" for the patch (or the whole series), N for patch N of a series alone.
  const rows = [['patch', 'scenario', 'metric', 'unit', 'better', 'before_mean', 'before_stddev', 'after_mean', 'after_stddev', 'change_pct', 'p_value', 'significant']];
  const sets = [{ patch: 'all', scenarios: r.scenarios }, ...(r.perPatch ?? []).map((p, i) => ({ patch: String(i + 1), scenarios: p.scenarios ?? [] }))];
  for (const { patch, scenarios } of sets) {
    for (const s of scenarios) {
      for (const m of s.metrics) {
        rows.push([patch, s.name, m.name, m.unit, m.better, num(m.before.mean), num(m.before.stddev), num(m.after.mean), num(m.after.stddev), m.changePct === null ? '' : m.changePct.toFixed(2), m.pValue === null ? '' : m.pValue.toFixed(4), String(m.significant)]);
      }
    }
  }
  // No field holds a comma, quote or newline (names and numbers only), so no quoting is needed.
  // The footer is a comment line, which CSV readers (pandas comment='#', R, gnuplot) skip.
  const fidelity = r.fidelity.map((f) => `# fidelity ${f.metric}: ${f.statement}\n`).join('');
  return rows.map((x) => x.join(',')).join('\n') + `\n${fidelity}# reproduce: ${r.reproduce}${r.input.sha256 ? ` (input sha256 ${r.input.sha256})` : ''}\n`;
}
