# `make run`: set up and serve the site on SQLite at http://127.0.0.1:8000 with the content loaded.
# `make test`: set up and run the whole suite on SQLite, then on PostgreSQL (DATABASE_URL below). Both runs
# start real app servers on scratch PostgreSQL databases beside POSTGRES_URL's, and use Redis db 14.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# The production configuration (deploy/serve: granian, chosen by tests/benchmarks/load_benchmark.py), on
# plain HTTP for localhost; the secret key is made once and kept out of git.
RUN_ENV = DJANGO_SECRET_KEY="$$(cat .secret_key)" DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost

.PHONY: run test lint

$(VENV)/.installed: pyproject.toml .ci/constraints.txt .ci/setup-venv .ci/search-model.txt
	bash .ci/setup-venv --dev
	touch $@

.secret_key:
	umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: $(VENV)/.installed .secret_key
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_content
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(RUN_ENV) deploy/serve

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.installed lint
	bash .ci/setup-chromium
	bash .ci/setup-tools
	POSTGRES_URL=$(POSTGRES_URL) $(VENV)/bin/pytest
	DATABASE_URL=$(POSTGRES_URL) $(VENV)/bin/pytest
