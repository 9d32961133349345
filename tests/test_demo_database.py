"""The demo content is loaded once per test process and shared (tests/demo_database.py): what a test changes in it
must not reach any other test, and a test that does not ask for it must find the tree the migrations leave. The same
goes for the home page and the editorial groups, kept as states of the database too (tests/conftest.py).

The tests below run in this order on one worker, but each checks the untouched state before changing anything, so
whichever of the two demo tests runs second (or alone) shows that the other one's changes are gone."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Site

from editorial.management.commands.setup_editorial_groups import EDITORS, MODERATORS, TRANSLATORS
from tests import factories

MARK = "changed by a test"


def the_tree_the_migrations_leave():
    return sorted(Page.objects.values_list("depth", "title")) == [(1, "Root"), (2, "Welcome to your new Wagtail site!")]


def assert_demo_untouched(demo):
    assert "Demo content loaded" in demo
    assert Page.objects.filter(depth=2).count() == 2, "the Italian and the English home pages"
    assert not Page.objects.filter(title__contains=MARK).exists()
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"


def change_the_demo(which):
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = home.get_children().live().order_by("path").first().specific
    page.title = f"{page.title} ({MARK} {which})"
    page.save_revision().publish()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    assert Page.objects.filter(title__contains=MARK).count() == 1
    assert Page.objects.filter(depth=2).count() == 1


@pytest.mark.django_db
def test_a_test_without_the_demo_gets_the_tree_the_migrations_leave():
    assert the_tree_the_migrations_leave()


def test_a_change_to_the_demo_does_not_reach_the_next_test(demo):
    assert_demo_untouched(demo)
    change_the_demo("a")


def test_nor_does_a_change_made_in_the_other_order(demo):
    assert_demo_untouched(demo)
    change_the_demo("b")


def assert_home_untouched(home_page):
    assert sorted(Page.objects.values_list("depth", "title")) == [(1, "Root"), (2, "Torino Innovation")]
    assert Site.objects.get(is_default_site=True).root_page_id == home_page.pk
    assert home_page.live and home_page.title == "Torino Innovation"


def test_a_change_to_the_home_page_and_the_groups_does_not_reach_the_next_test(home_page, editorial_groups):
    assert_home_untouched(home_page)
    assert set(editorial_groups) == {EDITORS, MODERATORS, TRANSLATORS}
    assert GroupPagePermission.objects.filter(group=editorial_groups[MODERATORS]).count() == 7
    home_page.title = f"Torino ({MARK})"
    home_page.save_revision().publish()
    Group.objects.filter(name=EDITORS).delete()
    GroupPagePermission.objects.filter(group=editorial_groups[MODERATORS]).delete()
    Site.objects.update(site_name=MARK)


def test_nor_does_a_change_to_the_home_page_alone(home_page):
    assert_home_untouched(home_page)
    assert not Group.objects.filter(name=TRANSLATORS).exists(), "no groups but for the tests that ask for them"
    assert not Site.objects.filter(site_name=MARK).exists()
    home_page.get_children().delete()
    factories.StandardPageFactory(parent=home_page, title=MARK)


def test_nor_to_the_groups_alone(editorial_groups):
    assert set(editorial_groups) == {EDITORS, MODERATORS, TRANSLATORS}
    assert GroupPagePermission.objects.filter(group=editorial_groups[MODERATORS]).count() == 7
    assert the_tree_the_migrations_leave(), "no home page but for the tests that ask for it"
    Group.objects.all().delete()


def test_and_the_home_page_and_the_groups_come_back_as_they_were(home_page, editorial_groups):
    assert_home_untouched(home_page)
    assert not Site.objects.filter(site_name=MARK).exists()
    assert set(editorial_groups) == {EDITORS, MODERATORS, TRANSLATORS}
    assert GroupPagePermission.objects.filter(group=editorial_groups[MODERATORS]).count() == 7


@pytest.mark.django_db
def test_after_the_demo_a_test_gets_the_tree_the_migrations_leave_again():
    assert the_tree_the_migrations_leave()


@pytest.mark.django_db(transaction=True)
def test_a_flushed_transactional_state_leaves_the_empty_one_and_those_made_later_whole(database_states):
    """A transactional test, as this one, runs on a state of its own, flushed at its end. On PostgreSQL every state is
    a database made from the empty one: had the flush reached the empty one, every state made afterwards (the demo
    loaded late in a run) would lack Wagtail's root page and collection."""
    from django.core.management import call_command
    from wagtail.models import Collection

    from tests.demo_database import EMPTY, TRANSACTIONAL

    assert database_states.in_place == TRANSACTIONAL
    call_command("flush", interactive=False, verbosity=0)  # as a transactional test's end does
    assert not Collection.objects.exists()
    database_states.forget_in_place()

    database_states.put_in_place(EMPTY)
    assert the_tree_the_migrations_leave() and Collection.get_first_root_node() is not None
    database_states.put_in_place(TRANSACTIONAL, dict)
    assert the_tree_the_migrations_leave() and Collection.get_first_root_node() is not None
    # Ends on its own state, which its end flushes, as it began.
