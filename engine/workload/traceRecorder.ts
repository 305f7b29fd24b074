// Writes what a scenario run did at zsmalloc's interface as a trace (DESIGN.md "Trace files"),
// so the same operations can be replayed on a real kernel (`zsreview verify SCENARIO`). Only a
// recorded run pays for it: the pools' alloc/free of that run are wrapped, nothing else changes.
import type { ZsPool } from '../kernel/zsPool';
import type { CacheSharing } from '../kernel/zsSlabCaches';
import type { TraceMachine } from './trace';

export class TraceRecorder {
  private readonly chunks: string[] = [];
  private buffer: string[] = [];

  constructor(header: readonly string[]) {
    this.buffer.push('zsreview-trace 1', ...header.map((h) => `# ${h}`));
  }

  /** The machine, kernel and slab lines, then one pool line per pool; wraps each pool's alloc and free. */
  start(machine: TraceMachine, kernel: string, slabMerge: boolean, pools: readonly { pool: ZsPool; caches: CacheSharing }[]): void {
    this.line(`machine page_size=${machine.pageSize} word_bits=${machine.wordBits} cpus=${machine.cpus}`);
    this.line(`kernel ${kernel}`);
    this.line(`slab merge=${slabMerge ? 'on' : 'off'}`);
    for (const { pool, caches } of pools) {
      this.line(`pool ${pool.name} caches=${caches}`);
      const alloc = pool.alloc.bind(pool);
      const free = pool.free.bind(pool);
      // The engine's own handle ids serve as the trace's: they are unique among live objects.
      pool.alloc = (size: number, cpu = 0) => {
        const h = alloc(size, cpu);
        if (h >= 0) this.line(`alloc ${pool.name} ${h} ${size} cpu=${cpu}`);
        return h;
      };
      pool.free = (h: number, cpu = 0) => {
        const freed = free(h, cpu);
        if (freed) this.line(`free ${pool.name} ${h} cpu=${cpu}`);
        return freed;
      };
    }
  }

  compact(pool: ZsPool, cpu: number): void {
    this.line(`compact ${pool.name} cpu=${cpu}`);
  }

  snapshot(label: string): void {
    this.line(`snapshot ${label}`);
  }

  private line(text: string): void {
    this.buffer.push(text);
    if (this.buffer.length >= 65536) {
      this.chunks.push(this.buffer.join('\n') + '\n');
      this.buffer = [];
    }
  }

  text(): string {
    return this.chunks.join('') + (this.buffer.length ? this.buffer.join('\n') + '\n' : '');
  }
}
