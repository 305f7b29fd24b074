// Patch → Report: the findings give a before and an after variant of the kernel; every scenario
// runs on both with the same seeds; every metric gets mean ± sd, % change and Welch's p-value.
import { kernelParams, type KernelParams, type KernelVersion } from './kernel/params';
import { METRICS, type MetricName, type MetricValues } from './metrics';
import type { Finding } from './patch/finding';
import type { Patch, PatchFormat } from './patch/patch';
import { detectChanges, type Unmodelled } from './patch/registry';
import { changePct, summarize, welchPValue, type Summary } from './stats';
import { TOOL } from './version';
import { metricFidelity, type MetricFidelityNote } from './report/metricFidelity';
import { runScenario } from './workload/runScenario';
import type { Scenario } from './workload/scenario';

import { DEFAULT_KERNEL } from './evaluateLimits';
export { DEFAULT_KERNEL };
export { UNSIMULATED_KNOBS } from './unsimulated';

/** Below this Welch p-value a change counts as significant. */
export const SIGNIFICANCE = 0.05;

export interface MetricRow {
  readonly name: MetricName;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly before: Summary;
  readonly after: Summary;
  readonly changePct: number | null;
  readonly pValue: number | null;
  readonly significant: boolean;
}

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly seeds: readonly number[];
  readonly metrics: readonly MetricRow[];
}

export interface Report {
  readonly tool: typeof TOOL;
  /** sha256: of the input text, so that a report (and every file exported from it) names exactly what was evaluated. */
  readonly input: { readonly file: string; readonly format: PatchFormat | 'config'; readonly subject: string; readonly sha256?: string };
  /** The base kernel, where it came from, and the two variants that ran. */
  readonly base: { readonly kernel: string; readonly note: string; readonly before: KernelParams; readonly after: KernelParams };
  readonly findings: readonly Finding[];
  /**
   * For a series (an mbox of several patches): what each patch changes on its own, and (once the
   * series is evaluated patch by patch) its scenarios with that patch alone applied to the base.
   */
  readonly perPatch?: readonly { readonly subject: string; readonly findings: readonly Finding[]; readonly scenarios?: readonly ScenarioResult[] }[];
  readonly unmodelled: readonly Unmodelled[];
  /** Files the patch touches (listed when nothing modelled changes). */
  readonly files: readonly string[];
  readonly scenarios: readonly ScenarioResult[];
  /** How close each metric shown is to a real kernel (from the fidelity fixture set). */
  readonly fidelity: readonly MetricFidelityNote[];
  readonly reproduce: string;
}

export interface EvaluateOptions {
  readonly scenarios: readonly { readonly file: string; readonly scenario: Scenario }[];
  readonly seeds: number;
  readonly kernel?: KernelVersion;
  /** The command line that reproduces the report (printed in it). */
  readonly command: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Applies each finding's `before` or `after` value to the base parameters. */
export function variantParams(base: KernelParams, findings: readonly Finding[], side: 'before' | 'after'): KernelParams {
  const p: Record<string, unknown> = { ...base };
  for (const f of findings) p[f.knob] = f[side];
  return { ...(p as unknown as KernelParams), version: findings.length > 0 ? 'custom' : base.version };
}

/** One scenario run of an evaluation: which scenario, which variant, which seed. */
export interface RunJob {
  readonly scenario: number;
  readonly variant: 'before' | 'after';
  readonly seed: number;
}

/** What is evaluated: the findings (from a patch or a config) on a base kernel. */
export interface EvaluationInput {
  readonly file: string;
  readonly format: PatchFormat | 'config';
  readonly subject: string;
  readonly base: KernelParams;
  readonly baseNote: string;
  readonly findings: readonly Finding[];
  readonly unmodelled: readonly Unmodelled[];
  readonly files: readonly string[];
  readonly perPatch?: Report['perPatch'];
  /** Hex sha256 of the input text. */
  readonly sha256?: string;
}

/** A patch as an evaluation input: the plugins' findings on the --kernel preset (default 6.10). */
export function inputFromPatch(patch: Patch, kernel?: KernelVersion): EvaluationInput {
  const base = kernelParams(kernel ?? DEFAULT_KERNEL);
  const { findings, unmodelled } = detectChanges(patch, base);
  return {
    file: patch.file,
    format: patch.format,
    subject: patch.messages[0]?.subject ?? '',
    base,
    baseNote: `kernel ${base.version} preset (${kernel ? '--kernel' : 'default; --kernel chooses another'}); before = base with each finding's old value, after = with its new value`,
    findings,
    unmodelled,
    files: [...new Set(patch.messages.flatMap((m) => m.files.map((f) => f.newPath || f.oldPath)))],
    ...(patch.messages.length > 1 ? { perPatch: patch.messages.map((m) => ({ subject: m.subject, findings: detectChanges({ ...patch, messages: [m] }, base).findings })) } : {}),
  };
}

/** What an evaluation needs to run, before anything runs. */
export interface EvaluationPlan {
  readonly input: EvaluationInput;
  readonly options: EvaluateOptions;
  readonly params: { readonly before: KernelParams; readonly after: KernelParams };
  readonly seeds: readonly number[];
  /** Empty when nothing modelled changes. */
  readonly jobs: readonly RunJob[];
}

export function planEvaluation(input: EvaluationInput, options: EvaluateOptions): EvaluationPlan {
  const seeds = Array.from({ length: options.seeds }, (_, i) => i + 1);
  const jobs: RunJob[] = [];
  if (input.findings.length > 0) {
    options.scenarios.forEach((_, scenario) => {
      for (const variant of ['before', 'after'] as const) for (const seed of seeds) jobs.push({ scenario, variant, seed });
    });
  }
  return { input, options, params: { before: variantParams(input.base, input.findings, 'before'), after: variantParams(input.base, input.findings, 'after') }, seeds, jobs };
}

/** Runs one job in this thread: the end-of-run metrics of one scenario, variant and seed. */
export function runJob(plan: EvaluationPlan, job: RunJob): MetricValues {
  const { file, scenario } = plan.options.scenarios[job.scenario];
  const run = runScenario(scenario, file, { seed: job.seed, params: plan.params[job.variant] });
  return run.snapshots[run.snapshots.length - 1].metrics;
}

/** The report from the plan and every job's metrics (results[i] belongs to plan.jobs[i]). */
export function assembleReport(plan: EvaluationPlan, results: readonly MetricValues[]): Report {
  const { input, options } = plan;
  const scenarios: ScenarioResult[] = plan.jobs.length === 0 ? [] : options.scenarios.map(({ scenario }, index) => {
    const of = (v: 'before' | 'after') => plan.jobs.map((j, i) => (j.scenario === index && j.variant === v ? results[i] : null)).filter((m): m is MetricValues => m !== null);
    const b = of('before');
    const a = of('after');
    const metrics = METRICS.flatMap((m): MetricRow[] => {
      const xs = b.map((v) => v[m.name]);
      const ys = a.map((v) => v[m.name]);
      if (xs.some((x) => x === null) || ys.some((y) => y === null)) return []; // slab merging hides the slab metrics
      const sb = summarize(xs as number[]);
      const sa = summarize(ys as number[]);
      const p = welchPValue(xs as number[], ys as number[]);
      return [{ name: m.name, unit: m.unit, better: m.better, before: sb, after: sa, changePct: changePct(sb.mean, sa.mean), pValue: p, significant: p !== null && p < SIGNIFICANCE }];
    });
    return { name: scenario.name, description: scenario.description, seeds: plan.seeds, metrics };
  });
  return {
    tool: TOOL,
    input: { file: input.file, format: input.format, subject: input.subject, ...(input.sha256 ? { sha256: input.sha256 } : {}) },
    base: { kernel: input.base.version, note: input.baseNote, before: plan.params.before, after: plan.params.after },
    findings: input.findings,
    ...(input.perPatch ? { perPatch: input.perPatch } : {}),
    unmodelled: input.unmodelled,
    files: input.files,
    scenarios,
    fidelity: metricFidelity(METRICS.map((m) => m.name).filter((name) => scenarios.some((s) => s.metrics.some((m) => m.name === name)))),
    reproduce: options.command,
  };
}

/** The whole evaluation in this thread. */
export function evaluateInput(input: EvaluationInput, options: EvaluateOptions): Report {
  const plan = planEvaluation(input, options);
  const results = plan.jobs.map((job, i) => {
    const r = runJob(plan, job);
    options.onProgress?.(i + 1, plan.jobs.length);
    return r;
  });
  return assembleReport(plan, results);
}

/** One evaluation input per patch of a series (empty for a single patch). */
export function perPatchInputs(patch: Patch, kernel?: KernelVersion): EvaluationInput[] {
  return patch.messages.length > 1 ? patch.messages.map((m) => ({ ...inputFromPatch({ ...patch, messages: [m] }, kernel), perPatch: undefined })) : [];
}

/** The series' report with each patch's own scenario results (reports[i] is patch i alone). */
export function withPerPatchResults(series: Report, reports: readonly Report[]): Report {
  if (!series.perPatch) return series;
  return { ...series, perPatch: series.perPatch.map((p, i) => ({ ...p, scenarios: reports[i]?.scenarios ?? [] })) };
}
