#!/usr/bin/env bash
# Runs a throwaway PostgreSQL cluster for tests: prints its URL, then serves until stdin closes or a signal
# arrives, and removes every trace. Loopback only, trust auth, no durability (fsync off).
# Usage: scripts/postgres-test.sh            (Ctrl-D or Ctrl-C stops it)
# Exit 3 means PostgreSQL is not installed.
set -euo pipefail

find_bin() {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "postgres-test: PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin)." >&2
  echo "postgres-test: install it with 'npm run setup' or 'apt-get install postgresql'." >&2
  exit 3
fi

# initdb and postgres refuse to run as root, so root runs them as the postgres OS user.
as_owner=()
give_to_owner() { :; }
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
  give_to_owner() { chown postgres: "$1"; }
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/licensedesk-pg.XXXXXX")
chmod 755 "$dir"
give_to_owner "$dir"

reader=""
fresh=""
cleanup() {
  if [ -n "$reader" ]; then kill "$reader" 2>/dev/null || true; fi
  if [ -n "$fresh" ]; then rm -rf "$fresh"; fi
  "${as_owner[@]}" "$bin/pg_ctl" stop -D "$dir/data" -m immediate >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 0' INT TERM HUP PIPE

# initdb takes seconds and every test run would pay them, so an initialized cluster is kept as a template
# (keyed by server version and these options) and copied.
initdb_options=(-U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync)
key=$("$bin/postgres" --version | cat - <(echo "${initdb_options[*]} $(id -u)") | md5sum | cut -c1-12)
cache="$(cd "$(dirname "$0")/.." && pwd)/node_modules/.cache/licensedesk-postgres"
template="$cache/$key"
if [ ! -f "$template/PG_VERSION" ]; then
  mkdir -p "$cache"
  fresh=$(mktemp -d "$cache/.initdb.XXXXXX")
  give_to_owner "$fresh"
  "${as_owner[@]}" "$bin/initdb" -D "$fresh/data" "${initdb_options[@]}" >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Renaming is atomic: a concurrent run either sees the whole template or none.
  mv -T "$fresh/data" "$template" 2>/dev/null || true
  rm -rf "$fresh"
  fresh=""
fi
cp -a "$template" "$dir/data"

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# A port found free can be taken before the server binds it, so try a few.
started=""
for _ in 1 2 3; do
  port=$(free_port)
  if "${as_owner[@]}" "$bin/pg_ctl" start -D "$dir/data" -w -t 30 -l "$dir/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  cat "$dir/server.log" >&2
  exit 1
fi

echo "postgres://postgres@127.0.0.1:$port/postgres"
# Serve until whoever started us closes our stdin (or dies, which closes it too); `wait` lets signals in.
cat <&0 >/dev/null &
reader=$!
wait "$reader" || true
