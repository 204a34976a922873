# locator: `make run` starts the app, `make test` runs every test. Both set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Python 3.12+ is preferred: with it PySide6 6.12 has no reference-count bugs (see README).
PYTHON ?= $(shell scripts/find_python.sh)
export QTWEBENGINE_CHROMIUM_FLAGS ?= $(if $(filter 0,$(shell id -u)),--no-sandbox,)

.PHONY: run test bench soak lint system-libs clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

system-libs:
	@scripts/ensure_system_libs.sh

run: $(STAMP) system-libs
	$(BIN)/locator

test: $(STAMP) system-libs
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/qt_refcount_check.py
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=xcb $(BIN)/python -m pytest  # in a real X11 window: pytest-xvfb starts Xvfb

soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/soak.py 10000

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis .mypy_cache
