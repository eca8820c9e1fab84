#!/usr/bin/env bash
# Follows docs/self-hosting.md on this machine, on loopback only, as a self-hoster would, for SQLite and then for
# PostgreSQL (a throw-away cluster from Debian's packages):
#   install the release tarball into an /opt-like folder; a service user and a 0700 data folder; settings in a 0600
#   environment file; start the app from another working directory; register the first account (it becomes the
#   administrator); upload a recording; back up while the app runs (the documented commands); stop; restore into a
#   fresh folder (and a fresh database); start there; sign in again and find the recording; check that no log line
#   holds a secret.
#
#   scripts/selfhost-walkthrough.sh [TARBALL]     (without one, scripts/release.sh builds it first)
#
# Environment: WALKTHROUGH_DATABASES="sqlite postgres" (default both; postgres needs Debian's postgresql package).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=scripts/lib/postgres.sh
source "$root/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/app.sh
source "$root/scripts/lib/app.sh"

for tool in curl sqlite3 tar; do
  command -v "$tool" >/dev/null || { echo "scripts/selfhost-walkthrough.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
tarball=${1:-}
if [[ -z $tarball ]]; then tarball=$(scripts/release.sh | tail -n 1); fi
[[ -f $tarball ]] || { echo "no tarball at $tarball" >&2; exit 1; }

work=$(mktemp -d /tmp/attune-walk.XXXXXX)
chmod 755 "$work"
cleanup() {
  stop_app
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nWALKTHROUGH FAILED: %s\n' "$*" >&2; [[ -f $work/app.log ]] && tail -n 40 "$work/app.log" >&2; exit 1; }

# The service user of the guide (`useradd --system attune`); as a normal user, that user runs everything.
service_user=$(id -un)
if [[ $EUID -eq 0 ]]; then
  service_user=attune-walk
  id "$service_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$service_user"
fi
as_service() { if [[ $EUID -eq 0 ]]; then runuser -u "$service_user" -- "$@"; else "$@"; fi; }

step "Installing $(basename "$tarball") into $work/opt (no SDK or Node needed on the server)"
mkdir -p "$work/opt"
tar xzf "$tarball" -C "$work/opt"
[[ -x $work/opt/attune/Attune.Web ]] || fail "the tarball has no attune/Attune.Web executable"

port=$(free_port)
base="http://127.0.0.1:$port"

# The installed executable, started from / (not the install folder: the app must find its own files), with the
# guide's environment file, as the service user when root.
app_dir="$work/opt/attune" app_exec=("$work/opt/attune/Attune.Web") app_cwd=/ app_user=$service_user

# $1 data folder, $2 environment file.
start_app() {
  : >"$work/app.log"
  app_env_file=$2
  app_start app "$base" "$work/app.log" || fail "the app did not answer /healthz (data: $1)"
}

stop_app() { app_stop app; }

# The guide's environment file: settings and secrets, readable by root only (systemd reads it before dropping
# privileges), never in the world-readable unit file.
write_env() {
  local file=$1 data=$2 provider=$3 connection=${4:-}
  umask 077
  {
    echo "ASPNETCORE_ENVIRONMENT=Production"
    echo "Attune__DataDirectory=$data"
    echo "Attune__PublicBaseUrl=$base"
    if [[ $provider == postgres ]]; then
      echo "Database__Provider=Postgres"
      echo "ConnectionStrings__Attune=\"$connection\""
    fi
  } >"$file"
  umask 022
  [[ $(stat -c %a "$file") == 600 ]] || fail "the environment file is not 0600"
}

new_data_folder() {
  local dir=$1
  install -d -m 0700 "$dir"
  if [[ $EUID -eq 0 ]]; then chown "$service_user:" "$dir"; fi
}

email="owner-$RANDOM@example.org"
password="a calm river at dawn, twice"
jar="$work/cookies.txt"

register_owner() {
  local status
  status=$(curl -s -o "$work/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Owner\",\"timeZone\":\"Europe/Berlin\"}" \
    "$base/api/v1/auth/register")
  [[ $status == 20[012] ]] && grep -q "administrator" "$work/register.json" || { cat "$work/register.json" >&2; fail "registering the first account gave $status"; }
}

sign_in() {
  local status
  rm -f "$jar"
  status=$(curl -s -o "$work/login.json" -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  [[ $status == 200 ]] || { cat "$work/login.json" >&2; fail "signing in gave $status"; }
}

token=""
upload_recording() {
  token=$(curl -s -b "$jar" -H 'Content-Type: application/json' --data '{"name":"walkthrough","scopes":["recordings:write","recordings:read"]}' \
    "$base/api/v1/me/tokens" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
  [[ -n $token ]] || fail "could not make an access token"
  # Ten minutes of a resting heart, one RR interval per line.
  awk 'BEGIN { srand(7); for (i = 0; i < 700; i++) printf "%d\n", 850 + 60 * sin(i / 4) + 20 * rand() }' >"$work/rest.rr.csv"
  local status
  status=$(curl -s -o "$work/upload.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    -H 'X-Recording-Name: Evening rest' -H 'X-File-Name: rest.rr.csv' --data-binary @"$work/rest.rr.csv" "$base/api/v1/recordings?kind=rr")
  [[ $status == 201 ]] || { cat "$work/upload.json" >&2; fail "uploading a recording gave $status"; }
}

check_recording_there() {
  local list
  list=$(curl -s -H "Authorization: Bearer $token" "$base/api/v1/recordings")
  grep -q '"Evening rest"' <<<"$list" || fail "the restored instance does not list the recording: $list"
}

check_logs() {
  # Nothing that opens an account may be in a log: tokens, codes in links, the password.
  if grep -E -i -q "secret=|code=[A-Za-z0-9%_-]{16,}|token=[A-Za-z0-9%_-]{16,}|$password|$token" "$work/app.log"; then
    fail "a log line holds a secret"
  fi
}

check_static() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/dist/app.css") == 200 ]] || fail "the stylesheet is not served (content root)"
}

walk() {
  local db=$1 data="$work/var-$1/attune" restored="$work/var-$1-restored/attune" backups="$work/backups-$1"
  local env_file="$work/etc-$1.env" connection="" restored_connection=""
  mkdir -p "$(dirname "$data")" "$(dirname "$restored")"
  new_data_folder "$data"
  if [[ $db == postgres ]]; then
    pg_start || fail "PostgreSQL did not start"
    "$pg_bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
      -c "CREATE ROLE attune LOGIN PASSWORD 'walk-through-only'" -c "CREATE DATABASE attune OWNER attune" \
      -c "CREATE DATABASE attune_restored OWNER attune" >/dev/null
    connection="Host=127.0.0.1;Port=$pg_port;Database=attune;Username=attune;Password=walk-through-only"
    restored_connection="${connection/Database=attune;/Database=attune_restored;}"
  fi
  write_env "$env_file" "$data" "$db" "$connection"

  step "[$db] Start (Production, from /), first account becomes the administrator, upload a recording"
  start_app "$data" "$env_file"
  grep -q "Administrator" "$work/app.log" || grep -qi "administrator" "$work/app.log" || fail "the start-up log does not say who administers the instance"
  check_static
  register_owner
  sign_in
  upload_recording
  check_recording_there

  step "[$db] Back up while the app runs (the guide's commands)"
  install -d -m 0700 "$backups"
  if [[ $EUID -eq 0 ]]; then chown "$service_user:" "$backups"; fi
  if [[ $db == sqlite ]]; then
    as_service sh -c "umask 077; cd '$backups' && rm -f attune.db.partial && sqlite3 '$data/attune.db' \"VACUUM INTO 'attune.db.partial'\" && mv attune.db.partial attune-backup.db"
  else
    as_service sh -c "umask 077; cd '$backups' && '$pg_bin/pg_dump' --format=custom --dbname='host=127.0.0.1 port=$pg_port dbname=attune user=attune password=walk-through-only' --file=attune.dump.partial && mv attune.dump.partial attune-backup.dump"
  fi
  as_service sh -c "umask 077; tar czf '$backups/attune-keys.tgz' -C '$data' keys"
  [[ $(stat -c %a "$backups/attune-keys.tgz") == 600 ]] || fail "the key backup is readable by others"
  stop_app
  check_logs

  step "[$db] Restore into a fresh folder$([[ $db == postgres ]] && echo " and database"), start there, sign in again"
  new_data_folder "$restored"
  if [[ $db == sqlite ]]; then
    as_service cp "$backups/attune-backup.db" "$restored/attune.db"
  else
    as_service "$pg_bin/pg_restore" --no-owner --exit-on-error \
      --dbname="host=127.0.0.1 port=$pg_port dbname=attune_restored user=attune password=walk-through-only" "$backups/attune-backup.dump"
  fi
  as_service tar xzf "$backups/attune-keys.tgz" -C "$restored"
  write_env "$env_file" "$restored" "$db" "$restored_connection"
  start_app "$restored" "$env_file"
  sign_in
  check_recording_there
  [[ $(stat -c %a "$restored") == 700 ]] || fail "the restored data folder is readable by others"
  stop_app
  check_logs
  if [[ $db == postgres ]]; then pg_stop; fi
  printf '[%s] walk-through passed\n' "$db"
}

for db in ${WALKTHROUGH_DATABASES:-sqlite postgres}; do
  walk "$db"
done
printf '\nSelf-hosting walk-through passed (%s).\n' "${WALKTHROUGH_DATABASES:-sqlite postgres}"
