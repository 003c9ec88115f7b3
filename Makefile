PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck unit audit bench clean

$(STAMP): pyproject.toml
	sh scripts/system_deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Sample articles: the shared crawl sample beside the checkout (not redistributed here).
SAMPLES ?= ../shared/samples

DB ?= rasad.db
HOST ?= 127.0.0.1
PORT ?= 8000

# The main job on the embedded default: the sample articles and one poll of the
# shipped feed list into a SQLite store, then the dashboard on localhost.
# Offline, the poll says so and the dashboard shows the samples.
run: $(STAMP)
	@test -d $(SAMPLES) || { echo "no sample articles at $(SAMPLES); set SAMPLES=DIR"; exit 1; }
	$(BIN)/rasad analyze --format table --published 2021-10-14 $(SAMPLES)
	$(BIN)/rasad ingest --db $(DB) --source samples --published 2021-10-14 $(SAMPLES)
	-$(BIN)/rasad watch --db $(DB) --once --timeout 10 --retries 1
	@echo "dashboard: http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	$(BIN)/rasad serve --db $(DB) --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# Known vulnerabilities in the installed dependencies; says so plainly (and does not
# fail) where no vulnerability service can be reached, fails on a known one.
audit: $(STAMP)
	$(BIN)/python scripts/audit.py

test: lint typecheck unit audit

bench: $(STAMP)
	$(BIN)/python bench/zwnj.py
	$(BIN)/python bench/text_speed.py
	$(BIN)/python bench/ner.py --model both
	$(BIN)/python bench/extract.py --speed 300
	$(BIN)/python bench/dedup.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/dashboard.py --n 100000
	$(BIN)/python bench/translit.py
	$(BIN)/python bench/tajik_entities.py
	$(BIN)/python bench/crosslingual.py
	$(BIN)/python bench/fuzz.py --seconds 30
	$(BIN)/python bench/load.py --n 100000

clean:
	rm -rf $(VENV) build *.egg-info
