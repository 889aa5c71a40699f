# hdswatch — the two commands of the README, and the tools around them.
#   make demo   install everything, then run the real pipeline on embedded defaults
#   make test   install what the tests need, then run them (CI runs exactly this)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
UV_VERSION := 0.13.8
PYTEST_ARGS ?= -n 2 --dist loadgroup

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := $(shell grep -v '^\s*\#' system-packages.txt | grep -v '^\s*$$')

.PHONY: help install install-dev system-deps demo test lint lock bench bench-stack clean

help:
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV) ## install the runtime environment from requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python -r requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .

install-dev: $(UV) ## install runtime and test dependencies from requirements-dev.lock
	$(UV) pip install --quiet --python $(BIN)/python -r requirements-dev.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .

system-deps: ## Debian packages the tests need (system-packages.txt), installed when missing
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

demo: install ## run the ingest and nightly DAGs for real on three sample contracts
	$(BIN)/hdswatch demo

test: install-dev system-deps ## lint, type-check, audit the dependencies, then run the whole test suite
	$(MAKE) --no-print-directory audit AUDIT_STRICT=
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev ## ruff on everything, mypy on the pure packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Known vulnerabilities of the locked dependencies (PyPI's advisory data, through its JSON API).
# Ignored findings: one ID a line in .pip-audit-ignore, each with its reason in docs/security.md.
# --strict (the default of `make audit`) fails when a package could not be checked, e.g. with no
# access to pypi.org's JSON API; `make test` runs it without, so such packages are warned about
# and only a known vulnerability fails the run.
AUDIT_STRICT ?= --strict
AUDIT_IGNORES = $(shell grep -v '^\s*\#' .pip-audit-ignore | awk 'NF {print "--ignore-vuln " $$1}')

audit: install-dev ## known vulnerabilities of requirements*.lock (pip-audit; triage: docs/security.md)
	$(BIN)/pip-audit -r requirements.lock -r requirements-dev.lock --no-deps --disable-pip \
		--progress-spinner off $(AUDIT_STRICT) $(AUDIT_IGNORES)

lock: $(UV) ## re-resolve requirements*.txt into the lock files
	$(UV) pip compile --quiet --python-version 3.11 --no-header requirements.txt -o requirements.lock
	$(UV) pip compile --quiet --python-version 3.11 --no-header requirements-dev.txt -o requirements-dev.lock

bench: install-dev system-deps ## speed and memory, measured side by side (figures: docs/benchmarks.md)
	$(BIN)/python -m bench.run

bench-stack: install-dev system-deps ## the production stack natively: latency, 1 vs 2 Celery workers (long)
	$(BIN)/python -m bench.bench_stack $(BENCH_STACK_ARGS)

.PHONY: reliability
reliability: install-dev system-deps ## bad inputs and injected faults, report in docs/reliability.md
	$(BIN)/python -m bench.reliability

clean: ## remove the demo's working folder
	rm -rf .demo
