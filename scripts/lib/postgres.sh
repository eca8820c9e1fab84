# Sourced (not run) by test.sh and scripts/selfhost-walkthrough.sh: a throw-away PostgreSQL cluster on loopback,
# from Debian's packages. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
#
#   pg_start          initdb + start on a free port; sets pg_dir, pg_bin, pg_port (superuser "postgres", trust auth)
#   pg_stop           stops it and deletes its folder (safe to call twice, or when it never started)
#   as_postgres CMD   runs CMD as the postgres user when root, else as is

pg_dir="" pg_bin="" pg_port=""

postgres_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n $dir && -x $dir/postgres && -x $dir/initdb ]]; then echo "$dir"; fi
}

as_postgres() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free loopback port found" >&2
  return 1
}

# $1: extra server options (e.g. "-c fsync=off" for tests); the port and loopback-only listening are always set.
pg_start() {
  pg_bin=$(postgres_bindir)
  [[ -n $pg_bin ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2; return 1; }
  pg_dir=$(mktemp -d /tmp/attune-pg.XXXXXX)
  chmod 700 "$pg_dir"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$pg_dir"; fi
  pg_port=$(free_port)
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" --auth=trust --username=postgres \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; echo "initdb failed" >&2; return 1; }
  if ! as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$pg_dir ${1:-}" start >/dev/null; then
    cat "$pg_dir/server.log" >&2 || true
    echo "PostgreSQL did not start" >&2
    return 1
  fi
}

pg_stop() {
  if [[ -n $pg_dir ]]; then
    if [[ -f $pg_dir/data/postmaster.pid ]]; then
      as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}
