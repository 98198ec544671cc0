# One task runner, the same commands locally and in CI.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VISION_STAMP := $(VENV)/.installed-vision

.PHONY: run test lint format clean docs-cli

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

# Tests and lint also cover the camera coach: the vision extra, and the libgl1 that its OpenCV
# needs (installed with apt-get only where dpkg says it is missing; CI runs as root).
$(VISION_STAMP): pyproject.toml | $(BIN)/python
	@if command -v dpkg >/dev/null && ! dpkg -s libgl1 >/dev/null 2>&1; then \
		apt-get install -y libgl1 || (apt-get update && apt-get install -y libgl1); fi
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,vision]'
	touch $(STAMP) $(VISION_STAMP)

## make run: set up and start the guided session (SQLite in the user data directory)
run: $(STAMP)
	$(BIN)/backbridge session

## make test: set up and run every test
test: $(VISION_STAMP)
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

## make docs-cli: regenerate docs/cli.md from the CLI itself
docs-cli: $(STAMP)
	$(BIN)/python -m backbridge.cli.reference > docs/cli.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
