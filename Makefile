# Two entry points for a fresh machine: `make run` (embedded default) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint install fuzz graphiql

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# GraphiQL offline: the npm packages strawberry's GraphiQL page names, at its pinned versions, into
# $(ZHIFA_DATA_DIR)/graphiql (default var/, never committed); the API serves them in development. Needs npm once.
GRAPHIQL_DIR := $(or $(ZHIFA_DATA_DIR),var)/graphiql
graphiql: $(STAMP)
	mkdir -p $(GRAPHIQL_DIR)
	npm install --prefix $(GRAPHIQL_DIR) --no-save --no-audit --no-fund --ignore-scripts $$($(PY) -m api.graphiql)

# `make run` installs them once when npm is there; without npm, GraphiQL loads them from unpkg.
$(GRAPHIQL_DIR)/node_modules: | $(STAMP)
	@if command -v npm >/dev/null; then $(MAKE) graphiql; else echo "npm not found: GraphiQL loads from unpkg"; fi

# Temporal dev server + SQLite + worker + API, all under one supervisor; Ctrl-C stops everything.
run: $(STAMP) | $(GRAPHIQL_DIR)/node_modules
	$(VENV)/bin/zhifa dev

# Lints (ruff, mypy strict on domain/, import contracts) run as tests inside pytest.
test: $(STAMP)
	bash scripts/system-deps.sh
	$(VENV)/bin/pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy domain
	$(VENV)/bin/lint-imports

# A long fuzz of the GraphQL schema (the suite runs a short one): ZHIFA_FUZZ_EXAMPLES documents per run.
fuzz: $(STAMP)
	ZHIFA_FUZZ_EXAMPLES=$${ZHIFA_FUZZ_EXAMPLES:-5000} $(VENV)/bin/pytest -q -p no:cacheprovider tests/api/test_fuzz.py
