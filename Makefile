# One task runner, the same commands locally and in CI.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format clean docs-cli

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

## make run: set up and start the guided session (SQLite in the user data directory)
run: $(STAMP)
	$(BIN)/backbridge session

## make test: set up and run every test
test: $(STAMP)
	$(BIN)/python -m pytest

## make lint: ruff, mypy --strict on src/, and the import contracts
lint: $(STAMP)
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
