# The README's two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8550

.PHONY: run test lint typecheck unit system-deps bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { sh scripts/install-system-deps.sh venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,test]'
	@touch $(STAMP)

## Start the web app and HTTP API on http://127.0.0.1:8550
run: $(STAMP)
	$(BIN)/python -m bouncekit.web --host $(HOST) --port $(PORT)

## Install what the tests use, then lint, type-check and run the whole suite.
test: $(STAMP) system-deps lint typecheck unit

system-deps:
	@sh scripts/install-system-deps.sh tests

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest

## Benchmarks against the named peers (not part of `make test`).
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[all,test,bench]'
	sh scripts/install-system-deps.sh bench
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/explain.py
	-$(BIN)/python bench/corpus_accuracy.py --peers  # exits 1 where a target is missed
	-$(BIN)/python bench/replies_accuracy.py
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/verify.py
	-$(BIN)/python bench/ingest.py  # exits 1 where a target is missed

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
