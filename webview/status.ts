// The panel's transient state that is not part of the model: a re-run in progress (its progress
// text), the last re-run error (an alert), and notices about messages the panel ignored. These
// live in elements that survive a re-render of the model.
import { button, el } from './dom';

let running: string | null = null;
let alertBox: HTMLElement;
let noticeBox: HTMLElement;
const MAX_NOTICES = 3;

/** The persistent regions, created once at start (an alert region must exist before it is filled). */
export function statusRegions(): HTMLElement {
  alertBox = el('div', { class: 'alert', attrs: { id: 'alert', role: 'alert', hidden: true } });
  noticeBox = el('div', { class: 'notices', attrs: { id: 'notices', role: 'status', 'aria-live': 'polite' } });
  return el('div', { class: 'status-regions' }, alertBox, noticeBox);
}

export function showError(message: string | null): void {
  alertBox.replaceChildren();
  if (message === null) {
    alertBox.hidden = true;
    return;
  }
  alertBox.hidden = false;
  alertBox.append(el('strong', { text: 'Re-run failed: ' }), el('span', { class: 'alert-message', text: message }), ' ', button('Dismiss', () => showError(null), 'secondary small'));
}

/** A small notice: the panel got something it could not use and ignored it. */
export function addNotice(text: string): void {
  const item = el('p', { class: 'notice', text });
  noticeBox.append(item);
  while (noticeBox.children.length > MAX_NOTICES) noticeBox.firstElementChild?.remove();
}

export function isRunning(): boolean {
  return running !== null;
}

export function setRunning(text: string | null): void {
  running = text;
  applyRunning();
}

/** Shows the progress line and Cancel button inside the controls (if the controls are on the page). */
export function applyRunning(): void {
  const progress = document.getElementById('progress');
  const rerun = document.getElementById('rerun') as HTMLButtonElement | null;
  if (rerun) rerun.disabled = running !== null;
  if (!progress) return;
  const text = progress.querySelector('.progress-text');
  const cancel = progress.querySelector<HTMLButtonElement>('button');
  progress.hidden = running === null;
  if (text) text.textContent = running ?? '';
  if (cancel) cancel.disabled = running === null;
}
