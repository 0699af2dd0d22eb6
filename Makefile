# The two set-up commands of the README:
#   make site   installs Dossier in .venv (what building needs, nothing else) and builds the
#               bundled dossier into site/
#   make test   adds the test tools (pytest, Playwright, followthemoney with ICU, Debian's
#               Chromium, axe-core from npm) and runs the tests
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
# The test tools, installed by make test only (tests/test_makefile.py checks that make site
# needs none of them).
TEST_TOOLS = $(VENV)/.test-tools

.PHONY: site serve test install install-test bench clean

$(BIN)/dossier: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(TEST_TOOLS): $(BIN)/dossier
	@# The tests read the FollowTheMoney export with followthemoney, whose PyICU builds against ICU.
	@if ! pkg-config --exists icu-uc 2>/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config g++ >/dev/null; fi
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

install: $(BIN)/dossier

site: install
	$(BIN)/dossier build

serve: install
	$(BIN)/dossier serve

# Browser tests need Chromium; install Debian's when it is missing and we may (root).
/usr/bin/chromium:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests will be skipped)"; fi

# axe-core (accessibility checks injected into pages), pinned in tests/browser/package-lock.json.
AXE = tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-test: $(TEST_TOOLS)

test: $(TEST_TOOLS) /usr/bin/chromium $(AXE)
	@echo "Running the tests: about 7 minutes on 2 cores (the browser tests build sites and drive Chromium)."
	@start=$$(date +%s); $(BIN)/pytest; status=$$?; \
		echo "The tests took $$(( $$(date +%s) - start )) s."; exit $$status

bench: install
	$(BIN)/python bench/run.py --sources 1000

clean:
	rm -rf build site .pytest_cache
