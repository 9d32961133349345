"""The release's embargo holds in every language, whatever the order of operations (news/embargo.py).

A property test over orders of operations (creating and syncing the translation, publishing it from the
translation editor with or without a fresh sync, publishing it in bulk, moving the embargo later or earlier on
the original as a draft or by publishing from the page editor, clearing it, publishing the original from a
schedule), from an Italian original to its English translation and from an English original to its Italian one.
Each run follows one walk in which every operation comes directly after every other (an Eulerian circuit of the
complete graph of operations: 72 ordered pairs), so each pair is tried from the state the walk reached.
A small model of the rules says what the release's embargo must be after each step; after EVERY step no page
of the release may be public before that time (its address answers 404, no listing query returns it), every
page of the release carries that value, and at the minute it ends every live page is public.
"""

import datetime
import io
import itertools
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from news.embargo import ReleaseEmbargo
from news.models import NewsPage, without_embargoed
from tests import admin_forms, factories

ROME = ZoneInfo("Europe/Rome")
NOW = datetime.datetime(2031, 5, 1, 9, 0, tzinfo=ROME)
FIRST_EMBARGO = NOW + datetime.timedelta(days=10)
HOUR = datetime.timedelta(hours=1)

OPERATIONS = [
    "translate or sync, publish translation",
    "publish translation from its last sync",
    "bulk publish translation",
    "original: later, draft",
    "original: later, publish",
    "original: earlier, draft",
    "original: earlier, publish",
    "original: clear, publish",
    "original: scheduled publish",
]


def every_pair_walk(operations):
    """A walk through ``operations`` in which each one comes directly after each other one (Hierholzer)."""
    unused = {a: [b for b in operations if b != a] for a in operations}
    stack, walk = [operations[0]], []
    while stack:
        if unused[stack[-1]]:
            stack.append(unused[stack[-1]].pop(0))
        else:
            walk.append(stack.pop())
    return walk[::-1]


WALK = every_pair_walk(OPERATIONS)


def admin_time(value):
    return value.astimezone(ROME).strftime("%Y-%m-%d %H:%M") if value else ""


class Release:
    """One release under test: the pages, and the model of what its embargo must be.

    ``release`` is the release's embargo; ``draft`` the value of the original's latest version; ``synced`` the
    value wagtail-localize copied at the last sync (None before); ``translation_draft`` the value of the
    translation's latest version.
    """

    def __init__(self, admin_client, original_locale, target_locale, number):
        self.client = admin_client
        self.target_locale = target_locale
        index = Page.objects.get(depth=3, locale=original_locale, content_type__model="newsindexpage")
        self.original = factories.NewsPageFactory(
            parent=index,
            title=f"Comunicato {number}",
            slug=f"comunicato-{number}",
            is_press_release=True,
            embargo_until=FIRST_EMBARGO,
            live=False,
        )
        self.original.save_revision().publish()
        self.release = self.draft = FIRST_EMBARGO
        self.synced = None
        self.translation_draft = None

    @property
    def translation(self):
        page = self.original.get_translation_or_none(self.target_locale)
        return page.specific if page is not None else None

    # --- operations -------------------------------------------------------------------------------

    def _save_target(self, sync):
        source, _created = TranslationSource.get_or_create_from_instance(NewsPage.objects.get(pk=self.original.pk))
        if sync:
            source.update_from_db()
            self.synced = NewsPage.objects.get(pk=self.original.pk).embargo_until
        elif self.synced is None:
            self.synced = source.as_instance().embargo_until
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=self.target_locale, defaults={"enabled": True}
        )
        # save_target(publish=True) publishes when the outermost transaction commits, never inside a test:
        # save the draft, then publish it as that commit would.
        translation.save_target(publish=False)
        self.release = later(self.release, self.synced)
        self.translation_draft = self.release
        self.translation.get_latest_revision().publish()

    def do(self, operation):
        if operation == "translate or sync, publish translation":
            self._save_target(sync=True)
        elif operation == "publish translation from its last sync":
            self._save_target(sync=False)
        elif operation == "bulk publish translation":
            if self.translation is None:
                return
            url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            response = self.client.post(f"{url}?id={self.translation.pk}", {"include_descendants": ""})
            assert response.status_code == 302, response.content[:2000]
            self.release = later(self.release, self.translation_draft)
        elif operation.startswith("original: "):
            self._edit_original(operation.removeprefix("original: "))
        else:  # pragma: no cover
            raise AssertionError(operation)

    def _draft_may_hide(self):
        """A draft moves the embargo later only while the release is not public yet."""
        return (self.release is not None and self.release > NOW) or not any(page.live for page in self.pages())

    def _edit_original(self, change):
        base = self.release or FIRST_EMBARGO
        if change == "later, draft":
            may_hide = self._draft_may_hide()
            self._post(base + 5 * HOUR, publish=False)
            self.draft = base + 5 * HOUR
            if may_hide:
                self.release = later(self.release, self.draft)
        elif change == "later, publish":
            self._post(base + 3 * HOUR, publish=True)
            self.draft = self.release = base + 3 * HOUR
        elif change == "earlier, draft":
            may_hide = self._draft_may_hide()
            self._post(base - HOUR, publish=False)
            self.draft = base - HOUR
            if may_hide:  # earlier than the release (no change), or one where there was none
                self.release = later(self.release, self.draft)
        elif change == "earlier, publish":
            self._post(base - 2 * HOUR, publish=True)
            self.draft = self.release = base - 2 * HOUR
        elif change == "clear, publish":
            self._post(None, publish=True)
            self.draft = self.release = None
        elif change == "scheduled publish":
            page = NewsPage.objects.get(pk=self.original.pk).get_latest_revision_as_object()
            page.save_revision(approved_go_live_at=NOW - datetime.timedelta(minutes=1))
            call_command("publish_scheduled", stdout=io.StringIO())
            self.release = self.draft

    def _post(self, embargo, publish):
        page = self.original
        data = admin_forms.news_page_form(
            publish=publish,
            title=page.title,
            slug=page.slug,
            is_press_release="on",
            embargo_until=admin_time(embargo),
        )
        response = self.client.post(admin_forms.edit_url(page), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response

    # --- the property -----------------------------------------------------------------------------

    def pages(self):
        return list(NewsPage.objects.filter(translation_key=self.original.translation_key))

    def check(self, client, steps, requests=True):
        pages = self.pages()
        stored = ReleaseEmbargo.objects.get(translation_key=self.original.translation_key).until
        assert stored == self.release, steps[-4:]
        assert {page.embargo_until for page in pages} == {self.release}, steps
        if self.release is not None and self.release > NOW:
            keys = [self.original.translation_key]
            assert not NewsPage.objects.visible().filter(translation_key__in=keys).exists(), steps
            assert not without_embargoed(Page.objects.filter(translation_key__in=keys)).exists(), steps
            assert all(page.is_embargoed for page in pages), steps
            for page in pages if requests else ():
                if page.live:
                    assert client.get(page.url).status_code == 404, (steps, page.locale_id)

    def check_released(self, client, steps, requests=True):
        """One minute after the embargo ends (or now, with none), every live page of the release is public."""
        moment = max(NOW, self.release or NOW) + datetime.timedelta(minutes=1)
        with time_machine.travel(moment, tick=False):
            for page in self.pages():
                if page.live:
                    assert NewsPage.objects.visible().filter(pk=page.pk).exists(), steps
                    if requests:
                        assert client.get(page.url).status_code == 200, (steps, page.locale_id)
        if requests and self.release is not None and self.release > NOW:
            with time_machine.travel(self.release - datetime.timedelta(minutes=1), tick=False):
                for page in self.pages():
                    assert client.get(page.url).status_code == 404, (steps, page.locale_id)


def later(a, b):
    if a is None or b is None:
        return a or b
    return max(a, b)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("original_language", ["it", "en"])
def test_no_translation_is_public_before_the_releases_embargo_whatever_the_order(
    client, admin_client, admin_user, home_page, news_index, translate, original_language
):
    translate(news_index, title="News")
    languages = {code: Locale.objects.get(language_code=code) for code in ("it", "en")}
    target = "en" if original_language == "it" else "it"

    with time_machine.travel(NOW, tick=False):
        admin_client.force_login(admin_user)  # signed in at that time: sessions expire
        release = Release(admin_client, languages[original_language], languages[target], 1)
        steps = []
        release.check(client, steps)
        for number, operation in enumerate(WALK, start=1):
            release.do(operation)
            steps.append(operation)
            # The addresses themselves every few steps and at the end (requests cost most); the queries always.
            requests = number % 5 == 0 or number == len(WALK)
            release.check(client, steps, requests)
            release.check_released(client, steps, requests)
        assert {(a, b) for a, b in itertools.pairwise(WALK)} == set(itertools.permutations(OPERATIONS, 2))


@pytest.mark.django_db
def test_the_translation_editor_shows_the_releases_embargo_and_that_it_changed(
    admin_client, admin_user, home_page, news_index, translate
):
    translate(news_index, title="News")
    with time_machine.travel(NOW, tick=False):
        admin_client.force_login(admin_user)
        original = factories.NewsPageFactory(parent=news_index, title="Comunicato", embargo_until=FIRST_EMBARGO)
        english = translate(original, title="Release")
        before = admin_client.get(admin_forms.edit_url(english)).content.decode()

    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        data = admin_forms.news_page_form(
            publish=False, title=original.title, slug=original.slug, embargo_until=admin_time(FIRST_EMBARGO + HOUR)
        )
        assert admin_client.post(admin_forms.edit_url(original), data).status_code == 302
        after = admin_client.get(admin_forms.edit_url(english)).content.decode()

    def notice(html):
        return BeautifulSoup(html, "html.parser").select_one("[data-release-embargo]").get_text(" ", strip=True)

    assert "09:00" in notice(before) and "sincronizzazione" not in notice(before)
    assert "10:00" in notice(after), "the release's embargo, not the translation's stale copy"
    assert "sincronizzazione" in notice(after), "the embargo changed after the last sync"
