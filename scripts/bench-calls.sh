#!/usr/bin/env bash
# What a reusable-workflow call costs, whole process, from the repository root: `continuum run` of a workflow whose
# one job calls a local one-step workflow (with an input), side by side with the same step inlined in the job, and
# with a call nested four levels deep (hyperfine). Also the jobs' own times from run.json.
# Usage: scripts/bench-calls.sh   Knobs: RUNS=20, SKIP_BUILD=1, WORK=/tmp/continuum-bench-calls
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-20}"
WORK="${WORK:-/tmp/continuum-bench-calls}"
ROOT="$PWD"
rm -rf "$WORK" && mkdir -p "$WORK"
# The build shares the machine's Maven lock with other builds.
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then flock /tmp/continuum-mvn.lock ./continuum --version > /dev/null; fi
echo "== machine: $(nproc) cores, $(uname -sr), $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); commit: $(git rev-parse --short HEAD); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%FT%TZ)"

repo() { # repo NAME: an empty git repository with .github/workflows
  mkdir -p "$WORK/$1/.github/workflows"
  echo "$1" > "$WORK/$1/README.md"
}
commit() {
  (cd "$WORK/$1" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@x commit -qm init)
}

repo inline
cat > "$WORK/inline/.github/workflows/ci.yml" <<'YML'
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "hello ${{ github.event_name }}"
YML
commit inline

repo call
cat > "$WORK/call/.github/workflows/ci.yml" <<'YML'
on: push
jobs:
  build:
    uses: ./.github/workflows/build.yml
    with:
      greeting: hello
YML
cat > "$WORK/call/.github/workflows/build.yml" <<'YML'
on:
  workflow_call:
    inputs:
      greeting: {type: string, required: true}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ inputs.greeting }} ${{ github.event_name }}"
YML
commit call

repo nested
cat > "$WORK/nested/.github/workflows/ci.yml" <<'YML'
on: push
jobs:
  level-1:
    uses: ./.github/workflows/level-1.yml
YML
for k in 1 2 3; do
  printf 'on: workflow_call\njobs:\n  level-%s:\n    uses: ./.github/workflows/level-%s.yml\n' "$((k + 1))" "$((k + 1))" \
    > "$WORK/nested/.github/workflows/level-$k.yml"
done
cat > "$WORK/nested/.github/workflows/level-4.yml" <<'YML'
on: workflow_call
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "hello ${{ github.event_name }}"
YML
commit nested

measure() {
  hyperfine --shell=bash --runs "$RUNS" --warmup 2 --style basic --export-markdown "$WORK/calls.md" \
    --command-name "one step inlined in the job" "'$ROOT/continuum' run -C '$WORK/inline' --plain > /dev/null" \
    --command-name "the same step in a called workflow (one local call, one input)" "'$ROOT/continuum' run -C '$WORK/call' --plain > /dev/null" \
    --command-name "the same step four calls deep" "'$ROOT/continuum' run -C '$WORK/nested' --plain > /dev/null"
  cat "$WORK/calls.md"
  # The engine's own time (run.json durationMs: the run from its first job to its end, without JVM start-up and
  # loading), median of RUNS runs each.
  for r in inline call nested; do
    for i in $(seq "$RUNS"); do
      "$ROOT/continuum" run -C "$WORK/$r" --plain --report "$WORK/$r-report" > /dev/null
      python3 -c "import json;print(json.load(open('$WORK/$r-report/run.json'))['durationMs'])"
    done | sort -n | awk -v r="$r" '{a[NR]=$1} END {printf "%s: run.json durationMs median %d ms, min %d, max %d (%d runs)\n", r, a[int((NR+1)/2)], a[1], a[NR], NR}'
  done
}
# Measured while holding the Maven lock the machine's builds share, so that no build runs at the same time.
export -f measure
export RUNS WORK ROOT
flock /tmp/continuum-mvn.lock bash -c measure
