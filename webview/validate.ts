// Every message from the host, and the restored panel state, checked before use: the envelope
// and the fields the panel reads (zod/mini, the tree-shakable build of zod 4). Objects are loose,
// so fields the panel does not read pass through untouched. A message that fails is ignored and
// named in a notice; it never reaches the renderer.
import * as z from 'zod/mini';
import type { PanelState, ToWebview, ViewModel } from './protocol';

const count = z.int().check(z.nonnegative());
const line = z.int().check(z.positive());
const summary = z.looseObject({ mean: z.number(), stddev: z.number() });

const finding = z.looseObject({
  plugin: z.string(),
  knob: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  summary: z.string(),
  evidence: z.array(z.looseObject({ docLine: line, file: z.string() })),
});

const metricRow = z.looseObject({
  name: z.string(),
  unit: z.string(),
  better: z.enum(['lower', 'higher']),
  before: summary,
  after: summary,
  changePct: z.nullable(z.number()),
  pValue: z.nullable(z.number()),
  significant: z.boolean(),
});

const scenarioResult = z.looseObject({
  name: z.string(),
  description: z.string(),
  seeds: z.array(z.int()),
  metrics: z.array(metricRow),
});

const report = z.looseObject({
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  input: z.looseObject({ file: z.string(), format: z.string(), subject: z.string() }),
  base: z.looseObject({ kernel: z.string(), note: z.string() }),
  findings: z.array(finding),
  perPatch: z.optional(z.array(z.looseObject({ subject: z.string(), findings: z.array(finding), scenarios: z.optional(z.array(scenarioResult)) }))),
  unmodelled: z.array(z.looseObject({ file: z.string(), docLine: line, reason: z.string() })),
  files: z.array(z.string()),
  scenarios: z.array(scenarioResult),
  // Absent in a state saved by an older version: the column is then left empty.
  fidelity: z.optional(z.array(z.looseObject({ metric: z.string(), kind: z.string(), statement: z.string() }))),
  reproduce: z.string(),
});

const slabLine = z.looseObject({
  name: z.string(),
  activeObjs: count,
  numObjs: count,
  objsize: count,
  objPerSlab: count,
  pagesPerSlab: count,
  numSlabs: count,
});

const runDetail = z.looseObject({
  scenario: z.string(),
  variant: z.enum(['before', 'after']),
  seed: z.int(),
  pageSize: z.int().check(z.positive()),
  classes: z.array(z.looseObject({ size: count, pagesUsed: count, storedBytes: count, objAllocated: count, objUsed: count })),
  slab: z.looseObject({ merged: z.boolean(), lines: z.array(slabLine) }),
  series: z.array(z.looseObject({ op: count, metrics: z.record(z.string(), z.nullable(z.number())) })),
});

const viewModel = z.looseObject({
  title: z.string(),
  source: z.looseObject({ uri: z.nullable(z.string()), label: z.string() }),
  report,
  details: z.array(runDetail),
  controls: z.looseObject({
    scenarios: z.array(z.string()),
    available: z.array(z.looseObject({ name: z.string(), description: z.string() })),
    seeds: z.int().check(z.positive()),
    maxSeeds: z.int().check(z.positive()),
    kernel: z.string(),
  }),
});

const toWebview = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('setViewModel'), model: viewModel }),
  z.looseObject({ type: z.literal('running'), text: z.nullable(z.string()) }),
  z.looseObject({ type: z.literal('error'), message: z.string() }),
  z.looseObject({ type: z.literal('focus'), chartId: z.string() }),
  z.looseObject({ type: z.literal('requestChart'), chartId: z.string(), format: z.enum(['png', 'svg']) }),
]);

const panelState = z.looseObject({
  model: z.nullable(viewModel),
  scrollY: z.optional(z.number()),
  open: z.optional(z.array(z.string())),
});

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The first problem zod found, as "path: message" (short enough for a notice). */
function problemOf(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return `${path || 'message'}: ${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : ''}`;
}

export function checkMessage(data: unknown): Checked<ToWebview> {
  const r = toWebview.safeParse(data);
  return r.success ? { ok: true, value: r.data as unknown as ToWebview } : { ok: false, problem: problemOf(r.error) };
}

export function checkViewModel(data: unknown): Checked<ViewModel> {
  const r = viewModel.safeParse(data);
  return r.success ? { ok: true, value: r.data as unknown as ViewModel } : { ok: false, problem: problemOf(r.error) };
}

export function checkPanelState(data: unknown): Checked<PanelState> {
  const r = panelState.safeParse(data);
  return r.success ? { ok: true, value: r.data as unknown as PanelState } : { ok: false, problem: problemOf(r.error) };
}
