// `zsreview evaluate --out DIR --chart png,svg`: every chart of the panel as PNG and SVG, the
// right size, the SVG's text as text with the metric names, and the reproduce line as a footer.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../engine/cli';
import { pngTexts } from '../engine/report/pngText';
import { repoRoot } from './repoRoot';

const root = repoRoot();

function run(...argv: string[]): { code: number; err: string } {
  let err = '';
  const code = main(argv, { out: () => {}, err: (t) => (err += t) }) as number;
  return { code, err };
}

test('the seed patch: PNG and SVG of every chart, sized, with the metric names and the reproduce footer as text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsreview-charts-'));
  try {
    const r = run('evaluate', join(root, 'test/fixtures/patches/01-zsmalloc-share-slab-caches-v1.patch'), '--scenario', join(root, 'test/fixtures/scenarios/tiny-zswap.yaml'), '--seeds', '2', '--out', dir, '--chart', 'png,svg');
    assert.equal(r.code, 0, r.err);
    const files = readdirSync(join(dir, 'charts')).sort();
    // 8 metrics, bytes per size class, slab per cache, a time series per metric; each in both formats.
    for (const name of ['tiny-zswap-metric-slab.unused_bytes', 'tiny-zswap-classes', 'tiny-zswap-slab', 'tiny-zswap-series-zs.frag_pct']) {
      assert.ok(files.includes(`${name}.png`) && files.includes(`${name}.svg`), `${name} in ${files.join(' ')}`);
    }
    const png = readFileSync(join(dir, 'charts/tiny-zswap-metric-slab.unused_bytes.png'));
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [640, 400], 'IHDR width and height');
    assert.ok(png.length > 5000, 'not a blank image');
    assert.match(pngTexts(png).Comment, /^zsreview 0\.1\.0 evaluate .* · input sha256 [0-9a-f]{64}$/);
    const svg = readFileSync(join(dir, 'charts/tiny-zswap-metric-slab.unused_bytes.svg'), 'utf8');
    assert.match(svg, /^<\?xml[^>]*>\s*<svg[^>]*width="640" height="400"/);
    // Text is kept as <text> elements (a run of words each, glyph positions given), not paths.
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim()).filter(Boolean).join(' ');
    assert.match(text, /tiny-zswap: slab\.unused_bytes/);
    assert.match(text, /zsreview 0\.1\.0 evaluate \S*01-zsmalloc-share-slab-caches-v1\.patch .*input sha256 [0-9a-f]{16}/);
    assert.match(readFileSync(join(dir, 'charts/tiny-zswap-slab.svg'), 'utf8'), /zs_handle/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--chart without --out, or an unknown format: exit 2 with one line', () => {
  const patch = join(root, 'samples/patches/share-slab-caches.patch');
  assert.match(run('evaluate', patch, '--chart', 'png').err, /--chart needs --out DIR/);
  assert.match(run('evaluate', patch, '--out', '/tmp/x', '--chart', 'gif').err, /--chart 'gif' is not allowed; use png, svg or png,svg/);
});
