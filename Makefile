# Cổng: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup run migrate demo static test lint format messages test-services bench-visits clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install everything (fast when done)

migrate: setup ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput

demo: migrate ## Load the demo site (idempotent)
	$(BIN)/python manage.py load_demo

static: setup ## Collect static files for WhiteNoise
	$(BIN)/python manage.py collectstatic --noinput -v0

run: migrate static ## Serve the demo site on http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup ## Lint and check formatting (ruff)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## Format the code (ruff)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: setup ## Compile the translation catalogues (.po -> .mo)
	$(BIN)/python manage.py compilemessages --ignore '.venv' -v0

test: setup lint ## Run the whole test suite (SQLite, local memory cache)
	$(BIN)/python manage.py makemigrations --check --dry-run -v1
	$(BIN)/python -m pytest -q

test-services: setup ## The suite on PostgreSQL and Redis (127.0.0.1); skips if they are absent
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
	$(BIN)/python -m pytest -q

bench-visits: setup ## Beacons/s through gunicorn (2 workers) for each visit store; checks lost = 0
	$(BIN)/python bench/visits.py

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
