#!/usr/bin/env bash
# Load benchmark of the sync server: prints figures, asserts only that no
# request failed.
#
#   bench/load.sh            (after `cargo build --release -p renkei-server`)
#
# For each storage engine — SQLite (a temp file) and PostgreSQL (a
# throw-away cluster from scripts/postgres.sh) — it starts
# target/release/renkei-server on a free loopback port, creates an office
# with the CLI, adds LOAD_DEVICES staff members through the API and signs
# each in (one session token per simulated device), then runs wrk twice:
#
#   push: LOAD_DEVICES threads × 1 connection, each thread one device with its
#         own token, device id and seq counter, pushing batches of
#         LOAD_BATCH new client records (bench/load/push.lua);
#   pull: LOAD_DEVICES threads × 1 connection, each paging through what was
#         pushed with its own cursor (bench/load/pull.lua).
#
# and prints one table. Exits 1 if any request failed (non-2xx, socket error
# or timeout). It builds nothing; it installs wrk (Debian package) if missing.
#
# Settings (environment): LOAD_DEVICES (50), LOAD_SECONDS (10, per run),
# LOAD_BATCH (10 changes per push), LOAD_PULL_LIMIT (500 changes per page),
# LOAD_BACKENDS ("sqlite postgres").
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/target/release/renkei-server"
LUA="$ROOT/bench/load"
DEVICES="${LOAD_DEVICES:-50}"
SECONDS_PER_RUN="${LOAD_SECONDS:-10}"
BATCH="${LOAD_BATCH:-10}"
PULL_LIMIT="${LOAD_PULL_LIMIT:-500}"
BACKENDS="${LOAD_BACKENDS:-sqlite postgres}"
PASSWORD="load-test-password"

log() { printf '\033[1m[load]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ ! -x "$BIN" ]; then
  die "$BIN is missing: build it first with \`cargo build --release -p renkei-server\` (this script builds nothing)"
fi
log "server: $BIN (built $(date -r "$BIN" '+%Y-%m-%d %H:%M'); rebuild it if the sources are newer)"
for tool in curl sed awk; do
  command -v "$tool" >/dev/null || die "$tool is required"
done
if ! command -v wrk >/dev/null; then
  log "apt-get install wrk"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
  fi
fi

# ---- cleanup -------------------------------------------------------------

WORK="$(mktemp -d "${TMPDIR:-/tmp}/renkei-load.XXXXXX")"
PGDIR=""
SERVER_PID=""
WRK_PID=""

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

stop_postgres() {
  if [ -n "$PGDIR" ]; then
    "$ROOT/scripts/postgres.sh" stop "$PGDIR" >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
    PGDIR=""
  fi
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$WRK_PID" ]; then
    kill "$WRK_PID" 2>/dev/null || true
    wait "$WRK_PID" 2>/dev/null || true
  fi
  stop_server
  stop_postgres
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- helpers -------------------------------------------------------------

# A loopback port nothing listens on.
free_port() {
  local port
  for port in $(seq 55500 55999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port in 55500-55999"
}

# api METHOD PATH [TOKEN] [BODY]: prints the body, fails unless 2xx.
api() {
  local method="$1" path="$2" token="${3:-}" body="${4:-}"
  local args=(-sS -X "$method" -H "x-renkei-protocol: 1" -w '\n%{http_code}')
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data-binary "$body")
  local answer status
  answer="$(curl "${args[@]}" "$BASE$path")"
  status="${answer##*$'\n'}"
  answer="${answer%$'\n'*}"
  case "$status" in
    2??) printf '%s' "$answer" ;;
    *) die "$method $path: HTTP $status $answer" ;;
  esac
}

sign_in() {
  local answer
  answer="$(api POST /api/auth/sign-in "" "{\"office_code\":\"load\",\"login\":\"$1\",\"password\":\"$PASSWORD\"}")"
  sed -n 's/.*"token":"\([A-Za-z0-9_-]*\)".*/\1/p' <<<"$answer"
}

# Starts the server on DATABASE_URL; sets SERVER_PID and BASE.
start_server() {
  local url="$1" out="$WORK/server.out"
  mkdir -p "$WORK/dist"
  echo '<!DOCTYPE html><title>load</title>' >"$WORK/dist/index.html"
  : >"$out"
  # Every simulated device signs in from this one address within seconds:
  # far above what the per-address sign-in limit lets one place do.
  RUST_LOG=warn RENKEI_ADDR=127.0.0.1:0 RENKEI_DIST="$WORK/dist" RENKEI_DATABASE_URL="$url" \
    RENKEI_SIGN_INS_PER_MINUTE=600 "$BIN" >"$out" 2>"$WORK/server.log" &
  SERVER_PID=$!
  local line=""
  for _ in $(seq 1 300); do
    line="$(head -n 1 "$out")"
    [ -n "$line" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "the server exited"; }
    sleep 0.1
  done
  [[ "$line" == "listening on http://"* ]] || { cat "$WORK/server.log" >&2; die "no 'listening on' line: $line"; }
  BASE="${line#listening on }"
}

# field NAME LINE: the value of NAME=… in a `LOAD …` line.
field() {
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

# run_wrk SCRIPT OUT [ENV…]: one wrk run with LOAD_DEVICES threads × 1
# connection; its `LOAD …` line goes to OUT.
run_wrk() {
  local script="$1" out="$2"
  shift 2
  # In the background and waited for, so a signal stops the script (and,
  # through the cleanup, wrk) at once.
  env LOAD_TOKENS="$WORK/tokens" LOAD_THREADS="$DEVICES" "$@" \
    wrk -t "$DEVICES" -c "$DEVICES" -d "${SECONDS_PER_RUN}s" --timeout 10s --latency \
    -s "$script" "$BASE" >"$out.wrk" 2>"$out.err" &
  WRK_PID=$!
  wait "$WRK_PID" || { cat "$out.wrk" "$out.err" >&2; die "wrk failed"; }
  WRK_PID=""
  grep '^LOAD ' "$out.wrk" >"$out" || { cat "$out.wrk" "$out.err" >&2; die "no result line from $script"; }
}

# ---- one backend ---------------------------------------------------------

ROWS=()
FAILED=0

bench_backend() {
  local backend="$1" url
  case "$backend" in
    sqlite)
      url="sqlite:$WORK/sqlite/renkei.db"
      ;;
    postgres)
      # Its own directory (the postgres user must reach it) and port, so a
      # test cluster on the default port is left alone.
      PGDIR="$(mktemp -d /tmp/renkei-load-pg.XXXXXX)"
      log "postgres: starting a throw-away cluster"
      url="$(RENKEI_TEST_POSTGRES_PORT="$(free_port)" "$ROOT/scripts/postgres.sh" start "$PGDIR")"
      ;;
    *) die "unknown backend $backend" ;;
  esac

  log "$backend: create-office"
  RENKEI_ADMIN_PASSWORD="$PASSWORD" "$BIN" create-office --name "負荷試験事業所" --code load \
    --admin-login admin --admin-name "管理者" --database-url "$url" >/dev/null
  start_server "$url"
  log "$backend: server at $BASE; adding $DEVICES staff and signing each in"
  local admin token i
  admin="$(sign_in admin)"
  [ -n "$admin" ] || die "no token for admin"
  : >"$WORK/tokens"
  for i in $(seq -w 1 "$DEVICES"); do
    api POST /api/staff "$admin" \
      "{\"login\":\"device$i\",\"display_name\":\"端末 $i\",\"password\":\"$PASSWORD\",\"role\":\"staff\"}" >/dev/null
    token="$(sign_in "device$i")"
    [ -n "$token" ] || die "no token for device$i"
    echo "$token" >>"$WORK/tokens"
  done

  log "$backend: push, ${SECONDS_PER_RUN}s, $DEVICES devices × $BATCH changes a request"
  local push pull pushed
  run_wrk "$LUA/push.lua" "$WORK/push-$backend" LOAD_RUN="$backend-$$" LOAD_BATCH="$BATCH"
  push="$(cat "$WORK/push-$backend")"
  pushed="$(field changes "$push")"
  log "$backend: pull, ${SECONDS_PER_RUN}s, $DEVICES devices paging $PULL_LIMIT at a time through $pushed changes"
  run_wrk "$LUA/pull.lua" "$WORK/pull-$backend" LOAD_TOTAL="$pushed" LOAD_PULL_LIMIT="$PULL_LIMIT"
  pull="$(cat "$WORK/pull-$backend")"
  # What the office's log really holds. wrk stops with up to one push per
  # device in flight: the server may have stored those batches without wrk
  # counting them, but never fewer changes than were acknowledged.
  local stored=0 page more="true"
  while [ "$more" = true ]; do
    page="$(api GET "/api/sync/pull?since=$stored&limit=1000" "$admin")"
    stored="$(sed -n 's/.*"next":\([0-9]*\).*/\1/p' <<<"$page")"
    more="$(sed -n 's/.*"more":\([a-z]*\).*/\1/p' <<<"$page")"
  done
  stop_server
  stop_postgres

  local errors
  errors=$(($(field non2xx "$push") + $(field socket_errors "$push") + $(field non2xx "$pull") \
    + $(field socket_errors "$pull") + $(field bad_pages "$pull")))
  if [ "$stored" -lt "$pushed" ] || [ "$stored" -gt $((pushed + DEVICES * BATCH)) ]; then
    log "$backend: the log holds $stored changes but $pushed were acknowledged"
    errors=$((errors + 1))
  fi
  if [ "$errors" -ne 0 ]; then
    FAILED=1
    log "$backend: failures — push: $push"
    log "$backend: failures — pull: $pull"
    cat "$WORK/push-$backend.err" "$WORK/pull-$backend.err" >&2 || true
  fi
  ROWS+=("$(awk -v b="$backend" -v ps="$(field seconds "$push")" -v pr="$(field requests "$push")" \
    -v pc="$(field changes "$push")" -v p50="$(field p50_ms "$push")" -v p99="$(field p99_ms "$push")" \
    -v ls="$(field seconds "$pull")" -v lr="$(field requests "$pull")" -v lc="$(field changes "$pull")" \
    -v l50="$(field p50_ms "$pull")" -v l99="$(field p99_ms "$pull")" -v e="$errors" 'BEGIN {
      printf "| %-8s | %8.0f | %9.0f | %7.1f ms | %7.1f ms | %8.0f | %9.0f | %7.1f ms | %7.1f ms | %6d |",
        b, pr / ps, pc / ps, p50, p99, lr / ls, lc / ls, l50, l99, e
    }')")
}

for backend in $BACKENDS; do
  bench_backend "$backend"
done

echo
echo "renkei-server load: $DEVICES devices (wrk -t$DEVICES -c$DEVICES), ${SECONDS_PER_RUN}s a run," \
  "push $BATCH changes a request, pull pages of $PULL_LIMIT; $(nproc) CPUs"
echo
echo "| backend  | push r/s | changes/s |  push p50  |  push p99  | pull r/s | changes/s |  pull p50  |  pull p99  | errors |"
echo "|----------|---------:|----------:|-----------:|-----------:|---------:|----------:|-----------:|-----------:|-------:|"
printf '%s\n' "${ROWS[@]}"
if [ "$FAILED" -ne 0 ]; then
  log "some requests failed (see above)"
  exit 1
fi
