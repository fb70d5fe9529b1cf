#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: in a temporary folder, on a free local port.
#
#   eval "$(.ci/postgres.sh start)"   # prints: export ZHENGCE_TEST_PG=... ZHENGCE_TEST_PG_DIR=...
#   .ci/postgres.sh stop "$ZHENGCE_TEST_PG_DIR"
#
# Runs as the calling user; as root (CI) the cluster belongs to the `postgres` user, created if
# missing, because PostgreSQL refuses to run as root.  Debian's binaries are found under
# /usr/lib/postgresql/<version>/bin (the newest installed), else on PATH.
set -euo pipefail

pg_bin() {
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$newest" && -x "$newest/initdb" ]]; then echo "$newest"; return; fi
    if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
    echo "postgres.sh: no PostgreSQL found (apt-get install postgresql)" >&2
    return 1
}

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local bin dir port
    bin=$(pg_bin)
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/zhengce-pg.XXXXXX")
    chmod 755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U zhengce --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off" start \
        >/dev/null || { cat "$dir/server.log" >&2; return 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U zhengce zhengce_test
    echo "export ZHENGCE_TEST_PG=postgresql://zhengce@127.0.0.1:$port/zhengce_test"
    echo "export ZHENGCE_TEST_PG_DIR=$dir"
}

stop() {
    local dir=${1:?postgres.sh stop DIR}
    [[ -d "$dir/data" ]] || return 0
    as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
