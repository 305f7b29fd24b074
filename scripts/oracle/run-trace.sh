#!/bin/bash
# run-trace.sh: replay a zsreview trace on a real kernel under QEMU (zsreview verify).
#
# usage: run-trace.sh [--kernel K] --trace FILE --out DIR [--patch FILE]... [--mem 1024M] [--timeout 900]
#   K: debian-6.1    Debian linux-image-6.1.0-57-amd64 + mm/zsmalloc.c rebuilt as a module
#                    with CONFIG_ZSMALLOC_STAT (+ one --patch that touches only mm/zsmalloc.c)
#      debian-6.12   Debian linux-image-6.12.117+deb12-amd64, zsmalloc built in (no patch)
#      minimal-6.12  linux-source-6.12 built by build-kernel.sh (+ any --patch, -p1)
#      PATH          a bzImage with zsmalloc and zstrace built in (from build-kernel.sh)
#   Without --kernel: from the trace's `kernel` line (6.1 -> debian-6.1, 6.12 -> debian-6.12;
#   with --patch: minimal-6.12, or debian-6.1 for a 6.1 trace and an mm/zsmalloc.c patch).
# Builds what is missing (cached, see README.md), boots the VM with the trace in its
# initramfs, and writes DIR/console.log (CR and escape sequences removed), DIR/run-info.txt
# and DIR/build.log.
# Exit: 0 "### ORACLE DONE" seen; 2 bad usage/input; 3 a patch does not apply;
#       4 a tool is missing that setup.sh could not install; 5 the VM failed or timed out.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { die 2 "run-trace: $* (usage: run-trace.sh [--kernel debian-6.1|debian-6.12|minimal-6.12|BZIMAGE] --trace FILE --out DIR [--patch FILE]... [--mem 1024M] [--timeout 900])"; }
KERNEL='' TRACE='' OUT='' MEM=1024M TIMEOUT=900 PATCHES=()
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage "$1 needs a value"
	case $1 in
	--kernel) KERNEL=$2 ;; --trace) TRACE=$2 ;; --out) OUT=$2 ;; --mem) MEM=$2 ;;
	--timeout) TIMEOUT=$2 ;; --patch) PATCHES+=("$2") ;;
	*) usage "unknown option $1" ;;
	esac
	shift 2
done
{ [ -n "$TRACE" ] && [ -n "$OUT" ]; } || usage "--trace and --out are required"
{ [ -f "$TRACE" ] && [ -r "$TRACE" ]; } || die 2 "run-trace: $TRACE: no such trace file: give the path of a zsreview trace (--trace)"
[ "$(grep -v -m1 -E '^[[:space:]]*(#|$)' "$TRACE" | awk '{print $1, $2}')" = "zsreview-trace 1" ] ||
	die 2 "run-trace: $TRACE: not a zsreview trace: its first line must be \"zsreview-trace 1\""
[[ $MEM =~ ^[0-9]+[MG]$ ]] || die 2 "run-trace: --mem $MEM: give a size such as 1024M or 2G"
[[ $TIMEOUT =~ ^[0-9]+$ ]] || die 2 "run-trace: --timeout $TIMEOUT: give whole seconds"
TRACE=$(realpath "$TRACE")
for i in "${!PATCHES[@]}"; do
	[ -s "${PATCHES[i]}" ] || die 2 "run-trace: ${PATCHES[i]}: no such patch file (--patch takes a -p1 diff against the kernel tree)"
	PATCHES[i]=$(realpath "${PATCHES[i]}")
done

# what the trace asks for: CPUs, slab merging, kernel series
cpus=$(awk '$1 == "machine" { for (i = 2; i <= NF; i++) if ($i ~ /^cpus=/) { sub(/cpus=/, "", $i); print $i } exit }' "$TRACE")
cpus=${cpus:-1}
merge=$(awk '$1 == "slab" { for (i = 2; i <= NF; i++) if ($i ~ /^merge=/) { sub(/merge=/, "", $i); print $i } exit }' "$TRACE")
series=$(awk '$1 == "kernel" { print $2; exit }' "$TRACE")
{ [[ $cpus =~ ^[1-9][0-9]*$ ]] && [ "$cpus" -le 64 ]; } || die 2 "run-trace: $TRACE: machine cpus=$cpus: the VM takes 1..64 CPUs"

# a patch that touches only mm/zsmalloc.c can go into the 6.1 module build
zsmalloc_only() { [ ${#PATCHES[@]} -eq 1 ] && [ "$(patch_files "${PATCHES[0]}")" = mm/zsmalloc.c ]; }
if [ -z "$KERNEL" ]; then
	case $series,${#PATCHES[@]} in
	6.1,0) KERNEL=debian-6.1 ;;
	6.12,0) KERNEL=debian-6.12 ;;
	6.1,*) zsmalloc_only && KERNEL=debian-6.1 || KERNEL=minimal-6.12 ;;
	*,0) usage "the trace's kernel line (\"${series:-none}\") names no kernel I have: give --kernel" ;;
	*) KERNEL=minimal-6.12 ;;
	esac
fi
case $KERNEL in
debian-6.1)
	[ ${#PATCHES[@]} -eq 0 ] || zsmalloc_only ||
		die 2 "run-trace: debian-6.1 takes one patch that touches only mm/zsmalloc.c (rebuilt as zsmalloc.ko); $(printf '%s ' "${PATCHES[@]##*/}")touches $(for p in "${PATCHES[@]}"; do patch_files "$p"; done | sort -u | tr '\n' ' ')- use --kernel minimal-6.12" ;;
debian-6.12)
	[ ${#PATCHES[@]} -eq 0 ] ||
		die 2 "run-trace: debian-6.12 has zsmalloc built in and takes no patch: use --kernel minimal-6.12 (any patch) or debian-6.1 (a patch to mm/zsmalloc.c of 6.1)" ;;
minimal-6.12) ;;
*)
	[ ${#PATCHES[@]} -eq 0 ] ||
		die 2 "run-trace: a bzImage path takes no patch (it is already built): use --kernel minimal-6.12 --patch FILE, or build-kernel.sh FILE"
	[ -f "$KERNEL" ] ||
		die 2 "run-trace: --kernel $KERNEL: no such file: give debian-6.1, debian-6.12, minimal-6.12 or the path of a bzImage built by scripts/oracle/build-kernel.sh"
	[ "$(dd if="$KERNEL" bs=1 skip=514 count=4 2>/dev/null)" = HdrS ] ||
		die 2 "run-trace: --kernel $KERNEL is not a bzImage (no 'HdrS' at offset 0x202): give arch/x86/boot/bzImage of a kernel with zsmalloc and zstrace built in (scripts/oracle/build-kernel.sh prints its path)"
	KERNEL=$(realpath "$KERNEL") ;;
esac
if [ -n "$series" ] && [[ $KERNEL == debian-* || $KERNEL == minimal-* ]] && [ "${KERNEL##*-}" != "$series" ]; then
	echo "run-trace: note: the trace was made on kernel $series, it runs here on $KERNEL"
fi

mkdir -p "$OUT"
OUT=$(realpath "$OUT")
LOG=$OUT/build.log
: > "$LOG"
rm -f "$OUT/console.log" "$OUT/run-info.txt"
export ZSO_BUILD_LOG=$LOG
t_start=$(now)
# run a build step: its progress lines and noise go to build.log, its errors to the user too
# shellcheck disable=SC2094 # both streams are appended to build.log on purpose
step() { "$@" >> "$LOG" 2> >(tee -a "$LOG" >&2); }

# --- host tools: setup.sh installs them (as root, with apt-get) -----------------------
tools_missing() {
	local t
	for t in qemu-system-x86_64 gcc cpio gzip modinfo; do command -v "$t" >/dev/null || { echo "$t"; return; }; done
	{ [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx poweroff; } || { echo busybox; return; }
	case $KERNEL in debian-*)
		{ [ -d "$(kernel_root "$KERNEL")" ] && [ -d "/usr/src/linux-headers-$(kernel_abi "$KERNEL")" ]; } ||
			echo "the $KERNEL kernel and headers" ;;
	esac
}
miss=$(tools_missing)
if [ -n "$miss" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "run-trace: $miss missing: running setup.sh (log: $LOG)"
		step "$ORACLE_DIR/setup.sh" || true
	fi
	miss=$(tools_missing)
	case $miss in
	'') ;;
	qemu-system-x86_64) die 4 "qemu-system-x86_64 not found: run scripts/oracle/setup.sh as root (apt-get install qemu-system-x86)" ;;
	busybox) die 4 "/bin/busybox (static) not found: run scripts/oracle/setup.sh as root (apt-get install busybox-static)" ;;
	*) die 4 "$miss not found: run scripts/oracle/setup.sh as root" ;;
	esac
fi

# --- check the trace on the host before booting anything ----------------------------
TRACERUN=$(tracerun_bin 2>> "$LOG") || die 4 "run-trace: cannot build tracerun (gcc -static; see $LOG)"
if ! check=$("$TRACERUN" -n "$TRACE" 2>&1); then
	check=${check#tracerun: }
	[[ $check =~ ^[0-9]+: ]] && die 2 "run-trace: $TRACE:$check (fix that line of the trace)"
	die 2 "run-trace: $check"
fi

# --- kernel, modules, initramfs ------------------------------------------------------
t_build=$(now)
modules=() kroot='' kodir=''
case $KERNEL in
debian-6.1 | debian-6.12)
	abi=$(kernel_abi "$KERNEL")
	kroot=$(kernel_root "$KERNEL")
	kimage=$kroot/boot/vmlinuz-$abi
	kpkg="linux-image-$abi $(kernel_version "$KERNEL")"
	echo "run-trace: building zstrace.ko for $KERNEL (cached after the first time)"
	step "$ORACLE_DIR/build-module.sh" "$KERNEL" "${PATCHES[@]}" || exit $?
	kodir=$(module_dir "$KERNEL" "${PATCHES[@]}")
	modules=(zstrace)
	if [ "$KERNEL" = debian-6.1 ]; then
		zs="stat module"
		zs_detail="mm/zsmalloc.c of linux-source-6.1 $ZSO_K61_VERSION built as zsmalloc.ko with CONFIG_ZSMALLOC_STAT"
	else
		zs="built in" zs_detail="as shipped in linux-image-$abi (no CONFIG_ZSMALLOC_STAT: no classes table)"
	fi ;;
minimal-6.12)
	echo "run-trace: building the minimal 6.12 kernel (cached per patch set; first build ~5 min)"
	step "$ORACLE_DIR/build-kernel.sh" "${PATCHES[@]}" || exit $?
	kimage=$(minimal_dir "${PATCHES[@]}")/bzImage
	kpkg="minimal-6.12 from linux-source-6.12 $ZSO_SRC612_VERSION, bzImage sha256=$(sha256sum < "$kimage" | cut -c1-64)"
	zs="minimal build" zs_detail="built in with CONFIG_ZSMALLOC_STAT (minimal-6.12.recipe)" ;;
*)
	kimage=$KERNEL
	kpkg="$KERNEL sha256=$(sha256sum < "$kimage" | cut -c1-64)"
	zs="minimal build" zs_detail="built into the given bzImage" ;;
esac
work=$(mktemp -d "$TMPBASE/zso-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
step "$ORACLE_DIR/build-initramfs.sh" --out "$work/initrd.cpio.gz" --trace "$TRACE" \
	${kroot:+--kroot "$kroot"} ${kodir:+--ko-dir "$kodir"} ${modules[0]:+--modules "${modules[*]}"}
build_s=$(since "$t_build")

# --- the VM --------------------------------------------------------------------------
cmdline="console=ttyS0 slub_nomerge panic=-1 loglevel=4"
[ "$merge" = on ] && cmdline="console=ttyS0 panic=-1 loglevel=4"   # trace says slab merge=on
vm=(qemu-system-x86_64 -accel tcg -cpu max -smp "$cpus" -m "$MEM" -nographic -no-reboot
	-monitor none -serial stdio -display none -nic none
	-kernel "$kimage" -initrd "$work/initrd.cpio.gz" -append "$cmdline")
echo "run-trace: booting $KERNEL, $cpus CPU(s), $MEM (timeout $TIMEOUT s)"
t_vm=$(now)
rc=0
timeout -k 10 "$TIMEOUT" "${vm[@]}" < /dev/null > "$work/console.raw" 2>&1 || rc=$?
wall=$(since "$t_vm")
# serial console: CRLF line ends and the firmware's/kernel's terminal escape sequences
tr -d '\r' < "$work/console.raw" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g' > "$OUT/console.log"

patch_names=none
[ ${#PATCHES[@]} -eq 0 ] || patch_names=$(printf '%s ' "${PATCHES[@]##*/}" | sed 's/ $//')
{
	echo "kernel=$KERNEL"
	echo "kernel_release=$(sed -n 's/^uname: //p' "$OUT/console.log" | head -1)"
	echo "kernel_package=$kpkg"
	echo "zsmalloc=$zs"
	echo "zsmalloc_detail=$zs_detail"
	echo "patches=$patch_names"
	echo "trace=$TRACE sha256=$(sha256sum < "$TRACE" | cut -c1-64)"
	echo "vm=${vm[*]//$work\//}"
	echo "cmdline=$cmdline"
	echo "build_seconds=$build_s"
	echo "wall_seconds=$wall"
	echo "qemu_exit=$rc"
} > "$OUT/run-info.txt"

if grep -q '^### ORACLE DONE' "$OUT/console.log"; then
	echo "run-trace: done: $(grep -c '^### BEGIN snapshot ' "$OUT/console.log") snapshots in $OUT/console.log (VM $wall s, total $(since "$t_start") s)"
	exit 0
fi
reason=$(sed -n 's/^### ORACLE FAILED //p' "$OUT/console.log" | head -1)
[ "$rc" = 124 ] && reason="timed out after $TIMEOUT s${reason:+; $reason}"
{
	echo "run-trace: the VM run failed (${reason:-no \"### ORACLE DONE\", qemu exit $rc}); last 20 console lines ($OUT/console.log):"
	tail -20 "$OUT/console.log"
} >&2
exit 5
