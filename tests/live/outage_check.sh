#!/usr/bin/env bash
# A database outage under load (issue 20, item 3), on a throwaway PostgreSQL cluster of its own:
#
#   outage_check.sh PYTHON ODOO_BIN ADDONS_PATH
#
# initdb in a temporary folder (as the 'postgres' system user when run as root: initdb refuses
# root), a server on a free loopback port, rest_api installed in a fresh database, Odoo with
# --workers 2 and the addon loaded server-wide, then tests/live/outage_check.py stops and starts
# that cluster under six writers. Everything it started is stopped and removed on exit.
# PG_BINDIR names PostgreSQL's programs (default: the newest under /usr/lib/postgresql).
set -euo pipefail
python_bin=$1 odoo_bin=$2 addons=$3
here="$(cd "$(dirname "$0")" && pwd)"
bindir="${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
if [ ! -x "$bindir/initdb" ]; then
  echo "outage check: SKIPPED — no PostgreSQL server programs (set PG_BINDIR)"; exit 0
fi
free_port() { "$python_bin" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d) pg_port=$(free_port) http_port=$(free_port) db=outage_check server=""
as_owner=()
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; as_owner=(runuser -u postgres --); fi
pg() { "${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -w -t 60 "$@"; }
cleanup() {
  [ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  pg stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${as_owner[@]}" "$bindir/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 >/dev/null
start="${as_owner[*]} $bindir/pg_ctl -D $work/data -w -t 60 -l $work/pg.log -o '-p $pg_port -k $work -c listen_addresses=127.0.0.1' start"
stop="${as_owner[*]} $bindir/pg_ctl -D $work/data -w -t 60 -m fast stop"
bash -c "$start" >/dev/null
"$bindir/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE ROLE odoo LOGIN CREATEDB" postgres
db_args=(--db_host=127.0.0.1 "--db_port=$pg_port" --db_user=odoo --data-dir="$work/odoo")
echo "outage check: cluster on port $pg_port; installing rest_api"
"$python_bin" "$odoo_bin" --addons-path="$addons" "${db_args[@]}" -d "$db" -i rest_api --without-demo=all \
  --stop-after-init --no-http --log-level=warn >"$work/install.log" 2>&1 \
  || { tail -30 "$work/install.log"; exit 1; }
key=$("$python_bin" "$odoo_bin" shell --addons-path="$addons" "${db_args[@]}" -d "$db" --no-http \
      --log-level=warn 2>>"$work/install.log" <<'PY' | sed -n 's/^KEY=//p'
keys = env['res.users.apikeys'].with_user(env.ref('base.user_admin')).sudo()
print('KEY=' + keys._generate('odoo.api', 'outage check', None))
env['ir.config_parameter'].set_param('rest_api.auth_failures_per_minute', '0')
env.cr.commit()
PY
)
"$python_bin" "$odoo_bin" --addons-path="$addons" "${db_args[@]}" -d "$db" --db-filter="^$db\$" \
  --load=base,web,rest_api --workers=2 --max-cron-threads=0 --http-interface=127.0.0.1 \
  --http-port="$http_port" --log-level=info >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$http_port/api/v1/health" >/dev/null 2>&1 && break; sleep 1; done
set +e
"$python_bin" "$here/outage_check.py" "http://127.0.0.1:$http_port" "$key" "$work/server.log" "$stop" "$start"
rc=$?
set -e
[ $rc -ne 0 ] && { cp "$work/server.log" /tmp/rest_api-outage-server.log; echo "outage check: server log kept in /tmp/rest_api-outage-server.log"; }
exit $rc
