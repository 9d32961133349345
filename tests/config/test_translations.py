"""The Italian catalogue covers every string the code and templates mark for translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUE = Path("locale") / "it" / "LC_MESSAGES" / "django.po"
SOURCES = [
    "config",
    "accounts",
    "base",
    "home",
    "news",
    "projects",
    "search",
    "opendata",
    "candidacy",
    "editorial",
    "earlyaccess",
    "demo",
    "site/templates",
    "locale",
    "manage.py",
]


def msgids(path):
    return {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete}


def test_italian_catalogue_is_complete():
    catalogue = polib.pofile(str(BASE_DIR / CATALOGUE))

    assert not [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not [entry.msgid for entry in catalogue.fuzzy_entries()]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext's xgettext is not installed")
def test_catalogue_matches_the_code(tmp_path):
    """Extracting the strings again (in a copy of the sources) finds nothing new and nothing stale.

    If this fails, run `make extract-messages` and translate what it added.
    """
    for name in SOURCES:
        source = BASE_DIR / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "it", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        check=True,
        capture_output=True,
    )

    committed, extracted = msgids(BASE_DIR / CATALOGUE), msgids(tmp_path / CATALOGUE)
    assert sorted(extracted - committed, key=str) == [], "strings missing from django.po"
    assert sorted(committed - extracted, key=str) == [], "strings in django.po that the code no longer uses"
