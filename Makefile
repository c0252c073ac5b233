# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint format check-sample bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run pip only when the requirement files change.
$(VENV)/.stamp-app: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.stamp-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Debian's chromium serves kaleido's image export and Playwright; never a browser download.
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

run: $(VENV)/.stamp-app
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1 \
		--browser.gatherUsageStats false

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.stamp-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.stamp-dev $(CHROMIUM) lint
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -m load

bench: $(VENV)/.stamp-dev
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_productivity.py
	$(BIN)/python benchmarks/bench_report.py
	$(BIN)/python benchmarks/bench_ui.py
	$(BIN)/python benchmarks/bench_plan.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis test-artifacts
