#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (issue 17), never for data:
#   eval "$(build/pgtest.sh start)"   # creates it, prints export lines for SHEQU_TEST_PG and PGTEST_DIR
#   build/pgtest.sh stop [DIR]        # stops it and removes its folder (default: $PGTEST_DIR)
# The cluster lives in a fresh mktemp -d folder under /tmp (data, socket and log), runs as an
# unprivileged user (the `postgres` user when run as root, else the current user), listens only
# on 127.0.0.1 on a free port, and lets in one superuser with a random password (scram over TCP,
# trust over its private socket). fsync is off: a crash loses nothing that matters.
set -euo pipefail

find_bin() {
	local d
	for d in "${PGBIN:-}" /usr/lib/postgresql/*/bin; do
		[[ -n $d && -x $d/initdb && -x $d/pg_ctl ]] && { echo "$d"; return; }
	done
	command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
	echo "找不到 PostgreSQL（initdb、pg_ctl）：请安装 postgresql 软件包，或用 PGBIN 指定其 bin 文件夹" >&2
	exit 1
}

# as_owner CMD…: runs CMD as the cluster's owner.
as_owner() {
	if [[ $(id -u) == 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	local bin dir pw port try
	bin=$(find_bin)
	dir=$(mktemp -d /tmp/shequ-pgtest.XXXXXX)
	chmod 700 "$dir"
	[[ $(id -u) != 0 ]] || chown postgres: "$dir"
	pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
	printf '%s\n' "$pw" >"$dir/pw"
	[[ $(id -u) != 0 ]] || chown postgres: "$dir/pw"
	as_owner "$bin/initdb" -D "$dir/data" -U shequ_test --pwfile="$dir/pw" -E UTF8 --locale=C.UTF-8 \
		--auth-host=scram-sha-256 --auth-local=trust >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	rm -f "$dir/pw"
	for try in 1 2 3 4 5 6 7 8; do
		port=$((20000 + RANDOM % 30000))
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
			-o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" >/dev/null; then
			echo "export PGTEST_DIR=$dir"
			echo "export SHEQU_TEST_PG='postgres://shequ_test:$pw@127.0.0.1:$port/postgres?sslmode=disable'"
			return
		fi
		grep -q 'could not bind\|Address already in use' "$dir/server.log" || break
	done
	cat "$dir/server.log" >&2
	rm -rf "$dir"
	exit 1
}

stop() {
	local dir=${1:-${PGTEST_DIR:-}}
	[[ -n $dir && $dir == /tmp/shequ-pgtest.* && -d $dir ]] || { echo "pgtest.sh stop: 没有测试集群文件夹（$dir）" >&2; exit 1; }
	as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*) echo "用法：build/pgtest.sh start|stop [文件夹]" >&2; exit 2 ;;
esac
