#!/usr/bin/env bash
# Runs the Odoo-side tests of rest_api on an already-installed Odoo 18, in a throwaway database.
#
#   ODOO_BIN          path to odoo-bin                                    (required)
#   ODOO_PYTHON       python that runs it (default: python3)
#   ODOO_ADDONS_PATH  Odoo's own addons folder(s), comma-separated        (required)
#   ODOO_DB_HOST / ODOO_DB_PORT / ODOO_DB_USER / ODOO_DB_PASSWORD        (default: Odoo's)
#   ODOO_TEST_TAGS    default: /rest_api,/rest_api_test
#
# Without ODOO_BIN it says it skipped and exits 0 (CI has no Odoo).
set -euo pipefail
if [ -z "${ODOO_BIN:-}" ]; then
  echo "test-odoo: SKIPPED — no Odoo named (set ODOO_BIN and ODOO_ADDONS_PATH to run the Odoo suite)"
  exit 0
fi
: "${ODOO_ADDONS_PATH:?set ODOO_ADDONS_PATH to the Odoo addons folder}"
python_bin="${ODOO_PYTHON:-python3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
db="rest_api_test_$$_$(date +%s)"
trap 'rm -rf "$work"' EXIT
ln -s "$repo" "$work/rest_api"
ln -s "$repo/tests/addons/rest_api_test" "$work/rest_api_test"

db_args=()
[ -n "${ODOO_DB_HOST:-}" ] && db_args+=("--db_host=$ODOO_DB_HOST")
[ -n "${ODOO_DB_PORT:-}" ] && db_args+=("--db_port=$ODOO_DB_PORT")
[ -n "${ODOO_DB_USER:-}" ] && db_args+=("--db_user=$ODOO_DB_USER")
[ -n "${ODOO_DB_PASSWORD:-}" ] && db_args+=("--db_password=$ODOO_DB_PASSWORD")
port=$("$python_bin" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

log="$work/odoo-test.log"
echo "test-odoo: database $db, port $port, log $log"
set +e
"$python_bin" "$ODOO_BIN" --addons-path="$ODOO_ADDONS_PATH,$work" "${db_args[@]}" \
  -d "$db" -i rest_api,rest_api_test --test-enable --test-tags "${ODOO_TEST_TAGS:-/rest_api,/rest_api_test}" \
  --stop-after-init --http-interface=127.0.0.1 --http-port="$port" --log-level=test \
  --max-cron-threads=0 >"$log" 2>&1
rc=$?
set -e
"$python_bin" - "$db" "${db_args[@]}" <<'PY' || true
import sys, subprocess
db, args = sys.argv[1], dict(a.lstrip('-').split('=', 1) for a in sys.argv[2:])
import psycopg2
conn = psycopg2.connect(dbname='postgres', host=args.get('db_host'), port=args.get('db_port'),
                        user=args.get('db_user'), password=args.get('db_password'))
conn.autocommit = True
conn.cursor().execute(f'DROP DATABASE IF EXISTS "{db}"')
PY
grep -aE "(FAIL|ERROR):|Traceback|[0-9]+ failed, [0-9]+ error" "$log" | tail -40 || true
summary=$(grep -aEo "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests" "$log" | tail -1 || true)
echo "test-odoo: ${summary:-no test summary found} (odoo-bin exit $rc)"
if [ $rc -ne 0 ] || [ -z "$summary" ] || ! echo "$summary" | grep -q "^0 failed, 0 error"; then
  echo "test-odoo: FAILED — full log: $log"; cp "$log" /tmp/rest_api-odoo-test.log; trap - EXIT
  exit 1
fi
echo "test-odoo: passed"
