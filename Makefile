# Palermo: `make site` builds the whole static site, `make test` runs every check.
# Both set up .venv/ from pyproject.toml first; nothing needs installing by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: all site serve test lint typecheck imports pytest browsers clean venv corpus model

all: site

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Palermo needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

site: $(STAMP)
	$(BIN)/palermo validate cases
	$(BIN)/palermo build --out site
	@echo "Site built: open site/index.html, or run 'make serve' and visit http://127.0.0.1:8000/"

serve: site
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

# Browser tests drive Debian's Chromium through Playwright; install it when missing.
browsers:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null); \
	  else \
	    echo "Chromium missing: run 'sudo apt-get install chromium chromium-driver' (browser tests need $(CHROMIUM))"; exit 1; \
	  fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The layers point one way (pyproject.toml, [tool.importlinter]).
imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

pytest: $(STAMP) browsers
	$(BIN)/pytest -q

test: lint typecheck imports pytest

# Rebuild the bundled corpus from the real saved documents beside the checkout (../shared/fixtures).
# The sources and their order come from the sources themselves (`palermo sources --corpus-plan`).
# Curated records win: a scrape adds only sources and identifiers to them. Exit status 2 (some
# documents failed) does not stop the run. Then the digests (digests/sherloc/) go into their records.
SHARED_FIXTURES ?= ../shared/fixtures
corpus: $(STAMP)
	@test -d $(SHARED_FIXTURES) || { echo "saved documents not found at $(SHARED_FIXTURES)"; exit 1; }
	@$(BIN)/palermo sources --corpus-plan | while read -r src dir; do \
	  $(BIN)/palermo scrape $$src --from $(SHARED_FIXTURES)/$$dir --cases cases; status=$$?; \
	  if [ $$status -eq 1 ]; then echo "palermo scrape $$src failed"; exit 1; fi; \
	done
	$(BIN)/palermo digests apply --cases cases
	$(BIN)/palermo validate cases

# Retrain the AMP classifier (scraper/amp/model/) from the SHERLOC analysis data set in the saved documents.
# The summaries are read there and never copied here; model.json records the training data's sha256.
model: $(STAMP)
	@test -d $(SHARED_FIXTURES)/sherloc-analysis || { echo "SHERLOC analysis data set not found at $(SHARED_FIXTURES)/sherloc-analysis"; exit 1; }
	$(BIN)/python -m scraper.amp.train --fixtures $(SHARED_FIXTURES)

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache build *.egg-info
