#!/bin/sh
# A deliberately wrong runtime, for conformance/Tests: it passes every call on to a real runtime, but first
#   - on create/run, rewrites the bundle's config.json with the jq filter in $STUB_FORGET (dropping the fields
#     whose cases must then fail), and
#   - makes the commands named in $STUB_NOOP (space-separated, e.g. "kill") succeed without doing anything.
# Usage: STUB_REAL_RUNTIME=/path/to/runtime STUB_FORGET='del(.hostname)' STUB_NOOP=kill forgetful-runtime.sh ARGS...
set -eu
real=${STUB_REAL_RUNTIME:?STUB_REAL_RUNTIME names the runtime to pass calls on to}

# The command is the first argument that is not a global flag (--root DIR, --log FILE, --debug...).
command="" bundle="." prev=""
for arg in "$@"; do
  if [ -n "$prev" ]; then
    if [ "$prev" = --bundle ] || [ "$prev" = -b ]; then bundle=$arg; fi
    prev=""
    continue
  fi
  case $arg in
    --root|--log|--log-format|--criu|--bundle|-b) prev=$arg ;;
    --bundle=*) bundle=${arg#--bundle=} ;;
    -*) ;;
    *) [ -n "$command" ] || command=$arg ;;
  esac
done

for noop in ${STUB_NOOP:-}; do
  [ "$command" = "$noop" ] && exit 0
done

if [ -n "${STUB_FORGET:-}" ] && { [ "$command" = create ] || [ "$command" = run ]; }; then
  jq "$STUB_FORGET" "$bundle/config.json" >"$bundle/config.json.stub"
  mv "$bundle/config.json.stub" "$bundle/config.json"
fi
exec "$real" "$@"
