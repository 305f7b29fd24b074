#!/bin/bash
# check-fixtures.sh [OUTBASE]: replay the zram oracle traces of test/fixtures/oracle/runs/
# with run-trace.sh and compare every snapshot with the real zram run (compare-fixture.py):
#   debian-6.1:   zram-6.1-stat, zram-multi32-6.1-stat, and zram-multi32-6.1-stat-shared with
#                 patches/zsmalloc-6.1-shared-caches.patch (from the shared oracle folder)
#   debian-6.12, minimal-6.12: zram-6.12-stock
#   minimal-6.12 + zsmalloc-6.12-shared-caches.patch: the 32-pool trace relabelled kernel 6.12
#                 (no zram run to compare with: checks that it runs, and that its zsmalloc
#                 numbers equal those of the unpatched minimal kernel)
#   a 2-CPU trace (zram-multi1-6.1-stat with cpus=2 and cpu=0/1 alternating), run twice on
#                 debian-6.1: the two runs' snapshots must be identical.
# env SHARED_ORACLE: the prior oracle folder with patches/ (default /work/shared/oracle)
# Exit 0 when every check passes. Prints one line per run and the timings.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
OUTBASE=${1:-$TMPBASE/zso-check}
FIX=$(cd "$ORACLE_DIR/../../test/fixtures/oracle/runs" && pwd)
PATCHES=${SHARED_ORACLE:-/work/shared/oracle}/patches
mkdir -p "$OUTBASE/traces"
fail=0
run() { # NAME RUN-TRACE-ARGS...
	local name=$1 t0; shift
	t0=$(now)
	if "$ORACLE_DIR/run-trace.sh" --out "$OUTBASE/$name" "$@" > "$OUTBASE/$name.out" 2>&1; then
		echo "$name: ran in $(since "$t0") s (VM $(sed -n 's/^wall_seconds=//p' "$OUTBASE/$name/run-info.txt") s)"
	else
		echo "$name: run-trace FAILED (exit $?), see $OUTBASE/$name.out"; fail=1; return 1
	fi
}
compare() { # NAME FIXTURE-RUN
	if "$ORACLE_DIR/compare-fixture.py" "$OUTBASE/$1" "$FIX/$2" > "$OUTBASE/$1.cmp"; then
		echo "  = $2: every snapshot identical ($(grep -c OK "$OUTBASE/$1.cmp") snapshots)"
	else
		echo "  ! $2: differences, see $OUTBASE/$1.cmp"; fail=1
	fi
}
snapshots() { sed -n '/^### BEGIN snapshot/,/^### END snapshot/p' "$1"; }
# zsmalloc part of each snapshot: from "## pools" up to "## slabinfo"
zs_part() { snapshots "$1" | awk '/^## pools/ {on = 1} /^## slabinfo/ {on = 0} on || /^### /'; }
# distinct zs_handle*/zspage* cache names in /proc/slabinfo
caches() { snapshots "$1" | grep -E '^(zs_handle|zspage)[- ]' | awk '{print $1}' | sort -u | tr '\n' ' '; }

run 61 --kernel debian-6.1 --trace "$FIX/zram-6.1-stat/zram-6.1-stat.trace" && compare 61 zram-6.1-stat
run 61-multi32 --kernel debian-6.1 --trace "$FIX/zram-multi32-6.1-stat/zram-multi32-6.1-stat.trace" &&
	compare 61-multi32 zram-multi32-6.1-stat
run 61-multi32-shared --kernel debian-6.1 --patch "$PATCHES/zsmalloc-6.1-shared-caches.patch" \
	--trace "$FIX/zram-multi32-6.1-stat-shared/zram-multi32-6.1-stat-shared.trace" &&
	compare 61-multi32-shared zram-multi32-6.1-stat-shared
run 612 --kernel debian-6.12 --trace "$FIX/zram-6.12-stock/zram-6.12-stock.trace" && compare 612 zram-6.12-stock
run min612 --kernel minimal-6.12 --trace "$FIX/zram-6.12-stock/zram-6.12-stock.trace" && compare min612 zram-6.12-stock

sed 's/^kernel 6\.1$/kernel 6.12/' "$FIX/zram-multi32-6.1-stat-shared/zram-multi32-6.1-stat-shared.trace" > "$OUTBASE/traces/multi32-6.12.trace"
if run min612-multi32-shared --kernel minimal-6.12 --patch "$PATCHES/zsmalloc-6.12-shared-caches.patch" --trace "$OUTBASE/traces/multi32-6.12.trace" &&
	run min612-multi32-own --kernel minimal-6.12 --trace "$OUTBASE/traces/multi32-6.12.trace"; then
	if diff <(zs_part "$OUTBASE/min612-multi32-shared/console.log") <(zs_part "$OUTBASE/min612-multi32-own/console.log") > /dev/null; then
		echo "  = pools and classes tables identical with and without the shared-caches patch"
	else
		echo "  ! pools/classes differ with and without the shared-caches patch"; fail=1
	fi
	echo "  slab caches: with the patch $(caches "$OUTBASE/min612-multi32-shared/console.log"); without it $(caches "$OUTBASE/min612-multi32-own/console.log" | wc -w) caches"
fi

awk '/^machine/ { sub(/cpus=1/, "cpus=2") } /^(alloc|free|compact) / { sub(/ cpu=[0-9]+$/, ""); $0 = $0 " cpu=" (n++ % 2) } { print }' \
	"$FIX/zram-multi1-6.1-stat/zram-multi1-6.1-stat.trace" > "$OUTBASE/traces/multi1-2cpu.trace"
if run 2cpu-a --kernel debian-6.1 --trace "$OUTBASE/traces/multi1-2cpu.trace" &&
	run 2cpu-b --kernel debian-6.1 --trace "$OUTBASE/traces/multi1-2cpu.trace"; then
	if diff <(snapshots "$OUTBASE/2cpu-a/console.log") <(snapshots "$OUTBASE/2cpu-b/console.log") > /dev/null; then
		echo "  = 2 CPUs: both runs gave identical snapshots"
	else
		echo "  ! 2 CPUs: the two runs differ"; fail=1
	fi
fi
if [ $fail = 0 ]; then echo "check-fixtures: all checks passed"; else echo "check-fixtures: FAILED"; fi
exit $fail
