#!/usr/bin/env bash
# Benchmarks of `continuum run` (issue 3), whole process, from the repository root:
#   overhead   50 jobs × 20 steps of `run: true` with --parallel 1, side by side with the floor: a bash loop that
#              only spawns the step shell 1,000 times (hyperfine, one run)
#   schedule   a graph of sleep jobs whose critical path is 10 s, --parallel 4: wall time vs 10 s
#   stdout     one step writing 1 GiB to stdout (with a secret registered, so masking is on): MB/s into the log
#              and peak RSS
#   matrix     a 256-leg matrix of trivial steps: peak RSS
# Usage: scripts/bench-run.sh [overhead|schedule|stdout|matrix …]   (default: all)
# Knobs: RUNS=5, PAIRS=7, SKIP_BUILD=1, WORK=/tmp/continuum-bench-run
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-5}"
PAIRS="${PAIRS:-7}"
WORK="${WORK:-/tmp/continuum-bench-run}"
ROOT="$PWD"
rm -rf "$WORK" && mkdir -p "$WORK"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  touch continuum-cli/pom.xml && ./continuum --version > /dev/null   # rebuild and train the start-up cache
fi
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); bash: ${BASH_VERSION}; load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%FT%TZ)"

workflow_dir() { mkdir -p "$WORK/$1/.github/workflows"; echo "$WORK/$1"; }

overhead() {
  local d; d="$(workflow_dir overhead)"
  {
    echo "on: push"; echo "jobs:"
    for j in $(seq 1 50); do
      echo "  j$j:"; echo "    runs-on: ubuntu-latest"; echo "    steps:"
      for s in $(seq 1 20); do echo "      - run: true"; done
    done
  } > "$d/.github/workflows/w.yml"
  printf 'true\n' > "$WORK/step.sh"
  ./continuum run -C "$d" --parallel 1 --plain > /dev/null   # training run for the class-data archive
  mkdir -p "$WORK/floor" && "$JAVA_HOME/bin/javac" -d "$WORK/floor" scripts/bench/SpawnFloor.java
  echo "== overhead: 50 jobs x 20 steps (1,000 step processes), --parallel 1"
  hyperfine --shell=bash --runs "$RUNS" --warmup 1 --style basic --export-markdown "$WORK/overhead.md" \
    --command-name "continuum run (1,000 steps)" "'$ROOT/continuum' run -C '$d' --parallel 1 --plain > /dev/null" \
    --command-name "floor: bash loop of 1,000 step shells" "for ((i=0;i<1000;i++)); do bash -e '$WORK/step.sh'; done" \
    --command-name "JVM floor: Java starting the 1,000 step shells, nothing else" \
      "'$JAVA_HOME/bin/java' -XX:+UseSerialGC -cp '$WORK/floor' SpawnFloor 1000 '$WORK/step.sh'"
  cat "$WORK/overhead.md"
  # The floor drifts with the machine's load by ±20 % between minutes; a ratio from back-to-back pairs is steadier
  # than one from two separate series.
  echo "== overhead: $PAIRS back-to-back pairs (floor, then continuum), the ratio of each pair"
  python3 - "$ROOT/continuum" "$d" "$WORK/step.sh" "$PAIRS" <<'PY'
import statistics, subprocess, sys, time
launcher, d, step, pairs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def timed(cmd):
    t = time.perf_counter(); subprocess.run(cmd, shell=True, check=True, executable="/bin/bash", stdout=subprocess.DEVNULL); return time.perf_counter() - t
ratios = []
for i in range(pairs):
    floor = timed(f"for ((i=0;i<1000;i++)); do bash -e '{step}'; done")
    run = timed(f"'{launcher}' run -C '{d}' --parallel 1 --plain")
    ratios.append(run / floor)
    print(f"pair {i + 1}: floor {floor:.3f} s, continuum {run:.3f} s, ratio {run / floor:.2f}, overhead {(run - floor):.3f} ms/step")
print(f"median ratio {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}) over {pairs} pairs")
PY
}

schedule() {
  local d; d="$(workflow_dir schedule)"
  cat > "$d/.github/workflows/w.yml" <<'YML'
on: push
jobs:
  a:   {runs-on: ubuntu-latest, steps: [{run: sleep 2}]}
  b:   {runs-on: ubuntu-latest, steps: [{run: sleep 1}]}
  c:   {needs: a, runs-on: ubuntu-latest, steps: [{run: sleep 5}]}
  d:   {needs: a, runs-on: ubuntu-latest, steps: [{run: sleep 3}]}
  e:   {needs: [b], runs-on: ubuntu-latest, steps: [{run: sleep 4}]}
  f:   {needs: [c, d], runs-on: ubuntu-latest, steps: [{run: sleep 3}]}
  g:   {needs: [e], runs-on: ubuntu-latest, steps: [{run: sleep 2}]}
  m:
    needs: a
    runs-on: ubuntu-latest
    strategy: {matrix: {n: [1, 2]}}
    steps: [{run: sleep 1}, {run: sleep 1}]
YML
  echo "== schedule: 10 jobs, critical path a(2) -> c(5) -> f(3) = 10 s, --parallel 4"
  hyperfine --shell=bash --runs "$RUNS" --style basic --export-markdown "$WORK/schedule.md" \
    --command-name "continuum run (10 s critical path)" "'$ROOT/continuum' run -C '$d' --parallel 4 --plain > /dev/null"
  cat "$WORK/schedule.md"
  ./continuum run -C "$d" --parallel 4 --plain --report "$WORK/schedule-report" > /dev/null
  echo "the run itself (run.json durationMs, from the first job's start to the last job's end, no JVM start-up):" \
    "$(python3 -c "import json;print(json.load(open('$WORK/schedule-report/run.json'))['durationMs']/1000)") s"
}

stdout() {
  local d; d="$(workflow_dir stdout)"
  cat > "$d/.github/workflows/w.yml" <<'YML'
on: push
jobs:
  big:
    runs-on: ubuntu-latest
    steps:
      - run: yes "$(printf 'x%.0s' $(seq 1 99))" | head -c 1073741824
YML
  echo "== stdout: one step writes 1 GiB (100-byte lines) to stdout; a secret is registered so masking is on"
  /usr/bin/time -f "%e s wall, %M KB max RSS" ./continuum run -C "$d" --plain -s TOKEN=not-in-the-output \
    --report "$WORK/stdout-report" > /dev/null 2> "$WORK/stdout.time" || true
  local secs; secs="$(python3 -c "import json;r=json.load(open('$WORK/stdout-report/run.json'));print(r['workflows'][0]['jobs'][0]['steps'][0]['durationMs']/1000)")"
  local bytes; bytes="$(stat -c %s "$(find "$WORK/stdout-report/logs" -type f | head -1)")"
  echo "log file: $bytes bytes; step time: $secs s; throughput: $(python3 -c "print(round($bytes/1e6/$secs))") MB/s; $(tail -1 "$WORK/stdout.time")"
  echo "floor (the producer alone into /dev/null): $( { /usr/bin/time -f '%e s' bash -c "yes \"\$(printf 'x%.0s' \$(seq 1 99))\" | head -c 1073741824 > /dev/null" ; } 2>&1 )"
}

matrix() {
  local d; d="$(workflow_dir matrix)"
  cat > "$d/.github/workflows/w.yml" <<'YML'
on: push
jobs:
  legs:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
        b: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    steps:
      - run: echo "${{ matrix.a }}-${{ matrix.b }}"
YML
  echo "== matrix: 256 legs of one trivial step, --parallel 2"
  /usr/bin/time -f "%e s wall, %M KB max RSS" ./continuum run -C "$d" --plain --parallel 2 > /dev/null 2> "$WORK/matrix.time" || true
  tail -1 "$WORK/matrix.time"
}

for b in "${@:-overhead schedule stdout matrix}"; do for x in $b; do "$x"; done; done
