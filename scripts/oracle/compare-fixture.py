#!/usr/bin/env python3
"""compare-fixture.py OUTDIR RUNDIR: check a run-trace.sh result against a real zram run.

OUTDIR: a run-trace.sh --out directory (console.log). RUNDIR: a zram oracle run with
phase files NN-<label>.txt (test/fixtures/oracle/runs/<run>/). For every snapshot:
  mm_stat (per pool): mem_used_total = total_pages*4096, mem_used_max = max_pages*4096,
    pages_compacted, compr_data_size = stored_bytes, stored objects = orig/4096 - same_pages
  the debugfs classes table of each pool: byte-identical (when both have it)
  the zs_handle*/zspage* lines of /proc/slabinfo and /sys/kernel/slab: identical
Prints one line per snapshot and the differences; exit 1 if any. Python 3 stdlib only.
"""
import glob, os, re, sys

def sections(text):
    """'## title' -> list of lines, in order"""
    out, cur = {}, None
    for line in text.split('\n'):
        if line.startswith('## '):
            cur = line[3:]
            out[cur] = []
        elif cur is not None:
            out[cur].append(line)
    return {k: [l for l in v] for k, v in out.items()}

def strip_tail(lines):
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines

def snapshots(console):
    snaps, cur = {}, None
    for line in open(console, encoding='utf-8', errors='replace').read().split('\n'):
        m = re.match(r'### BEGIN snapshot (\S+)$', line)
        if m:
            cur = m.group(1); snaps[cur] = []; continue
        if line.startswith('### END snapshot'):
            cur = None; continue
        if cur is not None:
            snaps[cur].append(line)
    return {k: '\n'.join(v) for k, v in snaps.items()}

def mm_stats(sec):
    """pool -> mm_stat fields (ints)"""
    res = {}
    for title, lines in sec.items():
        if title.startswith('mm_stat'):
            vals = [l for l in lines if l.strip()]
            res['zram0'] = [int(x) for x in vals[0].split()]
        elif title == 'per-device mm_stat':
            for l in lines:
                if ':' in l:
                    name, rest = l.split(':', 1)
                    res[name.strip()] = [int(x) for x in rest.split()]
    return res

def main():
    out, run = sys.argv[1], sys.argv[2]
    snaps = snapshots(os.path.join(out, 'console.log'))
    bad = 0
    for phase in sorted(glob.glob(os.path.join(run, '[0-9][0-9]-after-*.txt'))):
        label = re.sub(r'^\d\d-', '', os.path.basename(phase))[:-4]
        notes = []
        if label not in snaps:
            print(f'{label}: MISSING in {out}/console.log'); bad += 1; continue
        mine, ref = sections(snaps[label]), sections(open(phase).read())
        pools = {}
        for l in mine.get('pools (name total_pages pages_compacted max_pages objects stored_bytes)', []):
            f = l.split()
            if len(f) == 6:
                pools[f[0]] = [int(x) for x in f[1:]]
        mm = mm_stats(ref)
        checks = 0
        for name, m in mm.items():
            p = pools.get(name)
            if p is None:
                notes.append(f'pool {name} missing'); continue
            total, compacted, maxp, objs, stored = p
            want = {'mem_used_total': (m[2], total * 4096), 'mem_used_max': (m[4], maxp * 4096),
                    'pages_compacted': (m[6], compacted), 'compr_data_size': (m[1], stored),
                    'objects': (m[0] // 4096 - m[5], objs)}
            for k, (a, b) in want.items():
                checks += 1
                if a != b:
                    notes.append(f'{name} {k}: zram {a} replay {b}')
        ncls = 0
        for title in ref:
            if title.startswith('classes ') and not title.startswith('classes:'):
                checks += 1; ncls += 1
                a, b = strip_tail(ref[title]), strip_tail(mine.get(title, []))
                if a != b:
                    notes.append(f'{title}: table differs' + ('' if b else ' (missing in replay)'))
        for title in ('slabinfo (zs_handle*/zspage* lines)', '/sys/kernel/slab (zs_handle*/zspage*)'):
            checks += 1
            a, b = strip_tail(ref.get(title, [])), strip_tail(mine.get(title, []))
            if a != b:
                notes.append(f'{title.split()[0]} differs:\n    zram:   ' + '\n    zram:   '.join(a) +
                             '\n    replay: ' + '\n    replay: '.join(b))
        print(f'{label}: {"OK" if not notes else "DIFF"} ({len(mm)} pools, {ncls} classes tables, {checks} checks)')
        for n in notes:
            print('  ' + n)
        bad += bool(notes)
    sys.exit(1 if bad else 0)

main()
