#!/usr/bin/env bash
# Cache and artifact stores (issue 4): save and restore of 500 MB through CacheStore (dev.continuum.bench.StoresBench),
# one cold JVM per round as in a real run, the median of ROUNDS: 5,000 files of 100 kB and 5 files of 100 MB,
# uncompressed (the default), each next to GNU tar on the same tree in the same JVM run (the floor: what
# actions/cache runs, without zstd); gzip level 1 on the small tree; an artifact upload + download at compression levels
# 0 and 6. Random (incompressible) data, generated once into $WORK.
# Usage: scripts/bench-stores.sh [small|big|small-gzip|artifact …]   (default: all; ~5 minutes on 2 cores)
# Knobs: ROUNDS=5 (1 for small-gzip and artifact unless set), SKIP_BUILD=1, WORK=~/.cache/continuum-bench-stores
#        (needs ~2 GB a round of small kept until the variant ends: ~11 GB with 5 rounds), JFR=1 (a profile of each
#        JVM into $WORK/<variant>-<round>.jfr)
# Rounds are not cleaned up one by one: on ext4 without a journal (this VM), creating thousands of files within 30 s
# of deleting thousands is several times slower, so the script deletes a variant's rounds after it and then waits
# 31 s before the next variant (see StoresBench).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
WORK="${WORK:-$HOME/.cache/continuum-bench-stores}"
VARIANTS=("$@")
[[ ${#VARIANTS[@]} -gt 0 ]] || VARIANTS=(small big small-gzip artifact)
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -o -q -pl continuum-workflow,continuum-engine,continuum-benchmarks package -DskipTests
fi
mkdir -p "$WORK"
settle() { if [[ -d "$WORK/rounds" ]]; then rm -rf "$WORK/rounds"; sync; sleep 31; fi; }
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB, $(df -T "$WORK" | awk 'NR==2{print $2" on "$1}')"
echo "== java: $("$JAVA" -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%FT%TZ); commit: $(git rev-parse --short HEAD)"
CP="continuum-benchmarks/target/classes:continuum-benchmarks/target/lib/*"
RESULTS="$WORK/results.txt"
: > "$RESULTS"
for v in "${VARIANTS[@]}"; do
  settle
  rounds="${ROUNDS:-5}"
  if [[ -z "${ROUNDS:-}" && ( "$v" == small-gzip || "$v" == artifact ) ]]; then rounds=1; fi
  for ((r = 1; r <= rounds; r++)); do
    PROFILE=()
    [[ "${JFR:-0}" == 1 ]] && PROFILE=(-XX:StartFlightRecording=filename="$WORK/$v-$r.jfr",settings=profile)
    "$JAVA" "${PROFILE[@]}" -Xmx512m -cp "$CP" dev.continuum.bench.StoresBench "$WORK" "$v" "$r" | tee -a "$RESULTS"
  done
done
rm -rf "$WORK/rounds"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    _, name, data, archive, save, restore = line.split()
    rows[name].append((int(data), int(archive), float(save), float(restore)))
print("| variant | data | archive | save, median (range) | restore, median (range) | rounds |")
print("| --- | --- | --- | --- | --- | --- |")
for name, rs in rows.items():
    data, archive = rs[0][0] / 1e6, rs[0][1] / 1e6
    def fig(i):
        rates = sorted(data / r[i] for r in rs)
        med = statistics.median(rates)
        return f"{med:.0f} MB/s" + (f" ({rates[0]:.0f}–{rates[-1]:.0f})" if len(rates) > 1 else "")
    print(f"| {name} | {data:.0f} MB | {archive:.0f} MB | {fig(2)} | {fig(3)} | {len(rs)} |")
PY
