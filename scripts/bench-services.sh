#!/usr/bin/env bash
# Host services without a container engine (issue 4): time from ServiceProvider.start() to ready, and close(), for
# a postgres service (user, password, database) with initdb at every start, the same from a kept cluster, and a
# redis one, RUNS times each; then, for scale, a bare initdb as the provider runs it (PostgreSQL's own floor). All of
# it twice: with the services' directory on the disk (WORK), and on a RAM file system (/dev/shm) when there is one.
# The kept clusters are on the disk in both (WORK/clusters), as in the default ~/.cache.
# Usage: scripts/bench-services.sh   Knobs: RUNS=10, SKIP_BUILD=1, WORK=/tmp/continuum-bench-services
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-10}"
WORK="${WORK:-/tmp/continuum-bench-services}"
rm -rf "$WORK" && mkdir -p "$WORK/services" "$WORK/classes" && chmod 755 "$WORK" "$WORK/services"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -o -q -pl continuum-engine -am compile
fi
echo "== machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%FT%TZ); commit: $(git rev-parse --short HEAD)"
echo "== $(redis-server --version 2>/dev/null || echo 'no redis-server'); $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tr '\n' ' ')"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/classes" -cp continuum-engine/target/classes scripts/bench/HostServicesTiming.java

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
floor() {   # initdb alone, as the provider runs it (no sync, C.UTF-8), as user postgres when root
  [[ -n "$bin" ]] || return 0
  local as=() times=() d start
  if [[ $EUID == 0 ]]; then as=(setpriv --reuid="$(id -u postgres)" --regid="$(id -g postgres)" --clear-groups --); fi
  for i in 1 2 3; do
    d="$1/initdb-$i"; mkdir -p "$d"; [[ $EUID == 0 ]] && chown postgres: "$d"
    start=$(date +%s%N)
    "${as[@]}" "$bin/initdb" -D "$d/data" -U ci -E UTF8 --locale=C.UTF-8 --auth-local=trust --no-sync > /dev/null 2>&1
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    rm -rf "$d"
  done
  echo "== floor: bare initdb in $1 ($bin), ms: ${times[*]}"
}

dirs=("$WORK/services")
if [[ -d /dev/shm && -w /dev/shm ]]; then
  shm="$(mktemp -d /dev/shm/continuum-bench-services.XXXXXX)"; chmod 755 "$shm"; dirs+=("$shm")
fi
for dir in "${dirs[@]}"; do
  echo "==== services in $dir ($(stat -f -c %T "$dir")), load: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA_HOME/bin/java" -cp "continuum-engine/target/classes:$WORK/classes" HostServicesTiming "$RUNS" "$dir" \
    "$WORK/clusters-$(basename "$dir")"
  floor "$dir"
done
rm -rf "$WORK" ${shm:+"$shm"}
