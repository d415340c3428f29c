#!/usr/bin/env bash
# The system services the tests use, from Debian's packages: PostgreSQL (started on loopback, with a
# role and a database for the tests) and Chromium (driven by Playwright in the browser tests).
# Idempotent: installs only what is missing (one `apt-get update` first), starts the cluster only when
# it is down, creates the role and database only when absent. Needs root (or sudo) for apt-get and for
# running commands as the postgres user. Prints the URL the tests read from STORYCHECK_TEST_PG.
#
# STORYCHECK_SKIP_PG=1: Chromium only, no PostgreSQL (the PostgreSQL tests then skip, saying so).
# STORYCHECK_TEST_PG already set: that server is used as it is; nothing is started.
set -euo pipefail

PG_USER=${STORYCHECK_PG_USER:-storycheck}
PG_PASSWORD=${STORYCHECK_PG_PASSWORD:-storycheck}
PG_DB=${STORYCHECK_PG_DB:-storycheck_test}
PG_PORT=${STORYCHECK_PG_PORT:-5432}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

wanted=(chromium)
if [ "${STORYCHECK_SKIP_PG:-}" != 1 ] && [ -z "${STORYCHECK_TEST_PG:-}" ]; then wanted+=(postgresql); fi
missing=()
for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} (Debian packages)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${STORYCHECK_SKIP_PG:-}" = 1 ]; then exit 0; fi
if [ -n "${STORYCHECK_TEST_PG:-}" ]; then echo "$STORYCHECK_TEST_PG"; exit 0; fi

# The cluster Debian created on install (create one if it is not there), listening on loopback only.
version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/main"; then
    as_root pg_createcluster "$version" main --port "$PG_PORT" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    as_root pg_ctlcluster "$version" main start -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT"
fi
for _ in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { echo "PostgreSQL did not start on 127.0.0.1:$PG_PORT" >&2; exit 1; }

psql_admin() { as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtAc "$1"; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != 1 ]; then
    psql_admin "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != 1 ]; then
    psql_admin "CREATE DATABASE $PG_DB OWNER $PG_USER"
fi
echo "postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
