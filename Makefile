# Quick start: `make site` then `make test` (Python 3.11 is all a fresh machine needs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site site-internal serve test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

export NO_MKDOCS_2_WARNING := 1

site: $(STAMP)
	$(BIN)/mkdocs build --strict

# The certification committee's build, with the confidential audit detail: never publish it.
site-internal: $(STAMP)
	REFPUB_INTERNAL=1 $(BIN)/mkdocs build --strict --site-dir site-interne

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/ruff check plugins tests
	$(BIN)/python -m pytest

clean:
	rm -rf site site-interne .venv
