// The one message contract between the extension host and the results panel (both directions).
// The host pushes a whole view model; the webview sends back what the user asked for. Both
// sides import this file; the webview validates every message it receives (see validate.ts).
import type { Report } from '../engine/evaluate';
import type { RunDetail } from '../engine/runDetail';

/** A scenario the panel can offer in its controls. */
export interface ScenarioChoice {
  readonly name: string;
  readonly description: string;
}

/** What the panel shows: one evaluation of one input. */
export interface ViewModel {
  /** Panel title: the patch subject, or the file name when there is none. */
  readonly title: string;
  /** Where the input came from, for "reveal this line" (a document URI, or null when there is no editor to go to). */
  readonly source: { readonly uri: string | null; readonly label: string };
  readonly report: Report;
  /** The run behind the per-class, per-cache and time-series charts: seed 1 of each scenario, both variants. */
  readonly details: readonly RunDetail[];
  /** The controls' current values and choices. */
  readonly controls: {
    readonly scenarios: readonly string[];
    readonly available: readonly ScenarioChoice[];
    readonly seeds: number;
    readonly maxSeeds: number;
    readonly kernel: string;
  };
}

export type ToWebview =
  /** Everything the panel shows (replaces what it showed). */
  | { readonly type: 'setViewModel'; readonly model: ViewModel }
  /** An evaluation started from the panel is running (text: progress) or has ended (null). */
  | { readonly type: 'running'; readonly text: string | null }
  /** A re-run from the panel failed; the old model stays. */
  | { readonly type: 'error'; readonly message: string }
  /** Bring this chart (`[data-chart-id]`) into view, e.g. from an annotation's "open chart". */
  | { readonly type: 'focus'; readonly chartId: string }
  /** Send this chart back as a saveChart message (the palette's "Save Chart…"). */
  | { readonly type: 'requestChart'; readonly chartId: string; readonly format: 'png' | 'svg' };

export type FromWebview =
  /** The webview has loaded and listens: the host may post the model. */
  | { readonly type: 'ready' }
  /** Show line `docLine` (1-based) of the evaluated document in its editor. */
  | { readonly type: 'revealLine'; readonly docLine: number }
  /** Evaluate again with these scenarios and seeds. */
  | { readonly type: 'rerun'; readonly scenarios: readonly string[]; readonly seeds: number }
  /** Cancel the running re-run. */
  | { readonly type: 'cancel' }
  /** Save a chart as drawn (a data: URL of the PNG, or the SVG text); the host adds the reproduce line and opens a save dialog. */
  | { readonly type: 'saveChart'; readonly chartId: string; readonly format: 'png'; readonly dataUrl: string }
  | { readonly type: 'saveChart'; readonly chartId: string; readonly format: 'svg'; readonly svg: string }
  /** Save the report's tables in this format (the host opens a save dialog). */
  | { readonly type: 'export'; readonly format: 'csv' | 'markdown' | 'json' | 'text' }
  /**
   * What the webview drew, for tests and for the host's log: chart ids with their data point
   * counts, table count, and any Content-Security-Policy violations seen.
   */
  | { readonly type: 'rendered'; readonly charts: readonly { readonly id: string; readonly points: number }[]; readonly tables: number; readonly cspViolations: readonly string[] };

/** What the panel keeps across hide/show and window reloads (vscode.getState / setState and the serializer). */
export interface PanelState {
  readonly model: ViewModel | null;
  /** Scroll position and which details are open, so a restored panel looks the same. */
  readonly scrollY?: number;
  readonly open?: readonly string[];
}

export const PANEL_VIEW_TYPE = 'zsreview.results';
