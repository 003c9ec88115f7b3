PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	sh scripts/system_deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Sample articles: the shared crawl sample beside the checkout (not redistributed here).
SAMPLES ?= ../shared/samples

run: $(STAMP)
	@test -d $(SAMPLES) || { echo "no sample articles at $(SAMPLES); set SAMPLES=DIR"; exit 1; }
	$(BIN)/rasad analyze --format table --published 2021-10-14 $(SAMPLES)
	$(BIN)/rasad analyze --published 2021-10-14 $(SAMPLES) > rasad-samples.jsonl
	@echo "wrote rasad-samples.jsonl"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/zwnj.py
	$(BIN)/python bench/text_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
