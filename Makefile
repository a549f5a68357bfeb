# Two entry points for a fresh machine: `make run` (embedded default) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint install fuzz bench

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

# A long fuzz of the GraphQL schema (the suite runs a short one): ZHIFA_FUZZ_EXAMPLES documents per run.
fuzz: $(STAMP)
	ZHIFA_FUZZ_EXAMPLES=$${ZHIFA_FUZZ_EXAMPLES:-5000} $(VENV)/bin/pytest -q -p no:cacheprovider tests/api/test_fuzz.py

# The benchmark suite (BENCHMARKS.md): every script prints its table of ratios against baselines measured in the
# same run. BENCH_FLAGS are passed to each script (e.g. BENCH_FLAGS=--smoke for tiny sizes).
bench: $(STAMP)
	$(PY) -m pip install -q -e '.[dev,bench]'
	PYTHONPATH=. $(PY) -m bench.run_all $(BENCH_FLAGS)
