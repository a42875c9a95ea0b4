#!/usr/bin/env bash
# Benchmarks our CKKS engine against node-seal (real SEAL 4.1 in WebAssembly) and writes the comparison into
# docs/benchmarks.md, section "CKKS engine vs node-seal" (other sections of that file are kept).
#
# Usage: bench/run-engine-bench.sh [extra BenchmarkDotNet arguments, e.g. --job short]
# Environment: NODE_SEAL_BUDGET_S  measuring seconds per N for node-seal (default 60)
# Needs `npm ci` done at the repository root. Runs under `nice` (the machine is shared); takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts=BenchmarkDotNet.Artifacts/engine-vs-node-seal
rm -rf "$artifacts"
mkdir -p "$artifacts"

if [ ! -f node_modules/node-seal/package.json ]; then
  echo "node-seal is not installed: run 'npm ci' at the repository root first." >&2
  exit 1
fi

echo "== node-seal (SEAL 4.1, WebAssembly)" >&2
nice -n 10 node bench/node-seal/bench.mjs --budget-s "${NODE_SEAL_BUDGET_S:-60}" --out "$artifacts/node-seal.json"

echo "== our engine (BenchmarkDotNet)" >&2
nice -n 10 dotnet run -c Release --project bench/IcedServerless.Benchmarks -- \
  --filter '*CkksOperationBenchmarks*' '*NttBenchmarks.Forward' '*NttBenchmarks.Inverse' --exporters json \
  --artifacts "$artifacts/bdn" "$@"

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
machine="$(nproc) cores (nproc), ${cpu_model:-unknown CPU}, $memory RAM, $(uname -sr), load average $(cut -d" " -f1-3 /proc/loadavg) before the run; measured $(date -u +%Y-%m-%d)"

echo >&2
results="$artifacts/bdn/results"
mkdir -p "$results" docs
if ! ls "$results"/*-report-full*.json > /dev/null 2>&1; then
  echo "warning: BenchmarkDotNet wrote no JSON report; the table will list node-seal only." >&2
fi
node bench/compare/make-table.mjs --bdn "$results" --node "$artifacts/node-seal.json" \
  --out docs/benchmarks.md --section "CKKS engine vs node-seal" --machine "$machine"
echo "Wrote docs/benchmarks.md (raw reports in $artifacts)." >&2
