#!/usr/bin/env bash
# Runs upstream runtime-tools validation programs that a user has already built (e.g. `make runtimetest
# validation-executables` in a runtime-tools checkout) against a runtime, and summarises their TAP.
# It never downloads or builds anything.
# Usage: conformance/run-upstream.sh DIR [RUNTIME]     (RUNTIME defaults to bin/ocirt; run as root)
# DIR is the runtime-tools checkout: its validation/**/*.t programs are run with RUNTIME set, from DIR (they look
# for runtimetest there).
set -uo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: $0 DIR [RUNTIME]}
runtime=$(realpath "${2:-bin/ocirt}")
[ -x "$runtime" ] || { echo "run-upstream: $runtime is not an executable runtime" >&2; exit 2; }
mapfile -t programs < <(find "$dir/validation" -name '*.t' -type f -perm -u+x 2>/dev/null | sort)
[ ${#programs[@]} -gt 0 ] || { echo "run-upstream: no built validation programs (*.t) under $dir/validation" >&2; exit 2; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0 fail=0 skip=0 broken=0
for program in "${programs[@]}"; do
  name=${program#"$dir"/validation/}
  out=$( cd "$dir" && RUNTIME=$runtime timeout 120 "$program" 2>&1 )
  code=$?
  p=$(grep -cE '^ok ' <<<"$out" | tr -d ' ') ; f=$(grep -cE '^not ok ' <<<"$out" | tr -d ' ')
  s=$(grep -ciE '^ok .*# skip' <<<"$out" | tr -d ' ')
  pass=$((pass + p - s)) fail=$((fail + f)) skip=$((skip + s))
  if [ $((p + f)) -eq 0 ]; then broken=$((broken + 1)); echo "BROKEN $name (exit $code, no TAP)"; else
    printf '%-60s %3d ok %3d not ok %3d skip\n' "$name" $((p - s)) "$f" "$s"; fi
  { echo "# $name"; echo "$out"; } >>"$log"
done
echo "upstream: ${#programs[@]} programs, $pass ok, $fail not ok, $skip skip, $broken without TAP (runtime $runtime)"
grep -E '^not ok ' "$log" | head -50
[ "$fail" -eq 0 ] && [ "$broken" -eq 0 ]
