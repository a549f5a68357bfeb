# Two entry points for a fresh machine: `make run` (embedded default) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint install

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Temporal dev server + SQLite + worker + API, all under one supervisor; Ctrl-C stops everything.
run: $(STAMP)
	$(VENV)/bin/zhifa dev

# Lints (ruff, mypy strict on domain/, import contracts) run as tests inside pytest.
test: $(STAMP)
	bash scripts/system-deps.sh
	$(VENV)/bin/pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy domain
	$(VENV)/bin/lint-imports
