# detente — two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= detente-output
# The tested set of every dependency (all extras, any platform), compiled from pyproject.toml
# by uv; `make upgrade` refreshes it. Installs take versions from it, so a fresh clone gets
# what CI ran.
LOCK   := requirements/constraints.txt
LOCK_CMD = $(BIN)/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
           --quiet -o $(LOCK)

.PHONY: run test setup browser lint types format check coverage docs upgrade dist bench clean-out

$(STAMP): pyproject.toml $(LOCK)
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	$(BIN)/python -c "import detente.analyse as a; a.load_nlp()" >/dev/null
	@touch $(STAMP)

setup: $(STAMP)

# Browser tests drive Debian's chromium (never a downloaded browser).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
	      || echo "could not install chromium: browser tests will be skipped"; \
	  else echo "no /usr/bin/chromium and not root: browser tests will be skipped (apt-get install chromium)"; fi; \
	fi

run: $(STAMP)
	$(BIN)/detente run --out $(OUT) --db $(OUT)/detente.duckdb

# Lint, types, then every test (slow ones included) under coverage; a short coverage report
# closes the run. pytest's exit 5 (no test collected) is a failure like any other non-zero.
test: $(STAMP) browser lint types
	@$(BIN)/python -m pytest -q --cov=detente --cov-report= ; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; fi; \
	  [ $$rc -eq 0 ] || exit $$rc
	@$(MAKE) --no-print-directory coverage

# Lines of detente/ run by the tests in the pytest process (code run only in subprocesses, such
# as `detente serve` under the browser test or Spark's Python workers, is not counted).
coverage:
	@echo "coverage: the 10 least covered files (full table: $(BIN)/coverage report)"
	@$(BIN)/coverage report --sort=cover --skip-covered | sed -n '3,12p'
	@echo "coverage of detente/: $$($(BIN)/coverage report --format=total)% of lines"

# Formatting is not checked here: `make format` is applied by the lead at the end of a round
# (running it while others edit would rewrite their files). Once it has been, add to lint:
#	$(BIN)/ruff format --check detente tests benchmarks
lint: $(STAMP)
	$(BIN)/ruff check detente tests benchmarks scripts

types: $(STAMP)
	$(BIN)/mypy detente

check: lint types

format: $(STAMP)
	$(BIN)/ruff format detente tests benchmarks
	$(BIN)/ruff check --fix detente tests benchmarks scripts

# The site goes to site/ ; mkdocs is in the `docs` extra and pinned by the lock. Offline.
docs: $(STAMP)
	@test -x $(BIN)/mkdocs || $(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev,docs]'
	$(BIN)/mkdocs build --strict --site-dir site

# Refresh the lock to the newest versions pyproject.toml's ranges allow, then reinstall.
upgrade: $(STAMP)
	$(LOCK_CMD) --upgrade
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	@touch $(STAMP)
	@git diff --stat -- $(LOCK) 2>/dev/null || true

# Wheel and sdist in dist/ (what `pip install detente` would install).
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/throughput.py

clean-out:
	rm -rf $(OUT)
