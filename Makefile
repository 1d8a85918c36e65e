# rest_api — developer commands. `make test` is the one the README and CI use.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: test coverage test-odoo bench demo clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

## Pure suite (no Odoo): domain, application, both adapters' shared edge, docs and examples.
test: $(STAMP)
	cd tests/unit && ../../$(PY) -m pytest

## The same suite under coverage: branch coverage of domain/, application/ and the OpenAPI generator
## (controllers/openapi/, pure too); fails under 90 %.
coverage: $(STAMP)
	cd tests/unit && ../../$(PY) -m coverage run --rcfile=../../.coveragerc -m pytest
	cd tests/unit && ../../$(PY) -m coverage report --rcfile=../../.coveragerc

## Odoo suite: needs ODOO_PYTHON and ODOO_BIN (see README); skips, exit 0, without them.
test-odoo:
	bash tests/run_odoo_tests.sh

## The API on in-memory demo data at http://127.0.0.1:$(PORT)/api/v1, API key "demo".
PORT ?= 8069
demo: $(STAMP)
	PORT=$(PORT) $(PY) devtools/serve_demo.py

LINT_STAMP := $(VENV)/.lint-installed
$(LINT_STAMP): $(STAMP) requirements-lint.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-lint.txt
	touch $(LINT_STAMP)

MYPY_PACKAGES := domain application controllers adapters
.PHONY: lint
## ruff on every Python file; mypy on domain/, application/, controllers/ and adapters/, checked as the
## package rest_api (their imports are relative); pylint-odoo's manifest checks and the OCA's XML/CSV
## checks on both addons. Fails on the first tool with a finding.
lint: $(LINT_STAMP)
	$(VENV)/bin/ruff check .
	tmp=$$(mktemp -d) && ln -s "$(CURDIR)" "$$tmp/rest_api" && \
	  MYPYPATH="$$tmp" $(VENV)/bin/mypy --config-file mypy.ini --cache-dir "$$tmp/.mypy_cache" \
	    $(foreach p,$(MYPY_PACKAGES),-p rest_api.$(p)); status=$$?; rm -rf "$$tmp"; exit $$status
	$(PY) -m pylint --rcfile=.pylintrc . tests/addons/rest_api_test tests/addons/rest_api_test_extension examples/rest_api_hello
	$(PY) devtools/check_addon_files.py

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) benchmarks/requirements.txt requirements-gateway.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.txt -r requirements-gateway.txt
	touch $(BENCH_STAMP)

## Core benchmarks, then REST vs JSON-RPC (and MCP vs REST) on a real Odoo (skips without ODOO_BIN, like test-odoo);
## the Odoo part rewrites docs/performance.md, .png and .json.
bench: $(BENCH_STAMP)
	$(PY) benchmarks/core_bench.py
	$(PY) benchmarks/selection_bench.py
	$(PY) benchmarks/odoo_bench.py
	$(PY) benchmarks/gateway_bench.py
	$(PY) benchmarks/mcp_bench.py

OPENAPI_STAMP := $(VENV)/.openapi-installed
$(OPENAPI_STAMP): $(STAMP) tests/requirements-openapi.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r tests/requirements-openapi.txt
	touch $(OPENAPI_STAMP)

.PHONY: fuzz-openapi test-browser
## schemathesis against the demo server, driven by the generated OpenAPI document (a minute or two).
fuzz-openapi: $(OPENAPI_STAMP)
	$(PY) tests/schemathesis_run.py

## The docs page in headless Chromium: Debian's chromium, driven by Playwright (skips, saying why, without them).
test-browser: $(OPENAPI_STAMP)
	cd tests/browser && ../../$(PY) -m pytest -rs

GATEWAY_STAMP := $(VENV)/.gateway-installed
$(GATEWAY_STAMP): $(STAMP) requirements-gateway.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-gateway.txt
	touch $(GATEWAY_STAMP)

.PHONY: gateway
## The REST gateway in front of any Odoo: make gateway ODOO_URL=https://my.odoo.com ODOO_DB=mydb
## (GATEWAY_WORKERS, GATEWAY_TIMEOUT, HOST, PORT and the REST_API_* settings optional; docs/gateway.md).
GATEWAY_WORKERS ?= 2
GATEWAY_TIMEOUT ?= 60
HOST ?= 127.0.0.1
gateway: $(GATEWAY_STAMP)
	@test -n "$(ODOO_URL)" -a -n "$(ODOO_DB)" || { echo "make gateway: set ODOO_URL and ODOO_DB"; exit 2; }
	ODOO_URL=$(ODOO_URL) ODOO_DB=$(ODOO_DB) GATEWAY_TIMEOUT=$(GATEWAY_TIMEOUT) \
	  $(VENV)/bin/gunicorn --chdir devtools --workers $(GATEWAY_WORKERS) --bind $(HOST):$(PORT) \
	  --timeout $$(( $(GATEWAY_TIMEOUT) + 10 )) --graceful-timeout 10 --access-logfile - gateway_wsgi:app

# make sdk / make check-sdk (docs/sdk.md): the stock generators and checkers, pinned, in build/.
# Their own virtualenv, on the newest Python here: CPython 3.11.7's ast.parse fails inside the
# fuzzer ("AST constructor recursion depth mismatch"). The node tools by npm ci; without npm the
# TypeScript client and the JavaScript checkers are skipped, saying so.
SDK_PYTHON ?= $(shell for p in python3.13 python3.12 $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[23]*/bin/python3 \
  python3; do $$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { echo $$p; break; }; done)
SDK_VENV   := build/sdk-venv
SDK_STAMP  := $(SDK_VENV)/.installed
NODE_STAMP := build/node/.installed
MODELS     ?= res.partner,product.template,res.users
KEY        ?= demo
$(SDK_STAMP): devtools/sdk/requirements.txt
	@test -n "$(SDK_PYTHON)" || { echo "make: no Python 3.12 or later here for the SDK tools"; exit 2; }
	test -x $(SDK_VENV)/bin/python || $(SDK_PYTHON) -m venv $(SDK_VENV)
	$(SDK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r devtools/sdk/requirements.txt
	touch $(SDK_STAMP)
$(NODE_STAMP): devtools/sdk/package.json devtools/sdk/package-lock.json
	mkdir -p build/node
	if command -v npm >/dev/null; then cp devtools/sdk/package.json devtools/sdk/package-lock.json build/node/ && \
	  cd build/node && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "make: no npm here, so no TypeScript client and no Spectral/Redocly (skipped)"; fi
	touch $(NODE_STAMP)

.PHONY: sdk check-sdk
## Typed clients into build/sdk/: Python (openapi-python-client) and TypeScript (@hey-api/openapi-ts),
## from a demo server's document of MODELS (or URL=https://my.odoo KEY=<api key>).
sdk: $(STAMP) $(SDK_STAMP) $(NODE_STAMP)
	MODELS=$(MODELS) $(PY) devtools/sdk/sdk.py generate $(if $(URL),--url $(URL) --key $(KEY))

## The clients generated from the demo's document, imported, mypy --strict, the round trip of docs/sdk.md
## in Python and TypeScript (tsc --strict), Spectral and Redocly (0 errors, 0 warnings), schemathesis --checks all.
check-sdk: $(STAMP) $(SDK_STAMP) $(NODE_STAMP)
	MODELS=$(MODELS) $(PY) devtools/sdk/sdk.py check

clean:
	rm -rf $(VENV) build tests/unit/.coverage .hypothesis
