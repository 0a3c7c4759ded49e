# Cổng: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup run migrate demo static test test-slow typecheck check-deploy lint format messages test-services bench-visits bench-import bench-import-site bench-search bench-search-quality bench-province bench-purge bench-renditions bench profile-pages smoke test-faults clean

# The help texts may name $(PORT): it is printed as its value (make help PORT=8010).
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' -v port=$(PORT) \
	  '{gsub(/\$$\(PORT\)/, port, $$2); printf "  make %-15s %s\n", $$1, $$2}'

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

run: migrate static ## Serve the demo site on http://127.0.0.1:$(PORT) (another port: PORT=8010)
	$(BIN)/python manage.py load_demo --if-empty
	@echo "Admin: http://127.0.0.1:$(PORT)/admin/ (user admin). Lost its password? $(BIN)/python manage.py changepassword admin"
	@# The background worker (image renditions, cong-tasks.service on a server) stops with it.
	$(BIN)/python manage.py db_worker --backend background --no-reload --no-startup-delay -v0 & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup ## Lint and check formatting (ruff)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## Format the code (ruff)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The project's own catalogue covers cong/ and templates/ (tests/core/test_translations.py
# checks it is up to date); locale-wagtail/ is translated by hand.
MAKEMESSAGES_IGNORE := .venv var locale-wagtail tests tests_browser bench deploy static \
	migrations conftest.py manage.py

messages: setup ## Update locale/vi and locale/en from the code, then compile the catalogues (.po -> .mo)
	$(BIN)/python manage.py makemessages -l vi -l en --no-obsolete --add-location file -v0 \
	  $(addprefix --ignore ,$(MAKEMESSAGES_IGNORE))
	$(BIN)/python manage.py compilemessages --ignore '.venv' --ignore var -v0

# The suite runs in parallel (pytest-xdist, one worker per core; TEST_WORKERS=0 runs it in
# one process) and fails when coverage of cong/ falls below COVERAGE_FLOOR percent.
TEST_WORKERS ?= auto
COVERAGE_FLOOR ?= 91
PYTEST_PARALLEL = $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist worksteal)

typecheck: setup ## Type-check cong/core, search, visits and documents (mypy + django-stubs)
	$(BIN)/mypy

test: setup lint typecheck ## Lint, types (mypy), migrations, then the suite in parallel with a coverage floor
	@$(call DEBIAN_PACKAGE,xgettext,gettext)
	@$(call DEBIAN_PACKAGE,varnishd,varnish varnish-modules)  # the purge tests' real Varnish
	$(BIN)/python manage.py makemigrations --check --dry-run -v1
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL) --durations=10 -m "not slow" \
	  --cov --cov-report=term --cov-fail-under=$(COVERAGE_FLOOR)

test-slow: setup ## The slow tests make test leaves out: backup/restore on fresh installs, gunicorn, the admin walk
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL) --durations=10 -m slow

# Production-like: DEBUG off, a throwaway 64-character key, HTTPS (Secure cookies, HSTS).
check-deploy: setup ## `manage.py check --deploy` as production runs it; any warning fails
# The settings only: an empty var/ of its own, so the data of `make run` (its Site is
# "localhost", which check cong.W002 reports when ALLOWED_HOSTS names a real host) does not
# count; on a server, `manage.py check --deploy` also checks the real Site records.
	@var=$$(mktemp -d); status=0; \
	DEBUG=false ALLOWED_HOSTS=example.gov.vn SECURE_COOKIES=true BEHIND_TLS_PROXY=true \
	CONG_HSTS_SECONDS=31536000 CONG_VAR_DIR=$$var DATABASE_URL=sqlite:///$$var/empty.sqlite3 \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
	$(BIN)/python manage.py check --deploy --fail-level WARNING || status=$$?; \
	rm -rf "$$var"; exit $$status

# Debian's RUM extension for the PostgreSQL on 127.0.0.1 (search ranks every match through it:
# docs/search.md), installed with apt when missing (as root).
PG_RUM = if [ "$$(id -u)" = 0 ] && command -v psql >/dev/null; then \
	  major=$$(psql -h 127.0.0.1 -U postgres -XAtc "SHOW server_version_num" 2>/dev/null | cut -c1-2); \
	  if [ -n "$$major" ] && [ ! -f /usr/share/postgresql/$$major/extension/rum.control ]; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq postgresql-$$major-rum >/dev/null; } || \
	    echo "postgresql-$$major-rum is missing: search ranks without its index" >&2; fi; fi

test-services: setup ## The suite on PostgreSQL and Redis (127.0.0.1); skips if they are absent
	@$(PG_RUM)
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
	$(BIN)/python -m pytest -q $(PYTEST_PARALLEL) --durations=10

bench-visits: setup ## Beacons/s through gunicorn (2 workers) for each visit store; checks lost = 0
	$(BIN)/python bench/visits.py

bench-import: setup ## Time import_documents on 5,000 rows with 1,000 attachments (goal < 60 s)
	$(BIN)/python bench/import_documents.py

bench-import-site: setup ## Import a generated old site: BENCH_ARTICLES (10,000) articles, 2 photos each (goal ≥ 20/s)
	$(BIN)/python bench/import_site.py

# Browser tests and Lighthouse: Debian's Chromium, Playwright, axe-core, npm's lighthouse.
CHROMIUM ?= /usr/bin/chromium
BROWSER_STAMP := $(VENV)/.installed-browser
LIGHTHOUSE := var/node/node_modules/.bin/lighthouse

$(BROWSER_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,browser]"
	touch $(BROWSER_STAMP)

browser-setup: $(BROWSER_STAMP) ## Install Chromium (apt, if missing), Playwright and axe-core
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "$(CHROMIUM) is missing: sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

test-browser: browser-setup ## Browser tests (axe WCAG 2.1 AA, phones, keyboard, flows); screenshots in var/screenshots/
	$(BIN)/python -m pytest -c tests_browser/pytest.ini tests_browser -q

$(LIGHTHOUSE):
	mkdir -p var/node
	npm install --prefix var/node --no-audit --no-fund --save-exact lighthouse@12.2.3

lighthouse: browser-setup $(LIGHTHOUSE) ## Lighthouse (mobile) on the home and article pages, DEBUG off
	CHROME_PATH=$(CHROMIUM) $(BIN)/python tests_browser/lighthouse.py

guide-screenshots: browser-setup ## Screenshots of the editor's guide from the demo, into docs/img/guide/
	$(BIN)/python tests_browser/guide_screenshots.py

# The production stack on loopback: Debian's nginx (and wrk for `bench`), installed with apt
# when missing (as root), gunicorn, PostgreSQL and Redis on 127.0.0.1.
# $(call DEBIAN_PACKAGE,command,package): install the package (as root) when the command is missing.
DEBIAN_PACKAGE = command -v $(1) >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; } || \
	echo "$(1) is missing: apt-get install $(2)" >&2

DEBIAN_TOOLS = if [ "$$(id -u)" = 0 ]; then \
	  missing=""; for tool in $(1); do \
	    command -v $$tool >/dev/null || [ -x /usr/sbin/$$tool ] || missing="$$missing $$tool"; done; \
	  if [ -n "$$missing" ]; then apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; fi

bench: setup ## The stack through nginx + gunicorn + PostgreSQL (wrk): pages beside the anchor, the crawl, then the purge table and the beacon rows (~15 min)
	@$(call DEBIAN_TOOLS,nginx wrk)
	$(BIN)/python bench/stack.py
	$(BIN)/python bench/purge.py
	$(BIN)/python bench/visits.py

bench-renditions: setup ## The first reader of a new article with 4 photos, with and without the rendition worker
	$(BIN)/python bench/renditions.py

profile-pages: setup ## Uncached renders of article, home, section, documents, search, anchor: ms, SQL, Redis, cProfile
	$(BIN)/python bench/profile_pages.py

smoke: setup ## Start nginx, gunicorn, PostgreSQL, Redis on loopback; check the site through nginx
	@$(call DEBIAN_TOOLS,nginx)
	deploy/smoke.sh

test-faults: setup ## Kill Redis, cut PostgreSQL, kill gunicorn, fill the page-cache disk under load (< 4 min)
	@$(call DEBIAN_TOOLS,nginx redis-server)
	$(BIN)/python bench/faults.py

bench-search: setup ## Search latency p50/p95/p99 over 100,000 articles and 20,000 documents
	@$(PG_RUM)
	$(BIN)/python bench/search.py

bench-search-quality: setup ## Search quality per query class (recall@10, MRR, nDCG@10), SQLite and PostgreSQL
	@$(PG_RUM)
	$(BIN)/python bench/search_quality/run.py

bench-purge: setup ## Pages purged by each kind of change and the purge's time (demo; BENCH_PURGE_PAGES more articles)
	$(BIN)/python bench/purge.py

bench-province: setup ## Province mode: BENCH_SITES (200) sites × BENCH_ARTICLES (500) articles; site creation, admin, pages, memory
	@$(call DEBIAN_TOOLS,wrk)
	$(BIN)/python bench/province.py

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
