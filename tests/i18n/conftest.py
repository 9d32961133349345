"""The demo content in both languages, loaded once for a module of read-only tests.

Loaded inside a transaction rolled back at the end of the module (as Django's TestCase.setUpTestData
does); each test runs in its own savepoint.
"""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

# The editorial roles (Editors, Moderators, Translators and a signed-in client for each).
from tests.workflow.conftest import (  # noqa: F401
    editor,
    editor_client,
    editorial_groups,
    moderator,
    moderator_client,
    translator,
    translator_client,
)


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("load_demo_content", stdout=out, stderr=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def demo(demo_content, db):
    return demo_content
