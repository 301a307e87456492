#!/usr/bin/env bash
# Installs the Debian packages ocirt needs to build and test, and only those that are missing.
# Idempotent: when everything is present it prints one line and touches nothing (no apt-get update).
set -euo pipefail

# busybox-static: the test rootfs (hack/make-rootfs.sh); runc: the reference runtime the integration tests compare
# against; gcc, make: the NativeAOT link and the nsexec constructor object; libc6-dev: glibc's static archives, since
# ocirt is linked statically (gcc only recommends it, and recommends are not installed); user-mode-linux: a pure cgroup v2 kernel
# run as a plain process (hack/uml/), since this host is a v1/v2 hybrid; jq: the conformance suite's stub runtime
# (conformance/stubs/) rewrites configs with it.
packages=(busybox-static runc gcc libc6-dev make user-mode-linux jq)

# The .NET SDK is not a Debian package (Debian 12 ships none), so it cannot be installed from here.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: the .NET 10 SDK is required (dotnet is not on PATH; it is not a Debian package)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  # dpkg-query succeeds for removed-but-configured packages too, so check the status field itself.
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present (${packages[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing ${missing[*]}; run as root to install them" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# One update only, and only because something has to be installed.
apt-get update -qq -o DPkg::Lock::Timeout=600
apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
