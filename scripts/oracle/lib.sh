# lib.sh: sourced by the scripts in scripts/oracle/. Pinned versions, paths, helpers.
# shellcheck shell=bash

# ---- pinned versions (override with these environment variables) -----------
# The zram oracle runs in test/fixtures/oracle/runs/ were made with exactly these
# Debian bookworm packages; another version may place objects differently.
ZSO_K61_ABI=${ZSO_K61_ABI:-6.1.0-57-amd64}                  # linux-image-/linux-headers- suffix
ZSO_K61_VERSION=${ZSO_K61_VERSION:-6.1.192-3}               # also linux-source-6.1's version
ZSO_K612_ABI=${ZSO_K612_ABI:-6.12.117+deb12-amd64}
ZSO_K612_VERSION=${ZSO_K612_VERSION:-6.12.117-1~deb12u1}    # also linux-source-6.12's version
ZSO_SRC612_VERSION=${ZSO_SRC612_VERSION:-$ZSO_K612_VERSION}  # minimal-6.12 source
# ------------------------------------------------------------------------------

ORACLE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${ZSREVIEW_ORACLE_CACHE:-$HOME/.cache/zsreview-oracle}
TMPBASE=${TMPDIR:-/tmp}
export DEBIAN_FRONTEND=noninteractive

# die CODE MESSAGE: print MESSAGE on stderr and exit with CODE
die() { local c=$1; shift; echo "$*" >&2; exit "$c"; }

now() { date +%s.%N; }
# since T0: seconds elapsed, one decimal
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# sha256 of files and strings: key "file:PATH" or any other literal string
hash_of() {
	local x
	for x in "$@"; do
		case $x in file:*) sha256sum < "${x#file:}" ;; *) printf '%s\n' "$x" ;; esac
	done | sha256sum | cut -c1-16
}

# pkg_installed PKG VERSION: true if dpkg has PKG at exactly VERSION
pkg_installed() {
	[ "$(dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null)" = "install ok installed $2" ]
}

# require_version PKG VERSION VAR: fail clearly (exit 4) if the archive lacks PKG=VERSION
require_version() {
	local pkg=$1 ver=$2 var=$3
	local have
	# (apt-cache show PKG=VER exits 0 even when VER is missing: compare madison's list)
	have=$(apt-cache madison "$pkg" 2>/dev/null | awk -F' *[|] *' '{print $2}')
	grep -qxF -- "$ver" <<< "$have" && return 0
	echo "${0##*/}: $pkg=$ver is not in the APT archive (any more)." >&2
	echo "  versions there: $(echo "${have:-none}" | tr '\n' ' ')" >&2
	echo "  override (setup.sh and run-trace.sh read the same variables, see lib.sh):" >&2
	echo "    $var=<version>${var/%_VERSION/_ABI}=<abi> $0" | sed "s/>ZSO_SRC[^ ]*/>/; s/>\(ZSO_K\)/> \1/" >&2
	echo "  note: the oracle fixtures were made with the versions pinned in lib.sh; others may differ" >&2
	exit 4
}

# fetch_deb PKG VERSION: $CACHE/debs/PKG_VERSION_*.deb (apt-get download once), path on stdout
fetch_deb() {
	local pkg=$1 ver=$2 f
	mkdir -p "$CACHE/debs"
	f=$(find "$CACHE/debs" -maxdepth 1 -name "${pkg}_${ver//:/%3a}_*.deb" | head -1)
	if [ -z "$f" ]; then
		(cd "$CACHE/debs" && apt-get download -qq "$pkg=$ver" >"$TMPBASE/zso-download.log" 2>&1) || cat "$TMPBASE/zso-download.log" >&2
		f=$(find "$CACHE/debs" -maxdepth 1 -name "${pkg}_${ver//:/%3a}_*.deb" | head -1)
		[ -n "$f" ] || die 4 "setup: apt-get download $pkg=$ver failed"
	fi
	echo "$f"
}

# with_lock NAME CMD...: serialise builds that share a cache directory
with_lock() {
	local name=$1; shift
	mkdir -p "$CACHE/locks"
	( flock 9; "$@" ) 9>"$CACHE/locks/$name"
}

# kernel_abi debian-6.1|debian-6.12: the Debian ABI name (linux-image-<abi>)
kernel_abi() {
	case $1 in
	debian-6.1) echo "$ZSO_K61_ABI" ;;
	debian-6.12) echo "$ZSO_K612_ABI" ;;
	*) return 1 ;;
	esac
}
kernel_version() { case $1 in debian-6.1) echo "$ZSO_K61_VERSION" ;; debian-6.12) echo "$ZSO_K612_VERSION" ;; esac; }
# kernel_root debian-6.1|debian-6.12: the unpacked linux-image package (setup.sh)
kernel_root() { echo "$CACHE/kernels/linux-image-$(kernel_abi "$1")_$(kernel_version "$1")"; }

# module_dir debian-6.1|debian-6.12 [PATCH]: where build-module.sh puts its .ko files.
# The key covers everything the modules are built from, so a change rebuilds them.
module_dir() {
	local k=$1 patch=${2:-} abi ver
	abi=$(kernel_abi "$k") ver=$(kernel_version "$k")
	echo "$CACHE/modules/$k-$(hash_of "$abi" "$ver" "file:$ORACLE_DIR/zstrace/zstrace.c" \
		"file:$ORACLE_DIR/build-module.sh" ${patch:+"file:$patch"})"
}

# patch_files PATCH: the files a -p1 patch touches (from its +++ lines), one a line
patch_files() {
	sed -n 's/^+++ [^/]*\/\([^[:space:]]*\).*/\1/p' "$1" | sort -u
}

# extract_source SERIES VERSION DEST [MEMBER...]: unpack linux-source-SERIES's tarball
# (all of it, or only the given members, e.g. '*/mm/zsmalloc.c') into DEST
extract_source() {
	local series=$1 ver=$2 dest=$3 deb; shift 3
	deb=$(fetch_deb "linux-source-$series" "$ver")
	rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/linux-source-$series.tar.xz" |
		tar -xJ -C "$dest.tmp" --strip-components=1 --wildcards "$@"
	mv "$dest.tmp" "$dest"
}

# tracerun_bin: path of the static tracerun, built once per tracerun.c version
tracerun_bin() {
	local bin
	bin=$CACHE/bin/tracerun-$(hash_of "file:$ORACLE_DIR/tracerun.c")
	if [ ! -x "$bin" ]; then
		mkdir -p "$CACHE/bin"
		gcc -O2 -static -Wall -o "$bin.tmp" "$ORACLE_DIR/tracerun.c" >&2 && mv "$bin.tmp" "$bin"
	fi
	echo "$bin"
}

# minimal_dir [PATCH...]: where build-kernel.sh puts the minimal 6.12 bzImage built
# with these patches: key = sha256 of the patches (in order), zstrace.c, the config
# recipe and the source version, so the same patch set is built once.
minimal_dir() {
	local keys=() p
	for p in "$@"; do keys+=("file:$p"); done
	echo "$CACHE/kernels/minimal-6.12/$(hash_of "linux-source-6.12 $ZSO_SRC612_VERSION" \
		"file:$ORACLE_DIR/zstrace/zstrace.c" "file:$ORACLE_DIR/minimal-6.12.recipe" "${keys[@]}")"
}
