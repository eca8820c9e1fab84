# Sourced (not run) by every script that starts the app (bench/cluster.sh, bench/checkins.sh, bench/faults.sh,
# bench/lib/app.sh, scripts/selfhost-walkthrough.sh): publish the app once, start any number of nodes on loopback, wait
# for their health, stop them, and register and sign in people over the API.
# Needs scripts/lib/postgres.sh sourced first (free_port). Everything runs on 127.0.0.1.
#
#   app_publish DIR [--no-build]           dotnet publish (Release, framework-dependent, portable) into DIR; sets
#                                          app_dir; --no-build reuses the solution's Release build (test.sh's)
#   app_start NAME URL LOG [NAME=value...] starts a node from $app_dir with those settings (environment variables);
#                                          sets app_pid[NAME], app_url[NAME]; returns once /healthz answers 200
#   app_stop NAME [SIGNAL]                 stops one node (TERM by default; KILL for kill -9) and waits for it
#   app_stop_all                           stops every node started here (safe to call twice)
#   app_register URL EMAIL PASSWORD NAME   POST /api/v1/auth/register; prints the HTTP status
#   app_sign_in URL EMAIL PASSWORD JAR     POST /api/v1/auth/login into a curl cookie jar; fails unless 200
#   app_cookie JAR                         the jar as a Cookie header value ("attune=...")
#   app_token URL JAR SCOPE...             makes an access token with those scopes; prints its secret
#
# How app_start runs the app, for an installed app instead of a publish (scripts/selfhost-walkthrough.sh):
#   app_exec=(...)    the command (default: dotnet Attune.Web.dll), e.g. the release tarball's own executable
#   app_cwd=DIR       the working directory (default: $app_dir)
#   app_env_file=F    a file of NAME=value settings read first, as systemd's EnvironmentFile
#   app_user=NAME     run as that user (only when root, through runuser, as systemd's User=)

declare -A app_pid=() app_url=()
app_dir=""
app_exec=() app_cwd="" app_env_file="" app_user=""

app_publish() {
  app_dir=$1
  dotnet publish "$root/src/Attune.Web/Attune.Web.csproj" -c Release -o "$app_dir" -nologo -v:quiet -clp:ErrorsOnly "${@:2}" >/dev/null
}

app_start() {
  local name=$1 url=$2 log=$3
  shift 3
  local run=("${app_exec[@]}")
  ((${#run[@]})) || run=(dotnet Attune.Web.dll)
  if [[ -n $app_user && $EUID -eq 0 ]]; then run=(runuser -u "$app_user" --preserve-environment -- "${run[@]}"); fi
  (
    cd "${app_cwd:-$app_dir}"
    if [[ -n $app_env_file ]]; then
      set -a
      # shellcheck disable=SC1090
      source "$app_env_file"
      set +a
    fi
    exec env ASPNETCORE_ENVIRONMENT=Production "$@" "${run[@]}" --urls "$url"
  ) >>"$log" 2>&1 &
  app_pid[$name]=$!
  app_url[$name]=$url
  app_wait "$name" "$log"
}

# Waits up to 120 s (a loaded 2-core machine starts three nodes slowly) for /healthz; shows the log's end on failure.
app_wait() {
  local name=$1 log=$2
  for _ in $(seq 1 1200); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "${app_url[$name]}/healthz" 2>/dev/null || true) == 200 ]] && return 0
    if ! kill -0 "${app_pid[$name]}" 2>/dev/null; then
      tail -n 30 "$log" >&2
      echo "node $name exited during start-up" >&2
      return 1
    fi
    sleep 0.1
  done
  tail -n 30 "$log" >&2
  echo "node $name did not answer /healthz within 120 s" >&2
  return 1
}

app_stop() {
  local name=$1 signal=${2:-TERM} pid=${app_pid[$1]:-}
  if [[ -n $pid ]]; then
    # Under runuser the app is the child of the started process: signal it too, as systemd signals the whole group.
    pkill -"$signal" -P "$pid" 2>/dev/null || true
    kill -"$signal" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  unset "app_pid[$name]"
}

app_stop_all() {
  local name
  for name in "${!app_pid[@]}"; do app_stop "$name"; done
}

app_register() {
  local url=$1 email=$2 password=$3 display=$4
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"$display\",\"timeZone\":\"Europe/Berlin\"}" \
    "$url/api/v1/auth/register"
}

app_sign_in() {
  local url=$1 email=$2 password=$3 jar=$4 status
  rm -f "$jar"
  status=$(curl -s -o "$jar.json" -D "$jar.headers" -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$url/api/v1/auth/login")
  [[ $status == 200 ]] || { cat "$jar.json" >&2; echo "signing in $email gave $status" >&2; return 1; }
}

app_cookie() {
  sed 's/^#HttpOnly_//' "$1" | awk -F '\t' 'NF == 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }'
}

app_token() {
  local url=$1 jar=$2
  shift 2
  local scopes
  scopes=$(printf '"%s",' "$@")
  curl -s -b "$jar" -H 'Content-Type: application/json' --data "{\"name\":\"cluster\",\"scopes\":[${scopes%,}]}" "$url/api/v1/me/tokens" \
    | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p'
}
