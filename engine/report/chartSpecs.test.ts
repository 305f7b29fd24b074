// Chart specs from a real tiny evaluation (the sample shared-caches patch on tiny-zswap, 2 seeds)
// and its seed-1 run details: both variants in every chart, labels that are the class sizes and
// cache names of the runs, tables that say what the series draw, and the text report's numbers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { repoRoot } from '../../test/repoRoot';
import { planEvaluation, type Report } from '../evaluate';
import { prepareEvaluation, runPreparedHere } from '../evaluateRequest';
import { runDetail, type RunDetail } from '../runDetail';
import { byteAxis, cell, chartSpecsForScenario, comparisonRows, pointCount, rounded, slabBytes, slabUnusedBytes, SLAB_TOP_CACHES, type ChartSpec } from './chartSpecs';
import { formatChange, rounded as textRounded } from './evaluateText';

process.chdir(repoRoot());

const TINY = 'test/fixtures/scenarios/tiny-zswap.yaml';
const prepared = prepareEvaluation({ file: 'samples/patches/share-slab-caches.patch', scenarios: [TINY], seeds: 2 });
const report: Report = runPreparedHere(prepared);
const plan = planEvaluation(prepared.inputs[0], prepared.options);
const details: RunDetail[] = [runDetail(plan, 0, 'before', 1), runDetail(plan, 0, 'after', 1)];
const scenario = report.scenarios[0].name;
const specs = chartSpecsForScenario(report, scenario, details);
const only = (group: ChartSpec['group']) => specs.filter((s) => s.group === group);
const detail = (v: 'before' | 'after') => details.find((d) => d.variant === v)!;

/** The series' values as the table must show them: label, then per series value (and sd). */
function expectedRows(spec: ChartSpec): string[][] {
  return spec.labels.map((label, i) => [label, ...spec.series.flatMap((s) => (s.errors ? [cell(s.values[i]), rounded(s.errors[i])] : [cell(s.values[i])]))]);
}

describe('chart specs of a real tiny evaluation', () => {
  test('one metric chart per report metric, then classes, slab and one time series per metric; ids unique', () => {
    const metrics = report.scenarios[0].metrics.map((m) => m.name);
    assert.deepEqual(only('metric').map((s) => s.metric), metrics);
    assert.deepEqual(only('series').map((s) => s.metric), metrics);
    assert.equal(only('classes').length, 1);
    assert.equal(only('slab').length, 1);
    assert.equal(new Set(specs.map((s) => s.id)).size, specs.length);
    assert.deepEqual(only('classes')[0].id, `${scenario}/classes`);
  });

  test('every chart draws both variants', () => {
    for (const spec of specs) {
      assert.deepEqual([...new Set(spec.series.map((s) => s.variant))].sort(), ['after', 'before'], spec.id);
      for (const v of ['before', 'after'] as const) assert.ok(spec.series.some((s) => s.variant === v && s.values.some((x) => x !== null)), `${spec.id}: ${v} has values`);
    }
  });

  test('every table says what its chart draws: a row per label, a column per series (and its sd)', () => {
    for (const spec of specs) {
      assert.equal(spec.table.rows.length, spec.labels.length, spec.id);
      assert.deepEqual(spec.table.columns.slice(1, 1 + spec.series.reduce((n, s) => n + (s.errors ? 2 : 1), 0)), spec.series.flatMap((s) => (s.errors ? [s.name, `${s.name} ± sd`] : [s.name])), spec.id);
      assert.deepEqual(spec.table.rows.map((r) => r.slice(0, expectedRows(spec)[0].length)), expectedRows(spec), spec.id);
      for (const row of spec.table.rows) assert.equal(row.length, spec.table.columns.length, spec.id);
      for (const s of spec.series) assert.equal(s.values.length, spec.labels.length, `${spec.id} ${s.name}`);
      assert.ok(spec.summary.length > 20 && spec.table.caption.length > 10);
    }
  });

  test('metric charts: the report means with ± sd, before then after', () => {
    for (const m of report.scenarios[0].metrics) {
      const spec = specs.find((s) => s.id === `${scenario}/metric/${m.name}`)!;
      assert.deepEqual(spec.series.map((s) => [s.variant, s.values[0], s.errors![0]]), [['before', m.before.mean, m.before.stddev], ['after', m.after.mean, m.after.stddev]]);
      assert.equal(spec.unit, m.unit);
      assert.equal(pointCount(spec), 2);
    }
    const caches = specs.find((s) => s.id === `${scenario}/metric/slab.caches`)!;
    assert.match(caches.summary, /before 64 ± 0 caches, after 2 ± 0 caches/);
  });

  test('classes chart: labels are the run classes sizes ascending; stored + unused = pages used × page size, per variant', () => {
    const spec = only('classes')[0];
    const sizes = [...new Set(details.flatMap((d) => d.classes.map((c) => c.size)))].sort((a, b) => a - b);
    assert.deepEqual(spec.labels, sizes.map(String));
    assert.ok(sizes.length > 20, 'a uniform 100..3000 workload touches many classes');
    for (const v of ['before', 'after'] as const) {
      const stored = spec.series.find((s) => s.variant === v && s.role === 'value')!;
      const waste = spec.series.find((s) => s.variant === v && s.role === 'waste')!;
      assert.equal(stored.stack, v);
      assert.equal(waste.stack, v);
      const d = detail(v);
      for (const c of d.classes) {
        const i = spec.labels.indexOf(String(c.size));
        assert.equal(stored.values[i], c.storedBytes, `${v} class ${c.size}`);
        assert.equal(stored.values[i]! + waste.values[i]!, c.pagesUsed * d.pageSize, `${v} class ${c.size}`);
        assert.equal(spec.table.rows[i][spec.table.columns.indexOf(`${v}: pages used × page size`)], cell(c.pagesUsed * d.pageSize));
      }
    }
  });

  test('slab chart: 64 caches before (32 pools, one name per kind), 2 after; one row per name with its cache count; totals kept', () => {
    const spec = only('slab')[0];
    assert.equal(spec.kind, 'horizontalBar');
    assert.equal(detail('before').slab.lines.length, 64);
    assert.equal(detail('after').slab.lines.length, 2);
    assert.deepEqual([...spec.labels].sort(), ['zs_handle (32 before, 1 after)', 'zspage (32 before, 1 after)']);
    for (const v of ['before', 'after'] as const) {
      const d = detail(v);
      const bytes = spec.series.find((s) => s.variant === v && s.role === 'value')!;
      const unused = spec.series.find((s) => s.variant === v && s.role === 'waste')!;
      for (const [i, label] of spec.labels.entries()) {
        const lines = d.slab.lines.filter((l) => label.startsWith(l.name + ' '));
        assert.equal(bytes.values[i], lines.reduce((s, l) => s + slabBytes(l, d.pageSize), 0), `${v} ${label}`);
        assert.equal(unused.values[i], lines.reduce((s, l) => s + slabUnusedBytes(l), 0), `${v} ${label}`);
      }
    }
  });

  test('slab chart with a name per pool (6.12 style): the largest names, the rest summed as others', () => {
    // Per-pool names, and pool i given i extra slabs so that the ranking is known.
    const perPool = (d: RunDetail): RunDetail => ({ ...d, slab: { merged: false, lines: d.slab.lines.map((l, i) => ({ ...l, name: `${l.name}-zswap${i >> 1}`, numSlabs: l.numSlabs + 100 * i })) } });
    const before = perPool(detail('before'));
    const after = detail('after');
    const spec = chartSpecsForScenario(report, scenario, [before, after]).find((s) => s.group === 'slab')!;
    const ranked = [...before.slab.lines.map((l) => ({ name: l.name, bytes: slabBytes(l, before.pageSize) })), ...after.slab.lines.map((l) => ({ name: l.name, bytes: slabBytes(l, after.pageSize) }))].sort((x, y) => y.bytes - x.bytes);
    assert.deepEqual(spec.labels.slice(0, SLAB_TOP_CACHES), ranked.slice(0, SLAB_TOP_CACHES).map((r) => r.name));
    const afterShown = after.slab.lines.filter((l) => spec.labels.includes(l.name)).length;
    const beforeShown = SLAB_TOP_CACHES - afterShown;
    assert.equal(spec.labels[SLAB_TOP_CACHES], `others (${64 - beforeShown} before, ${2 - afterShown} after)`);
    assert.equal(spec.labels.length, SLAB_TOP_CACHES + 1);
    const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
    for (const [v, d] of [['before', before], ['after', after]] as const) {
      assert.equal(sum(spec.series.find((s) => s.variant === v && s.role === 'value')!.values), d.slab.lines.reduce((s, l) => s + slabBytes(l, d.pageSize), 0), v);
      assert.equal(sum(spec.series.find((s) => s.variant === v && s.role === 'waste')!.values), d.slab.lines.reduce((s, l) => s + slabUnusedBytes(l), 0), v);
    }
  });

  test('time series: one line per variant over the sampled op counts, values from the run', () => {
    for (const spec of only('series')) {
      assert.equal(spec.kind, 'line');
      for (const v of ['before', 'after'] as const) {
        const points = detail(v).series;
        const s = spec.series.find((x) => x.variant === v)!;
        assert.deepEqual(points.map((p) => String(p.op)), spec.labels);
        assert.deepEqual(s.values, points.map((p) => p.metrics[spec.metric as keyof typeof p.metrics]));
      }
    }
  });

  test('comparison rows use the text report numbers and its ? mark', () => {
    const rows = comparisonRows(report.scenarios[0]);
    report.scenarios[0].metrics.forEach((m, i) => {
      assert.equal(rows[i].metric, m.name);
      assert.equal(rows[i].before, `${textRounded(m.before.mean)} ± ${textRounded(m.before.stddev)}`);
      assert.equal(rows[i].change, formatChange(m) + (m.significant || m.changePct === 0 ? '' : '?'));
    });
  });
});

describe('chart specs, edge cases', () => {
  test('byte axes: one unit, a round step, the top at or above the largest value', () => {
    const cases: [number, string, number][] = [[1.14 * 2 ** 20, 'MiB', 0.25 * 2 ** 20], [11.7 * 1024, 'KiB', 2.5 * 1024], [600, 'B', 200], [524288, 'KiB', 200 * 1024]];
    for (const [max, unit, step] of cases) {
      const a = byteAxis(max);
      assert.equal(a.unit, unit, String(max));
      assert.equal(a.step, step, String(max));
      assert.ok(a.max >= max && a.max - a.step < max, String(max));
      assert.equal(a.max % a.step, 0);
    }
    assert.equal(byteAxis(2 ** 20).format(0.75 * 2 ** 20), '0.75 MiB');
  });

  test('nothing modelled: no scenarios, no charts; an unknown scenario: none', () => {
    assert.deepEqual(chartSpecsForScenario({ ...report, scenarios: [] }, scenario, details), []);
    assert.deepEqual(chartSpecsForScenario(report, 'no-such-scenario', details), []);
  });

  test('without run details only the metric charts', () => {
    assert.deepEqual(chartSpecsForScenario(report, scenario, []).map((s) => s.group), report.scenarios[0].metrics.map(() => 'metric'));
  });

  test('slab merging on: no slab chart (the panel says why instead)', () => {
    const merged = details.map((d) => ({ ...d, slab: { merged: true, lines: [] } }));
    const groups = chartSpecsForScenario(report, scenario, merged).map((s) => s.group);
    assert.ok(!groups.includes('slab'));
    assert.ok(groups.includes('classes'));
  });

  test('empty runs: no classes or slab chart rather than a chart without points', () => {
    const empty = details.map((d) => ({ ...d, classes: [], slab: { merged: false, lines: [] } }));
    const groups = chartSpecsForScenario(report, scenario, empty).map((s) => s.group);
    assert.ok(!groups.includes('classes') && !groups.includes('slab'));
    for (const spec of specs) assert.ok(pointCount(spec) > 0, spec.id);
  });

  test('a variant without a class or cache the other has shows a dash in the table, not a zero', () => {
    const before = detail('before');
    const fewer = { ...detail('after'), classes: detail('after').classes.slice(1) };
    const spec = chartSpecsForScenario(report, scenario, [before, fewer]).find((s) => s.group === 'classes')!;
    const i = spec.labels.indexOf(String(before.classes[0].size));
    assert.equal(spec.series.find((s) => s.variant === 'after' && s.role === 'value')!.values[i], null);
    assert.equal(spec.table.rows[i][spec.table.columns.indexOf('after: stored bytes')], '—');
  });
});
