#!/usr/bin/env bash
# The gateway in front of a live Odoo (run by tests/run_odoo_tests.sh after the live checks):
#
#   gateway_check.sh ODOO_URL DB LOGIN GLOBAL_KEY REST_KEY
#
# Starts the gateway (gunicorn, 2 workers, from the repository's .venv) on a free port, then runs
# the RecordStore contract over RPC (tests/unit/test_rpc_contract.py) and the same client script
# against the addon and the gateway (tests/unit/test_gateway_live.py). Exit 1 on a failure;
# says it skipped (exit 0) when .venv has no gunicorn (make gateway installs it).
set -uo pipefail
odoo_url=$1 db=$2 login=$3 key=$4 rest_key=$5
repo="$(cd "$(dirname "$0")/../.." && pwd)"
gunicorn="$repo/.venv/bin/gunicorn"
if [ ! -x "$gunicorn" ]; then
  echo "test-odoo: gateway checks SKIPPED — gunicorn is not in .venv (make gateway installs it)"
  exit 0
fi
port=$("$repo/.venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
ODOO_URL="$odoo_url" ODOO_DB="$db" "$gunicorn" --chdir "$repo/devtools" --workers 2 \
  --bind "127.0.0.1:$port" gateway_wsgi:app >"$log" 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null; wait $gateway 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.2; done
echo "test-odoo: the gateway on port $port in front of $odoo_url"
cd "$repo/tests/unit" && REST_API_LIVE_ODOO_URL="$odoo_url" REST_API_LIVE_ODOO_DB="$db" \
  REST_API_LIVE_GATEWAY_URL="http://127.0.0.1:$port" REST_API_LIVE_LOGIN="$login" \
  REST_API_LIVE_KEY="$key" REST_API_LIVE_REST_KEY="$rest_key" \
  "$repo/.venv/bin/python" -m pytest test_rpc_contract.py test_gateway_live.py 2>&1 | tail -15
rc=${PIPESTATUS[0]}
[ "$rc" -ne 0 ] && { echo "test-odoo: gateway checks FAILED — gateway log:"; tail -30 "$log"; }
exit "$rc"
