#!/bin/bash
# build-initramfs.sh --out FILE --trace TRACE [--kroot DIR] [--ko-dir DIR] [--modules "M..."]
# Busybox initramfs for one oracle run: /init, /bin/tracerun, /bin/dump-snapshot,
# the modules to load and the trace as /trace.
#   --modules: modules zstrace needs loaded, in any order; dependencies come first
#     (modinfo -F depends). Each is taken from --ko-dir (our builds: zstrace.ko, the
#     6.1 zsmalloc.ko with CONFIG_ZSMALLOC_STAT) or else from the unpacked Debian
#     kernel --kroot (lib/modules/<kver>/, .ko/.ko.xz/.ko.zst/.ko.gz). Modules built
#     into the kernel (modules.builtin) are skipped.
#   Without --modules (minimal-6.12 / a bzImage with zstrace built in): no modules.
# The part without the trace is cached in $CACHE/initramfs/; the trace is a second
# gzip'd cpio archive appended to it (the kernel unpacks concatenated archives).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
OUT='' TRACE='' KROOT='' KODIR='' MODULES=''
while [ $# -gt 0 ]; do
	case $1 in
	--out) OUT=$2 ;; --trace) TRACE=$2 ;; --kroot) KROOT=$2 ;; --ko-dir) KODIR=$2 ;; --modules) MODULES=$2 ;;
	*) die 2 "build-initramfs: unknown argument $1" ;;
	esac
	shift 2
done
{ [ -n "$OUT" ] && [ -f "$TRACE" ]; } || die 2 "build-initramfs: usage: --out FILE --trace TRACE [--kroot DIR --ko-dir DIR --modules \"M...\"]"
t0=$(now)
TRACERUN=$(tracerun_bin)
stage=$(mktemp -d "$TMPBASE/zso-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# resolve modules: name -> file, dependencies first
declare -A path=() seen=()
order=()
if [ -n "$MODULES" ]; then
	mdir=
	[ -n "$KROOT" ] && mdir=$(find "$KROOT/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -1)
	if [ -n "$mdir" ]; then
		while IFS= read -r f; do
			n=${f##*/}; n=${n%%.ko*}; path[${n//-/_}]=$f
		done < <(find "$mdir" -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz')
	fi
	if [ -n "$KODIR" ]; then
		for f in "$KODIR"/*.ko; do n=${f##*/}; n=${n%.ko}; path[${n//-/_}]=$f; done
	fi
	add() {
		local m=${1//-/_} d
		[ -n "${seen[$m]:-}" ] && return 0
		seen[$m]=1
		if [ -z "${path[$m]:-}" ]; then
			grep -qE "/${m//_/[-_]}\.ko" "$mdir/modules.builtin" 2>/dev/null && return 0
			die 4 "build-initramfs: module $m not found (in ${KODIR:-no --ko-dir} or ${mdir:-no --kroot})"
		fi
		for d in $(modinfo -F depends "${path[$m]}" | tr ',' ' '); do add "$d"; done
		order+=("$m")
	}
	for m in $MODULES; do add "$m"; done
fi

keys=("file:$ORACLE_DIR/init" "file:$ORACLE_DIR/dump-snapshot" "file:$TRACERUN" "file:/bin/busybox")
for m in "${order[@]}"; do keys+=("mod:$m" "file:${path[$m]}"); done
key=$(hash_of "${keys[@]}")
base=$CACHE/initramfs/base-$key.cpio.gz
if [ ! -f "$base" ]; then
	mkdir -p "$stage/root"/{bin,proc,sys,dev,lib/modules,etc} "$CACHE/initramfs"
	cd "$stage/root"
	cp /bin/busybox bin/busybox
	cp "$TRACERUN" bin/tracerun
	cp "$ORACLE_DIR/dump-snapshot" bin/dump-snapshot
	cp "$ORACLE_DIR/init" init
	chmod 755 init bin/*
	: > etc/modules
	for m in "${order[@]}"; do
		case ${path[$m]} in
		*.xz) xz -dc "${path[$m]}" > "lib/modules/$m.ko" ;;
		*.zst) zstd -qdc "${path[$m]}" > "lib/modules/$m.ko" ;;
		*.gz) gzip -dc "${path[$m]}" > "lib/modules/$m.ko" ;;
		*) cp "${path[$m]}" "lib/modules/$m.ko" ;;
		esac
		echo "$m" >> etc/modules
	done
	find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -1 > "$base.tmp"
	mv "$base.tmp" "$base"
	cd - >/dev/null
fi
mkdir -p "$stage/trace"
cp "$TRACE" "$stage/trace/trace"
(cd "$stage/trace" && echo trace | cpio -o -H newc --quiet -R 0:0 | gzip -1) > "$stage/trace.cpio.gz"
cat "$base" "$stage/trace.cpio.gz" > "$OUT"
echo "build-initramfs: $OUT ($(du -h "$OUT" | cut -f1); modules: ${order[*]:-none}) in $(since "$t0") s"
