#!/usr/bin/env bash
# Runs CMD as root inside a user-mode-linux guest (Debian's user-mode-linux, kernel 6.1) whose only cgroup hierarchy
# is cgroup2: a pure cgroup v2 host for tests, since this machine is a v1/v2 hybrid. Prints CMD's output (stdout and
# stderr, merged) and exits with CMD's exit code; 124 if the guest ran past UML_TIMEOUT, 125 if the guest failed
# before CMD's exit code came back.
#
# Usage: hack/uml/run-in-uml.sh CMD [ARG...]
#   env: UML_TIMEOUT (seconds, default 900), UML_MEM (default 1G), UML_KEEP=1 keeps the work dir (init script,
#        console log) and prints its path.
#
# The guest's root is the host's / through hostfs, read-write: CMD runs in the caller's directory with the caller's
# exported environment, and files it writes outside the guest's own tmpfs mounts land on the host. Mounts made in
# the guest are the guest kernel's, never the host's.
#
# What the guest has (checked on 6.1um4, see /usr/share/doc/user-mode-linux/config.gz):
#   - cgroup2 controllers: cpu, io, memory, pids only. No cpuset (the kernel is uniprocessor, NR_CPUS=1, so
#     CONFIG_CPUSETS is off), no hugetlb (no HUGETLBFS), no rdma, no misc, no perf_event. No PSI: no *.pressure files.
#     cgroup.freeze, cgroup.kill, cgroup.events, memory.events, memory.swap.* are there. io: throttle (io.max) only;
#     no io.weight (no BFQ group scheduling, no iocost) and no io.latency.
#   - BPF syscall and CGROUP_BPF are on (eBPF device programs attach), without a JIT (interpreter).
#   - Namespaces: mnt, uts, ipc, user, pid, net, cgroup. No time namespace (unshare -T: EINVAL). Seccomp filters
#     work. personality(PER_LINUX32) is accepted but uname -m stays x86_64 (no 32-bit compat in UML).
#   - overlay works, also with a hostfs lowerdir (the busybox rootfs) and the upper on tmpfs.
#   - procps' ps (4.0.2) fails in the guest with "Unable to get system boot time" when a time column (STIME, as
#     in ps -ef) is asked for, so `runc ps ID` / `ocirt ps ID` (table) fail there; `ps --format json` and
#     `ps -o pid,comm` work.
#   - No swap device, so memory.swap.max can be written but never matters.
#   - Modules (overlay, veth, bridge, ...) live in /usr/lib/uml/modules; the host has no /lib/modules for them, so
#     this script insmods overlay and veth by path. Only the loopback device exists: there is no network to the host.
#   - The guest sees host-wide files through hostfs: /etc, /usr, /tmp, the repo (wherever it was cloned, /tmp
#     included). /run and /dev/shm are the guest's own tmpfs, so runtime state (/run/ocirt, /run/runc) never lands
#     on the host, and TMPDIR points CMD's scratch at a tmpfs too (/run/tmp): hostfs cannot hold device nodes or
#     bind mounts the way the tests need.
#   - CMD runs in the child cgroup /cmd.scope (the init script in /init.scope), as a runtime under systemd would;
#     the root's subtree_control has every controller, so containers may take absolute paths under the root.
#   - Boot to CMD and power-off take about 2.5-3.5 s; the .NET SDK and the vstest host run (JIT works) but
#     everything is slower than on the host (one CPU, every syscall trapped): give the guest UML_MEM=2G for them.
#   - Devices: devtmpfs (null, zero, full, random, urandom, tty, ptmx, console, kmsg, mem); devpts is mounted.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: $0 CMD [ARG...]" >&2; exit 2; }
command -v linux.uml >/dev/null || { echo "run-in-uml: linux.uml missing: run hack/install-deps.sh (user-mode-linux)" >&2; exit 125; }

timeout_s=${UML_TIMEOUT:-900}
work=$(mktemp -d "${TMPDIR:-/tmp}/ocirt-uml.XXXXXX")
uml_pid=
cleanup() {
  # UML runs each guest address space as a host child process; they share the process group the guest was started
  # in (setsid below), so the group is ended by its own id, and nothing else.
  if [ -n "$uml_pid" ] && kill -0 "$uml_pid" 2>/dev/null; then kill -KILL -- "-$uml_pid" 2>/dev/null || true; fi
  if [ "${UML_KEEP:-0}" = 1 ]; then echo "run-in-uml: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The command and the environment go into the init script as bash source, quoted by bash itself (hence bash, not
# sh, as the guest's init: printf %q may produce $'...').
{
  echo '#!/bin/bash'
  export -p | grep -Ev '^declare -x (BASHOPTS|SHELLOPTS|BASH_[A-Z_]*|OLDPWD|PWD|SHLVL|_)=' || true
  printf 'cmd=(%s)\n' "$(printf '%q ' "$@")"
  printf 'work=%q\ncwd=%q\n' "$work" "$PWD"
  cat <<'EOF'
set -u
# Output and exit code go to host files through hostfs (the work dir is usually under the host's /tmp).
exec 3>"$work/out" 4>"$work/rc" 5>>"$work/guest.log"
exec 2>&5 >&5
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm /dev/mqueue
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
mount -t mqueue mqueue /dev/mqueue
mount -t tmpfs -o mode=755 run /run
mkdir -m 1777 /run/tmp
export TMPDIR=/run/tmp
mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup
# Every controller the kernel has, for the root's children: what a systemd host gives a container runtime.
for c in $(cat /sys/fs/cgroup/cgroup.controllers); do echo "+$c" >/sys/fs/cgroup/cgroup.subtree_control; done
mods=/usr/lib/uml/modules/$(uname -r)/kernel
# busybox (a dependency already) rather than kmod: its insmod takes a path.
for m in fs/overlayfs/overlay.ko drivers/net/veth.ko; do busybox insmod "$mods/$m" || true; done
busybox ip link set lo up || true
hostname uml
# CMD itself runs in a child cgroup, as a runtime under systemd would; the root keeps only this script.
mkdir /sys/fs/cgroup/init.scope /sys/fs/cgroup/cmd.scope
echo $$ >/sys/fs/cgroup/init.scope/cgroup.procs
export HOME=${HOME:-/root}
rc=0
( echo $BASHPID >/sys/fs/cgroup/cmd.scope/cgroup.procs; cd "$cwd" && exec "${cmd[@]}" ) </dev/null >&3 2>&3 || rc=$?
echo "$rc" >&4
exec 3>&- 4>&-
# sysrq power-off does not sync, and hostfs keeps dirty pages in the guest's page cache.
sync
echo o >/proc/sysrq-trigger
sleep 10
EOF
} >"$work/init"
chmod +x "$work/init"
: >"$work/out"

# con0 gets the kernel's messages (kept in console.log for a failed boot); CMD's output comes through $work/out.
# uml_dir keeps the mconsole socket and pid file in the work dir instead of ~/.uml.
setsid linux.uml mem="${UML_MEM:-1G}" root=/dev/root rootfstype=hostfs rootflags=/ rw quiet \
  init="$work/init" uml_dir="$work" umid=guest con=null con0=fd:0,fd:1 \
  </dev/null >"$work/console.log" 2>&1 &
uml_pid=$!

# Streams CMD's output while it runs (it reaches the host as the guest writes its pages back, so in bursts).
tail -n +1 -f --pid="$uml_pid" "$work/out" &
tail_pid=$!
deadline=$((SECONDS + timeout_s))
while kill -0 "$uml_pid" 2>/dev/null; do
  if [ $SECONDS -ge $deadline ]; then
    echo "run-in-uml: timed out after ${timeout_s}s; killing the guest" >&2
    kill -KILL -- "-$uml_pid" 2>/dev/null || true
    wait "$uml_pid" "$tail_pid" 2>/dev/null || true
    exit 124
  fi
  sleep 0.2
done
wait "$uml_pid" 2>/dev/null || true
wait "$tail_pid" 2>/dev/null || true

rc=$(cat "$work/rc" 2>/dev/null || true)
if [[ ! $rc =~ ^[0-9]+$ ]]; then
  echo "run-in-uml: the guest stopped without CMD's exit code; guest log and console tail:" >&2
  cat "$work/guest.log" >&2 2>/dev/null || true
  tail -n 30 "$work/console.log" >&2
  exit 125
fi
exit "$rc"
