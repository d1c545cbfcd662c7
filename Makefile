# CSP Tracker. `make run` serves the site; `make test` runs every check. Both set up
# whatever is missing first (virtualenv, Python and npm packages, static files, the
# database's tables; `make run` also the 2011/12 data and the demo's sample) and are safe
# to run again. The tests build their own databases, so `make test` loads no demo data.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pytest-xdist processes for the suite: one a core by default.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
YEAR_FIXTURE := fixtures/2011-12.json

# The demo and the tests run with DEBUG on unless told otherwise; production sets
# DEBUG=false and a real SECRET_KEY (see .env.example).
export DEBUG ?= true

SCSS := $(shell find static/src -name '*.scss')

.PHONY: run test setup data demo lint clean

run: setup data demo
	@echo "Serving CSP Tracker at http://127.0.0.1:$(PORT)/"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS)

setup: $(VENV)/.installed static/dist/.built
	$(BIN)/python manage.py migrate --no-input

data: setup
	$(BIN)/python manage.py loadyearfixture $(YEAR_FIXTURE) --year 2011/12
	$(BIN)/python manage.py loadstatsfixture fixtures/dacorum-wards-2007.json fixtures/police-uk-crime-types.json
	$(BIN)/python manage.py loadwardsample

# The demo's accounts, with their passwords printed; refused unless DEBUG is on.
demo: setup
	@$(BIN)/python manage.py createdemoaccounts

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

static/dist/.built: node_modules/.installed static/build.mjs $(SCSS)
	npm run --silent build
	touch $@

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles

# --- Production, backups and benchmarks (README: "Running in production", "Backups";
# docs/performance.md) ---------------------------------------------------------------------

.PHONY: serve backup restore bench

# gunicorn with production settings (DEBUG off, whatever the environment says) on the
# database DATABASE_URL names: PostgreSQL in production. Needs SECRET_KEY and
# ALLOWED_HOSTS (.env.example). Migrates and collects the static files first.
serve: export DEBUG := false
serve: export CONN_MAX_AGE ?= 60
serve: export PORT := $(PORT)
serve: $(VENV)/.installed static/dist/.built
	@test -n "$$DATABASE_URL" || echo "DATABASE_URL is not set: serving SQLite's db.sqlite3 (production uses PostgreSQL)"
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input -v0
	$(BIN)/python -m gunicorn -c gunicorn.conf.py csp_tracker.wsgi

# A backup of the database (PostgreSQL or SQLite) in a new file in BACKUP_DIR (backups/).
backup: $(VENV)/.installed
	$(BIN)/python manage.py backupdatabase

# `make restore FILE=backups/…`: a backup into the database DATABASE_URL names, which must
# be empty (a new PostgreSQL database, or no SQLite file yet).
restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/csp-tracker-<date>.pgdump"; exit 2; }
	$(BIN)/python manage.py restoredatabase "$(FILE)"

# The benchmark table (bench/run.py), e.g. `make bench BENCH_ARGS="--seconds 5"`.
bench: $(VENV)/.installed static/dist/.built
	$(BIN)/python -m bench.run $(BENCH_ARGS)
