# Mallard: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint layers typecheck security pytest install install-dev chromium vnu migrate seed clean bench

# --- setting up ----------------------------------------------------------------------------
$(VENV)/bin/python:
	@scripts/make-venv $(VENV)

$(VENV)/.installed: $(VENV)/bin/python requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

chromium:
	@scripts/ensure-chromium

## The Nu HTML checker for the browser tests' valid-HTML check (var/vnu; needs npm and Java).
vnu:
	@scripts/ensure-vnu

# --- running ---------------------------------------------------------------------------------
migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

## The web server and the reminder worker (with its embedded beat) on the zero-config default.
run: seed
	@echo "Mallard is starting at http://$(HOST):$(PORT)/ (Ctrl-C stops the server and the worker)."
	@trap 'kill 0' EXIT; \
	SITE_URL=http://$(HOST):$(PORT) $(VENV)/bin/celery -A mallard worker --beat --loglevel INFO --concurrency 1 \
		--without-mingle --without-gossip --without-heartbeat & \
	SITE_URL=http://$(HOST):$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

# --- checking ----------------------------------------------------------------------------------
lint: install-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

## The apps' layers (pyproject.toml [tool.importlinter]): mallard ← homework ← sessions_app | reminders.
layers: install-dev
	$(VENV)/bin/lint-imports

typecheck: install-dev
	$(VENV)/bin/mypy .

## bandit over the application code; docs/security.md explains each `# nosec`.
security: install-dev
	$(VENV)/bin/bandit -c pyproject.toml -r mallard homework sessions_app reminders -q

pytest: install-dev chromium vnu
	$(VENV)/bin/pytest

## Everything CI checks: formatting, lint, layers, types, and the whole test suite with the browser tests.
test: lint layers typecheck security pytest

# --- measuring -------------------------------------------------------------------------------

## Both benchmarks on PostgreSQL and Redis (docs/performance.md): pages with wrk, then reminders.
## Seeds mallard_bench_practice and mallard_bench_platform when missing; BENCH_ARGS="--reseed" re-seeds.
bench: $(VENV)/.installed-bench
	@scripts/ensure-wrk
	$(PY) bench/pages $(BENCH_ARGS)
	$(PY) bench/reminders

clean:
	rm -rf $(VENV) var staticfiles .mypy_cache .ruff_cache .pytest_cache
