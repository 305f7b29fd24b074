#!/bin/bash
# build-kernel.sh [PATCH...]: the minimal 6.12 kernel, zsmalloc and zstrace built in.
# Source: Debian's linux-source-6.12 ($ZSO_SRC612_VERSION, see lib.sh), unpacked once into
# $CACHE/src/ and built out of tree in $CACHE/build/ (O=), so rebuilds are incremental.
# Config: tinyconfig + minimal-6.12.recipe. For the build only, zstrace.c is copied in
# as mm/zstrace.c with an obj-y line in mm/Makefile, and each PATCH is applied with -p1;
# all of it is reverted afterwards (also on failure), so the tree stays pristine.
# Output (cached by patches + zstrace.c + recipe, see minimal_dir in lib.sh):
#   $(minimal_dir PATCH...)/{bzImage,config,info.txt}; the last stdout line is the bzImage path.
# env ZSO_BUILD_LOG: where compiler output goes (default: stderr)
# Exit: 0 ok, 2 bad patch file, 3 a patch does not apply, 4 missing tools/archive
set -euo pipefail
. "$(dirname "$0")/lib.sh"
LOG=${ZSO_BUILD_LOG:-/dev/stderr}
PATCHES=()
for p in "$@"; do
	[ -s "$p" ] || die 2 "build-kernel: $p: no such file (or empty): give a -p1 patch against linux-source-6.12"
	PATCHES+=("$(realpath "$p")")
done
OUT=$(minimal_dir "${PATCHES[@]}")
if [ -f "$OUT/bzImage" ]; then
	echo "build-kernel: minimal-6.12 cached"
	echo "$OUT/bzImage"
	exit 0
fi
SRC=$CACHE/src/linux-source-6.12-$ZSO_SRC612_VERSION
applied=()   # patches applied to $SRC so far (global: the EXIT trap reads it)
BLD=$CACHE/build/minimal-6.12-$ZSO_SRC612_VERSION

build() {
	local t0 t1 t2 t3 p
	t0=$(now)
	local tools=()
	for p in make gcc flex bison bc patch; do command -v "$p" >/dev/null || tools+=("$p"); done
	for p in libelf-dev libssl-dev; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || tools+=("$p"); done
	if [ ${#tools[@]} -gt 0 ]; then
		[ "$(id -u)" = 0 ] || die 4 "build-kernel: missing ${tools[*]}: apt-get install them (as root)"
		echo "build-kernel: apt-get install ${tools[*]}"
		apt-get install -y -q --no-install-recommends "${tools[@]}" >> "$LOG" 2>&1 ||
			die 4 "build-kernel: apt-get install ${tools[*]} failed"
	fi
	if [ ! -f "$SRC/Makefile" ]; then
		require_version linux-source-6.12 "$ZSO_SRC612_VERSION" ZSO_SRC612_VERSION
		echo "build-kernel: unpacking linux-source-6.12 $ZSO_SRC612_VERSION"
		extract_source 6.12 "$ZSO_SRC612_VERSION" "$SRC" '*'
	fi
	t1=$(now)
	cd "$SRC"
	# undo everything we changed in the tree, in reverse order; runs on any exit
	revert() {
		[ -f mm/Makefile.zso-orig ] && mv mm/Makefile.zso-orig mm/Makefile
		rm -f mm/zstrace.c
		for ((i = ${#applied[@]} - 1; i >= 0; i--)); do patch -s -R -p1 < "${applied[i]}" >> "$LOG" 2>&1; done
		applied=()
	}
	trap revert EXIT
	for p in "${PATCHES[@]}"; do
		if ! out=$(patch --dry-run -p1 < "$p" 2>&1); then
			echo "build-kernel: ${p##*/} does not apply to linux-source-6.12 $ZSO_SRC612_VERSION:" >&2
			echo "$out" >&2
			exit 3
		fi
		patch -s -p1 < "$p" >> "$LOG" 2>&1
		applied+=("$p")
	done
	# built-in zstrace: cp -p keeps zstrace.c's mtime, so an unchanged file is not recompiled
	cp -p "$ORACLE_DIR/zstrace/zstrace.c" mm/zstrace.c
	cp -p mm/Makefile mm/Makefile.zso-orig
	# shellcheck disable=SC2016 # a literal Makefile line
	echo 'obj-$(CONFIG_ZSMALLOC) += zstrace.o' >> mm/Makefile
	mkdir -p "$BLD"
	{
		make -s O="$BLD" tinyconfig
		grep -v '^#' "$ORACLE_DIR/minimal-6.12.recipe" | xargs ./scripts/config --file "$BLD/.config"
		make -s O="$BLD" olddefconfig
	} >> "$LOG" 2>&1
	for p in ZSMALLOC ZSMALLOC_STAT SLUB_DEBUG DEBUG_FS SMP; do
		grep -q "^CONFIG_$p=y" "$BLD/.config" || die 4 "build-kernel: CONFIG_$p did not stick in the config"
	done
	t2=$(now)
	echo "build-kernel: make -j$(nproc) bzImage (first build: ~5 min on 2 cores; log: $LOG)"
	make -s -j"$(nproc)" O="$BLD" bzImage >> "$LOG" 2>&1 || die 4 "build-kernel: make bzImage failed (see $LOG)"
	t3=$(now)
	revert
	mkdir -p "$OUT.tmp"
	cp "$BLD/arch/x86/boot/bzImage" "$BLD/.config" "$OUT.tmp/"
	mv "$OUT.tmp/.config" "$OUT.tmp/config"
	{
		echo "source=linux-source-6.12 $ZSO_SRC612_VERSION"
		echo "patches=$(for p in "${PATCHES[@]}"; do printf '%s ' "${p##*/}"; done)"
		for p in "${PATCHES[@]}"; do echo "patch ${p##*/} sha256=$(sha256sum < "$p" | cut -c1-64)"; done
		echo "zstrace.c sha256=$(sha256sum < "$ORACLE_DIR/zstrace/zstrace.c" | cut -c1-64)"
		echo "timings: unpack $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b-a}') s, config $(awk -v a="$t1" -v b="$t2" 'BEGIN{printf "%.0f", b-a}') s, make $(awk -v a="$t2" -v b="$t3" 'BEGIN{printf "%.0f", b-a}') s"
	} > "$OUT.tmp/info.txt"
	rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
	echo "build-kernel: minimal-6.12 built in $(since "$t0") s ($(tail -1 "$OUT/info.txt"))"
}
with_lock minimal-6.12 build
echo "$OUT/bzImage"
