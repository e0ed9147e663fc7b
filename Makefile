# The two commands of the README. Both set everything up on a fresh Debian machine (as root):
# system packages via apt where missing, Python packages into a local .venv. Both are idempotent.

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
PYTHON  ?= python3

.PHONY: build test test-fast lint check bench setup setup-test clean

build: setup
	$(VENV)/bin/handbook build

test: setup-test lint
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/pytest

# The inner loop: loader, rules, CLI, review; no browser, no whole-site or PDF builds (about a minute).
test-fast: setup-test
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/pytest -m "not slow"

# Style and types: ruff and mypy as configured in pyproject.toml.
lint: setup-test
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/mypy

check: setup
	$(VENV)/bin/handbook check

bench: setup-test
	$(PY) benchmarks/bench.py

setup: $(STAMP)
	@scripts/setup-system.sh build
	@scripts/fetch-vendor.sh

setup-test: $(STAMP)
	@scripts/setup-system.sh test
	@scripts/fetch-vendor.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { scripts/setup-system.sh venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf site test-artifacts .cache .git/handbook-cache
