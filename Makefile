# Gazette: `make run` serves the demo site, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PG_TEST_URL    ?= postgres://postgres@127.0.0.1:5432/gazette
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
TEST_WORKERS   ?= 2

.PHONY: run install install-test services chromium lint test test-sqlite test-postgres clean bench

# The demo newsroom's back-dated Tehran story reads "TEHRAN — May 18, 2022 - 21:18" in this zone.
run: export GAZETTE_TIME_ZONE ?= Asia/Tehran
run: install
	$(BIN)/gazette migrate --noinput
	$(BIN)/gazette demo --if-empty
	exec $(BIN)/gazette run --port $(PORT)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/base.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/base.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install-test: $(VENV)/.installed-test node_modules/.installed chromium

# axe-core (accessibility) and vnu-jar (HTML validity) are test tools only; no install scripts run.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(BIN)/python -m pip install --quiet -r requirements/test.txt
	touch $@

chromium:
	@scripts/ensure-chromium.sh

services:
	@scripts/ensure-services.sh

lint: install-test
	$(BIN)/ruff check gazette tests
	$(BIN)/gazette makemigrations --check --dry-run

# The suite runs on SQLite, then on PostgreSQL with Redis; then the load, fault and
# multi-process tests run alone (they start their own servers, SQLite and PostgreSQL alike,
# and their load figures mean little while other tests share the two cores).
test: install-test services lint
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not reliability"
	DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest -n $(TEST_WORKERS) -m "not reliability"
	$(BIN)/pytest -m reliability tests/reliability

test-sqlite: install-test lint
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not reliability"

test-postgres: install-test services
	DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest -n $(TEST_WORKERS) -m "not reliability"

# Load and fault tests against real `gazette run` processes; the fault tests start private
# Redis and PostgreSQL servers of their own (docs/reliability.md). Part of `make test` too.
.PHONY: reliability
reliability: install-test services
	$(BIN)/pytest -m reliability tests/reliability

# Speed against a ceiling, in one table (docs/performance.md). PEERS=1 adds stock Wagtail
# and Isso from PyPI; SIZE=large a site of 100,000 articles; LONG=N a memory check of N requests.
bench: install
	@bench/ensure-wrk.sh
	BENCH_PEERS="$(or $(PEERS),$(BENCH_PEERS))" BENCH_SIZE="$(or $(SIZE),$(BENCH_SIZE))" \
	BENCH_LONG="$(or $(LONG),$(BENCH_LONG))" $(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
