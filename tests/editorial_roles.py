"""Editorial roles, fixtures for every test (tests/conftest.py makes them so): the groups and workflow from
setup_editorial_groups, and one signed-in admin client per role (Editor, Moderator, Translator), none of them
superusers."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from editorial.management.commands.setup_editorial_groups import EDITORS, MODERATORS, TRANSLATORS


def make_editorial_groups():
    call_command("setup_editorial_groups", stdout=io.StringIO())


@pytest.fixture
def editorial_groups(database_states, db):
    """The groups, their permissions and the "Moderators approval" workflow on the root page: made once per test
    process and kept as a state of the database (tests/conftest.py, database_states), or made here if the test asked
    for them late."""
    if not database_states.holds("editorial_groups"):
        make_editorial_groups()
    return {group.name: group for group in Group.objects.filter(name__in=(EDITORS, MODERATORS, TRANSLATORS))}


def _member(groups, group_name, username):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@comune.torino.it",
        password="not-used",  # noqa: S106
        first_name=username.capitalize(),
    )
    user.groups.add(groups[group_name])
    return user


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(editorial_groups):
    return _member(editorial_groups, EDITORS, "redattrice")


@pytest.fixture
def moderator(editorial_groups):
    return _member(editorial_groups, MODERATORS, "caporedattore")


@pytest.fixture
def translator(editorial_groups):
    return _member(editorial_groups, TRANSLATORS, "traduttrice")


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def moderator_client(moderator):
    return _client_for(moderator)


@pytest.fixture
def translator_client(translator):
    return _client_for(translator)
