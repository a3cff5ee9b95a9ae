#!/usr/bin/env bash
# Expression throughput: ours (JMH, continuum-benchmarks) and the peer (@actions/expressions via
# ../shared/peers/drivers/expr-eval.mjs) in one run, plus a 10M-evaluation heap soak.
# Usage: scripts/bench-expr.sh            (from the repository root; ~2 minutes on 2 cores)
# Knobs: SKIP_BUILD=1, SOAK=10000000, PEER_ROUNDS=20000, PEERS_ROOT=/tmp/cicd-peers
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
SOAK="${SOAK:-10000000}"
PEER_ROUNDS="${PEER_ROUNDS:-20000}"

echo "== machine: $(nproc) cores, $(uname -m), $("$JAVA" -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -o -q -pl continuum-workflow,continuum-benchmarks package -DskipTests
fi
CP="continuum-benchmarks/target/classes:continuum-benchmarks/target/lib/*"

echo "== ours: JMH (ops/s = evaluations/s)"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main 'dev.continuum.bench.ExprBench' -wi 3 -i 5 -f 1 -w 1s -r 1s -prof gc \
  | grep -E '^(Benchmark|ExprBench\.[a-zA-Z]+ |ExprBench\.[a-zA-Z]+:gc\.alloc\.rate\.norm)' || true

echo "== ours: soak, heap after GC over $SOAK evaluations per mode (fixed 256 MiB heap)"
"$JAVA" -Xmx256m -cp "$CP" dev.continuum.bench.ExprBench "$SOAK"

DRIVER=../shared/peers/drivers/expr-eval.mjs
if [[ -f "$DRIVER" && -d "${PEERS_ROOT:-/tmp/cicd-peers}/tools/actions-parser" ]]; then
  echo "== peer: @actions/expressions on $(node --version)"
  node "$DRIVER" "$PEER_ROUNDS"
  node "$DRIVER" "$PEER_ROUNDS" --cached
else
  echo "== peer: not installed (see ../shared/peers/README.md); README figures: 0.271 M/s lex+parse+eval, 1.31 M/s eval"
fi
