# Mallard: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint layers typecheck security pytest install install-dev chromium nginx vnu migrate seed clean bench chaos

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

## Debian's nginx, which tests/test_reverse_proxy.py puts in front of Mallard.
nginx:
	@scripts/ensure-nginx

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
	$(VENV)/bin/bandit -c pyproject.toml -r mallard homework measures sessions_app reminders -q

pytest: install-dev chromium nginx vnu
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

## The reminder fault scenarios at full size (docs/reminders.md, "Delivery guarantee"): 1,000 due
## reminders each, a real worker and beat under a supervisor, a Redis of their own and an SMTP sink,
## with production's leases and periods; about 15 minutes. Needs REDIS_URL and a PostgreSQL
## DATABASE_URL. `make test` runs a small version of the same scenarios.
chaos: install-dev
	@mkdir -p var/chaos && rm -f var/chaos/results.jsonl
	set -o pipefail; $(VENV)/bin/pytest -m chaos -s reminders/tests/test_faults.py \
		reminders/tests/test_celery_integration.py | tee var/chaos/output.txt
	@echo "| Scenario | Expected | Sent | Lost | Duplicated | Time to complete | Latest |   |"
	@grep '^| ' var/chaos/output.txt

clean:
	rm -rf $(VENV) var staticfiles .mypy_cache .ruff_cache .pytest_cache
