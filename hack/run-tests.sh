#!/usr/bin/env bash
# Runs the test projects and prints one closing line "tests: N passed, N failed, N skipped".
# Usage: hack/run-tests.sh [unit|integration|all]
set -uo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

unit=(tests/OciRuntime.Oci.Tests tests/OciRuntime.Tests)
integration=(tests/OciRuntime.IntegrationTests conformance/Tests)
case $which in
  unit) projects=("${unit[@]}") ;;
  integration) projects=("${integration[@]}") ;;
  all) projects=("${unit[@]}" "${integration[@]}") ;;
  *) echo "usage: $0 [unit|integration|all]" >&2; exit 2 ;;
esac

export OCIRT_BIN=${OCIRT_BIN:-$PWD/bin/ocirt}
export OCIRT_BUNDLE_ROOTFS=${OCIRT_BUNDLE_ROOTFS:-$PWD/bundle/busybox/rootfs}
status=0
for p in "${projects[@]}"; do
  name=$(basename "$p")
  echo "=== $name"
  # Pure cgroup v2 tests need a v2 kernel: they run in the user-mode-linux guest below, not on this hybrid host.
  filter=()
  [ "$name" = OciRuntime.IntegrationTests ] && filter=(--filter "Category!=CgroupV2")
  dotnet test "$p" -c Release --nologo -v quiet "${filter[@]}" \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=minimal" || status=1
done

# The cgroup v2 integration tests, inside a user-mode-linux guest with a pure cgroup2 hierarchy (hack/uml/).
if [ "$which" != unit ]; then
  echo "=== cgroup v2 (user-mode-linux)"
  bash hack/uml/test-v2.sh "$results" || status=1
fi

# The conformance suite (conformance/) against ocirt, and side by side against runc when it is installed: it fails
# on any case that fails and is not on that runtime's allowlist, or on a stale allowlist entry.
if [ "$which" != unit ]; then
  runtimes=(--runtime "$OCIRT_BIN")
  runc=$(command -v runc || true)
  [ -n "$runc" ] && runtimes+=(--runtime "$runc")
  echo "=== conformance (${runtimes[*]})"
  bash conformance/run.sh "${runtimes[@]}" || { status=1; conformance_failed=1; }
fi

# Sum the counters of every TRX file so the closing line covers all projects.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$line"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
# A skip must say why: print each skipped test with the reason its test gave (the TRX holds it; the console
# logger at minimal verbosity does not show it).
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '/outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
       want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "skipped: " name ": " $0; want = 0 }' "$trx" |
    sed -e 's/&quot;/"/g' -e 's/&amp;/\&/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g'
done

if [ -n "${conformance_failed:-}" ]; then failed=$((failed + 1)); echo "the conformance suite failed (see its summary above)" >&2; fi
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; echo "a test project failed to build or run" >&2; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ $passed -gt 0 ] || status=1
exit $status
