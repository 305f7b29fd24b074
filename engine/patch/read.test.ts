// The patch reader on the real patch texts (test/fixtures/patches, copied from
// ../shared/fixtures and the seed reply), and on damaged, quoted and mbox variants of them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as qp from 'libqp';
import { repoRoot } from '../../test/repoRoot';
import { allFiles, type Patch } from './patch';
import { readPatch } from './read';

const dir = join(repoRoot(), 'test', 'fixtures', 'patches');
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Every diff line's docLine points at a document line that shows that diff line (after quoting). */
function assertDocLines(p: Patch, text: string): number {
  const doc = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let checked = 0;
  for (const f of allFiles(p)) {
    for (const h of f.hunks) {
      assert.match(doc[h.docLine - 1], /@@ -\d+/, `hunk header at ${h.docLine}`);
      for (const l of h.lines) {
        if (p.repairedLines.includes(l.docLine)) continue;
        const shown = doc[l.docLine - 1].replace(/^((?:[ \t]*>)+) ?/, '');
        assert.equal(shown, l.kind + l.text, `line ${l.docLine}`);
        checked++;
      }
    }
  }
  return checked;
}

describe('real patches', () => {
  const expected: Record<string, { format: string; files: string[]; hunks: number }> = {
    '01-zsmalloc-share-slab-caches-v1.patch': { format: 'format-patch', files: ['mm/zsmalloc.c'], hunks: 12 },
    '02-zsmalloc-share-slab-caches-reply-minchan.patch': { format: 'quoted-reply', files: ['mm/zsmalloc.c'], hunks: 12 },
    '03-zsmalloc-make-chain-size-configurable.patch': { format: 'format-patch', files: ['Documentation/mm/zsmalloc.rst', 'mm/Kconfig', 'mm/zsmalloc.c'], hunks: 4 },
    '07-zswap-multiple-zpools-v3.patch': { format: 'format-patch', files: ['mm/zswap.c'], hunks: 20 },
    '11-zsmalloc-back-to-per-size-class-lock.patch': { format: 'format-patch', files: ['mm/zsmalloc.c'], hunks: 24 },
    '18-neg-slub-lower-slub_max_order-tiny.patch': { format: 'format-patch', files: ['mm/slub.c'], hunks: 1 },
    'seed-reply.txt': { format: 'quoted-reply', files: ['mm/zsmalloc.c'], hunks: 12 },
  };
  test('every fixture has an expectation', () => {
    assert.deepEqual(readdirSync(dir).sort(), Object.keys(expected).sort());
  });
  for (const [name, want] of Object.entries(expected)) {
    test(`${name}: ${want.format}, ${want.files.join(' ')}, ${want.hunks} hunks, every line's document line right`, () => {
      const text = fixture(name);
      const p = readPatch(text, name);
      assert.equal(p.format, want.format);
      assert.deepEqual(allFiles(p).map((f) => f.newPath), want.files);
      assert.equal(allFiles(p).reduce((n, f) => n + f.hunks.length, 0), want.hunks);
      assert.ok(assertDocLines(p, text) > 5);
      assert.ok(allFiles(p).every((f) => f.hunks.every((h) => !h.trimmed)), 'no hunk of these texts is cut short');
    });
  }
  test('the seed reply (a web-archive page) and the seed patch carry the same diff lines', () => {
    const a = allFiles(readPatch(fixture('01-zsmalloc-share-slab-caches-v1.patch'), 'a')).flatMap((f) => f.hunks.flatMap((h) => h.lines.map((l) => l.kind + l.text)));
    const b = allFiles(readPatch(fixture('seed-reply.txt'), 'b')).flatMap((f) => f.hunks.flatMap((h) => h.lines.map((l) => l.kind + l.text)));
    assert.deepEqual(b, a);
    assert.match(readPatch(fixture('seed-reply.txt'), 'b').messages[0].subject, /^Re: \[PATCH\] mm: zsmalloc: share slab caches/);
  });
  test('subjects and authors from the mail headers', () => {
    const m = readPatch(fixture('01-zsmalloc-share-slab-caches-v1.patch'), 'x').messages[0];
    assert.equal(m.subject, '[PATCH] mm: zsmalloc: share slab caches for all zsmalloc zpools');
    assert.match(m.from, /Yosry Ahmed/);
    assert.match(readPatch(fixture('18-neg-slub-lower-slub_max_order-tiny.patch'), 'x').messages[0].subject, /lower the default slub_max_order with CONFIG_SLUB_TINY$/);
  });
});

describe('variants', () => {
  const original = fixture('03-zsmalloc-make-chain-size-configurable.patch');
  const count = (p: Patch) => allFiles(p).reduce((n, f) => n + f.hunks.reduce((m, h) => m + h.lines.length, 0), 0);
  const base = readPatch(original, 'o');

  test('an mbox of three patches is three messages, ">From " unescaped', () => {
    const mbox = [1, 2, 3].map((i) => original.replace(/^From \S+/, `From ${'0'.repeat(39)}${i}`).replace('\nSigned-off-by', '\n>From the archive\nSigned-off-by')).join('\n');
    const p = readPatch(mbox, 'series.mbox');
    assert.equal(p.format, 'mbox');
    assert.equal(p.messages.length, 3);
    assert.ok(p.messages.every((m) => m.files.length === 3));
    assertDocLines(p, mbox);
  });
  test('quoted two levels deep with reviewer text between hunks: same lines, right document lines', () => {
    const quoted = original.split('\n').map((l, i) => (l.startsWith('@@') && i > 300 ? `> I wonder about this.\n>> ${l}` : `>> ${l}`)).join('\n');
    const p = readPatch(quoted, 'reply.txt');
    assert.equal(p.format, 'quoted-reply');
    assert.equal(count(p), count(base));
    assertDocLines(p, quoted);
  });
  test('whitespace damage: stripped trailing spaces on empty context lines and wrapped long lines are repaired', () => {
    const damaged = original.replace(/\n \n/g, '\n\n').replace('+	  This option sets the upper limit on the number of physical pages', '+	  This option sets the upper limit on the\nnumber of physical pages');
    const p = readPatch(damaged, 'damaged.patch');
    assert.equal(count(p), count(base));
    assert.ok(p.repairedLines.length >= 2);
    assert.ok(allFiles(p).flatMap((f) => f.hunks.flatMap((h) => h.lines)).some((l) => l.text.includes('upper limit on the number of physical pages')));
  });
  test('a hunk cut short by the quoting reviewer is marked trimmed', () => {
    const lines = original.split('\n');
    const at = lines.findIndex((l) => l.startsWith('@@ -1,11 +1,13 @@') || l.startsWith('@@'));
    const cut = [...lines.slice(0, at + 4), '-- ', 'signature'].join('\n');
    const p = readPatch(cut, 'cut.patch');
    assert.ok(allFiles(p)[0].hunks[0].trimmed);
  });
  const lines = (p: Patch) => allFiles(p).flatMap((f) => f.hunks.flatMap((h) => h.lines.map((l) => l.kind + l.text)));
  const seedMail = fixture('01-zsmalloc-share-slab-caches-v1.patch');
  const [head, ...rest] = seedMail.split('\n\n');
  const body = rest.join('\n\n');
  test('a quoted-printable body (soft line breaks, =XX escapes) gives the same diff, lines on the pieces that start them', () => {
    const encoded = `${head}\nContent-Transfer-Encoding: quoted-printable\n\n${qp.wrap(qp.encode(Buffer.from(body)), 76)}`;
    const p = readPatch(encoded, 'qp.eml');
    assert.deepEqual(lines(p), lines(readPatch(seedMail, 'plain.eml')));
    const doc = encoded.split('\n').map((l) => l.replace(/\r$/, '')); // libqp breaks soft lines with CRLF
    for (const f of allFiles(p)) for (const h of f.hunks) for (const l of h.lines) {
      const piece = qp.decode(doc[l.docLine - 1].replace(/=$/, '')).toString('utf8');
      assert.ok((l.kind + l.text).startsWith(piece), `line ${l.docLine}`);
    }
  });
  test('a base64 body gives the same diff', () => {
    const encoded = `${head}\nContent-Transfer-Encoding: base64\n\n${Buffer.from(body).toString('base64').replace(/.{76}/g, '$&\n')}`;
    assert.deepEqual(lines(readPatch(encoded, 'b64.eml')), lines(readPatch(seedMail, 'plain.eml')));
  });
  test('text without a diff gives no files', () => {
    const p = readPatch('Hello,\n\nthis is just a mail.\n', 'mail.txt');
    assert.equal(allFiles(p).length, 0);
  });
});
