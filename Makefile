# Two commands: `make run` serves the site with demo content, `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
# The address every absolute URL of the site starts with (manage.py set_site_url): where `make run` serves.
SITE_URL ?= http://127.0.0.1:$(PORT)
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev SITE_URL=$(SITE_URL)
NPM_RUNTIME := node_modules/.runtime

.PHONY: run test test-topology backup restore install install-dev setup lint lint-frontend format messages extract-messages clean

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: apt-get install python3.11 python3.11-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compiles locale/*.po with polib (pure Python), so set-up needs no system gettext.
messages: install
	$(PY) -c "import pathlib, polib; [polib.pofile(str(p)).save_as_mofile(str(p.with_suffix('.mo'))) for p in pathlib.Path('locale').rglob('*.po')]"

# Refreshes locale/*/django.po from the code and templates (needs gettext's xgettext). No source
# locations in the catalogue: they would change on every edit and make merges conflict.
extract-messages: install
	$(DEV) $(PY) manage.py makemessages -l it --no-location --ignore .venv --ignore static_collected --ignore tests --ignore bench

# The maps' marker clustering (Leaflet.markercluster, served from our static files: README "Maps").
setup: install messages $(NPM_RUNTIME)
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py setup_editorial_groups
	$(DEV) $(PY) manage.py load_demo_content
	$(DEV) $(PY) manage.py set_site_url
	$(DEV) $(PY) manage.py create_dev_admin
	$(DEV) $(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# One worker per core, each test sent to whichever worker is free, in the order tests/conftest.py gives them: a first
# batch of two per worker (xdist's default would give each a quarter of the suite at once), then more as they finish
# (each worker loads the demo content once). Bytecode is written even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): every worker and every process a test starts would otherwise compile our modules again,
# and pytest rewrite the asserts of every test file again (3.5 of the 6.5 s a worker takes to collect the suite).
PYTEST_WORKERS ?= auto
test: install-dev messages $(NPM_RUNTIME)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(PYTEST_WORKERS) --dist load --maxschedchunk 2

lint: install-dev lint-frontend
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djhtml --check site/templates
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

# package.json's runtime dependency, the maps' Leaflet.markercluster (served from node_modules/ by STATICFILES_DIRS),
# at package-lock.json's version and sha512 digest, fetched from the npm registry by a Python script: serving and
# testing the site need no Node.js. Refetched only when the lock file changes.
$(NPM_RUNTIME): package.json package-lock.json | $(VENV)/bin/python
	$(PY) deploy/npm_runtime.py
	touch $@

# Everything in package-lock.json, with npm: the runtime dependency again, plus stylelint, eslint and Lighthouse.
# npm ci runs again whenever package.json or the lock file is newer than the last install.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Node.js and npm are needed: apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

lint-frontend: node_modules/.installed
	npx --no-install stylelint "site/static/**/*.css"
	npx --no-install eslint site/static

format: install-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(PY) -m djhtml site/templates

clean:
	rm -rf $(VENV) node_modules static_collected db.sqlite3

# The production topology on this machine (docs/deploy.md): Varnish, two gunicorn app servers, PostgreSQL
# (127.0.0.1:5432), Redis (127.0.0.1:6379, database 12) and moto's S3 server. Needs apt-get install varnish.
test-topology: install-dev messages
	$(PY) -m pytest -m topology tests/topology -s

# Backup and restore with the production environment set (docs/deploy.md, "Backups").
BACKUP_DIR ?= backups
backup:
	$(PY) deploy/backup.py backup $(BACKUP_DIR)
restore:
	@test -n "$(ARCHIVE)" || { echo "make restore ARCHIVE=backups/torino-….tar"; exit 1; }
	$(PY) deploy/backup.py restore $(ARCHIVE)
