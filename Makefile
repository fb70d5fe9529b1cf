# Two entry points on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/zhengce ingest samples --db samples.db --force
	$(BIN)/zhengce summary --db samples.db

serve: $(STAMP)
	test -f samples.db || $(MAKE) run
	$(BIN)/zhengce serve --db samples.db --public

lint: $(STAMP)
	$(BIN)/ruff check zhengce tests bench
	$(BIN)/ruff format --check zhengce tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/normalize.py
	$(BIN)/python bench/ingest.py --db bench.db
	$(BIN)/python bench/search.py --db bench.db

clean:
	rm -rf $(VENV) samples.db bench.db* .pytest_cache .mypy_cache .ruff_cache
