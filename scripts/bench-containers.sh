#!/usr/bin/env bash
# The container backend's figures (docs/benchmarks.md), each from whole `continuum run` processes:
#   1. job start to first step, with two service containers (postgres:15 and redis:7): a job on the host (services
#      published on loopback) and a job in a container (services on the job's network); from the job's startedAt in
#      run.json to the first step's own clock
#   2. service container created to healthy, for postgres and redis (what the job log says)
#   3. `docker run --rm busybox true` next to `continuum run` of a container job with one `true` step (hyperfine)
# Usage: scripts/bench-containers.sh   Knobs: RUNS=10, SKIP_BUILD=1, DOCKER_HOST (default: scripts/containers.sh env)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export DOCKER_HOST="${DOCKER_HOST:-$(scripts/containers.sh env)}"
RUNS="${RUNS:-10}"
WORK="${WORK:-/tmp/continuum-bench-containers}"
sock=${DOCKER_HOST#unix://}
engine=$(curl -fsS --unix-socket "$sock" http://engine/version | jq -r '[.Components[]?.Name][0] + " " + .Version')
for image in busybox:latest postgres:15 redis:7; do
  curl -fsS --unix-socket "$sock" "http://engine/images/$image/json" > /dev/null \
    || { echo "image $image is missing: run scripts/build-images.sh" >&2; exit 1; }
done
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then ./continuum --version > /dev/null; fi

echo "== machine: $(nproc) cores, $(uname -sr), $(uname -m), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "== $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), engine $engine at $DOCKER_HOST, load $(cut -d' ' -f1-3 /proc/loadavg)"

rm -rf "$WORK" && mkdir -p "$WORK"
repo() { # repo NAME: a git repository with .github/workflows/ci.yml from stdin
  local dir=$WORK/$1
  mkdir -p "$dir/.github/workflows"
  cat > "$dir/.github/workflows/ci.yml"
  git -C "$dir" init -q && git -C "$dir" add -A && git -C "$dir" -c user.name=b -c user.email=b@b commit -qm bench
  echo "$dir"
}
services='    services:
      postgres:
        image: postgres:15
        env: {POSTGRES_PASSWORD: pw}
        ports: ["5432"]
        options: --health-cmd pg_isready --health-interval 10s --health-retries 5
      redis:
        image: redis:7
        ports: ["6379"]'
host=$(repo host <<EOF
on: push
jobs:
  test:
    runs-on: ubuntu-latest
$services
    steps:
      - run: date +%s.%N > "\$RUNNER_TEMP/../first-step"
EOF
)
container=$(repo container <<EOF
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container: debian:bookworm
$services
    steps:
      - run: date +%s.%N > "\$GITHUB_WORKSPACE/../first-step"
EOF
)
one=$(repo one <<'EOF'
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container: busybox
    steps:
      - run: "true"
EOF
)

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
stats() { # label, then values on stdin: median, min, max
  local v; v=$(cat)
  printf '%-58s median %s s (min %s, max %s, n=%s)\n' "$1" "$(median <<< "$v")" "$(sort -g <<< "$v" | head -1)" \
    "$(sort -g <<< "$v" | tail -1)" "$(wc -l <<< "$v")"
}

for kind in host container; do
  dir=${!kind}
  : > "$WORK/$kind.first" ; : > "$WORK/$kind.pg" ; : > "$WORK/$kind.redis"
  for i in $(seq 1 "$RUNS"); do
    out="$WORK/$kind-$i"
    "$root/continuum" run -C "$dir" --plain --keep --report "$out" > "$out.log" 2>&1 || { cat "$out.log"; exit 1; }
    started=$(jq -r '.workflows[0].jobs[0].startedAt' "$out/run.json")
    rundir=$(sed -n 's/^run directory kept: //p' "$out.log")
    first=$(cat "$rundir"/jobs/*/first-step)
    python3 -c "import sys,datetime; s=datetime.datetime.fromisoformat(sys.argv[1].replace('Z','+00:00')).timestamp(); print('%.3f' % (float(sys.argv[2]) - s))" \
      "$started" "$first" >> "$WORK/$kind.first"
    sed -n 's/.*postgres service is healthy (.*), \([0-9.]*\) s after.*/\1/p' "$out.log" >> "$WORK/$kind.pg"
    sed -n 's/.*redis service is healthy (.*), \([0-9.]*\) s after.*/\1/p' "$out.log" >> "$WORK/$kind.redis"
    rm -rf "$rundir"
  done
  stats "job start to first step, $kind job, postgres + redis" < "$WORK/$kind.first"
  stats "  postgres:15 created to healthy ($kind job)" < "$WORK/$kind.pg"
  stats "  redis:7 created to healthy ($kind job)" < "$WORK/$kind.redis"
done

echo "== docker run --rm busybox true  vs  continuum run of a container job with one true step"
hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
  "docker run --rm busybox true" "$root/continuum run -C $one --plain" 2>&1 | grep -vE '^\s*$'
: > "$WORK/one.job"
for i in $(seq 1 "$RUNS"); do
  "$root/continuum" run -C "$one" --plain --report "$WORK/one-$i" > /dev/null 2>&1
  jq -r '.workflows[0].jobs[0].durationMs / 1000' "$WORK/one-$i/run.json" >> "$WORK/one.job"
done
stats "  the container job alone (run.json durationMs)" < "$WORK/one.job"
