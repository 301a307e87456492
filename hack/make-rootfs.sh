#!/usr/bin/env bash
# Builds a minimal busybox rootfs at DIR from the host's /bin/busybox (Debian busybox-static), for test bundles.
# No chroot and no mount: the applet links are made from `busybox --list-full`, so this never touches host mounts.
# Idempotent (an up-to-date DIR is left alone) and atomic (built in DIR.tmp, then renamed into place).
# Usage: hack/make-rootfs.sh DIR
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir=${1%/}
busybox=/bin/busybox

# Dynamically linked busybox builds would need the host's libraries inside the rootfs; busybox-static does not.
if [ ! -x "$busybox" ] || ! "$busybox" --list-full >/dev/null 2>&1; then
  echo "make-rootfs: $busybox missing or unusable; install busybox-static (make deps)" >&2
  exit 1
fi

# DIR only ever appears by renaming a finished build, so an existing DIR with the same busybox is up to date.
if [ -f "$dir/etc/passwd" ] && cmp -s "$busybox" "$dir/bin/busybox"; then
  echo "make-rootfs: $dir is up to date"
  exit 0
fi

tmp=$dir.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
(
  cd "$tmp"
  mkdir -p bin sbin usr/bin usr/sbin etc proc sys dev tmp root var/tmp run
  chmod 1777 tmp var/tmp
  chmod 0700 root
  cp "$busybox" bin/busybox
  chmod 0755 bin/busybox
  # Absolute targets, as `busybox --install -s` makes them: they resolve to /bin/busybox inside the container.
  # Entries without a directory (linuxrc) are skipped: nothing in a container boots through them.
  while IFS= read -r applet; do
    case $applet in */*) ;; *) continue ;; esac
    [ "$applet" = bin/busybox ] && continue
    ln -sfn /bin/busybox "$applet"
  done < <("$busybox" --list-full)

  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >etc/passwd
  printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >etc/group
  echo ocirt >etc/hostname
)

# Swap into place. The old tree, if any, is moved aside first so DIR is never half-built.
if [ -e "$dir" ]; then
  rm -rf "$dir.old"
  mv "$dir" "$dir.old"
  mv "$tmp" "$dir"
  rm -rf "$dir.old"
else
  mkdir -p "$(dirname "$dir")"
  mv "$tmp" "$dir"
fi
echo "make-rootfs: built $dir ($(find "$dir" -type l | wc -l) applet links)"
