// One evaluation as a front end asks for it (the CLI's arguments, or the editor's command and
// settings): the input file or text, scenarios, seeds and kernel, resolved into evaluation
// inputs and run, in this thread or on worker threads. Bad input throws InputError or UsageError.
import { createHash } from 'node:crypto';
import { readEvaluateConfig } from './config/evaluateConfig';
import { UsageError } from './cli/args';
import { bundledScenarios, resolveRunInput } from './cli/scenarioFiles';
import { DEFAULT_KERNEL, evaluateInput, inputFromPatch, perPatchInputs, withPerPatchResults, type EvaluateOptions, type EvaluationInput, type Report } from './evaluate';
import { InputError } from './inputError';
import type { KernelVersion } from './kernel/params';
import { allFiles, type Patch, type PatchFormat } from './patch/patch';
import { readPatch } from './patch/read';
import { checkTextInput, MAX_PATCH_BYTES, readTextInput } from './readInput';
import { DEFAULT_SEEDS, isConfigFile, MAX_CPUS, MAX_SEEDS } from './evaluateLimits';
import { TOOL } from './version';
import { readScenario, type Scenario } from './workload/scenario';
import { evaluateInWorkers } from './workerPool';

export interface EvaluateRequest {
  /** The input's path (or an editor's name for an unsaved buffer): read from here unless `text` is given. */
  readonly file: string;
  readonly text?: string;
  /** Bundled scenario names or *.yaml paths; every bundled scenario when absent. */
  readonly scenarios?: readonly string[];
  readonly seeds?: number;
  readonly kernel?: KernelVersion;
  /** Run every scenario on a machine with this many CPUs instead of its own. */
  readonly cpus?: number;
  readonly inputFormat?: PatchFormat;
  /** The input is an evaluation config (*.yaml, *.json) rather than a patch; decided by the name when absent. */
  readonly isConfig?: boolean;
}

export interface PreparedEvaluation {
  /** The input as a whole, then (for a series) each patch alone on the base. */
  readonly inputs: readonly EvaluationInput[];
  readonly options: EvaluateOptions;
  /** The patch read (null for an evaluation config): where its hunks are, for annotations. */
  readonly patch: Patch | null;
}

export { DEFAULT_SEEDS, isConfigFile, MAX_CPUS, MAX_SEEDS } from './evaluateLimits';

/** Reads and checks everything the evaluation needs; nothing runs yet. */
export function prepareEvaluation(req: EvaluateRequest, onProgress?: (done: number, total: number) => void): PreparedEvaluation {
  const seeds = req.seeds ?? DEFAULT_SEEDS;
  if (!(Number.isInteger(seeds) && seeds >= 1 && seeds <= MAX_SEEDS)) throw new UsageError(`zsreview evaluate: seeds ${seeds} is not allowed; use a whole number in 1..${MAX_SEEDS}`);
  const known = bundledScenarios().map((s) => s.name);
  const names = req.scenarios && req.scenarios.length > 0 ? req.scenarios : known;
  if (names.length === 0) throw new UsageError('zsreview evaluate: no scenarios found (samples/scenarios is missing from this installation); give --scenario FILE.yaml');
  const scenarios = names.map((name) => {
    const input = resolveRunInput(name);
    if (input.kind !== 'scenario') throw new UsageError(`zsreview evaluate: --scenario '${name}' is not a bundled scenario or a .yaml file; bundled: ${known.join(', ')}`);
    const scenario = readScenario(readTextInput(input.file, 'a scenario (*.yaml)'), input.file);
    return { file: input.file, scenario: req.cpus === undefined ? scenario : onCpus(scenario, req.cpus) };
  });
  const { file, kernel } = req;
  const isConfig = req.isConfig ?? isConfigFile(file);
  const text = req.text !== undefined ? checkTextInput(req.text, file, isConfig ? 'an evaluation config (*.yaml)' : 'a patch, mbox or mail') : null;
  const inputText = text ?? readTextInput(file, isConfig ? 'an evaluation config (*.yaml)' : 'a patch, mbox or mail', MAX_PATCH_BYTES);
  const sha256 = createHash('sha256').update(inputText).digest('hex');
  const patch = isConfig ? null : readPatchText(inputText, file, req.inputFormat);
  const input = { ...(patch ? inputFromPatch(patch, kernel) : configInput(inputText, file, kernel)), sha256 };
  const command = [`${TOOL.name} ${TOOL.version}`, 'evaluate', file, ...names.flatMap((n) => ['--scenario', n]), '--seeds', String(seeds), '--kernel', kernel ?? DEFAULT_KERNEL, ...(req.cpus === undefined ? [] : ['--cpus', String(req.cpus)])].join(' ');
  return { inputs: [input, ...(patch ? perPatchInputs(patch, kernel).map((i) => ({ ...i, sha256 })) : [])], options: { scenarios, seeds, kernel, command, onProgress }, patch };
}

/** Runs a prepared evaluation: on worker threads of `workerScript` if given, else in this thread. */
export async function runPrepared(p: PreparedEvaluation, workerScript?: string): Promise<Report> {
  const reports: Report[] = [];
  for (const i of p.inputs) reports.push(workerScript ? await evaluateInWorkers(i, p.options, workerScript) : evaluateInput(i, p.options));
  return withPerPatchResults(reports[0], reports.slice(1));
}

/** The same in this thread, synchronously (tests and in-process callers). */
export function runPreparedHere(p: PreparedEvaluation): Report {
  const reports = p.inputs.map((i) => evaluateInput(i, p.options));
  return withPerPatchResults(reports[0], reports.slice(1));
}

/** The scenario on a machine with `cpus` CPUs; phases pinned to CPUs the machine no longer has are an error. */
function onCpus(s: Scenario, cpus: number): Scenario {
  if (!(Number.isInteger(cpus) && cpus >= 1 && cpus <= MAX_CPUS)) throw new UsageError(`zsreview evaluate: cpus ${cpus} is not allowed; use a whole number in 1..${MAX_CPUS}`);
  const pinned = s.phases.find((p) => (p.cpus ?? []).some((c) => c >= cpus));
  if (pinned) throw new UsageError(`zsreview evaluate: scenario ${s.name} pins phase '${pinned.name}' to CPUs ${pinned.cpus!.join(',')}, which a ${cpus}-CPU machine does not have; use more CPUs or leave the scenario's own`);
  return { ...s, machine: { ...s.machine, cpus } };
}

function readPatchText(text: string, file: string, format: PatchFormat | undefined): Patch {
  const patch = readPatch(text, file, { format });
  if (allFiles(patch).length === 0) throw new InputError(file, 0, 'contains no diff (no "diff --git", "---"/"+++" or "@@" lines)', 'give a patch, an mbox, a mail quoting a patch, a unified diff, or an evaluation config (*.yaml)');
  return patch;
}

/** An evaluation config (*.yaml, *.json): the variants named directly. */
function configInput(text: string, file: string, kernel: KernelVersion | undefined): EvaluationInput {
  const c = readEvaluateConfig(text, file, kernel);
  return { file, format: 'config', subject: c.subject, base: c.base, baseNote: c.baseNotes.join('; '), findings: c.findings, unmodelled: [], files: [] };
}
