#!/usr/bin/env bash
# What `make run` does once the binary and the busybox bundle are built: shows the runtime working end to end.
# Usage: hack/demo.sh BIN BUNDLE
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BIN BUNDLE" >&2
  exit 2
fi
bin=$1
bundle=$2
# A private state dir, so the demo never touches /run/ocirt or leaves state behind.
root=$(mktemp -d /tmp/ocirt-demo.XXXXXX)
trap 'rm -rf "$root"' EXIT

if [ ! -f "$bundle/config.json" ]; then
  echo "demo: creating $bundle/config.json with '$bin spec'"
  "$bin" spec --bundle "$bundle"
fi

echo "demo: $bin --version"
"$bin" --version

# Expected to fail until containers can be created: shows the runc-compatible error without failing the demo.
echo "demo: $bin --root $root state demo (expected: container does not exist)"
if out=$("$bin" --root "$root" state demo 2>&1); then
  echo "$out"
else
  rc=$?
  echo "$out"
  if ! grep -q 'container does not exist' <<<"$out"; then
    echo "demo: unexpected failure (exit $rc)" >&2
    exit "$rc"
  fi
  echo "demo: (exit $rc, as expected)"
fi

# When the lifecycle lands, replace the next line with:
#   "$bin" --root "$root" run --bundle "$bundle" demo
echo "demo: 'run' arrives with the lifecycle work; then this demo runs a busybox container from $bundle"
