# The two set-up commands of the README:
#   make site   installs Dossier in .venv and builds the bundled dossier into site/
#   make test   installs Dossier with its test tools (Debian's Chromium, axe-core from npm) and runs the tests
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: site serve test install install-test bench clean

$(BIN)/dossier: pyproject.toml requirements.lock
	@# The tests read the FollowTheMoney export with followthemoney, whose PyICU builds against ICU.
	@if ! pkg-config --exists icu-uc 2>/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config g++ >/dev/null; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
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

test: install /usr/bin/chromium $(AXE)
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py --sources 1000

clean:
	rm -rf build site .pytest_cache
