// `zsreview classes`: the size-class table of a kernel configuration, as debugfs `classes`
// shows it for a freshly created pool, or the full geometry as JSON.
import { describeParams } from '../kernel/describeParams';
import { CHAIN_RULES, KERNEL_VERSIONS, kernelParams, machineKnobs, PAGE_SIZES, WORD_BITS } from '../kernel/params';
import { classesTable } from '../kernel/poolStats';
import { buildSizeClassTable } from '../kernel/sizeClasses';
import { ZsPool } from '../kernel/zsPool';
import { formatClassesTable } from '../report/classesText';
import { TOOL } from '../version';
import { choice, parseCommandArgs, UsageError, wholeNumber, type Io } from './args';

export function classesCommand(args: string[], io: Io): number {
  const cmd = 'classes';
  const { values, positionals } = parseCommandArgs(cmd, args, {
    'page-size': { type: 'string' },
    'chain-size': { type: 'string' },
    rule: { type: 'string' },
    'word-bits': { type: 'string' },
    kernel: { type: 'string' },
    format: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`zsreview classes: unexpected argument '${positionals[0]}'; classes takes only options`);
  const kernel = choice(cmd, 'kernel', values.kernel, KERNEL_VERSIONS, '6.12');
  const wordBits = choice(cmd, 'word-bits', values['word-bits'], WORD_BITS, 64);
  const params = kernelParams(kernel, {
    chainSize: wholeNumber(cmd, 'chain-size', values['chain-size'], 4, 16),
    chainRule: values.rule === undefined ? undefined : choice(cmd, 'rule', values.rule, CHAIN_RULES, 'minwaste'),
    ...machineKnobs(choice(cmd, 'page-size', values['page-size'], PAGE_SIZES, 4096), wordBits),
  });
  const format = choice(cmd, 'format', values.format, ['text', 'json'] as const, 'text');
  const table = buildSizeClassTable(params);
  if (format === 'json') {
    const { params: p, classOfIndex: _, ...rest } = table;
    io.out(JSON.stringify({ tool: TOOL, params: p, ...rest, classCount: table.classes.length }, null, 2) + '\n');
    return 0;
  }
  io.out(formatClassesTable(classesTable(new ZsPool('classes', params, table))));
  io.out(`\n# ${describeParams(params)}\n# ZS_SIZE_CLASSES ${table.indexCount}, ${table.classes.length} classes, huge_class_size ${table.hugeClassSize}, ZS_MIN_ALLOC_SIZE ${table.minAllocSize}\n`);
  return 0;
}
