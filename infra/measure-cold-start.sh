#!/usr/bin/env bash
# Measures the handler's cold start: process start to listening (first HTTP answer on GET /, what the Functions host
# waits for) and to the first 200 on GET /api/models (what a client waits for), over several runs, and prints each
# run and the medians. Local mode with a fresh embedded store per run, so no storage is needed.
# Usage: infra/measure-cold-start.sh <handler executable | project.dll> [runs=7]
#   e.g. infra/measure-cold-start.sh artifacts/functionapp/IcedServerless.Functions
#        infra/measure-cold-start.sh src/IcedServerless.Functions/bin/Release/net10.0/IcedServerless.Functions.dll
set -euo pipefail

target="$(realpath "${1:?usage: measure-cold-start.sh <executable|dll> [runs]}")"
runs="${2:-7}"
command=("$target")
[[ "$target" == *.dll ]] && command=(dotnet "$target")

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

# An unused loopback port: bind to port 0 and read back what the kernel chose.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

listening=()
models=()
for ((run = 1; run <= runs; run++)); do
  port="$(free_port)"
  store="$work/store-$run"
  mkdir -p "$work/cwd-$run"
  start="$(now_ms)"
  # cwd without local.settings.json, so only these settings apply.
  (cd "$work/cwd-$run" && exec env Iced__EmbeddedStoreRoot="$store" Iced__Local__FunctionKey= \
    "${command[@]}" --urls "http://127.0.0.1:$port" >"$work/log-$run" 2>&1) &
  pid=$!
  listen_ms=""
  deadline=$((start + 60000))
  while [[ -z "$listen_ms" ]]; do
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then listen_ms=$(( $(now_ms) - start )); fi
    (( $(now_ms) < deadline )) || { echo "run $run: not listening after 60 s (log: $work/log-$run)" >&2; kill "$pid"; exit 1; }
    kill -0 "$pid" 2>/dev/null || { cat "$work/log-$run" >&2; echo "run $run: handler exited" >&2; exit 1; }
  done
  models_ms=""
  while [[ -z "$models_ms" ]]; do
    code="$(curl -s -o "$work/models-$run.json" -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port/api/models" || true)"
    if [[ "$code" == 200 ]]; then models_ms=$(( $(now_ms) - start )); fi
    (( $(now_ms) < deadline )) || { echo "run $run: no 200 on /api/models after 60 s" >&2; kill "$pid"; exit 1; }
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  grep -q '"modelId"' "$work/models-$run.json" || { echo "run $run: /api/models listed no model" >&2; exit 1; }
  echo "run $run: listening ${listen_ms} ms, first /api/models 200 ${models_ms} ms"
  listening+=("$listen_ms")
  models+=("$models_ms")
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median of $runs: listening $(median "${listening[@]}") ms, first /api/models 200 $(median "${models[@]}") ms"
