// Size classes against kernel facts: the real kernels' debugfs class lists (Debian 6.1 and a
// 6.12 build, test/fixtures/oracle/tables) and the counts in shared/reference/zsmalloc-model.md.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readClassConfig } from '../../test/oracleRuns';
import { kernelParams, type KernelVersion, type PageSize } from './params';
import { buildSizeClassTable, classForRequest, minAllocSize, sizeClassIndex } from './sizeClasses';

describe('size classes match the real kernels', () => {
  for (const [version, file] of [['6.1', 'class-config-6.1.txt'], ['6.12', 'class-config-6.12.txt']] as const) {
    test(`kernel ${version}: every class (index, size, pages, objects) as debugfs lists it`, () => {
      const table = buildSizeClassTable(kernelParams(version));
      const got = table.classes.map((c) => ({ index: c.index, size: c.size, pages: c.pagesPerZspage, objs: c.objsPerZspage }));
      assert.deepEqual(got, readClassConfig(file));
    });
  }
  test('zs_huge_class_size(): 3257 on 6.1, 3625 on 6.12 (the thresholds zram used in the oracle runs)', () => {
    assert.equal(buildSizeClassTable(kernelParams('6.1')).hugeClassSize, 3257);
    assert.equal(buildSizeClassTable(kernelParams('6.12')).hugeClassSize, 3625);
  });
});

describe('class counts per page size, chain size and rule (zsmalloc-model.md 1.4)', () => {
  const cases: [PageSize, number, 'usedpc' | 'minwaste', number, number, number, number][] = [
    // page, chain, rule, ZS_SIZE_CLASSES, distinct classes, largest non-huge size, huge_class_size
    [4096, 4, 'usedpc', 255, 69, 3264, 3257],
    [4096, 8, 'minwaste', 255, 119, 3632, 3625],
    [4096, 16, 'minwaste', 255, 192, 3840, 3833],
    [16384, 8, 'minwaste', 257, 121, 14560, 14553],
    [65536, 8, 'minwaste', 257, 123, 58144, 58137],
    // Documentation/mm/zsmalloc.rst's 69/123/191 come from the old rule run with longer chains.
    [4096, 8, 'usedpc', 255, 123, 3632, 3625],
    [4096, 16, 'usedpc', 255, 191, 3840, 3833],
  ];
  for (const [pageSize, chainSize, chainRule, indices, distinct, largest, huge] of cases) {
    test(`${pageSize} B pages, chain ${chainSize}, ${chainRule}: ${indices} indices, ${distinct} classes, huge from ${huge}`, () => {
      const t = buildSizeClassTable(kernelParams('6.12', { pageSize, chainSize, chainRule }));
      assert.equal(t.indexCount, indices);
      assert.equal(t.classes.length, distinct);
      const nonHuge = t.classes.filter((c) => !c.huge);
      assert.equal(nonHuge[nonHuge.length - 1].size, largest);
      assert.equal(t.hugeClassSize, huge);
    });
  }
});

describe('worked examples (zsmalloc-model.md 1.2, 1.5, 1.6)', () => {
  const t612 = buildSizeClassTable(kernelParams('6.12'));
  test('a 1000-byte object: 1008 with the handle, index 61, served by class 62 (1024 B, 1 page, 4 objects)', () => {
    assert.equal(sizeClassIndex(t612, 1008), 61);
    const c = classForRequest(t612, 1000);
    assert.deepEqual([c.index, c.size, c.pagesPerZspage, c.objsPerZspage], [62, 1024, 1, 4]);
  });
  test('4K chain 8: indices 226..254 all use the huge class 254 (4096 B, one page, one object)', () => {
    const huge = t612.classes[t612.classes.length - 1];
    assert.deepEqual([huge.index, huge.firstIndex, huge.size, huge.huge], [254, 226, 4096, true]);
    assert.equal(classForRequest(t612, 3624).index, 225);
    assert.equal(classForRequest(t612, 3625).index, 254);
  });
  test('per-class rows with their tail waste (Appendix A.1)', () => {
    const rows: [number, number, number, number, number][] = [
      [0, 32, 1, 128, 0], [1, 48, 3, 256, 0], [5, 112, 7, 256, 0], [9, 176, 4, 93, 16], [41, 688, 8, 47, 432],
      [96, 1568, 5, 13, 96], [100, 1632, 2, 5, 32], [168, 2720, 2, 3, 32], [190, 3072, 3, 4, 0], [225, 3632, 8, 9, 80],
    ];
    for (const [index, size, pages, objs, waste] of rows) {
      const c = t612.classes.find((x) => x.index === index)!;
      assert.deepEqual([c.size, c.pagesPerZspage, c.objsPerZspage, c.wasteBytes], [size, pages, objs, waste], `class ${index}`);
    }
  });
  test('pre-6.3 rule: 1568 merges into class 100 (1632 B, 2 pages, 5 objects); class 202 is the largest non-huge', () => {
    const t61 = buildSizeClassTable(kernelParams('6.1'));
    const c = classForRequest(t61, 1568 - 8);
    assert.deepEqual([c.index, c.size, c.pagesPerZspage, c.objsPerZspage], [100, 1632, 2, 5]);
    assert.equal(classForRequest(t61, 3256).index, 202);
    assert.equal(classForRequest(t61, 3257).index, 254);
  });
  test('16K pages: first classes 32/96/160/224/288 and a 4096-byte page lands in class 65 (4192 B, 8 pages, 31 objects)', () => {
    const t = buildSizeClassTable(kernelParams('6.12', { pageSize: 16384 }));
    assert.deepEqual(t.classes.slice(0, 5).map((c) => [c.size, c.pagesPerZspage, c.objsPerZspage]), [[32, 1, 512], [96, 3, 512], [160, 5, 512], [224, 7, 512], [288, 8, 455]]);
    const c = classForRequest(t, 4096);
    assert.deepEqual([c.index, c.size, c.pagesPerZspage, c.objsPerZspage], [65, 4192, 8, 31]);
  });
  test('64K pages: classes 32 (1, 2048), 288 (2, 455), 544 (7, 843), 800 (8, 655), 1056 (1, 62)', () => {
    const t = buildSizeClassTable(kernelParams('6.12', { pageSize: 65536 }));
    const bySize = new Map(t.classes.map((c) => [c.size, [c.pagesPerZspage, c.objsPerZspage]]));
    assert.deepEqual([32, 288, 544, 800, 1056].map((s) => bySize.get(s)), [[1, 2048], [2, 455], [7, 843], [8, 655], [1, 62]]);
  });
  test('ZS_MIN_ALLOC_SIZE is 32 on x86_64 and on 32-bit without PAE, for every chain size', () => {
    for (const version of ['6.1', '6.6', '6.10', '6.12'] as KernelVersion[]) {
      for (const chainSize of [4, 8, 16]) {
        assert.equal(minAllocSize(kernelParams(version, { chainSize })), 32);
        assert.equal(minAllocSize(kernelParams(version, { chainSize, wordBits: 32, physAddrBits: 32 })), 32);
      }
    }
  });
  test('32-bit: the handle is 4 bytes, so huge_class_size is the largest non-huge size minus 3', () => {
    const t = buildSizeClassTable(kernelParams('6.12', { wordBits: 32, physAddrBits: 32 }));
    assert.equal(t.handleSize, 4);
    assert.equal(t.hugeClassSize, 3632 - 3);
  });
});
