#!/usr/bin/env bash
# Cache hit on the bundled example (issue 4): the example's CI workflow twice, as on a fresh runner each time (an
# empty HOME, so an empty ~/.m2 that Maven fills from Maven Central), with one cache store kept between the runs.
# Run 1 misses and saves ~/.m2/repository at the end of each test leg; run 2 restores it, so its Maven steps
# download nothing. Only the test job runs (-j test), so that no other job downloads into the same ~/.m2 meanwhile. Prints the whole run and each test leg's duration (from run.json), run 1 next to run 2.
# Usage: scripts/bench-cache-hit.sh [ROUNDS]   (default 1 pair; ~2 minutes a pair on 2 cores; needs Maven Central)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
ROUNDS="${1:-1}"
./continuum --version > /dev/null   # builds the CLI when its sources changed
echo "== machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%FT%TZ); commit: $(git rev-parse --short HEAD)"
legs() { # run.json -> "run=… test(17)=… test(25)=…" in seconds
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
out = ["run=%.1fs" % (r["durationMs"] / 1000)]
for w in r["workflows"]:
    for j in w["jobs"]:
        if j["id"] == "test":
            mvn = [s for s in j["steps"] if s["name"].startswith("Unit tests")]
            out.append("%s=%.1fs(mvn %.1fs)" % (j["name"].replace(" ", ""), j["durationMs"] / 1000,
                                                mvn[0]["durationMs"] / 1000 if mvn else 0))
        if j["result"] != "success":
            out.append("%s:%s" % (j["id"], j["result"]))
print(" ".join(out))
PY
}
for ((i = 1; i <= ROUNDS; i++)); do
  work="$(mktemp -d)"
  for n in 1 2; do
    home="$work/home-$n"; mkdir -p "$home"
    # the JDKs and Maven stay those of the machine; only the user's files (~/.m2) start empty
    # Java takes user.home from the password database, not HOME: Maven is told, as on a runner where both agree
    HOME="$home" MAVEN_OPTS="-Duser.home=$home" XDG_CACHE_HOME="$work/cache" ./continuum run -C examples/java-service -W .github/workflows/ci.yml -j test \
      --plain --report "$work/report-$n" > "$work/run-$n.log" 2>&1 || { tail -30 "$work/run-$n.log"; exit 1; }
    hit=$(grep -c "Cache restored from key" "$work/run-$n.log" || true)
    echo "pair $i run $n ($([ "$n" = 1 ] && echo miss || echo "hit, $hit restores")): $(legs "$work/report-$n/run.json")"
  done
  du -sh "$work/cache" | sed 's/^/cache store: /'
  [ "${KEEP:-0}" = 1 ] && echo "kept: $work" || rm -rf "$work"
done
