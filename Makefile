# ducha: two commands on a fresh machine.
#   make demo   install everything, migrate SQLite under var/, load demo data, serve (web + job worker)
#   make test   install everything, run the suite on SQLite, then on PostgreSQL
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test bench lock clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip sync -q --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lock:
	$(BIN)/uv pip compile -q pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

demo: install var/secret_key
	$(BIN)/ducha migrate --noinput
	$(BIN)/ducha collectstatic --noinput -v 0
	$(BIN)/ducha demo_data
	@echo
	@echo "ducha 演示系统: http://127.0.0.1:$(PORT)/"
	@$(BIN)/ducha demo_data --accounts
	@echo
	@echo "密钥: var/secret_key（首次运行时随机生成，DUCHA_SECRET_KEY）；演示模式 DUCHA_DEMO=1"
	DUCHA_DEMO=1 DUCHA_SECRET_KEY="$$(cat var/secret_key)" PORT=$(PORT) bash scripts/serve.sh

# The demo server's key, generated once (ducha.wsgi refuses a missing, default or short key).
var/secret_key:
	@mkdir -p var && umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@echo "已生成 $@"

test: install
	@bash scripts/run-tests.sh $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules var
