// `zsreview evaluate FILE`: read a patch, find what it changes, run the scenarios before and
// after over several seeds, and print the comparison (text, JSON, Markdown or CSV).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planEvaluation, type Report } from '../evaluate';
import { chartRuns } from '../runDetail';
import { CHART_FORMATS, writeChartFiles, type ChartFormat } from './chartFiles';
import { DEFAULT_SEEDS, MAX_CPUS, MAX_SEEDS, prepareEvaluation, runPrepared, runPreparedHere } from '../evaluateRequest';
import { KERNEL_VERSIONS } from '../kernel/params';
import { PATCH_FORMATS } from '../patch/patch';
import { renderReport, REPORT_FORMATS } from '../report/render';
import { choice, parseCommandArgs, UsageError, wholeNumber, type Io } from './args';

const FORMATS = REPORT_FORMATS;

export function evaluateCommand(args: string[], io: Io): number | Promise<number> {
  const cmd = 'evaluate';
  const { values, positionals } = parseCommandArgs(cmd, args, {
    scenario: { type: 'string', multiple: true },
    seeds: { type: 'string' },
    kernel: { type: 'string' },
    cpus: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    chart: { type: 'string' },
    'input-format': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('zsreview evaluate: give exactly one patch or evaluation config, e.g. zsreview evaluate samples/patches/share-slab-caches.patch');
  const seeds = wholeNumber(cmd, 'seeds', values.seeds, 1, MAX_SEEDS) ?? DEFAULT_SEEDS;
  const kernel = values.kernel === undefined ? undefined : choice(cmd, 'kernel', values.kernel, KERNEL_VERSIONS, '6.10');
  const format = choice(cmd, 'format', values.format, FORMATS, 'text');
  const cpus = wholeNumber(cmd, 'cpus', values.cpus, 1, MAX_CPUS);
  const inputFormat = values['input-format'] === undefined ? undefined : choice(cmd, 'input-format', values['input-format'], PATCH_FORMATS, 'unified-diff');
  const onProgress = io.progress ? (done: number, total: number) => io.progress!(`evaluating: ${done}/${total} runs`) : undefined;
  const prepared = prepareEvaluation({ file: positionals[0], scenarios: values.scenario as string[] | undefined, seeds, kernel, cpus, inputFormat }, onProgress);
  const charts = chartFormats(values.chart, values.out);
  const finish = (report: Report): number => {
    if (values.out) {
      mkdirSync(values.out, { recursive: true });
      for (const [f, ext] of [['text', 'txt'], ['json', 'json'], ['markdown', 'md'], ['csv', 'csv']] as const) writeFileSync(join(values.out, `report.${ext}`), renderReport(report, f));
      if (charts.length > 0) {
        writeChartFiles(report, chartRuns(planEvaluation(prepared.inputs[0], prepared.options)), charts, values.out);
      }
    }
    io.out(renderReport(report, format));
    return 0;
  };
  // The bundled command runs scenarios on worker threads; in-process callers (tests) in this thread.
  // A series runs as a whole, then patch by patch (each alone on the base).
  if (io.workerScript) return runPrepared(prepared, io.workerScript).then(finish);
  return finish(runPreparedHere(prepared));
}

/** --chart png,svg (needs --out): the formats, checked. */
function chartFormats(value: string | undefined, out: string | undefined): ChartFormat[] {
  if (value === undefined) return [];
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  const bad = formats.find((f) => !(CHART_FORMATS as readonly string[]).includes(f));
  if (bad !== undefined || formats.length === 0) throw new UsageError(`zsreview evaluate: --chart '${value}' is not allowed; use png, svg or png,svg`);
  if (out === undefined) throw new UsageError('zsreview evaluate: --chart needs --out DIR to write the chart files into');
  return formats as ChartFormat[];
}
