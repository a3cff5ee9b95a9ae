#!/usr/bin/env bash
# Benchmarks of issue 4's built-in actions, whole process, from the repository root:
#   checkout   a job whose workspace is a 10,000-file repository, with actions/checkout, side by side with
#              `git clone --local --no-hardlinks` of it (hyperfine); also the job's own time from run.json
# Usage: scripts/bench-actions.sh [checkout]   Knobs: RUNS=5 (settled rounds), HYPERFINE=1 (also back to back),
#        SKIP_BUILD=1, WORK=/tmp/continuum-bench-actions
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-5}"
WORK="${WORK:-/tmp/continuum-bench-actions}"
ROOT="$PWD"
rm -rf "$WORK" && mkdir -p "$WORK"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then ./continuum --version > /dev/null; fi
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); git: $(git --version); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%FT%TZ)"

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
  # slower (see "Cache and artifact stores"), and back-to-back runs measure mostly that; each command here starts
  # 35 s after the last deletion, git's clone and continuum's run directory alike.
  for ((r = 1; r <= RUNS; r++)); do
    rm -rf "$WORK/clone"; sleep 35
    g=$( { /usr/bin/time -f %e git clone -q --local --no-hardlinks "$repo" "$WORK/clone"; } 2>&1 | tail -1)
    rm -rf "$WORK/clone"; sleep 35
    c=$( { /usr/bin/time -f %e "$ROOT/continuum" run -C "$repo" --committed --plain > /dev/null; } 2>&1 | tail -1)
    sleep 35
    w=$( { /usr/bin/time -f %e "$ROOT/continuum" run -C "$repo" --plain > /dev/null; } 2>&1 | tail -1)
    echo "settled round $r: git clone ${g} s, continuum --committed ${c} s ($(python3 -c "print(round($c/$g, 2))") x)," \
      "continuum ${w} s ($(python3 -c "print(round($w/$g, 2))") x)"
  done
  sleep 35
  "$ROOT/continuum" run -C "$repo" --committed --plain --report "$WORK/report" > /dev/null
  echo "the job itself (run.json jobs[0].durationMs: workspace from the commit, checkout, one step):" \
    "$(python3 -c "import json;print(json.load(open('$WORK/report/run.json'))['workflows'][0]['jobs'][0]['durationMs'])") ms"
}

for b in "${@:-checkout}"; do "$b"; done
