# Two commands: `make run` serves the site with demo content, `make test` runs the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
# The address every absolute URL of the site starts with (manage.py set_site_url): where `make run` serves.
SITE_URL ?= http://127.0.0.1:$(PORT)
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev SITE_URL=$(SITE_URL)

.PHONY: run test install install-dev setup lint format messages extract-messages clean

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

setup: install messages
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py setup_editorial_groups
	$(DEV) $(PY) manage.py load_demo_content
	$(DEV) $(PY) manage.py set_site_url
	$(DEV) $(PY) manage.py create_dev_admin
	$(DEV) $(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# One worker per core, each test sent to whichever worker is free (each worker loads the demo content once).
PYTEST_WORKERS ?= auto
test: install-dev messages
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist load

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djhtml --check site/templates
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(PY) -m djhtml site/templates

clean:
	rm -rf $(VENV) static_collected db.sqlite3
