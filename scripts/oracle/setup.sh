#!/bin/bash
# setup.sh: idempotent host setup for the real-kernel oracle. Run as root on Debian 12.
#  1. apt-get install the host tools and the kernel headers for module builds
#     (pinned versions: see the top of lib.sh);
#  2. apt-get download the two Debian kernel images and unpack them with dpkg-deb -x
#     into $CACHE/kernels/<abi>/ (nothing is installed into the host's /boot).
# A second run does no network access and takes well under a second.
# usage: setup.sh            env: ZSREVIEW_ORACLE_CACHE (default ~/.cache/zsreview-oracle)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die 2 "setup: run as root (it uses apt-get install)"
command -v apt-get >/dev/null || die 4 "setup: apt-get not found: this setup needs a Debian 12 (bookworm) host"
mkdir -p "$CACHE/debs" "$CACHE/kernels"
t0=$(now)

HOST_PKGS=(qemu-system-x86 busybox-static cpio kmod gcc make libc6-dev xz-utils util-linux)
HDR_PKGS=("linux-headers-$ZSO_K61_ABI=$ZSO_K61_VERSION" "linux-headers-$ZSO_K612_ABI=$ZSO_K612_VERSION")
IMG_PKGS=("linux-image-$ZSO_K61_ABI=$ZSO_K61_VERSION" "linux-image-$ZSO_K612_ABI=$ZSO_K612_VERSION")

missing=()
for p in "${HOST_PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p"); done
for p in "${HDR_PKGS[@]}"; do pkg_installed "${p%%=*}" "${p#*=}" || missing+=("$p"); done
need_img=0
for p in "${IMG_PKGS[@]}"; do [ -d "$CACHE/kernels/${p/=/_}" ] || need_img=1; done

if [ ${#missing[@]} -gt 0 ] || [ $need_img = 1 ]; then
	# apt lists at most once a day: a pinned version can only be checked against fresh lists
	if [ -z "$(find "$CACHE/.apt-updated" -mmin -1440 2>/dev/null)" ]; then
		apt-get update -qq && touch "$CACHE/.apt-updated"
	fi
	for p in "${HDR_PKGS[@]}" "${IMG_PKGS[@]}"; do
		case $p in *6.1.0-*) var=ZSO_K61_VERSION ;; *) var=ZSO_K612_VERSION ;; esac
		require_version "${p%%=*}" "${p#*=}" $var
	done
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: apt-get install ${missing[*]}"
	apt-get install -y -q --no-install-recommends "${missing[@]}" > "$TMPBASE/zso-setup-apt.log" 2>&1 ||
		{ tail -20 "$TMPBASE/zso-setup-apt.log" >&2; die 4 "setup: apt-get install failed (log: $TMPBASE/zso-setup-apt.log)"; }
fi
t1=$(now)
echo "setup: host packages ready ($(since "$t0") s)"

for p in "${IMG_PKGS[@]}"; do
	name=${p%%=*} ver=${p#*=}
	dir=$CACHE/kernels/${name}_$ver   # = kernel_root in lib.sh
	[ -d "$dir" ] && continue
	deb=$(fetch_deb "$name" "$ver")
	rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
	dpkg-deb -x "$deb" "$dir.tmp"   # unpack only: the host's /boot is not touched
	mv "$dir.tmp" "$dir"
	echo "setup: $name $ver -> $dir ($(du -sh "$deb" | cut -f1) .deb)"
done
echo "setup: kernel images ready ($(since "$t1") s); total $(since "$t0") s"
