# CareerFit's two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint format bench bench-engine clean

# pip shows what it installs: the first run takes a minute or two, and a silent minute looks stuck.
PIP_INSTALL := $(PY) -m pip install --disable-pip-version-check --progress-bar on

$(PY):
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "CareerFit needs Python 3.11 or newer")'
	@echo "== Creating $(VENV) with $$($(PYTHON) --version)"
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	@echo "== Installing CareerFit's packages into $(VENV) (only when requirements.txt changes)"
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	@echo "== Installing CareerFit's packages and the test tools into $(VENV) (only when requirements change)"
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# A persistent random key for local runs, so sessions survive a restart; never committed.
var/secret_key:
	mkdir -p var
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

## make run: install, migrate, load the catalogue and serve on http://127.0.0.1:8000 (SQLite)
run: $(VENV)/.runtime var/secret_key
	@echo "== Preparing the database and loading the catalogue (edits made in the admin are kept)"
	@# runserver answers each request in a new thread, so a kept database connection would only linger
	@# until garbage collection: it opens one per request (Django's advice for development).
	export DEBUG=true SECRET_KEY="$$(cat var/secret_key)" CONN_MAX_AGE=0 && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_catalogue && \
	echo "== CareerFit is at http://$(HOST):$(PORT)/ (Ctrl-C stops it)" && \
	$(PY) manage.py runserver $(HOST):$(PORT)

## make serve: production serving on http://127.0.0.1:8000: gunicorn, (2 × cores) + 1 workers, DEBUG off,
## static files collected for WhiteNoise. Set SECRET_KEY, ALLOWED_HOSTS and the rest as in the README's Production.
WORKERS ?= $(shell expr 2 \* $$(nproc) + 1)
serve: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_catalogue
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/gunicorn careerfit.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS)

## make test: install, check the project and migrations, then run the whole test suite, one worker per core
## (pytest-xdist; each worker has its own test database and live server). PYTEST_ARGS= runs it in one process.
PYTEST_ARGS ?= -n auto
test: $(VENV)/.dev
	$(PY) manage.py check --settings=careerfit.settings_test
	$(PY) manage.py makemigrations --check --dry-run --settings=careerfit.settings_test
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make bench [BENCH_ARGS="--duration 60"]: every page under load (gunicorn + wrk), SQLite and PostgreSQL,
## as a share of a minimal Django page; see docs/performance.md
bench: $(VENV)/.dev
	$(PY) -m careerfit.bench $(BENCH_ARGS)

## make bench-engine [ESCO_DIR=folder with the ESCO v1.1.1 zips]: time scoring and planning
bench-engine: $(VENV)/.dev
	$(PY) manage.py bench_engine --settings=careerfit.settings_test $(if $(ESCO_DIR),--esco "$(ESCO_DIR)")

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
