#!/usr/bin/env bash
# Benchmarks bin/ocirt against runc and crun on the same machine, in one run (issue 6). Run it as `make bench`,
# which builds bin/ocirt and the busybox bundle first; this script builds nothing.
#
# Scenarios (hyperfine -N, warm-ups, all runtimes in one hyperfine invocation per round; see BENCH_ROUNDS):
#   1. `run` of /bin/true                        4. 10 concurrent `run`s, total wall time
#   2. create + start + delete (one `sh -c`)      5. peak RSS during `create` (GNU time %M) and binary size
#   3. exec of /bin/true into a running container 6. ocirt's own per-phase timings from `--debug run`
#
# Fairness: every runtime gets the same bundle, made from `bin/ocirt spec` with terminal false, args ["/bin/true"]
# and linux.resources REMOVED (the template's device cgroup rules would otherwise make each runtime write its own
# device cgroup), ociVersion set to 1.1.0 (crun 1.8 rejects the template's 1.3.0 with "unknown version specified"),
# and its own --root state directory in a private scratch directory that is removed on exit.
#
# crun: Debian's crun 1.8 refuses a hybrid cgroup v1/v2 host ("cgroups in hybrid mode not supported"). It then runs
# through a wrapper that hides the cgroup2 mount in a private mount namespace (`unshare -m --propagation private` +
# `umount -l /sys/fs/cgroup/unified`; host mounts are untouched). The wrapper's own cost is measured alone in the
# same scenario shape, and crun is reported both raw and adjusted (raw minus that cost).
#
# Knobs: BENCH_RUNS (runs per scenario 1-3, default 100), BENCH_CONC_RUNS (samples of scenario 4, default 20),
# BENCH_WARMUP (default 5), BENCH_ROUNDS (default 4: each scenario is split into this many hyperfine invocations
# with the command order rotated, so the runtimes alternate in blocks, since hyperfine itself runs all samples of
# one command before the next; 1 = a single invocation), BENCH_RSS_RUNS (default 11), BENCH_PHASE_RUNS (default 20).
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOTDIR=$PWD
OCIRT=$ROOTDIR/bin/ocirt
ROOTFS=$ROOTDIR/bundle/busybox/rootfs
RUNS=${BENCH_RUNS:-100}
CONC_RUNS=${BENCH_CONC_RUNS:-20}
WARMUP=${BENCH_WARMUP:-5}
ROUNDS=${BENCH_ROUNDS:-4}
RSS_RUNS=${BENCH_RSS_RUNS:-11}
PHASE_RUNS=${BENCH_PHASE_RUNS:-20}
START_TS=$(date +%s)

step() { printf '[bench %3ds] %s\n' "$(( $(date +%s) - START_TS ))" "$*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (the runtimes create namespaces and cgroups)"
[ -x "$OCIRT" ] || die "$OCIRT missing (run 'make bench', which builds it)"
[ -x "$ROOTFS/bin/busybox" ] || die "$ROOTFS missing (run 'make bench', which makes it)"

# --- packages the bench alone needs, installed only when missing ----------------------------------------------
pkgs=(hyperfine crun runc time jq util-linux)
missing=()
for p in "${pkgs[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq -o DPkg::Lock::Timeout=600
  apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
fi
RUNC=$(command -v runc || true); [ -n "$RUNC" ] || RUNC=/usr/sbin/runc
CRUN_BIN=$(command -v crun || true); [ -n "$CRUN_BIN" ] || CRUN_BIN=/usr/bin/crun
[ -x "$RUNC" ] && [ -x "$CRUN_BIN" ] || die "runc or crun not found after install"

# --- scratch, with cleanup even on failure --------------------------------------------------------------------
S=$(mktemp -d /tmp/ocirt-bench.XXXXXX)
declare -A RT            # runtime name -> command prefix (word-split on purpose)
cleanup() {
  local rc=$? n id
  set +e
  for n in "${!RT[@]}"; do
    [ -d "$S/root-$n" ] || continue
    for id in $(ls "$S/root-$n" 2>/dev/null); do
      ${RT[$n]} delete --force "$id" >/dev/null 2>&1
    done
  done
  rm -rf "$S"
  [ $rc -eq 0 ] || echo "bench: failed (rc=$rc); containers deleted, scratch removed" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkbundle() { # dir, args-json
  mkdir -p "$1"
  (cd "$1" && "$OCIRT" spec)
  jq --arg r "$ROOTFS" --argjson a "$2" \
    '.ociVersion="1.1.0" | .process.terminal=false | .process.args=$a | .root.path=$r | del(.linux.resources)' \
    "$1/config.json" >"$1/config.json.new"
  mv "$1/config.json.new" "$1/config.json"
}
step "preparing bundles and state dirs in $S"
mkbundle "$S/b-true" '["/bin/true"]'
mkbundle "$S/b-sleep" '["/bin/sleep","100000"]'

# crun wrapper: crun 1.8.1 checks /sys/fs/cgroup/unified/cgroup.controllers before anything else and refuses a
# hybrid layout. Only needed (and only used) on such hosts.
HYBRID=no; grep -q ' /sys/fs/cgroup/unified cgroup2 ' /proc/self/mounts && HYBRID=yes
if [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]; then CG_LAYOUT="cgroup v2 (unified)"
elif [ $HYBRID = yes ]; then CG_LAYOUT="hybrid: cgroup v1 controllers + cgroup2 at /sys/fs/cgroup/unified"
else CG_LAYOUT="cgroup v1"; fi
cat >"$S/crun-v1only" <<EOF
#!/bin/sh
exec unshare -m --propagation private /bin/sh -c 'umount -l /sys/fs/cgroup/unified 2>/dev/null; exec $CRUN_BIN "\$@"' crun "\$@"
EOF
cat >"$S/wrapper-only" <<'EOF'
#!/bin/sh
exec unshare -m --propagation private /bin/sh -c 'umount -l /sys/fs/cgroup/unified 2>/dev/null; exec /bin/true' true "$@"
EOF
chmod +x "$S/crun-v1only" "$S/wrapper-only"
CRUN_CMD=$CRUN_BIN; CRUN_NOTE="crun runs directly"
if [ $HYBRID = yes ]; then
  CRUN_CMD=$S/crun-v1only
  CRUN_NOTE="crun 1.8 refuses this hybrid cgroup host, so it runs via a wrapper (unshare -m --propagation private + umount -l /sys/fs/cgroup/unified, in its own mount namespace); crun (adj.) = raw minus the wrapper's own cost measured alone in the same scenario shape"
fi
NAMES=(ocirt runc crun)
for n in "${NAMES[@]}"; do mkdir -p "$S/root-$n"; done
RT[ocirt]="$OCIRT --root $S/root-ocirt"
RT[runc]="$RUNC --root $S/root-runc"
RT[crun]="$CRUN_CMD --root $S/root-crun"
step "crun: $CRUN_NOTE"

# sanity: each runtime runs the bundle once
for n in "${NAMES[@]}"; do
  ${RT[$n]} run --bundle "$S/b-true" "sanity-$n" </dev/null >/dev/null 2>"$S/sanity.err" \
    || { cat "$S/sanity.err" >&2; die "$n cannot run the bundle"; }
done

# --- helpers: hyperfine in rotated rounds, merged JSON ----------------------------------------------------------
# hf SCENARIO RUNS name1 cmd1 name2 cmd2 ...  -> $S/hf-SCENARIO-ROUND.json, merged into $S/SCENARIO.json:
# {name: {times:[...], cpu:[per-round user+sys means]}}
hf() {
  local sc=$1 runs=$2; shift 2
  local -a names=() cmds=(); while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
  local k=${#names[@]} r per=$(( (runs + ROUNDS - 1) / ROUNDS )) i j
  for ((r = 0; r < ROUNDS; r++)); do
    local -a args=()
    for ((i = 0; i < k; i++)); do j=$(( (i + r) % k )); args+=(-n "${names[$j]}" "${cmds[$j]}"); done
    hyperfine -N --style none --warmup "$WARMUP" --runs "$per" --export-json "$S/hf-$sc-$r.json" "${args[@]}" \
      >/dev/null 2>"$S/hf.err" || { cat "$S/hf.err" >&2; die "hyperfine failed in scenario $sc"; }
  done
  jq -s '[.[].results[]] | group_by(.command) | map({key: .[0].command,
           value: {times: (map(.times) | add), cpu: map(.user + .system)}}) | from_entries' \
    "$S"/hf-"$sc"-*.json >"$S/$sc.json"
}

# --- 1. run ------------------------------------------------------------------------------------------------------
step "1/6 run of /bin/true: $RUNS runs each, $ROUNDS rounds, warm-up $WARMUP"
hf run "$RUNS" \
  ocirt "${RT[ocirt]} run --bundle $S/b-true bench-run" \
  runc "${RT[runc]} run --bundle $S/b-true bench-run" \
  crun "${RT[crun]} run --bundle $S/b-true bench-run" \
  wrapper "$S/wrapper-only"

# --- 2. create + start + delete, one `sh -c` per sample (sh's own start-up, ~1 ms, is in every runtime's number) --
step "2/6 create+start+delete: $RUNS runs each"
csd() { echo "sh -c 'id=csd\$\$; $1 create --bundle $S/b-true \$id </dev/null >/dev/null && $1 start \$id && $1 delete --force \$id'"; }
hf csd "$RUNS" \
  ocirt "$(csd "${RT[ocirt]}")" runc "$(csd "${RT[runc]}")" crun "$(csd "${RT[crun]}")" \
  wrapper "sh -c '$S/wrapper-only; $S/wrapper-only; $S/wrapper-only'"

# --- 3. exec into a running container ----------------------------------------------------------------------------
step "3/6 exec of /bin/true into a running container: $RUNS runs each"
for n in "${NAMES[@]}"; do
  ${RT[$n]} create --bundle "$S/b-sleep" "sleeper-$n" </dev/null >/dev/null 2>&1 || die "$n: create sleeper failed"
  ${RT[$n]} start "sleeper-$n" || die "$n: start sleeper failed"
done
hf exec "$RUNS" \
  ocirt "${RT[ocirt]} exec sleeper-ocirt /bin/true" \
  runc "${RT[runc]} exec sleeper-runc /bin/true" \
  crun "${RT[crun]} exec sleeper-crun /bin/true" \
  wrapper "$S/wrapper-only"
for n in "${NAMES[@]}"; do ${RT[$n]} delete --force "sleeper-$n" >/dev/null 2>&1 || true; done

# --- 4. 10 concurrent runs ---------------------------------------------------------------------------------------
step "4/6 10 concurrent runs: $CONC_RUNS samples each"
cat >"$S/conc.sh" <<'EOF'
#!/bin/sh
# conc.sh BUNDLE RUNTIME-CMD...: 10 concurrent `run`s with unique ids; fails if any fails.
b=$1; shift; pids=""
for i in 0 1 2 3 4 5 6 7 8 9; do "$@" run --bundle "$b" "conc$$-$i" </dev/null >/dev/null & pids="$pids $!"; done
rc=0; for p in $pids; do wait "$p" || rc=1; done; exit $rc
EOF
cat >"$S/conc-wrapper.sh" <<EOF
#!/bin/sh
pids=""
for i in 0 1 2 3 4 5 6 7 8 9; do $S/wrapper-only & pids="\$pids \$!"; done
for p in \$pids; do wait "\$p"; done
EOF
hf conc "$CONC_RUNS" \
  ocirt "sh $S/conc.sh $S/b-true ${RT[ocirt]}" \
  runc "sh $S/conc.sh $S/b-true ${RT[runc]}" \
  crun "sh $S/conc.sh $S/b-true ${RT[crun]}" \
  wrapper "sh $S/conc-wrapper.sh"

# --- 5. peak RSS during create, binary sizes -----------------------------------------------------------------------
step "5/6 peak RSS of create ($RSS_RUNS each, interleaved) and binary sizes"
declare -A RSS
for ((i = 0; i < RSS_RUNS; i++)); do
  for n in "${NAMES[@]}"; do
    # GNU time reports the max RSS of the runtime process and the descendants it reaped (wait4 rusage); for crun
    # via the wrapper that includes unshare and sh, which exec into crun (same process, high-water mark kept).
    /usr/bin/time -o "$S/rss" -f %M ${RT[$n]} create --bundle "$S/b-true" "rss-$n-$i" </dev/null >/dev/null 2>&1 \
      || die "$n: create failed in RSS step"
    RSS[$n]+="$(cat "$S/rss") "
    ${RT[$n]} delete --force "rss-$n-$i" >/dev/null 2>&1 || true
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
declare -A SIZE=([ocirt]=$(stat -c %s "$OCIRT") [runc]=$(stat -c %s "$(readlink -f "$RUNC")") [crun]=$(stat -c %s "$(readlink -f "$CRUN_BIN")"))

# --- 6. ocirt per-phase timings ------------------------------------------------------------------------------------
step "6/6 ocirt --debug run phases: $PHASE_RUNS runs"
: >"$S/phases.tsv"
for ((i = 0; i < PHASE_RUNS; i++)); do
  ${RT[ocirt]} --debug run --bundle "$S/b-true" "phase-$i" </dev/null >/dev/null 2>"$S/phase.log" \
    || die "ocirt --debug run failed"
  # text lines: msg="phase NAME: X ms, K KiB allocated"; JSON lines (from the init process): "msg":"phase ..."
  grep -o 'phase [^"]*: [0-9.]* ms, [0-9]* KiB allocated' "$S/phase.log" \
    | sed -E 's/^phase (.*): ([0-9.]+) ms, ([0-9]+) KiB allocated$/\1\t\2\t\3/' \
    | awk -F'\t' '{print NR "\t" $1 "\t" $2 "\t" $3}' >>"$S/phases.tsv"
done

# --- report ----------------------------------------------------------------------------------------------------------
step "writing report"
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
date_utc=$(date -u +%Y-%m-%dT%H-%M-%SZ)
mkdir -p bench/results
OUT=bench/results/$date_utc.md
ocirt_ver=$("$OCIRT" --version 2>/dev/null | head -1 || true)
runc_ver=$("$RUNC" --version 2>/dev/null | head -1)
crun_ver=$("$CRUN_BIN" --version 2>/dev/null | head -1)

# stats NAME SCENARIO -> "median p90 cpu" in ms (p90 nearest-rank; cpu = mean of per-round user+sys means)
stats() {
  jq -r --arg n "$1" '.[$n] | (.times | sort) as $t | ($t | length) as $l
    | [ (if $l % 2 == 1 then $t[($l - 1) / 2] else ($t[$l / 2 - 1] + $t[$l / 2]) / 2 end),
        $t[((0.9 * $l) | ceil) - 1], ((.cpu | add) / (.cpu | length)) ] | map(. * 1000) | @tsv' "$S/$2.json"
}
fmt() { awk -v x="$1" 'BEGIN {printf "%.2f", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f×", a / b; else print "n/a"}'; }

declare -A MED P90 CPU
for sc in run csd exec conc; do
  for n in ocirt runc crun wrapper; do
    read -r MED[$sc-$n] P90[$sc-$n] CPU[$sc-$n] < <(stats "$n" "$sc")
  done
  if [ $HYBRID = yes ]; then
    MED[$sc-crunadj]=$(awk -v a="${MED[$sc-crun]}" -v b="${MED[$sc-wrapper]}" 'BEGIN {print a - b}')
    P90[$sc-crunadj]=$(awk -v a="${P90[$sc-crun]}" -v b="${MED[$sc-wrapper]}" 'BEGIN {print a - b}')
    CPU[$sc-crunadj]=$(awk -v a="${CPU[$sc-crun]}" -v b="${CPU[$sc-wrapper]}" 'BEGIN {print a - b}')
  else
    MED[$sc-crunadj]=${MED[$sc-crun]}; P90[$sc-crunadj]=${P90[$sc-crun]}; CPU[$sc-crunadj]=${CPU[$sc-crun]}
  fi
done
declare -A TITLE=([run]="run /bin/true" [csd]="create+start+delete" [exec]="exec /bin/true" [conc]="10 concurrent runs (total)")

verdict() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {r = a / b; printf "%.2f× (target ≤ %s×): %s", r, t, (r <= t ? "**met**" : "**missed**")}'; }
rss_med() { echo "${RSS[$1]}" | median; }

{
  echo "# ocirt benchmark, $date_utc"
  echo
  echo "- Machine: $cpu_model, $(nproc) cores, kernel $(uname -r), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Cgroups: $CG_LAYOUT"
  echo "- Runtimes: $OCIRT ($ocirt_ver); $RUNC ($runc_ver); $CRUN_BIN ($crun_ver)"
  echo "- Bundle: busybox, from \`ocirt spec\` with terminal false, args [\"/bin/true\"], linux.resources removed (same work for all three), ociVersion 1.1.0 (crun 1.8 rejects 1.3.0); own --root per runtime"
  echo "- Timing: hyperfine -N, warm-up $WARMUP, $RUNS runs per command for scenarios 1-3 and $CONC_RUNS for scenario 4, split into $ROUNDS hyperfine invocations with the command order rotated (hyperfine runs one command's samples in a block)"
  echo "- crun: $CRUN_NOTE"
  echo "- create+start+delete is one \`sh -c\` per sample (three runtime calls; sh's start-up is in every runtime's number); the wrapper row for it is three wrapper calls"
  echo "- CPU = user+sys of the process tree hyperfine waits for (hyperfine 1.15 exports only per-command means, so this is a mean, not a median)"
  echo
  echo "## Wall time (ms)"
  echo
  echo "| Scenario | Runtime | median | p90 | CPU mean | ×runc | ×crun (raw) | ×crun (adj.) |"
  echo "|:--|:--|--:|--:|--:|--:|--:|--:|"
  for sc in run csd exec conc; do
    for n in ocirt runc crun crunadj wrapper; do
      if [ $HYBRID = no ] && { [ $n = crunadj ] || [ $n = wrapper ]; }; then continue; fi
      label=$n; [ $n = crunadj ] && label="crun (adj.)"; [ $n = wrapper ] && label="(wrapper alone)"
      rr=$(ratio "${MED[$sc-$n]}" "${MED[$sc-runc]}")
      rc=$(ratio "${MED[$sc-$n]}" "${MED[$sc-crun]}")
      ra=$(ratio "${MED[$sc-$n]}" "${MED[$sc-crunadj]}")
      [ $n = wrapper ] && { rr=""; rc=""; ra=""; }
      echo "| ${TITLE[$sc]} | $label | $(fmt "${MED[$sc-$n]}") | $(fmt "${P90[$sc-$n]}") | $(fmt "${CPU[$sc-$n]}") | $rr | $rc | $ra |"
    done
  done
  echo
  echo "## Footprint"
  echo
  echo "| Runtime | peak RSS during create (KiB, median of $RSS_RUNS) | ×runc | binary size (bytes) | ×runc |"
  echo "|:--|--:|--:|--:|--:|"
  for n in "${NAMES[@]}"; do
    echo "| $n | $(rss_med "$n") | $(ratio "$(rss_med "$n")" "$(rss_med runc)") | ${SIZE[$n]} | $(ratio "${SIZE[$n]}" "${SIZE[runc]}") |"
  done
  [ $HYBRID = yes ] && echo && echo "crun's RSS is measured through the wrapper (unshare and sh exec into crun; GNU time keeps the high-water mark)."
  echo
  echo "## ocirt --debug run phases (median of $PHASE_RUNS runs, ms)"
  echo
  echo "Milliseconds since the command's Main, as logged; the container's init (\"init:\" lines) logs on the same clock"
  echo "(the parent hands it its origin), so the rows are one time line, in order of their medians. \"step\" is the"
  echo "difference to the row before it. \"allocated\" is what that process (the command, or the init) has allocated on"
  echo "its managed heap by then: no collection runs in so short a life, so each allocated page is a fresh page."
  echo
  echo "| # | phase | median (ms) | step (ms) | allocated (KiB) |"
  echo "|--:|:--|--:|--:|--:|"
  awk -F'\t' '{k = $2; v[k] = v[k] " " $3; a[k] = a[k] " " $4; if (!(k in seen)) {seen[k] = 1; order[++n] = k}}
    END {for (i = 1; i <= n; i++) print order[i] "\t" v[order[i]] "\t" a[order[i]]}' "$S/phases.tsv" \
  | while IFS=$'\t' read -r name vals kibs; do
      printf '%s\t%s\t%s\n' "$name" "$(echo "$vals" | median)" "$(echo "$kibs" | median)"
    done | sort -t$'\t' -k2,2g \
  | awk -F'\t' '{printf "| %d | %s | %.2f | %.2f | %d |\n", NR, $1, $2, $2 - prev, $3; prev = $2}'
  echo
  echo "## Targets (issue 6)"
  echo
  echo "- run vs runc: $(verdict "${MED[run-ocirt]}" "${MED[run-runc]}" 0.4)"
  echo "- run vs crun (adj.): $(verdict "${MED[run-ocirt]}" "${MED[run-crunadj]}" 0.8); vs crun raw: $(ratio "${MED[run-ocirt]}" "${MED[run-crun]}")"
  echo "- create+start+delete vs runc: $(verdict "${MED[csd-ocirt]}" "${MED[csd-runc]}" 0.4)"
  echo "- exec vs runc: $(verdict "${MED[exec-ocirt]}" "${MED[exec-runc]}" 0.3)"
  echo "- peak RSS vs runc: $(verdict "$(rss_med ocirt)" "$(rss_med runc)" 0.5)"
  echo
  echo "Produced by \`make bench\` (hack/bench/bench.sh) in $(( $(date +%s) - START_TS )) s."
} >"$S/report.md"

cp "$S/report.md" "$OUT"
echo
cat "$OUT"
echo
step "done: $OUT"
