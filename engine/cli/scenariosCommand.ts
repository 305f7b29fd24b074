// `zsreview scenarios`: the bundled scenarios, one line each.
import { readTextInput } from '../readInput';
import { readScenario } from '../workload/scenario';
import { parseCommandArgs, UsageError, type Io } from './args';
import { bundledScenarios } from './scenarioFiles';

export function scenariosCommand(args: string[], io: Io): number {
  const { positionals } = parseCommandArgs('scenarios', args, {});
  if (positionals.length > 0) throw new UsageError(`zsreview scenarios: unexpected argument '${positionals[0]}'; scenarios takes no arguments`);
  for (const { name, file } of bundledScenarios()) {
    const s = readScenario(readTextInput(file, 'a scenario file'), file);
    // One line of at most 80 columns: the name, then the description's start.
    const room = 80 - 19;
    const text = s.description.replace(/\s+/g, ' ').trim();
    io.out(`${name.padEnd(18)} ${text.length <= room ? text : text.slice(0, room - 1).replace(/\s+\S*$/, '') + '…'}\n`);
  }
  return 0;
}
