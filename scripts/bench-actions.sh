#!/usr/bin/env bash
# Benchmarks of issue 4's built-in actions, whole process, from the repository root:
#   checkout   a job whose workspace is a 10,000-file repository, with actions/checkout, side by side with
#              `git clone --local --no-hardlinks` of it (hyperfine); also the job's own time from run.json
# Usage: scripts/bench-actions.sh [checkout]   Knobs: RUNS=5 (settled rounds), HYPERFINE=1 (also back to back),
#        SKIP_BUILD=1, WORK=/tmp/continuum-bench-actions, TMPFS=1 (everything, the run's directory too, in /dev/shm:
#        the processor's share without this VM's disk swings; no settling pauses then), SETTLE=35 (seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-5}"
if [[ "${TMPFS:-0}" == 1 ]]; then
  WORK="${WORK:-/dev/shm/continuum-bench-actions}"
  SETTLE="${SETTLE:-0}"
  export CONTINUUM_JAVA_OPTS="-Djava.io.tmpdir=$WORK/tmp"
else
  WORK="${WORK:-/tmp/continuum-bench-actions}"
  SETTLE="${SETTLE:-35}"
fi
ROOT="$PWD"
rm -rf "$WORK" && mkdir -p "$WORK/tmp"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then ./continuum --version > /dev/null; fi
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); git: $(git --version); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%FT%TZ)"
echo "== work: $WORK ($(df --output=fstype "$WORK" | tail -1)), commit $(git rev-parse --short HEAD)"

checkout() {
  local repo="$WORK/big"
  mkdir -p "$repo/.github/workflows"
  python3 - "$repo" <<'PY'
import os, sys, random
root = sys.argv[1]
random.seed(1)
for d in range(100):
    os.makedirs(f"{root}/src/d{d}", exist_ok=True)
    for f in range(100):
        with open(f"{root}/src/d{d}/f{f}.txt", "w") as out:
            out.write("".join(random.choice("abcdefghij\n") for _ in range(1000)))
PY
  cat > "$repo/.github/workflows/ci.yml" <<'YML'
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: test -f src/d99/f99.txt
YML
  (cd "$repo" && git init -q -b main && git add -A && git -c user.name=b -c user.email=b@x commit -qm init)
  echo "== checkout: $(cd "$repo" && git ls-files | wc -l) files, $(du -sh --exclude=.git "$repo" | cut -f1)"
  if [[ "${HYPERFINE:-0}" == 1 ]]; then
    hyperfine --shell=bash --runs "$RUNS" --warmup 1 --style basic --export-markdown "$WORK/checkout.md" \
      --prepare "rm -rf '$WORK/clone'" \
      --command-name "git clone --local --no-hardlinks" "git clone -q --local --no-hardlinks '$repo' '$WORK/clone'" \
      --command-name "continuum run --committed (job with actions/checkout)" "'$ROOT/continuum' run -C '$repo' --committed --plain > /dev/null" \
      --command-name "continuum run (working tree, the default)" "'$ROOT/continuum' run -C '$repo' --plain > /dev/null"
    cat "$WORK/checkout.md"
  fi
  # Settled rounds: on this VM's ext4 (no journal) creating files within ~30 s of deleting many is several times
  # slower (see "Cache and artifact stores"), and the disk's speed swings several-fold from minute to minute, so
  # each command starts 35 s after the last deletion, the order alternates between rounds, and the verdict is the
  # median of the per-round ratios. "checkout" is the job's own time from run.json (workspace from the commit,
  # the built-in checkout with its .git, one `test -f` step): what the built-in checkout costs, without the JVM's
  # start and the run's end.
  : > "$WORK/ratios"
  job_time() { python3 -c "import json;print(json.load(open('$WORK/r/run.json'))['workflows'][0]['jobs'][0]['durationMs']/1000)"; }
  for ((r = 1; r <= RUNS; r++)); do
    local g c job wt
    time_git() { rm -rf "$WORK/clone"; sleep "$SETTLE"; g=$( { /usr/bin/time -f %e git clone -q --local --no-hardlinks "$repo" "$WORK/clone"; } 2>&1 | tail -1); rm -rf "$WORK/clone"; }
    time_continuum() {
      sleep "$SETTLE"
      c=$( { /usr/bin/time -f %e "$ROOT/continuum" run -C "$repo" --committed --plain --report "$WORK/r" > /dev/null; } 2>&1 | tail -1)
      job=$(job_time)
      sleep "$SETTLE"
      "$ROOT/continuum" run -C "$repo" --plain --report "$WORK/r" > /dev/null
      wt=$(job_time)
    }
    if (( r % 2 )); then time_git; time_continuum; else time_continuum; time_git; fi
    echo "$g $c $job $wt" >> "$WORK/ratios"
    echo "settled round $r: git clone ${g} s; continuum --committed: process ${c} s ($(python3 -c "print(round($c/$g, 2))") x), checkout (the job) ${job} s ($(python3 -c "print(round($job/$g, 2))") x); working tree (the job) ${wt} s"
  done
  python3 - "$WORK/ratios" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
print("median of %d rounds: git clone %.2f s; process %.2f x; checkout (the job) %.2f s, %.2f x; working tree (the job) %.2f s" % (
      len(rows), statistics.median(r[0] for r in rows), statistics.median(r[1] / r[0] for r in rows),
      statistics.median(r[2] for r in rows), statistics.median(r[2] / r[0] for r in rows),
      statistics.median(r[3] for r in rows)))
PY
}

for b in "${@:-checkout}"; do "$b"; done
