// `zsreview run SCENARIO_OR_TRACE`: runs a scenario (seeded) or replays a trace, and prints the
// allocator statistics at every snapshot (end of each scenario phase).
import { KERNEL_VERSIONS } from '../kernel/params';
import { readTextInput } from '../readInput';
import { formatReplayFull, formatReplaySummary } from '../report/replayText';
import { TOOL } from '../version';
import { replayTrace } from '../workload/replay';
import { runScenario } from '../workload/runScenario';
import { readScenario } from '../workload/scenario';
import { resolveRunInput } from './scenarioFiles';
import { choice, parseCommandArgs, UsageError, wholeNumber, type Io } from './args';

export function runCommand(args: string[], io: Io): number {
  const cmd = 'run';
  const { values, positionals } = parseCommandArgs(cmd, args, {
    kernel: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    summary: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('zsreview run: give exactly one scenario or trace, e.g. zsreview run g4-stress-ng or zsreview run samples/traces/zram-6.12-stock.trace');
  const kernel = values.kernel === undefined ? undefined : choice(cmd, 'kernel', values.kernel, KERNEL_VERSIONS, '6.12');
  // A trace is an exact operation sequence: the seed only matters for scenarios.
  const seed = wholeNumber(cmd, 'seed', values.seed, 0, 2 ** 32 - 1) ?? 1;
  const format = choice(cmd, 'format', values.format, ['text', 'json'] as const, 'text');
  const input = resolveRunInput(positionals[0]);
  const result =
    input.kind === 'scenario'
      ? runScenario(readScenario(readTextInput(input.file, 'a scenario (*.yaml)'), input.file), input.file, { seed, kernel })
      : replayTrace(readTextInput(input.file, 'a zsreview trace (*.trace) or scenario (*.yaml)'), input.file, { kernel });
  if (format === 'json') io.out(JSON.stringify({ tool: TOOL, ...result }, null, 2) + '\n');
  else io.out(values.summary ? formatReplaySummary(result) : formatReplayFull(result));
  return 0;
}
