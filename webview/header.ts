// The panel's header: what was evaluated, on which base kernel, and the command that reproduces it
// (with a Copy button; webviews may have no clipboard API, so the fallback selects the text).
import type { ViewModel } from './protocol';
import { button, el } from './dom';
import { post } from './state';

function selectText(node: Node): void {
  const range = document.createRange();
  range.selectNodeContents(node);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}

function reproduceBlock(command: string): HTMLElement {
  const code = el('code', { text: command, attrs: { id: 'reproduce' } });
  const pre = el('pre', { class: 'reproduce' }, code);
  const status = el('span', { class: 'copy-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });
  const copy = button('Copy', () => {
    const fallback = () => {
      selectText(code);
      status.textContent = 'Selected: press Ctrl+C (⌘C on macOS) to copy.';
    };
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clip || typeof clip.writeText !== 'function') return fallback();
    clip.writeText(command).then(() => (status.textContent = 'Copied.'), fallback);
  }, 'secondary');
  copy.setAttribute('aria-label', 'Copy the reproduce command');
  copy.dataset.action = 'copy-reproduce';
  return el('div', { class: 'reproduce-row' }, el('span', { class: 'label', text: 'Reproduce:' }), pre, el('div', { class: 'copy' }, copy, status));
}

export function headerSection(model: ViewModel): HTMLElement {
  const r = model.report;
  const title = r.input.subject || model.title || r.input.file;
  return el(
    'header',
    { class: 'panel-header' },
    el('h1', { text: title, attrs: { id: 'title' } }),
    el(
      'p',
      { class: 'meta' },
      el('span', { text: `${r.input.file} (${r.input.format})` }),
      ' · ',
      el('span', { text: `${r.tool.name} ${r.tool.version}` }),
    ),
    el('p', { class: 'meta base-note' }, el('span', { class: 'label', text: `Base kernel ${r.base.kernel}: ` }), r.base.note),
    reproduceBlock(r.reproduce),
    exportRow(),
  );
}

/** Export the comparison tables: the host asks for the format and the file (webview downloads do not work). */
function exportRow(): HTMLElement {
  const buttons = (['csv', 'markdown', 'json', 'text'] as const).map((format) => {
    const b = button(format === 'text' ? 'Plain text' : format === 'json' ? 'JSON' : format === 'csv' ? 'CSV' : 'Markdown', () => post({ type: 'export', format }), 'secondary');
    b.dataset.export = format;
    b.setAttribute('aria-label', `Export the comparison tables as ${b.textContent} (a save dialog opens)`);
    return b;
  });
  return el('div', { class: 'export-row' }, el('span', { class: 'label', text: 'Export tables:' }), ...buttons);
}
