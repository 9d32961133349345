"""Queries built and compiled once per process (base/prepared_queries.py) answer as Django's own build of the same
queryset does, for any values and whatever the clock says: routing (base/models.py ``routed_page``,
``routed_child``) and the site chrome (base/templatetags/navigation_tags.py)."""

import datetime
import functools

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Prefetch, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from base.models import routed_child, routed_page, routed_pages
from base.prepared_queries import PreparedQuery, now
from base.templatetags.navigation_tags import _CHROME_QUERIES, _chrome_pages
from projects.models import ProjectPage
from tests import factories

EMBARGO = datetime.datetime(2031, 5, 20, 8, 0, tzinfo=datetime.UTC)
CHROME_FIELDS = [Page._meta.get_field(name) for name in ("path", "id", "translation_key", "path")]


def facts(page):
    """What a query gave of a page: its fields and annotations as read, and the objects joined to it."""
    own = {name: value for name, value in vars(page).items() if not name.startswith("_")}
    joined = {name: getattr(related, "pk", None) for name, related in page._state.fields_cache.items()}
    return own, joined, sorted(getattr(page, "_prefetched_objects_cache", {}))


def counted(function, *args, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        result = function(*args, **kwargs)
    return result, len(captured.captured_queries)


@pytest.fixture
def tree(home_page, project, news_index, programme, standard_page, translate):
    """Pages of every kind routing reads: a project linking its programme, a news item, a private section, an alias
    and translations."""
    news = factories.NewsPageFactory(parent=news_index, title="Notizia", slug="notizia")
    private = factories.StandardPageFactory(parent=home_page, title="Riservata", slug="riservata")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    inside = factories.StandardPageFactory(parent=private, title="Dentro", slug="dentro")
    alias = standard_page.create_alias(parent=private, update_slug="alias-pubblico")
    translate(home_page, title="Torino Innovation")
    translate(project, title="Neighbourhood lab")
    return [home_page, project, news_index, programme, standard_page, news, private, inside, alias]


@pytest.mark.django_db
@pytest.mark.parametrize("served", [True, False], ids=["served", "passed through"])
def test_a_routed_page_is_read_as_django_reads_it(tree, served):
    for page in Page.objects.filter(depth__gt=1):
        model = page.specific_class
        if not hasattr(model, "routed_select_related"):
            continue
        expected, expected_queries = counted(routed_pages(model, served).get, pk=page.pk)
        for _ in range(2):  # prepared at the first run, reused at the second
            found, queries = counted(routed_page, model, page.pk, served=served)
            assert facts(found) == facts(expected)
            assert queries == expected_queries


@pytest.mark.django_db
def test_a_routed_child_is_found_as_django_finds_it(tree):
    for parent in Page.objects.filter(depth__gt=1):
        for model in {child.specific_class for child in Page.objects.filter(depth__gt=2)}:
            if not hasattr(model, "routed_select_related"):
                continue
            # Every slug of the tree, under every parent, and slugs that LIKE would read as patterns.
            for slug in {*Page.objects.values_list("slug", flat=True), "%", "_", "notizi_", "%otizia", "\\"}:
                expected = list(routed_pages(model).child_of(parent).filter(slug=slug))
                try:
                    found = [routed_child(model, parent, slug)]
                except model.DoesNotExist:
                    found = []
                assert [facts(page) for page in found] == [facts(page) for page in expected], (parent, model, slug)


def chrome_rows(query, *values):
    return [(row.pk, row.is_private, row.live, row.depth) for row in query(*values)]


@pytest.mark.django_db
def test_the_chrome_reads_the_rows_django_reads_for_any_shape(tree, english_home):
    prepared = {
        below: PreparedQuery(Page, functools.partial(_chrome_pages, below_home=below), *CHROME_FIELDS)
        for below in (False, True)
    }
    pages = list(Page.objects.filter(depth__gt=1))
    ids = [page.pk for page in pages]
    footers = [[], [ids[1]], [ids[-1], ids[0], ids[3]], [ids[2], 10**6], [10**6]]
    for page in pages:
        home_path = page.path[: Page.steplen * 2]
        ancestors = [page.path[:end] for end in range(len(home_path), len(page.path), Page.steplen)]
        for footer in footers:
            values = (ancestors, footer, page.translation_key, home_path)
            expected = chrome_rows(functools.partial(_chrome_pages, below_home=page.depth > 2), *values)
            assert chrome_rows(prepared[page.depth > 2].run, *values) == expected
            assert expected  # the page's own versions at least


@pytest.mark.django_db
def test_a_prepared_query_compares_with_the_time_of_each_run(home_page, news_index):
    with time_machine.travel(EMBARGO - datetime.timedelta(days=1), tick=False):
        release = factories.NewsPageFactory(
            parent=news_index, title="Comunicato", slug="comunicato", is_press_release=True, embargo_until=EMBARGO
        )
    prepared = PreparedQuery(Page, functools.partial(_chrome_pages, below_home=True), *CHROME_FIELDS)
    values = ([home_page.path, news_index.path], [], release.translation_key, home_page.path)
    # Prepared before the embargo's end, run after it, and the other way round.
    for moment, shown in [(-1, False), (1, True), (-1, False), (1, True)]:
        with time_machine.travel(EMBARGO + datetime.timedelta(seconds=moment), tick=False):
            assert (release.pk in [row.pk for row in prepared.run(*values)]) is shown
            assert now() == EMBARGO + datetime.timedelta(seconds=moment)


@pytest.mark.django_db
def test_a_prefix_is_matched_literally(home_page):
    titles = ["50%_sconto", "50 per cento", "50x_sconto", "a\\b", "_tutto", "%tutto"]
    for number, title in enumerate(titles):
        factories.StandardPageFactory(parent=home_page, title=title, slug=f"pagina-{number}")
    query = PreparedQuery(
        Page, lambda prefix: Page.objects.filter(title__startswith=prefix), Page._meta.get_field("title")
    )
    for prefix in ["50%", "50%_", "50", "a\\", "_", "%", "", "nessuno"]:
        expected = sorted(Page.objects.filter(title__startswith=prefix).values_list("pk", flat=True))
        assert sorted(page.pk for page in query.run(prefix)) == expected, prefix


@pytest.mark.django_db
def test_an_empty_list_or_a_value_out_of_range_is_answered_as_django_would(home_page):
    query = PreparedQuery(Page, lambda ids: Page.objects.filter(pk__in=ids), Page._meta.get_field("id"))
    assert query.run([]) == []
    assert [page.pk for page in query.run([home_page.pk])] == [home_page.pk]
    # Beyond any integer column: Django decides "no such page" without asking the database.
    by_id = PreparedQuery(Page, lambda pk: Page.objects.filter(pk=pk), Page._meta.get_field("id"))
    assert by_id.run(home_page.pk)[0].pk == home_page.pk
    assert by_id.run(2**70) == list(Page.objects.filter(pk=2**70)) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "build",
    [
        lambda title: Page.objects.filter(title__contains=title),  # a pattern it cannot fill in
        lambda title: Page.objects.filter(title="fisso"),  # the value not used
        lambda title: Page.objects.filter(depth=2 if title == "x" else 1),  # decided at build
    ],
    ids=["contains", "unused", "branch"],
)
def test_a_query_that_does_not_take_its_value_as_a_parameter_is_refused(home_page, build):
    query = PreparedQuery(Page, build, Page._meta.get_field("title"))
    with pytest.raises(ImproperlyConfigured):
        query.run("x")


@pytest.mark.django_db
def test_a_hook_registered_later_is_asked(tree):
    """The features' hooks are part of the shape: a query prepared before a hook is registered is built again."""
    query = _CHROME_QUERIES[True]
    page = Page.objects.get(slug="notizia")
    home_path = page.path[: Page.steplen * 2]
    values = (
        [page.path[:end] for end in range(len(home_path), len(page.path), Page.steplen)],
        [],
        page.translation_key,
        home_path,
    )
    assert page.pk in [row.pk for row in query.run(*values)]

    def hide_the_news(pages):
        return pages.exclude(pk=page.pk)

    with hooks.register_temporarily("hide_from_public", hide_the_news):
        assert page.pk not in [row.pk for row in query.run(*values)]
    assert page.pk in [row.pk for row in query.run(*values)]


@pytest.mark.django_db
def test_none_is_answered_as_django_answers_it(home_page, standard_page):
    query = PreparedQuery(Page, lambda paths: Page.objects.exclude(path__in=paths), Page._meta.get_field("path"))
    for paths in ([home_page.path, None], [None, None], [standard_page.path, home_page.path]):
        expected = sorted(Page.objects.exclude(path__in=paths).values_list("pk", flat=True))
        assert sorted(page.pk for page in query.run(paths)) == expected


@pytest.mark.django_db
def test_siblings_sharing_a_slug_are_not_told_apart_silently(project_index, project):
    twin = factories.ProjectPageFactory(parent=project_index, title="Gemello", slug="gemello")
    Page.objects.filter(pk=twin.pk).update(slug=project.slug)  # as code may, past Wagtail's check
    with pytest.raises(ProjectPage.MultipleObjectsReturned):
        routed_child(ProjectPage, project_index, project.slug)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "build",
    [
        lambda pk: Page.objects.filter(pk=pk, last_published_at__lt=timezone.now()),  # the clock read directly
        lambda pk: Page.objects.filter(pk=pk, last_published_at__lt=now() - datetime.timedelta(days=7)),  # moved
        lambda pk: Page.objects.filter(pk=pk).prefetch_related(
            Prefetch("view_restrictions", queryset=PageViewRestriction.objects.filter(page__slug="fisso"))
        ),
    ],
    ids=["clock", "moved", "prefetch"],
)
def test_a_query_that_would_keep_what_it_was_built_with_is_refused(home_page, build):
    with pytest.raises(ImproperlyConfigured):
        PreparedQuery(Page, build, Page._meta.get_field("id")).run(home_page.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "build",
    [
        # A condition on the time that Django leaves out when it builds (nothing is in an empty list).
        lambda pk: Page.objects.filter(pk=pk).exclude(Q(pk__in=[]) & Q(last_published_at__gt=now())),
        lambda pk: Page.objects.filter(pk=pk, depth__lt=now().year),  # a value drawn from the time
        # One moment asked once, compared twice: each is the time of the run.
        lambda pk, moment=None: Page.objects.filter(pk=pk).exclude(
            latest_revision_created_at__gt=(moment := now()), last_published_at__gt=moment
        ),
    ],
    ids=["left out", "drawn from", "twice"],
)
def test_a_query_whose_time_is_no_plain_parameter_is_answered_as_django_answers_it(home_page, build):
    query = PreparedQuery(Page, build, Page._meta.get_field("id"))
    for _ in range(2):
        assert [page.pk for page in query.run(home_page.pk)] == [page.pk for page in build(home_page.pk)]


@pytest.mark.django_db
def test_a_value_compared_as_a_pattern_is_never_read_as_one(home_page):
    """``iexact`` escapes its value for a LIKE on SQLite: refused there, the value's ``_`` is no wildcard anywhere."""
    for number, slug in enumerate(["a_b", "axb"]):
        factories.StandardPageFactory(parent=home_page, title=f"Pagina {number}", slug=slug)
    query = PreparedQuery(Page, lambda slug: Page.objects.filter(slug__iexact=slug), Page._meta.get_field("slug"))
    try:
        found = [page.slug for page in query.run("A_B")]
    except ImproperlyConfigured:
        assert connection.vendor == "sqlite"
    else:
        assert found == ["a_b"]
