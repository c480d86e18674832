# The two commands: `make demo` and `make test`. Everything they need is installed here.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTEST_WORKERS ?= 2

.PHONY: demo test lint typecheck test-sqlite test-postgres bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Browser tests drive Debian's Chromium (Playwright downloads no browser here).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

demo: $(STAMP)
	PORT=$(PORT) $(BIN)/vip demo

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)

typecheck: $(STAMP)
	$(BIN)/mypy src

# Every test on the embedded database (or on VIP_DATABASE_URL when it is set).
test-sqlite: $(STAMP) $(CHROMIUM)
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not postgres"

# The database tests again on PostgreSQL, with the concurrency invariants, when a server is given.
test-postgres: $(STAMP)
	@if [ -n "$$VIP_TEST_DATABASE_URL" ]; then \
	  VIP_DATABASE_URL="$$VIP_TEST_DATABASE_URL" $(BIN)/pytest -n $(PYTEST_WORKERS) -m "database or postgres"; \
	else echo "VIP_TEST_DATABASE_URL is not set: PostgreSQL tests not run (.ci/run sets it)"; fi

test: lint typecheck test-sqlite test-postgres

bench: $(STAMP)
	$(BIN)/vip bench simulate
	$(BIN)/vip bench matching

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
