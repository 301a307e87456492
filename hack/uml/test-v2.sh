#!/usr/bin/env bash
# Runs the integration tests of Category=CgroupV2 inside a user-mode-linux guest, where cgroup2 is the only
# hierarchy (this host is a v1/v2 hybrid), and ends with "tests-v2: N passed, N failed, N skipped".
# Usage: hack/uml/test-v2.sh [RESULTS_DIR]   (a copy of the TRX goes there, e.g. hack/run-tests.sh's own dir, so
#        that its closing line counts these tests too). Needs bin/ocirt and the busybox bundle (make build bundle).
#        TEST_V2_FILTER overrides the dotnet test filter.
#
# The .NET test host runs in the guest as it is (JIT, GC and the vstest host work under UML), but the guest has no
# network, so restore and build happen here on the host first and the guest runs `dotnet test --no-build`.
set -uo pipefail
cd "$(dirname "$0")/../.."
project=tests/OciRuntime.IntegrationTests
filter=${TEST_V2_FILTER:-Category=CgroupV2}

# Not under /tmp: the guest covers /tmp with its own tmpfs, so the TRX would never reach the host.
results=$PWD/artifacts/test-v2
mkdir -p "$results"
rm -f "$results/cgroup-v2.trx"

dotnet build "$project" -c Release --nologo -v quiet || { echo "tests-v2: 0 passed, 1 failed, 0 skipped"; exit 1; }

export OCIRT_BIN=${OCIRT_BIN:-$PWD/bin/ocirt}
export OCIRT_BUNDLE_ROOTFS=${OCIRT_BUNDLE_ROOTFS:-$PWD/bundle/busybox/rootfs}
# 2G: the test host plus tmpfs copies of the rootfs (the tests' temp dirs are on the guest's /tmp, in its RAM).
UML_MEM=${UML_MEM:-2G} UML_TIMEOUT=${UML_TIMEOUT:-1200} hack/uml/run-in-uml.sh \
  dotnet test "$project" -c Release --no-build --nologo -v quiet --filter "$filter" \
  --logger "trx;LogFileName=$results/cgroup-v2.trx" --logger "console;verbosity=minimal"
status=$?

trx=$results/cgroup-v2.trx
if [ ! -f "$trx" ]; then
  # No TRX: the guest or the test host died before writing it (a filter that matches nothing still writes one).
  echo "test-v2: no TRX from the guest (exit $status)" >&2
  echo "tests-v2: 0 passed, 1 failed, 0 skipped"
  exit 1
fi
[ -z "${1:-}" ] || cp "$trx" "$1/"
line=$(grep -o '<Counters [^>]*>' "$trx")
num() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$line"; }
passed=$(num passed) failed=$(num failed)
skipped=$(( $(num total) - $(num executed) ))
if [ "$(num total)" = 0 ]; then echo "test-v2: no test matched '$filter'" >&2; failed=1; fi
# A skip must say why: the reason is in the TRX, not in the minimal console output.
awk '/outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
     want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "skipped: " name ": " $0; want = 0 }' "$trx" |
  sed -e 's/&quot;/"/g' -e 's/&amp;/\&/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g'
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; echo "test-v2: the guest run failed (exit $status)" >&2; fi
echo "tests-v2: ${passed:-0} passed, ${failed:-0} failed, $skipped skipped"
[ "${passed:-0}" -gt 0 ] && [ "$status" -eq 0 ]
