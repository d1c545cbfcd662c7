# CSP Tracker. `make run` serves the site; `make test` runs every check. Both set up
# whatever is missing first (virtualenv, Python and npm packages, static files, the
# database and the 2011/12 data) and are safe to run again.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
YEAR_FIXTURE := fixtures/2011-12.json

# The demo and the tests run with DEBUG on unless told otherwise; production sets
# DEBUG=false and a real SECRET_KEY (see .env.example).
export DEBUG ?= true

SCSS := $(shell find static/src -name '*.scss')

.PHONY: run test setup data demo lint clean

run: setup data demo
	@echo "Serving CSP Tracker at http://127.0.0.1:$(PORT)/"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: setup data
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

setup: $(VENV)/.installed static/dist/.built
	$(BIN)/python manage.py migrate --no-input

data: setup
	$(BIN)/python manage.py loadyearfixture $(YEAR_FIXTURE) --year 2011/12

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
