// What the patch changes (findings with their evidence lines as "reveal" links), what it changes
// that no plugin models (listed, and labelled as outside the numbers), and a plain statement
// when nothing modelled changes.
import { UNSIMULATED_KNOBS } from '../engine/unsimulated';
import type { Finding } from '../engine/patch/finding';
import type { Unmodelled } from '../engine/patch/registry';
import { el, linkButton } from './dom';
import type { ViewModel } from './protocol';

export type Reveal = (docLine: number) => void;

/** A knob's value as the text report prints it (objects, should a knob ever be one, as JSON). */
export function knobText(v: unknown): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function lineLink(docLine: number, file: string, reveal: Reveal): HTMLButtonElement {
  const b = linkButton(`line ${docLine}`, () => reveal(docLine), `Show line ${docLine} of the input (${file})`);
  b.dataset.docLine = String(docLine);
  return b;
}

function evidenceList(f: Finding, reveal: Reveal): HTMLElement {
  const byFile = new Map<string, number[]>();
  for (const e of f.evidence) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e.docLine]);
  const list = el('ul', { class: 'evidence' });
  for (const [file, lines] of byFile) {
    const li = el('li', {}, el('code', { text: file }), ': ');
    [...new Set(lines)].sort((a, b) => a - b).forEach((n, i) => li.append(...(i > 0 ? [', '] : []), lineLink(n, file, reveal)));
    list.append(li);
  }
  return list;
}

function findingItem(f: Finding, reveal: Reveal): HTMLElement {
  return el(
    'li',
    { class: 'finding', attrs: { 'data-plugin': f.plugin } },
    el('div', { class: 'finding-head' }, el('code', { class: 'plugin', text: f.plugin }), ' ', el('code', { class: 'knob', text: f.knob }), ' ', el('span', { class: 'change', text: `${knobText(f.before)} → ${knobText(f.after)}` })),
    el('p', { class: 'summary', text: f.summary }),
    ...(UNSIMULATED_KNOBS.includes(f.knob) ? [el('p', { class: 'muted not-simulated', text: `not simulated: no metric depends on ${f.knob} yet (the lock-contention model is not built), so the tables cannot show this change` })] : []),
    f.evidence.length > 0 ? el('div', { class: 'evidence-row' }, el('span', { class: 'muted', text: 'Evidence: ' }), evidenceList(f, reveal)) : null,
  );
}

function unmodelledSection(items: readonly Unmodelled[], reveal: Reveal): HTMLElement {
  const list = el('ul', { class: 'unmodelled-list' });
  for (const u of items) list.append(el('li', {}, el('code', { text: u.file }), ' ', lineLink(u.docLine, u.file, reveal), ': ', el('span', { text: u.reason })));
  return el(
    'section',
    { class: 'unmodelled', attrs: { 'aria-labelledby': 'unmodelled-h', 'data-section': 'unmodelled' } },
    el('h2', { text: 'Not covered by the numbers', attrs: { id: 'unmodelled-h' } }),
    el('p', { class: 'warning-text', text: `${items.length} hunk${items.length === 1 ? '' : 's'} no plugin models: their effect is not in the tables or charts below.` }),
    list,
  );
}

export function findingsSection(model: ViewModel, reveal: Reveal): HTMLElement {
  const r = model.report;
  const section = el('section', { class: 'findings', attrs: { 'aria-labelledby': 'findings-h', 'data-section': 'findings' } }, el('h2', { text: 'What the patch changes', attrs: { id: 'findings-h' } }));
  if (r.findings.length > 0) {
    if (r.perPatch) section.append(el('p', { class: 'muted', text: `A series of ${r.perPatch.length} patches, applied together:` }));
    section.append(el('ul', { class: 'finding-list' }, ...r.findings.map((f) => findingItem(f, reveal))));
  }
  if (r.perPatch) {
    const list = el('ol', { class: 'per-patch' });
    for (const p of r.perPatch) list.append(el('li', {}, el('span', { text: p.subject || '(no subject)' }), ': ', el('span', { class: 'muted', text: p.findings.map((f) => `${f.plugin} ${knobText(f.before)} → ${knobText(f.after)}`).join('; ') || 'nothing modelled' })));
    section.append(el('h3', { text: 'Per patch' }), list);
  }
  if (r.scenarios.length === 0) {
    section.append(
      el('p', { class: 'nothing-modelled', attrs: { 'data-nothing-modelled': 'true' }, text: r.findings.length === 0 ? 'Nothing this tool models changes, so no scenario ran and there are no numbers to compare.' : 'No scenario ran, so there are no numbers to compare.' }),
      el('p', { class: 'muted' }, 'Files seen: ', r.files.length > 0 ? r.files.map((f, i) => (i > 0 ? `, ${f}` : f)).join('') : '(no diff found)'),
    );
  }
  const out = el('div', { class: 'findings-wrap' }, section);
  if (r.unmodelled.length > 0) out.append(unmodelledSection(r.unmodelled, reveal));
  return out;
}
