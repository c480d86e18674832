# The two commands: `make demo` and `make test`. Everything they need is installed here.
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: the demo installs what the platform runs; the tests, lint and type checks add the
# dev extras on top (the toolchain is most of the install's time and size).
RUNTIME := $(VENV)/.runtime-$(shell cksum pyproject.toml | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTEST_WORKERS ?= 2

.PHONY: demo test lint typecheck test-sqlite test-postgres bench clean vendor messages

$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	rm -f $(VENV)/.runtime-*
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# Browser tests drive Debian's Chromium (Playwright downloads no browser here), with a Devanagari
# font as a Nepali phone has (the guides' Nepali screenshots are read, not boxes).
CHROMIUM := /usr/bin/chromium
NEPALI_FONT := /usr/share/fonts/truetype/lohit-nepali/Lohit-Nepali.ttf
$(CHROMIUM) $(NEPALI_FONT):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-lohit-deva-nepali >/dev/null; \
	else echo "Browser tests need Debian's chromium and fonts-lohit-deva-nepali: sudo apt-get install chromium fonts-lohit-deva-nepali" >&2; exit 1; fi

demo: $(RUNTIME)
	PORT=$(PORT) $(BIN)/vip demo

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# The type checker reads the settings, which need a secret key unless debugging.
typecheck: $(STAMP)
	VIP_DEBUG=1 $(BIN)/mypy src

# Every test on the embedded database (or on VIP_DATABASE_URL when it is set).
test-sqlite: $(STAMP) $(CHROMIUM) $(NEPALI_FONT)
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

# The portal's front end, rebuilt from package.json's pinned packages (needs Node; `make demo` and
# `make test` use the committed copies). Only what the pages use is copied: the stylesheet compiled
# from src/vip/web/assets/vip.scss, the fonts and images it references, htmx, and axe for the tests.
WEB_STATIC := src/vip/web/static/vip
USWDS := node_modules/@uswds/uswds/dist
vendor:
	npm ci --no-audit --no-fund
	rm -rf $(WEB_STATIC) && mkdir -p $(WEB_STATIC)/css $(WEB_STATIC)/js tests/e2e/vendor
	node_modules/.bin/sass --no-source-map --style=compressed --quiet \
	  --load-path=node_modules/@uswds/uswds/packages src/vip/web/assets/vip.scss $(WEB_STATIC)/css/vip.css
	grep -o 'url("\{0,1\}\.\./[^)"]*' $(WEB_STATIC)/css/vip.css | sed 's|^url("\{0,1\}\.\./||' | sort -u | \
	  while read f; do mkdir -p "$(WEB_STATIC)/$$(dirname $$f)" && cp "$(USWDS)/$$f" "$(WEB_STATIC)/$$f"; done
	cp src/vip/web/assets/favicon.svg $(WEB_STATIC)/img/favicon.svg
	cp node_modules/htmx.org/dist/htmx.min.js $(WEB_STATIC)/js/htmx.min.js
	cp node_modules/axe-core/axe.min.js tests/e2e/vendor/axe.min.js

# The portal's catalogues (src/vip/locale): extract every string (needs GNU gettext's xgettext),
# then compile with Babel (pure Python). The .po and .mo are both committed, so `make demo` and
# the tests need neither tool; tests/web checks that each .mo matches its .po.
messages: $(STAMP)
	cd src/vip && ../../$(BIN)/python -m django makemessages --settings=vip.settings -l es -l ne \
	  -e html,txt,py --ignore 'web/static/*' --ignore 'web/assets/*' --no-location --no-obsolete
	# One layout for the catalogues (Babel's, 100 columns) and a fixed header date, so two
	# branches' new strings merge without a conflict.
	for po in src/vip/locale/*/LC_MESSAGES/django.po; do $(BIN)/python -c "import sys, datetime; \
	  from babel.messages.pofile import read_po, write_po; catalog = read_po(open(sys.argv[1], 'rb')); \
	  catalog.creation_date = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC); \
	  write_po(open(sys.argv[1], 'wb'), catalog, width=100, no_location=True)" $$po; done
	$(BIN)/pybabel compile -d src/vip/locale -D django --statistics

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
