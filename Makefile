# locator: `make run` starts the app, `make test` runs every test. Both set everything up first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Python 3.12+ is preferred: with it PySide6 6.12 has no reference-count bugs (docs/install.md).
PYTHON ?= $(shell scripts/find_python.sh)
export QTWEBENGINE_CHROMIUM_FLAGS ?= $(if $(filter 0,$(shell id -u)),--no-sandbox,)

.PHONY: run test test-fast bench bench-smoke soak lint clean dist wheel check-dist check-fresh catalog

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# The system packages each target needs, as locator/system_packages.py states them.
SYSTEM_PACKAGES := $(BIN)/python scripts/ensure_system_packages.py

run: $(STAMP)
	@$(SYSTEM_PACKAGES) run
	$(BIN)/locator

test: $(STAMP)
	@$(SYSTEM_PACKAGES) test
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/qt_refcount_check.py
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=xcb $(BIN)/python -m pytest  # in a real X11 window: pytest-xvfb starts Xvfb

# The tests that need no window, no web view and no whole program run (tests/conftest.py marks
# the others), on every core: for the edit-test loop; `make test` stays the whole truth.
test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto -m "not gui and not webengine and not slow"

soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/soak.py 10000

# A one-folder desktop bundle (PyInstaller) with the place index built in, archived for Linux.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
ARCHIVE := dist/locator-$(VERSION)-linux-$(shell uname -m).tar.gz
WHEEL := dist/locator-$(VERSION)-py3-none-any.whl
DIST_STAMP := $(VENV)/.dist-installed
# libdeflate's slowest level writes a plain .tar.gz some 6 MB (3.5%) smaller than gzip -9
# (apt: libdeflate-tools; scripts/ensure_system_packages.py installs it)
# (decided as the archive is written, after the recipe's first line has installed it)
GZIP_BEST := $$(command -v libdeflate-gzip >/dev/null && echo 'libdeflate-gzip -12 -c' || echo 'gzip -9')

$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	@touch $@

dist: $(DIST_STAMP)
	@$(SYSTEM_PACKAGES) dist
	rm -rf build/bundle build/pyinstaller build/gazetteer.sqlite
	$(BIN)/python -m locator.geo.index build/gazetteer.sqlite
	LOCATOR_PREBUILT_INDEX=$(CURDIR)/build/gazetteer.sqlite $(BIN)/pyinstaller --noconfirm \
		--log-level WARN --distpath build/bundle --workpath build/pyinstaller packaging/locator.spec
	mkdir -p build/bundle/locator/share/icons dist
	cp packaging/locator.desktop build/bundle/locator/share/
	cp packaging/icons/* build/bundle/locator/share/icons/
	cp packaging/install.sh build/bundle/locator/
	tar -C build/bundle -cf - locator | $(GZIP_BEST) > $(ARCHIVE)
	@du -sh build/bundle/locator $(ARCHIVE)

# The wheel (`pipx install dist/locator-VERSION-py3-none-any.whl` gives the `locator` command).
wheel: $(DIST_STAMP)
	rm -f $(WHEEL)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

# The README's `make test` in a new, minimal Debian 12 root (scripts/check_fresh.sh; root only).
check-fresh: $(STAMP)
	@$(SYSTEM_PACKAGES) check-fresh
	scripts/check_fresh.sh

check-dist: dist wheel
	python3 packaging/check_bundle.py $(ARCHIVE)
	$(BIN)/python packaging/check_wheel.py $(WHEEL)

# The message catalog (docs/languages.md): every marked string, and argparse's own words, into
# locator.pot; merged into each language's .po; compiled into the .mo files locator reads, which
# are committed (tests/unit/test_catalog.py checks they match the .po), so `make run` needs no step.
LOCALE := locator/locale
catalog: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output --add-comments=Translators: \
		--project=locator --version=$(VERSION) -o $(LOCALE)/locator.pot \
		locator $$($(BIN)/python -c 'import argparse; print(argparse.__file__)')
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete \
		-i $(LOCALE)/locator.pot -d $(LOCALE) -D locator
	$(BIN)/pybabel compile --statistics -d $(LOCALE) -D locator

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Every benchmark once at its smallest size (some 20 s): it still runs and gives figures.
# `make test` runs it too (tests/unit/test_bench_smoke.py).
bench-smoke: $(STAMP)
	$(BIN)/python -m benchmarks --smoke

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis .mypy_cache
