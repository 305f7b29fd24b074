// `zsreview evaluate FILE`: read a patch, find what it changes, run the scenarios before and
// after over several seeds, and print the comparison (text, JSON, Markdown or CSV).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEvaluateConfig } from '../config/evaluateConfig';
import { DEFAULT_KERNEL, evaluateInput, inputFromPatch, perPatchInputs, withPerPatchResults, type EvaluationInput, type Report } from '../evaluate';
import { evaluateInWorkers } from '../workerPool';
import { KERNEL_VERSIONS, type KernelVersion } from '../kernel/params';
import { InputError } from '../inputError';
import { allFiles, PATCH_FORMATS, type Patch, type PatchFormat } from '../patch/patch';
import { readPatch } from '../patch/read';
import { MAX_PATCH_BYTES, readTextInput } from '../readInput';
import { formatEvaluateCsv, formatEvaluateMarkdown } from '../report/evaluateTables';
import { formatEvaluateText } from '../report/evaluateText';
import { TOOL } from '../version';
import { readScenario } from '../workload/scenario';
import { choice, parseCommandArgs, UsageError, wholeNumber, type Io } from './args';
import { bundledScenarios, resolveRunInput } from './scenarioFiles';

const FORMATS = ['text', 'json', 'markdown', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export function renderReport(r: Report, format: Format): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format === 'markdown') return formatEvaluateMarkdown(r);
  if (format === 'csv') return formatEvaluateCsv(r);
  return formatEvaluateText(r);
}

export function evaluateCommand(args: string[], io: Io): number | Promise<number> {
  const cmd = 'evaluate';
  const { values, positionals } = parseCommandArgs(cmd, args, {
    scenario: { type: 'string', multiple: true },
    seeds: { type: 'string' },
    kernel: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'input-format': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('zsreview evaluate: give exactly one patch or evaluation config, e.g. zsreview evaluate samples/patches/share-slab-caches.patch');
  const seeds = wholeNumber(cmd, 'seeds', values.seeds, 1, 50) ?? 5;
  const kernel = values.kernel === undefined ? undefined : choice(cmd, 'kernel', values.kernel, KERNEL_VERSIONS, '6.10');
  const format = choice(cmd, 'format', values.format, FORMATS, 'text');
  const names = (values.scenario as string[] | undefined) ?? bundledScenarios().map((s) => s.name);
  const known = bundledScenarios().map((s) => s.name);
  const scenarios = names.map((name) => {
    const input = resolveRunInput(name);
    if (input.kind !== 'scenario') throw new UsageError(`zsreview evaluate: --scenario '${name}' is not a bundled scenario or a .yaml file; bundled: ${known.join(', ')}`);
    return { file: input.file, scenario: readScenario(readTextInput(input.file, 'a scenario (*.yaml)'), input.file) };
  });
  const file = positionals[0];
  const inputFormat = values['input-format'] === undefined ? undefined : choice(cmd, 'input-format', values['input-format'], PATCH_FORMATS, 'unified-diff');
  const isConfig = /\.(ya?ml|json)$/i.test(file);
  const patchFile = isConfig ? null : readPatchFile(file, inputFormat);
  const input = patchFile ? inputFromPatch(patchFile, kernel) : configInput(file, kernel);
  const command = [`${TOOL.name} ${TOOL.version}`, 'evaluate', file, ...names.flatMap((n) => ['--scenario', n]), '--seeds', String(seeds), '--kernel', kernel ?? DEFAULT_KERNEL].join(' ');
  const options = {
    scenarios,
    seeds,
    kernel,
    command,
    onProgress: io.progress ? (done: number, total: number) => io.progress!(`evaluating: ${done}/${total} runs`) : undefined,
  };
  const finish = (report: Report): number => {
    if (values.out) {
      mkdirSync(values.out, { recursive: true });
      for (const [f, ext] of [['text', 'txt'], ['json', 'json'], ['markdown', 'md'], ['csv', 'csv']] as const) writeFileSync(join(values.out, `report.${ext}`), renderReport(report, f));
    }
    io.out(renderReport(report, format));
    return 0;
  };
  // The bundled command runs scenarios on worker threads; in-process callers (tests) in this thread.
  // A series runs as a whole, then patch by patch (each alone on the base).
  const inputs = [input, ...(patchFile ? perPatchInputs(patchFile, kernel) : [])];
  const merge = (reports: Report[]) => withPerPatchResults(reports[0], reports.slice(1));
  if (io.workerScript) {
    const script = io.workerScript;
    return (async () => {
      const reports: Report[] = [];
      for (const i of inputs) reports.push(await evaluateInWorkers(i, options, script));
      return finish(merge(reports));
    })();
  }
  return finish(merge(inputs.map((i) => evaluateInput(i, options))));
}

function readPatchFile(file: string, format: PatchFormat | undefined): Patch {
  const patch = readPatch(readTextInput(file, 'a patch, mbox or mail', MAX_PATCH_BYTES), file, { format });
  if (allFiles(patch).length === 0) throw new InputError(file, 0, 'contains no diff (no "diff --git", "---"/"+++" or "@@" lines)', 'give a patch, an mbox, a mail quoting a patch, a unified diff, or an evaluation config (*.yaml)');
  return patch;
}

/** An evaluation config (*.yaml, *.json): the variants named directly. */
function configInput(file: string, kernel: KernelVersion | undefined): EvaluationInput {
  const c = readEvaluateConfig(readTextInput(file, 'an evaluation config (*.yaml)', MAX_PATCH_BYTES), file, kernel);
  return { file, format: 'config', subject: c.subject, base: c.base, baseNote: c.baseNotes.join('; '), findings: c.findings, unmodelled: [], files: [] };
}
