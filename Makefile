# Two commands on a fresh machine: `make run` and `make test`. Both are idempotent.
# Both install from constraints.txt (the lock). After changing a dependency or an extra in
# pyproject.toml, run `make lock` and commit constraints.txt with it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := constraints.txt
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
PYTEST_WORKERS ?= auto
# the interpreter for test-lowest / test-newest (e.g. make test-lowest FLOOR_PYTHON=python3.10)
FLOOR_PYTHON ?= $(PYTHON)

.PHONY: run test lint typecheck pytest bench clean snapshots lock lock-upgrade \
	test-lowest test-newest dist test-sdist test-deps

# A .venv that cannot run pip (a failed `python3 -m venv`, e.g. without Debian's
# python3-venv) or that another Python built is removed here and made anew below.
PY_VERSION = import sys; print(*sys.version_info[:2])
VENV_PROBLEM := $(shell \
  if [ -e $(VENV) ]; then \
    if ! $(BIN)/python -c 'import pip' >/dev/null 2>&1; then \
      echo "its Python or its pip does not run"; \
    elif $(PYTHON) -c '' >/dev/null 2>&1 && \
      [ "$$($(BIN)/python -c '$(PY_VERSION)')" != "$$($(PYTHON) -c '$(PY_VERSION)')" ]; then \
      echo "it was made with another Python than $(PYTHON)"; \
    fi; \
  fi)
ifneq ($(VENV_PROBLEM),)
$(info make: removing $(VENV) and making it anew: $(VENV_PROBLEM))
$(shell rm -rf $(VENV))
endif

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || { \
	  echo "make: pkit needs Python 3.10 or newer as '$(PYTHON)' (or: make PYTHON=python3.12 ...)"; \
	  exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: '$(PYTHON) -m venv' failed. On Debian/Ubuntu install the venv module first:"; \
	  echo "      sudo apt install python3-venv   (then run make again)"; \
	  exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip || { rm -rf $(VENV); exit 1; }

$(STAMP_RUN): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(STAMP_DEV): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test,dev]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/pkit

test: $(STAMP_DEV)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo
	$(BIN)/pytest -n $(PYTEST_WORKERS)

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests bench

snapshots: $(STAMP_DEV)
	$(BIN)/pytest tests/ui/test_snapshots.py --snapshot-update

bench: $(STAMP_DEV)
	$(BIN)/python -m bench

# The lock: every dependency and extra, pinned for Python 3.10 to 3.13. `make lock` keeps
# the pins it can; `make lock-upgrade` moves every pin to the newest release (then run
# `make test`, and `make snapshots` if Textual moved, and look at what changed).
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --all-extras --universal \
	--python-version 3.10 --custom-compile-command "make lock" --quiet -o $(LOCK)

# uv alone (pinned by the lock), so that `make lock` works even when pyproject.toml and the
# old lock disagree (which is when it is needed)
$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) uv

lock: | $(BIN)/uv
	$(UV_COMPILE)

lock-upgrade: | $(BIN)/uv
	$(UV_COMPILE) --upgrade

# The declared floors and the newest releases, each in a venv of its own: every direct
# dependency at its lowest allowed version (uv's lowest-direct resolution), or everything
# at its newest; then the suite. Not part of `make test`.
define floor_test
	rm -rf $(1)
	$(BIN)/uv venv --quiet --seed --python $(FLOOR_PYTHON) $(1)
	$(BIN)/uv pip install --quiet --python $(1)/bin/python --resolution $(2) -e '.[test]'
	$(BIN)/uv pip list --python $(1)/bin/python
	$(1)/bin/python -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider
endef

test-lowest: $(STAMP_DEV)
	$(call floor_test,.venv-lowest,lowest-direct)

test-newest: $(STAMP_DEV)
	$(call floor_test,.venv-newest,highest)

# dist/: the sdist and the wheel. test-sdist unpacks the sdist in a temporary folder and
# runs `make test` there, as a packager would.
dist: $(STAMP_DEV)
	rm -rf dist
	$(BIN)/uv build --quiet --out-dir dist

test-sdist: dist
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	tar -xzf dist/*.tar.gz -C "$$tmp" && \
	$(MAKE) -C "$$tmp"/pkit_explorer-* test PYTHON=$(PYTHON)

# System programs some tests use: OpenSSH's sshd and client (the ForceCommand recipe test in
# tests/serve/test_hosting_recipes.py). Installed with apt-get when run as root on
# Debian/Ubuntu (CI does, before `make test`); without them that test is skipped, saying why.
test-deps:
	@if command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ]; then \
	  echo "make: sshd is installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing Debian's openssh-server and openssh-client"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends openssh-server openssh-client; } >/dev/null 2>&1 || \
	  echo "make: could not install them; the sshd recipe test will be skipped"; \
	else \
	  echo "make: no sshd (apt-get install openssh-server as root); its recipe test is skipped"; \
	fi

clean:
	rm -rf $(VENV) .venv-lowest .venv-newest build dist .pytest_cache .mypy_cache .ruff_cache
