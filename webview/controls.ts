// Run again: which scenarios, how many seeds; while a re-run is on, its progress and a Cancel button.
import { button, el } from './dom';
import type { FromWebview, ViewModel } from './protocol';

export function controlsSection(model: ViewModel, post: (m: FromWebview) => void): HTMLElement {
  const c = model.controls;
  const chosen = new Set(c.scenarios);
  const boxes = el('fieldset', { class: 'scenario-choices' }, el('legend', { text: 'Scenarios' }));
  // Scenarios the model ran that are not bundled (a .yaml path) are offered too, so a re-run keeps them.
  const choices = [...c.available, ...c.scenarios.filter((n) => !c.available.some((a) => a.name === n)).map((name) => ({ name, description: 'a scenario file' }))];
  for (const [i, s] of choices.entries()) {
    const id = `scenario-${i}`;
    const descId = `${id}-desc`;
    const input = el('input', { attrs: { type: 'checkbox', id, name: 'scenario', value: s.name, 'aria-describedby': descId } });
    input.checked = chosen.has(s.name);
    boxes.append(el('div', { class: 'choice', attrs: { title: s.description } }, input, el('label', { attrs: { for: id } }, el('span', { class: 'choice-name', text: s.name })), el('span', { class: 'muted choice-desc', text: s.description, attrs: { id: descId } })));
  }
  const seeds = el('input', { attrs: { type: 'number', id: 'seeds', min: 1, max: c.maxSeeds, step: 1, required: true, inputmode: 'numeric' } });
  seeds.value = String(c.seeds);
  const hint = el('span', { class: 'hint muted', attrs: { id: 'controls-hint', role: 'status', 'aria-live': 'polite' } });
  const rerun = button('Re-run', () => {
    const scenarios = [...boxes.querySelectorAll<HTMLInputElement>('input[name="scenario"]:checked')].map((b) => b.value);
    const n = Number(seeds.value);
    if (scenarios.length === 0) {
      hint.textContent = 'Choose at least one scenario.';
      return;
    }
    if (!Number.isInteger(n) || n < 1 || n > c.maxSeeds) {
      hint.textContent = `Seeds must be a whole number from 1 to ${c.maxSeeds}.`;
      seeds.focus();
      return;
    }
    hint.textContent = '';
    post({ type: 'rerun', scenarios, seeds: n });
  }, 'primary');
  rerun.id = 'rerun';
  const cancel = button('Cancel', () => post({ type: 'cancel' }), 'secondary');
  cancel.id = 'cancel';
  const progress = el('div', { class: 'progress', attrs: { id: 'progress', role: 'status', 'aria-live': 'polite', hidden: true } }, el('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), el('span', { class: 'progress-text' }), ' ', cancel);
  const section = el(
    'section',
    { class: 'controls', attrs: { 'aria-labelledby': 'controls-h', 'data-section': 'controls' } },
    el('h2', { text: 'Run again', attrs: { id: 'controls-h' } }),
    boxes,
    el('div', { class: 'controls-row' }, el('label', { text: 'Seeds ', attrs: { for: 'seeds' } }), seeds, el('span', { class: 'muted', text: ` (1..${c.maxSeeds}) on kernel ${c.kernel}` }), ' ', rerun, ' ', hint),
    progress,
  );
  return section;
}
