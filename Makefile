# Convene: `make demo` serves the site, `make test` checks everything.
# Needs only python3 (>= 3.11), make and git; everything else goes into .venv/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PORT
export SITE_URL ?= http://127.0.0.1:$(PORT)

# The W3C HTML checker the browser tests run every page through (Java; from the npm registry).
VNU_VERSION := 26.9.27
VNU_JAR     := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: demo test lint typecheck pytest bench messages clean help vnu

help:
	@echo "make demo   serve the demo site at http://127.0.0.1:$(PORT) with its job worker and periodic jobs (SQLite, outbox mail)"
	@echo "make test   lint, type-check and run the whole test suite (PYTEST_WORKERS=auto, 0: one process)"
	@echo "make bench  run the benchmarks and print one table"

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Convene needs Python 3.11 or newer; this python3 is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.python-ok
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

demo: $(VENV)/.installed
	$(BIN)/convene demo
	$(BIN)/convene serve --port $(PORT) --with-jobs

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# The tests run in parallel, one pytest-xdist worker per core, each with its own test database
# and state folder (tests/settings.py). PYTEST_WORKERS=0 runs them in this one process (pdb).
PYTEST_WORKERS ?= auto
pytest: $(VENV)/.installed-test vnu
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# Without npm the HTML check skips with its reason (CI installs npm and Java: .ci/run).
vnu:
	@if [ -f $(VNU_JAR) ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  npm install --prefix $(VENV)/vnu --no-audit --no-fund --ignore-scripts --silent vnu-jar@$(VNU_VERSION); \
	else echo "npm not found: the browser tests will skip the W3C HTML check"; fi

test: lint typecheck pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

# Re-extract translatable strings (needs GNU gettext) and compile the catalogues.
messages: $(VENV)/.installed-test
	cd src/convene && PYTHONPATH=../.. ../../$(BIN)/django-admin makemessages --locale fr --no-obsolete --no-location --settings tests.settings
	$(BIN)/python -m convene.core.i18n_compile

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
