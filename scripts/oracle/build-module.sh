#!/bin/bash
# build-module.sh KERNEL [PATCH]: the zstrace module for a Debian kernel.
#   debian-6.12: zstrace.ko against linux-headers (zsmalloc is built into that kernel).
#   debian-6.1:  zsmalloc is a module there (CONFIG_ZSMALLOC=m) built without
#                CONFIG_ZSMALLOC_STAT, so, as the prior oracle did, mm/zsmalloc.c of
#                linux-source-6.1 (same version as the image) is rebuilt as zsmalloc.ko
#                with -DCONFIG_ZSMALLOC_STAT (the debugfs classes table), optionally with
#                PATCH (-p1, touching only mm/zsmalloc.c). zstrace.ko is built in the same
#                directory so its symbol CRCs (modversions) match this zsmalloc.ko and not
#                Debian's.
# Output: $(module_dir KERNEL PATCH) (see lib.sh), cached: zstrace.ko [zsmalloc.ko] info.txt
# env ZSO_BUILD_LOG: where compiler output goes (default: stderr)
# Exit: 0 ok, 2 usage, 3 PATCH does not apply, 4 setup missing or build failed
set -euo pipefail
. "$(dirname "$0")/lib.sh"
K=${1:-} PATCH=${2:+$(realpath "$2")}
abi=$(kernel_abi "$K") || die 2 "build-module: usage: build-module.sh debian-6.1|debian-6.12 [PATCH]"
ver=$(kernel_version "$K")
[ -z "$PATCH" ] || [ "$K" = debian-6.1 ] ||
	die 2 "build-module: $K has zsmalloc built in: a patch needs --kernel minimal-6.12 (or debian-6.1 for mm/zsmalloc.c-only patches)"
KDIR=/usr/src/linux-headers-$abi
[ -f "$KDIR/Makefile" ] || die 4 "build-module: $KDIR missing: run scripts/oracle/setup.sh as root"
OUT=$(module_dir "$K" "$PATCH")
[ -f "$OUT/zstrace.ko" ] && { echo "build-module: $K cached in $OUT"; exit 0; }

build() {
	[ -f "$OUT/zstrace.ko" ] && return 0   # built by a concurrent run while we waited
	local t0 src
	t0=$(now)
	b=$(mktemp -d "$TMPBASE/zso-module.XXXXXX")   # global: the EXIT trap reads it
	trap 'rm -rf "$b"' EXIT   # with_lock runs build() in a subshell
	cp "$ORACLE_DIR/zstrace/zstrace.c" "$b/"
	if [ "$K" = debian-6.1 ]; then
		src=$CACHE/src/linux-source-6.1-$ver
		[ -f "$src/mm/zsmalloc.c" ] ||
			extract_source 6.1 "$ver" "$src" '*/mm/zsmalloc.c' '*/include/linux/zsmalloc.h'
		mkdir -p "$b/tree/mm"
		cp "$src/mm/zsmalloc.c" "$b/tree/mm/"
		if [ -n "$PATCH" ]; then
			if ! patch --dry-run -p1 -d "$b/tree" < "$PATCH" > "$b/patch.out" 2>&1; then
				echo "build-module: ${PATCH##*/} does not apply to mm/zsmalloc.c of linux-source-6.1 $ver:" >&2
				cat "$b/patch.out" >&2
				exit 3
			fi
			patch -s -p1 -d "$b/tree" < "$PATCH"
		fi
		cp "$b/tree/mm/zsmalloc.c" "$b/"
		# only zsmalloc.o gets CONFIG_ZSMALLOC_STAT; zstrace.o needs nothing extra
		printf 'obj-m := zsmalloc.o zstrace.o\nCFLAGS_zsmalloc.o := -DCONFIG_ZSMALLOC_STAT\n' > "$b/Kbuild"
	else
		printf 'obj-m := zstrace.o\n' > "$b/Kbuild"
	fi
	make -s -C "$KDIR" M="$b" modules >> "${ZSO_BUILD_LOG:-/dev/stderr}" 2>&1 ||
		die 4 "build-module: make modules failed (see ${ZSO_BUILD_LOG:-the output above})"
	mkdir -p "$OUT.tmp"
	cp "$b"/*.ko "$OUT.tmp/"
	{
		echo "kernel=$K linux-image-$abi $ver"
		if [ "$K" = debian-6.1 ]; then
			echo "zsmalloc=mm/zsmalloc.c of linux-source-6.1 $ver as zsmalloc.ko with CONFIG_ZSMALLOC_STAT"
		else
			echo "zsmalloc=built in"
		fi
		echo "patch=${PATCH:+${PATCH##*/} sha256=$(sha256sum < "$PATCH" | cut -c1-64)}"
		echo "vermagic=$(modinfo -F vermagic "$b/zstrace.ko")"
	} > "$OUT.tmp/info.txt"
	rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
	echo "build-module: $K $(cd "$OUT" && echo *.ko) -> $OUT ($(since "$t0") s)"
}
with_lock "module-$K" build
