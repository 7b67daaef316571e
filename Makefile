# Everything runs from a virtual environment in .venv, made on first use.
# Quick start: `make serve` (build and preview), `make test` (the whole suite).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install install-test browser build serve check test lint bench lighthouse clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's chromium for the browser tests (Playwright never downloads a browser here),
# a Korean font so screenshots show Hangul, and wget for the mirror test.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v wget >/dev/null 2>&1 && [ -d /usr/share/fonts/truetype/nanum ] || \
	  ( $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-nanum wget >/dev/null )

build: install
	$(PY) build.py

serve: install
	$(PY) build.py serve

check: install
	$(PY) build.py check

test: install-test browser
	$(PY) -m pytest

# Lighthouse (npm lighthouse@12 into .cache/tools/, Debian chromium) on each page type:
# the median of 3 runs per page; exit 1 when a score is under 95. About a minute.
lighthouse: install-test browser
	$(PY) tests/lighthouse.py --install

lint: install-test
	$(PY) -m ruff check cityedu_site tests bench build.py

# The benchmark (bench/): synthetic corpora of 1,000 and 10,000 cases, our build against
# Hugo's when `hugo` is installed. `make bench BENCH_ARGS="--sizes 1000 --repeat 1"` for a quick run.
bench: install-test
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf public .cache test-artifacts
