// The VS Code webview API and what the panel keeps across hide/show and reloads (PanelState):
// the model, the scroll position and which <details> are open.
import type { FromWebview, PanelState, ViewModel } from './protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** acquireVsCodeApi may be called once per page. */
export const vscode: VsCodeApi = acquireVsCodeApi();

export function post(message: FromWebview): void {
  vscode.postMessage(message);
}

let model: ViewModel | null = null;
let scrollY = 0;
const open = new Set<string>();

export function restored(state: PanelState): void {
  model = state.model;
  scrollY = state.scrollY ?? 0;
  open.clear();
  for (const key of state.open ?? []) open.add(key);
}

export function currentModel(): ViewModel | null {
  return model;
}

export function savedScrollY(): number {
  return scrollY;
}

export function isOpen(key: string): boolean {
  return open.has(key);
}

function save(): void {
  vscode.setState({ model, scrollY, open: [...open] });
}

export function setModel(m: ViewModel): void {
  model = m;
  save();
}

export function setOpen(key: string, isNowOpen: boolean): void {
  if (isNowOpen) open.add(key);
  else open.delete(key);
  save();
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;

/** Remembers the scroll position a moment after scrolling stops. */
export function trackScroll(): void {
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      scrollY = window.scrollY;
      save();
    }, 200);
  }, { passive: true });
}
