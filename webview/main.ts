// The results panel's browser side (bundled to dist/webview.js, its CSS to dist/webview.css).
// On load: restore the last model from the webview state, then tell the host we listen. Every
// message is validated (validate.ts) before it touches the page.
import './styles.css';
import { el } from './dom';
import { recordCspViolation, renderModel, renderWaiting, restyleCharts, saveChartById } from './render';
import { currentModel, restored, savedScrollY, setModel, trackScroll, post, vscode } from './state';
import { addNotice, setRunning, showError, statusRegions } from './status';
import { watchTheme } from './theme';
import { checkMessage, checkPanelState } from './validate';

// From the start: anything the CSP blocks is reported with the next "rendered".
document.addEventListener('securitypolicyviolation', (e) => recordCspViolation(`${e.violatedDirective} ${e.blockedURI}`.trim()));

const app = document.getElementById('app') ?? document.body.appendChild(el('main', { attrs: { id: 'app' } }));
const content = el('div', { class: 'content', attrs: { id: 'content' } });
app.replaceChildren(statusRegions(), content);

function show(): void {
  const model = currentModel();
  if (!model) return renderWaiting(content);
  try {
    renderModel(content, model);
  } catch (err) {
    // A model that passes validation but still breaks a renderer must not leave a blank panel.
    addNotice(`Could not show the evaluation: ${err instanceof Error ? err.message : String(err)}`);
    document.body.dataset.ready = 'true';
  }
}

const saved = vscode.getState();
if (saved !== undefined && saved !== null) {
  const state = checkPanelState(saved);
  if (state.ok) restored(state.value);
  else addNotice(`Ignored the saved panel state (${state.problem}).`);
}
show();
if (currentModel()) window.scrollTo(0, savedScrollY());
trackScroll();
watchTheme(restyleCharts);

/** Scrolls to a chart and gives it the focus (it is made focusable for that), opening a closed section around it. */
function focusChart(id: string): void {
  const target = [...document.querySelectorAll<HTMLElement>('[data-chart-id]')].find((e) => e.dataset.chartId === id);
  if (!target) return;
  for (let d = target.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  document.body.dataset.focused = id;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const checked = checkMessage(event.data);
  if (!checked.ok) {
    const type = typeof event.data === 'object' && event.data !== null && 'type' in event.data ? String((event.data as { type: unknown }).type) : typeof event.data;
    addNotice(`Ignored a message the panel cannot use (${type}: ${checked.problem}).`);
    return;
  }
  const m = checked.value;
  switch (m.type) {
    case 'setViewModel':
      showError(null);
      setModel(m.model);
      show();
      break;
    case 'running':
      setRunning(m.text);
      if (m.text !== null) showError(null);
      break;
    case 'error':
      showError(m.message);
      break;
    case 'focus':
      focusChart(m.chartId);
      break;
    case 'requestChart':
      if (!saveChartById(m.chartId, m.format)) addNotice(`No chart ${m.chartId} on the page to save.`);
      break;
  }
});

post({ type: 'ready' });
