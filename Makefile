# Two commands for a newcomer: `make demo` (the main job on the bundled real report) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
SEED := examples/iryokiki-kihonkeikaku_fy2024.txt

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## demo: ingest the real report into a fresh archive under out/ and show what was read
demo: $(VENV)/.installed
	rm -rf $(OUT)/archive
	$(BIN)/policydiff --archive $(OUT)/archive ingest $(SEED)
	$(BIN)/policydiff --archive $(OUT)/archive verify
	$(BIN)/policydiff --archive $(OUT)/archive show fy2024 --format json -o $(OUT)/fy2024.json
	$(BIN)/policydiff --archive $(OUT)/archive show fy2024

## test: install the test dependencies and run the whole suite (lint included)
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

clean:
	rm -rf $(OUT) $(VENV) *.egg-info build dist
