#!/usr/bin/env bash
# Builds the probe and the runner (when their sources changed) and runs the conformance suite.
# Usage: conformance/run.sh [runner arguments...]   e.g. --runtime bin/ocirt --runtime /usr/bin/runc --filter 'hooks.*'
# The rootfs, probe and allowlist arguments are filled in; see conformance/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

probe=artifacts/conformance/probe/oci-probe
runner=conformance/Runner/bin/Release/net10.0/linux-x64/oci-conformance

newer() { [ ! -e "$1" ] || [ -n "$(find "${@:2}" -newer "$1" \( -name '*.cs' -o -name '*.csproj' \) -print -quit)" ]; }

if newer "$probe" conformance/Probe; then
  dotnet publish conformance/Probe/OciConformance.Probe.csproj -c Release -o artifacts/conformance/probe --nologo -v quiet
fi
if newer "$runner" conformance/Runner conformance/Probe src/Oci; then
  dotnet build conformance/Runner/OciConformance.Runner.csproj -c Release --nologo -v quiet >/dev/null
fi

exec "$runner" --rootfs bundle/busybox/rootfs --probe "$probe" --allowlist conformance/allowlist "$@"
