# Everything runs from a virtual environment in .venv, made on first use.
# Quick start: `make serve` (build and preview), `make test` (the whole suite).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install install-test browser cms-tools vendor-cms build serve check test lint bench lighthouse clean

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

# The form's tests (tests/test_cms*.py) drive the real CMS against decap-server, its local
# backend, and compare our YAML writer with the `yaml` library the CMS bundles. Pinned, from
# npm, into .cache/tools/cms/ (ignored by git), as `make lighthouse` does.
CMS_TOOLS    := .cache/tools/cms
CMS_PACKAGES := decap-server@3.11.3 yaml@1.10.3 gray-matter@4.0.3
$(CMS_TOOLS)/.installed: Makefile
	mkdir -p $(CMS_TOOLS)
	[ -f $(CMS_TOOLS)/package.json ] || echo '{"private": true}' > $(CMS_TOOLS)/package.json
	npm install --no-audit --no-fund --save-exact --prefix $(CMS_TOOLS) $(CMS_PACKAGES)
	touch $@
cms-tools: $(CMS_TOOLS)/.installed

# Refresh the vendored CMS (cityedu_site/cms/decap/) from npm after changing DECAP_VERSION
# in cityedu_site/cms/vendor.py; commit the folder with its new SHA256SUMS.
vendor-cms: install
	$(eval DECAP := $(shell $(PY) -c "from cityedu_site.cms.vendor import DECAP_VERSION; print(DECAP_VERSION)"))
	mkdir -p .cache/tools/decap-cms
	npm install --no-audit --no-fund --save-exact --prefix .cache/tools/decap-cms decap-cms@$(DECAP)
	$(PY) -m cityedu_site.cms.vendor .cache/tools/decap-cms/node_modules/decap-cms

test: install-test browser cms-tools
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
