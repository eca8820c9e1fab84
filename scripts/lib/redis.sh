# Sourced (not run) by test.sh and bench/cluster.sh: a throw-away Redis on loopback, from Debian's redis-server package, kept in memory
# only (no snapshots, no append-only file). Needs free_port from postgres.sh.
#
#   redis_start     starts redis-server on a free port; sets redis_dir, redis_port
#   redis_restart   stops it as a crash would (nothing saved), waits a second and starts it again, empty, on the same
#                   port (needs redis_dir and redis_port, e.g. set by another process that called redis_start)
#   redis_stop      stops it and deletes its folder (safe to call twice, or when it never started)

redis_dir="" redis_port=""

redis_start() {
  command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install redis-server)" >&2; return 1; }
  redis_dir=$(mktemp -d /tmp/attune-redis.XXXXXX)
  redis_port=$(free_port)
  redis_launch
}

redis_restart() {
  redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  sleep 1
  redis_launch
}

# Starts redis-server in redis_dir on redis_port and waits for it to answer.
redis_launch() {
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" >/dev/null
  for _ in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then return 0; fi
    sleep 0.1
  done
  cat "$redis_dir/redis.log" >&2 || true
  echo "Redis did not start" >&2
  return 1
}

redis_stop() {
  if [[ -n $redis_dir ]]; then
    if [[ -f $redis_dir/redis.pid ]]; then
      kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null || true
      for _ in $(seq 1 50); do [[ -f $redis_dir/redis.pid ]] || break; sleep 0.1; done
    fi
    rm -rf "$redis_dir"
    redis_dir=""
  fi
}
