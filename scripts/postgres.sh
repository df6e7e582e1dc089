#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1:55432 for the server's tests.
#
#   scripts/postgres.sh start <dir>   make (if needed) and start a cluster under <dir>,
#                                     print its URL
#   scripts/postgres.sh stop <dir>    stop it (the files stay; delete <dir> yourself)
#
# Then: RENKEI_TEST_POSTGRES_URL=$(scripts/postgres.sh start /tmp/renkei-pg) cargo test -p renkei-server
#
# Uses Debian's postgresql (installed with apt-get if missing). Trust
# authentication on loopback only: never use this for real data.
set -euo pipefail

PORT="${RENKEI_TEST_POSTGRES_PORT:-55432}"
SUPERUSER=renkei

usage() {
    echo "usage: $0 start|stop <dir>" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
action="$1"
dir="$2"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
data="$dir/data"

find_bin() {
    local found
    found="$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1 || true)"
    [[ -n "$found" ]] && dirname "$found"
}

bin="$(find_bin || true)"
if [[ -z "$bin" ]]; then
    if [[ "$action" == stop ]]; then
        echo "PostgreSQL is not installed: nothing to stop" >&2
        exit 0
    fi
    echo "installing Debian's postgresql…" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; then
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    fi
    bin="$(find_bin)"
fi

# PostgreSQL refuses to run as root: run its tools as the postgres user
# (or as whoever we are when not root).
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$action" in
start)
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres:postgres "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            echo "$dir is not reachable for the postgres user: pick a directory such as /tmp/renkei-pg" >&2
            exit 1
        fi
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
        as_owner "$bin/initdb" -D "$data" -A trust -U "$SUPERUSER" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$data" -l "$dir/log" -w \
            -o "-p $PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" \
            start >&2 || { tail -n 20 "$dir/log" >&2; exit 1; }
    fi
    echo "postgres://$SUPERUSER@127.0.0.1:$PORT/postgres"
    ;;
stop)
    if [[ -f "$data/PG_VERSION" ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
    fi
    ;;
*)
    usage
    ;;
esac
