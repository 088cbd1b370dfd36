# One-command entry points. `make run` and `make test` work on a fresh clone with only
# python3, make and access to PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test lint format bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## create the SQLite database, load demo data, serve on 127.0.0.1:8000
	$(BIN)/saqbol demo
	$(BIN)/saqbol serve

test: $(STAMP)  ## lint, then the whole suite (also on PostgreSQL if SAQBOL_TEST_POSTGRES_URL is set)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: $(STAMP)  ## benchmarks: print throughput, latency and peak memory
	$(BIN)/python bench/bench_reports_api.py
	$(BIN)/python bench/bench_text.py
	$(BIN)/python bench/eval_text.py
	$(BIN)/python bench/bench_urls.py
	$(BIN)/python bench/eval_urls.py
	$(BIN)/python bench/bench_generate_payments.py
	$(BIN)/python bench/bench_payments.py
	$(BIN)/python bench/eval_payments.py
	$(BIN)/python bench/bench_payments_http.py
	$(BIN)/python bench/bench_credit_ban_http.py
	$(BIN)/python bench/bench_mules.py
	$(BIN)/python bench/bench_mules.py --trace
	$(BIN)/python bench/bench_mules_spark.py
	$(BIN)/python bench/eval_mules.py
	$(BIN)/python bench/bench_generate_calls.py
	$(BIN)/python bench/bench_calls.py
	$(BIN)/python bench/eval_calls.py
	$(BIN)/python bench/bench_generate_ads.py
	$(BIN)/python bench/bench_ads.py
	$(BIN)/python bench/eval_ads.py

clean:
	rm -rf $(VENV) saqbol.db saqbol.db-wal saqbol.db-shm demo-keys.txt
