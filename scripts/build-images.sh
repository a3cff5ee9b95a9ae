#!/usr/bin/env bash
# Images for continuum's container jobs, services and tests, built here without any registry.
#
#   scripts/build-images.sh                      build what is missing (FORCE=1 rebuilds)
#   ONLY="busybox debian postgres" scripts/build-images.sh
#   ENGINE=docker scripts/build-images.sh        build into dockerd instead of podman
#
# The images, each tagged localhost/NAME:TAG and docker.io/library/NAME:TAG (so that `postgres:15` and
# `docker.io/library/postgres:15` both find it without a pull):
#   busybox     busybox:latest          Debian's static busybox with every applet linked (2 MB)
#   debian      debian:bookworm         debootstrap --variant=minbase from this host's own apt mirror
#   postgres    postgres:15             Debian's postgresql-15, with the official image's POSTGRES_USER,
#                                       POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_HOST_AUTH_METHOD and
#                                       /docker-entrypoint-initdb.d contract; HEALTHCHECK pg_isready
#   redis       redis:7                 Debian's redis-server 7.0; HEALTHCHECK redis-cli ping
#   temurin     eclipse-temurin:25-jre  a jlink'd JRE (java.se) of this host's Temurin 25 JDK, for examples/java-service
# Stand-ins for the images act's runner cases name (docs/conformance.md), which no registry here can give:
#   alpine      alpine:latest           = busybox (a shell without bash, as on Alpine)
#   ubuntu      ubuntu:latest, ubuntu:18.04, debian:bullseye-slim   = debian:bookworm
#   node        node:16-buster-slim, node:12-buster-slim            = debian + this host's node binary, user node
#               node:16-buster                                      = the same + python3
#   nginx       nginx:latest            Debian's nginx serving its welcome page on port 80
#   postgres12  postgres:12             = postgres:15
#   mysql       mysql:8                 Debian's MariaDB 10.11 with the official image's MYSQL_DATABASE,
#                                       MYSQL_USER, MYSQL_PASSWORD, MYSQL_ROOT_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD
#   runner      catthehacker/ubuntu:runner-latest                   = debian with a user runner (uid 1001)
#
# Needs root, an engine (scripts/containers.sh) and this host's Debian mirror (read from apt's configuration, never
# written here). Idempotent: an image that exists is kept.
set -euo pipefail

ENGINE="${ENGINE:-podman}"
FORCE="${FORCE:-0}"
ONLY="${ONLY:-busybox debian postgres redis alpine ubuntu node temurin nginx postgres12 mysql runner}"
SUITE=bookworm
if [ "$ENGINE" = docker ]; then
  export DOCKER_HOST="${DOCKER_HOST:-unix:///var/run/docker.sock}"
  BUILD=(docker build --network host)
else
  BUILD=(podman build --format docker --network host)   # the docker format keeps HEALTHCHECK
fi

say() { printf 'build-images.sh: %s\n' "$*" >&2; }
wanted() { case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
have() { [ "$FORCE" != 1 ] && "$ENGINE" image inspect "$1" > /dev/null 2>&1; }
# tag IMAGE NAME:TAG...  gives IMAGE the names localhost/NAME:TAG and docker.io/library/NAME:TAG (or docker.io/NAME)
tag() {
  local image=$1 name; shift
  for name in "$@"; do
    "$ENGINE" tag "$image" "localhost/$name"
    case "$name" in
      */*) "$ENGINE" tag "$image" "docker.io/$name" ;;
      *) "$ENGINE" tag "$image" "docker.io/library/$name" ;;
    esac
  done
}

[ "$(id -u)" = 0 ] || { say "run me as root"; exit 1; }
command -v "$ENGINE" > /dev/null || { say "$ENGINE is not installed: run scripts/containers.sh first"; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/continuum-images.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# build NAME:TAG DIR  builds DIR/Containerfile and tags it
build() {
  local name=$1 dir=$2 t0=$SECONDS
  if ! "${BUILD[@]}" -f "$dir/Containerfile" -t "localhost/$name" "$dir" > "$dir/build.log" 2>&1; then
    say "building $name failed; its log ends:"; tail -n 25 "$dir/build.log" >&2; exit 1
  fi
  tag "localhost/$name" "$name"
  say "$name built in $((SECONDS - t0)) s"
}

mirror() { # this host's Debian mirror for $SUITE, from apt's own configuration
  local m
  # shellcheck disable=SC2016  # apt's own format syntax
  m=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null | awk -v s="$SUITE" '$2 == s {print $1; exit}')
  [ -n "$m" ] || m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) {print $i; exit}}' \
                     /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$m" ] || { say "no Debian mirror in apt's configuration (apt-get update first?)"; exit 1; }
  printf '%s\n' "${m%/}"
}

image_busybox() {
  have localhost/busybox:latest && { say "busybox:latest is there"; return; }
  local root=$WORK/busybox a t0=$SECONDS
  if ! ldd /bin/busybox 2>&1 | grep -q 'not a dynamic'; then apt-get install -y -q busybox-static > /dev/null; fi
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do [ "$a" = busybox ] || ln -sf busybox "$root/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  chmod 1777 "$root/tmp"
  tar --numeric-owner -C "$root" -c . | "$ENGINE" import --change 'ENV PATH=/bin' --change 'CMD ["sh"]' - \
    localhost/busybox:latest > /dev/null
  tag localhost/busybox:latest busybox:latest
  say "busybox:latest built in $((SECONDS - t0)) s"
}

image_debian() {
  have "localhost/debian:$SUITE" && { say "debian:$SUITE is there"; return; }
  command -v debootstrap > /dev/null || apt-get install -y -q debootstrap > /dev/null
  local root=$WORK/debian m t0=$SECONDS security
  m=$(mirror)
  # shellcheck disable=SC2016
  security=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 2>/dev/null \
             | awk -v s="$SUITE-security" '$2 == s {print $1; exit}')
  say "debootstrap --variant=minbase $SUITE (about 30 s)"
  debootstrap --variant=minbase "$SUITE" "$root" "$m" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -n 25 "$WORK/debootstrap.log" >&2; exit 1; }
  {
    echo "deb $m $SUITE main"
    echo "deb $m $SUITE-updates main"
    if [ -n "$security" ]; then echo "deb ${security%/} $SUITE-security main"; fi
  } > "$root/etc/apt/sources.list"
  # the mirror may be a snapshot; no recommends, no docs: small images, quick installs
  printf 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\nAPT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAcquire::Languages "none";\n' \
    > "$root/etc/apt/apt.conf.d/90continuum"
  printf 'path-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\npath-exclude /usr/share/locale/*\n' \
    > "$root/etc/dpkg/dpkg.cfg.d/90continuum-nodoc"
  # as in Debian's official image: package scripts start no services
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"; chmod 755 "$root/usr/sbin/policy-rc.d"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/*.log \
         "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  : > "$root/etc/hostname"; : > "$root/etc/resolv.conf"
  tar --numeric-owner -C "$root" -c . | "$ENGINE" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' - "localhost/debian:$SUITE" > /dev/null
  tag "localhost/debian:$SUITE" "debian:$SUITE"
  say "debian:$SUITE built in $((SECONDS - t0)) s"
}

image_postgres() {
  have localhost/postgres:15 && { say "postgres:15 is there"; return; }
  local d=$WORK/postgres; mkdir -p "$d"
  cat > "$d/Containerfile" <<'EOF'
FROM localhost/debian:bookworm
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/00-continuum.conf \
 && apt-get update -q && apt-get install -y -q postgresql-15 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/postgresql/data /run/postgresql /docker-entrypoint-initdb.d \
 && chown -R postgres:postgres /var/lib/postgresql /run/postgresql
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
HEALTHCHECK --interval=2s --timeout=3s --retries=30 CMD pg_isready -h 127.0.0.1 -p 5432 -q
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]
EOF
  cat > "$d/entrypoint.sh" <<'EOF'
#!/bin/bash
# The official postgres image's contract, as far as CI jobs use it.
set -euo pipefail
case "${1:-}" in -*) set -- postgres "$@" ;; esac
[ "${1:-}" = postgres ] || exec "$@"
for a in "$@"; do case "$a" in -V|--version|--help|-C|--describe-config) exec "$@" ;; esac; done
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql && chown -R postgres:postgres "$PGDATA" /run/postgresql && chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}; db=${POSTGRES_DB:-$user}; auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "error: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2; exit 1
  fi
  pw=()
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then f=$(mktemp); printf '%s\n' "$POSTGRES_PASSWORD" > "$f"; pw=(--pwfile="$f"); fi
  # --no-sync: a CI database is thrown away with its job; syncing the new cluster costs a second on a slow disk
  initdb -D "$PGDATA" -U "$user" -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host="$auth" --no-sync \
    "${pw[@]}" > /dev/null
  rm -f "${f:-}"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all all $auth" >> "$PGDATA/pg_hba.conf"
  # the set-up server listens on a socket of its own, so that no health check takes it for the real one
  init=$(mktemp -d)
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=$init" -w start > /dev/null
  export PGHOST=$init
  [ "$db" = postgres ] || psql -v ON_ERROR_STOP=1 -U "$user" -d postgres -q -c "CREATE DATABASE \"$db\""
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in *.sql) psql -v ON_ERROR_STOP=1 -U "$user" -d "$db" -q -f "$f" ;; *.sh) . "$f" ;; esac
  done
  unset PGHOST
  pg_ctl -D "$PGDATA" -m fast -w stop > /dev/null
  rmdir "$init" 2> /dev/null || true
  echo "database ready: user $user, database $db, host auth $auth"
fi
shift
exec postgres -D "$PGDATA" "$@"
EOF
  chmod 755 "$d/entrypoint.sh"
  build postgres:15 "$d"
}

image_redis() {
  have localhost/redis:7 && { say "redis:7 is there"; return; }
  local d=$WORK/redis; mkdir -p "$d"
  cat > "$d/Containerfile" <<'EOF'
FROM localhost/debian:bookworm
RUN apt-get update -q && apt-get install -y -q redis-server redis-tools && apt-get clean \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown redis:redis /data
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /data
WORKDIR /data
EXPOSE 6379
HEALTHCHECK --interval=2s --timeout=3s --retries=30 CMD redis-cli -h 127.0.0.1 ping | grep -q PONG
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["redis-server"]
EOF
  cat > "$d/entrypoint.sh" <<'EOF'
#!/bin/bash
# The official redis image's contract, as far as CI jobs use it.
set -euo pipefail
case "${1:-}" in -*|*.conf) set -- redis-server "$@" ;; esac
if [ "${1:-}" = redis-server ]; then
  case " $* " in *" --protected-mode "*) ;; *) set -- "$@" --protected-mode no ;; esac
  if [ "$(id -u)" = 0 ]; then
    chown -R redis:redis /data 2> /dev/null || true
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
EOF
  chmod 755 "$d/entrypoint.sh"
  build redis:7 "$d"
}

image_alpine() {
  have localhost/alpine:latest && { say "alpine:latest is there"; return; }
  tag localhost/busybox:latest alpine:latest
  say "alpine:latest = busybox:latest"
}

image_ubuntu() {
  local n
  for n in ubuntu:latest ubuntu:18.04 debian:bullseye-slim; do
    have "localhost/$n" && { say "$n is there"; continue; }
    tag "localhost/debian:$SUITE" "$n"
    say "$n = debian:$SUITE"
  done
}

image_node() {
  local bin
  bin=$(command -v node || true)
  [ -n "$bin" ] || { say "no node on this host's PATH: skipping the node images"; return; }
  bin=$(readlink -f "$bin")
  local d=$WORK/node; mkdir -p "$d"
  cp "$bin" "$d/node"
  cat > "$d/entrypoint.sh" <<'EOF'
#!/bin/sh
# As the official node image: arguments that are no command (or are options) go to node.
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1" 2> /dev/null)" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
  chmod 755 "$d/entrypoint.sh"
  if ! have localhost/node:16-buster-slim; then
    cat > "$d/Containerfile" <<'EOF'
FROM localhost/debian:bookworm
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY node /usr/local/bin/node
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["node"]
EOF
    build node:16-buster-slim "$d"
    tag localhost/node:16-buster-slim node:12-buster-slim
  else
    say "node:16-buster-slim is there"
  fi
  if ! have localhost/node:16-buster; then
    cat > "$d/Containerfile" <<'EOF'
FROM localhost/node:16-buster-slim
RUN apt-get update -q && apt-get install -y -q python3 && apt-get clean && rm -rf /var/lib/apt/lists/*
EOF
    build node:16-buster "$d"
  else
    say "node:16-buster is there"
  fi
}

image_temurin() {
  # eclipse-temurin:25-jre for the bundled example's image: a JRE made with jlink from this host's Temurin 25 JDK
  # (java.se), on the Debian base. Not Adoptium's image, but the same JRE version under the same path.
  if have localhost/eclipse-temurin:25-jre; then say "eclipse-temurin:25-jre is there"; return; fi
  local jdk=${TEMURIN_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  [ -x "$jdk/bin/jlink" ] || { say "no Temurin 25 JDK at $jdk: skipping eclipse-temurin:25-jre"; return; }
  local d=$WORK/temurin; mkdir -p "$d"
  "$jdk/bin/jlink" --add-modules java.se --strip-debug --no-header-files --no-man-pages --output "$d/jre"
  cat > "$d/Containerfile" <<'EOF'
FROM localhost/debian:bookworm
COPY jre /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["jshell"]
EOF
  build eclipse-temurin:25-jre "$d"
}

image_nginx() {
  have localhost/nginx:latest && { say "nginx:latest is there"; return; }
  local d=$WORK/nginx; mkdir -p "$d"
  cat > "$d/Containerfile" <<'EOF'
FROM localhost/debian:bookworm
RUN apt-get update -q && apt-get install -y -q nginx && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
  build nginx:latest "$d"
}

image_postgres12() {
  have localhost/postgres:12 && { say "postgres:12 is there"; return; }
  tag localhost/postgres:15 postgres:12
  say "postgres:12 = postgres:15"
}

image_mysql() {
  have localhost/mysql:8 && { say "mysql:8 is there"; return; }
  local d=$WORK/mysql; mkdir -p "$d"
  cat > "$d/Containerfile" <<'EOF'
FROM localhost/debian:bookworm
RUN apt-get update -q && apt-get install -y -q mariadb-server mariadb-client && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/lib/mysql/* && mkdir -p /var/lib/mysql /run/mysqld \
 && chown mysql:mysql /var/lib/mysql /run/mysqld
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/mysql
EXPOSE 3306
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["mysqld"]
EOF
  cat > "$d/entrypoint.sh" <<'EOF'
#!/bin/bash
# The official mysql image's contract, served by MariaDB, as far as CI jobs use it.
set -euo pipefail
case "${1:-}" in -*) set -- mysqld "$@" ;; esac
[ "${1:-}" = mysqld ] || [ "${1:-}" = mariadbd ] || exec "$@"
shift
data=/var/lib/mysql
if [ ! -d "$data/mysql" ]; then
  if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    root=$(head -c 18 /dev/urandom | base64); echo "GENERATED ROOT PASSWORD: $root"
  elif [ -n "${MYSQL_ROOT_PASSWORD:-}" ]; then root=$MYSQL_ROOT_PASSWORD
  elif [ -n "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ]; then root=
  else echo "error: set MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD" >&2; exit 1
  fi
  mariadb-install-db --user=mysql --datadir="$data" --skip-test-db > /dev/null
  mariadbd --user=mysql --datadir="$data" --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 1 120); do mariadb-admin --socket=/run/mysqld/init.sock ping > /dev/null 2>&1 && break; sleep 0.25; done
  sql="CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$root'; GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
  sql+=" ALTER USER 'root'@'localhost' IDENTIFIED BY '$root';"
  if [ -n "${MYSQL_DATABASE:-}" ]; then sql+=" CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"; fi
  if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
    sql+=" CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '$MYSQL_PASSWORD';"
    if [ -n "${MYSQL_DATABASE:-}" ]; then sql+=" GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'%';"; fi
  fi
  mariadb --socket=/run/mysqld/init.sock -uroot -e "$sql FLUSH PRIVILEGES;"
  kill "$pid"; wait "$pid" || true
  echo "database ready${MYSQL_DATABASE:+: $MYSQL_DATABASE}"
fi
exec mariadbd --user=mysql --datadir="$data" --bind-address=0.0.0.0 "$@"
EOF
  chmod 755 "$d/entrypoint.sh"
  build mysql:8 "$d"
}

image_runner() {
  have localhost/catthehacker/ubuntu:runner-latest && { say "catthehacker/ubuntu:runner-latest is there"; return; }
  local d=$WORK/runner; mkdir -p "$d"
  cat > "$d/Containerfile" <<'EOF'
FROM localhost/debian:bookworm
RUN groupadd --gid 1001 runner && useradd --uid 1001 --gid runner --shell /bin/bash --create-home runner
USER runner
EOF
  build catthehacker/ubuntu:runner-latest "$d"
}

t0=$SECONDS
for image in busybox debian postgres redis alpine ubuntu node temurin nginx postgres12 mysql runner; do
  if wanted "$image"; then "image_$image"; fi
done
say "done in $((SECONDS - t0)) s"
