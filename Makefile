# One task runner, the same commands locally and in CI.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VISION_STAMP := $(VENV)/.installed-vision

VENDOR := src/backbridge/web/static/vendor
VENDOR_STAMP := $(VENDOR)/.vendored
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint format clean docs-cli schema vendor pango

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@$(MAKE) --no-print-directory pango
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,reports]'
	touch $(STAMP)

# Tests and lint also cover the camera coach: the vision extra, and the libgl1 that its OpenCV
# needs (installed with apt-get only where dpkg says it is missing; CI runs as root).
$(VISION_STAMP): pyproject.toml | $(BIN)/python
	@if command -v dpkg >/dev/null && ! dpkg -s libgl1 >/dev/null 2>&1; then \
		apt-get install -y libgl1 || (apt-get update && apt-get install -y libgl1); fi
	@$(MAKE) --no-print-directory pango
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,vision,reports]'
	touch $(STAMP) $(VISION_STAMP)

# The web app's front-end files come from npm (lockfile, the machine's npm), never from a CDN.
# --ignore-scripts: nothing here needs an install script (swagger-ui-dist's dependency @scarf/scarf
# has one only to report the install over the network).
$(VENDOR_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --prefer-offline --ignore-scripts
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/mediapipe-pose $(VENDOR)/swagger-ui
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/@mediapipe/pose/*.js node_modules/@mediapipe/pose/*.wasm \
		node_modules/@mediapipe/pose/*.data node_modules/@mediapipe/pose/*.tflite \
		node_modules/@mediapipe/pose/*.binarypb $(VENDOR)/mediapipe-pose/
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
		node_modules/swagger-ui-dist/LICENSE $(VENDOR)/swagger-ui/
	touch $(VENDOR_STAMP)

vendor: $(VENDOR_STAMP)

# The handout and the report are printed to PDF by WeasyPrint, which needs Pango (and its
# fonts) from the system: installed with apt-get only where dpkg says it is missing.
pango:
	@if command -v dpkg >/dev/null && ! dpkg -s libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
		>/dev/null 2>&1; then \
		apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core || (apt-get update \
		&& apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core); fi

# The browser tests drive Debian's Chromium; installed with apt-get only where it is missing.
$(CHROMIUM):
	apt-get install -y chromium || (apt-get update && apt-get install -y chromium)

## make run: set up and start the web app (SQLite in the user data directory); prints the address
run: $(STAMP) $(VENDOR_STAMP)
	$(BIN)/backbridge serve

## make test: set up and run every test
test: $(VISION_STAMP) $(VENDOR_STAMP) | $(CHROMIUM)
	$(BIN)/python -m pytest

## make lint: ruff, mypy --strict on src/, and the import contracts
lint: $(VISION_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

## make schema: rewrite the SQLite schema a new database is made from, after a new migration
schema: $(STAMP)
	$(BIN)/python -m backbridge.store.migrating > src/backbridge/store/schema.sqlite.sql

## make docs-cli: regenerate docs/cli.md from the CLI itself
docs-cli: $(STAMP)
	$(BIN)/python -m backbridge.reference > docs/cli.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache \
		node_modules $(VENDOR)
