#!/usr/bin/env bash
# A container engine for continuum: podman with its Docker-API service (the default), or Debian's docker.io.
#
#   scripts/containers.sh              install what is missing, configure, start the API service, print DOCKER_HOST
#   scripts/containers.sh env          print only the DOCKER_HOST value
#   scripts/containers.sh status       exit 0 when the API answers
#   scripts/containers.sh stop         stop the service this script started (containers keep running under podman)
#   ENGINE=docker scripts/containers.sh   the same with dockerd
#
# Idempotent: a second call changes nothing and takes a fraction of a second. Needs root and Debian packages (apt).
# Podman on a host without systemd as PID 1 needs a few settings, which this script writes to
# /etc/containers/containers.conf (only when it differs):
#   - runc, not crun: crun refuses a cgroup v1/v2 hybrid layout
#   - the cgroupfs manager and the file event logger: there is no systemd to ask
#   - default ulimits at or below this host's hard limits: root may lack CAP_SYS_RESOURCE, and podman's own default
#     (1048576 open files) then fails every start
#   - exec sessions clean up after 10 s instead of 300 s (each keeps two conmon processes alive meanwhile)
# Health checks: podman schedules them with systemd timers, so without systemd they never run by themselves;
# continuum runs every health command itself, through exec.
set -euo pipefail

ENGINE="${ENGINE:-podman}"
ACTION="${1:-up}"
case "$ENGINE" in
  podman) SOCKET="${SOCKET:-/run/podman/podman.sock}" ;;
  docker) SOCKET="${SOCKET:-/var/run/docker.sock}" ;;
  *) echo "containers.sh: ENGINE must be podman or docker, not '$ENGINE'" >&2; exit 2 ;;
esac
STATE_DIR=/run/continuum
PID_FILE="$STATE_DIR/$ENGINE-api.pid"
LOG_FILE="${LOG_FILE:-/var/log/continuum-$ENGINE-api.log}"

say() { printf 'containers.sh: %s\n' "$*" >&2; }

answers() { # the API's /_ping, with a short timeout
  [ -S "$SOCKET" ] && curl -fsS --max-time 2 --unix-socket "$SOCKET" http://engine/_ping > /dev/null 2>&1
}

install_packages() {
  local wanted=("$@") missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get > /dev/null || { say "apt-get is missing: install ${missing[*]} yourself"; exit 1; }
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null \
    || { apt-get update -q > /dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null; }
}

# Writes stdin to $1 when the content differs; says so.
write_config() {
  local file=$1 content
  content=$(cat)
  if [ -f "$file" ] && [ "$(cat "$file")" = "$content" ]; then return 0; fi
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$content" > "$file"
  say "wrote $file"
}

configure_podman() {
  local nofile nproc
  nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] && nofile=65536; [ "$nofile" -gt 65536 ] && nofile=65536
  nproc=$(ulimit -Hu); [ "$nproc" = unlimited ] && nproc=16384; [ "$nproc" -gt 16384 ] && nproc=16384
  write_config /etc/containers/containers.conf <<EOF
# Written by continuum's scripts/containers.sh for a host without systemd (see that script for why).
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
exit_command_delay = 10
EOF
}

up() {
  [ "$(id -u)" = 0 ] || { say "run me as root (installing and starting a system engine needs it)"; exit 1; }
  case "$ENGINE" in
    podman)
      # netavark and aardvark-dns: networks whose containers find each other by name; catatonit: --init
      install_packages podman runc netavark aardvark-dns catatonit iptables ca-certificates curl
      configure_podman ;;
    docker)
      install_packages docker.io iptables ca-certificates curl ;;
  esac
  if answers; then
    say "$ENGINE answers on $SOCKET"
  else
    mkdir -p "$STATE_DIR" "$(dirname "$SOCKET")" "$(dirname "$LOG_FILE")"
    rm -f "$SOCKET"
    case "$ENGINE" in
      podman) setsid podman system service --time=0 "unix://$SOCKET" >> "$LOG_FILE" 2>&1 < /dev/null & ;;
      docker) setsid dockerd >> "$LOG_FILE" 2>&1 < /dev/null & ;;
    esac
    echo $! > "$PID_FILE"
    for _ in $(seq 1 150); do answers && break; sleep 0.1; done
    answers || { say "$ENGINE did not answer on $SOCKET within 15 s; its log ($LOG_FILE) ends:"; tail -n 20 "$LOG_FILE" >&2; exit 1; }
    say "$ENGINE started (pid $(cat "$PID_FILE")), answering on $SOCKET"
  fi
  echo "export DOCKER_HOST=unix://$SOCKET"
}

stop() {
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then say "no $ENGINE service started by this script runs"; return 0; fi
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PID_FILE"
  say "stopped $ENGINE (pid $pid)"
}

case "$ACTION" in
  up|all|start) up ;;
  env) echo "unix://$SOCKET" ;;
  status) if answers; then say "$ENGINE answers on $SOCKET"; else say "$ENGINE does not answer on $SOCKET"; exit 1; fi ;;
  stop) stop ;;
  *) say "usage: [ENGINE=podman|docker] $0 [up|env|status|stop]"; exit 2 ;;
esac
