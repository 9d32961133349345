"""What a personal link opens, and what it answers when it must reveal nothing."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from earlyaccess import throttle
from earlyaccess.models import Grant, Opening, token_digest
from tests import factories
from tests.earlyaccess.conftest import (
    AFTER,
    BEFORE,
    EMBARGO,
    NO_STORE,
    TITLE,
    TITLE_EN,
    assert_same_as_unknown,
    grant,
    link,
    not_found_answers,
    read,
    same_site_addresses,
)
from tests.news.test_embargo import WORD


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_a_journalist_reads_the_embargoed_release_in_their_language_with_their_name(client, release, journalist):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        response = read(client, token)

    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == TITLE
    assert html.find("html")["lang"] == "it"
    banner = html.select_one(".early-access-banner").get_text(" ", strip=True)
    assert "Giulia Ferri" in banner and "La Gazzetta del Po" in banner
    assert "Sotto embargo fino al" in banner or "Embargoed until" in banner
    assert html.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert response["Cache-Control"] == NO_STORE
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Set-Cookie" not in response, "a response that sets cookies is personal, whatever else it says"
    # The editors' notice is not what the public will see.
    assert "the public cannot see this page yet" not in response.content.decode()


@pytest.mark.django_db
def test_the_same_link_switches_to_the_other_language(client, release, journalist, english_journalist):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    _grant, english_token = grant(english_journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        italian = soup(read(client, token))
        switcher = {a["lang"]: a["href"] for a in italian.select(".language-switcher a")}
        english = client.get(switcher["en"])
        # A recipient whose language is English lands on the English version.
        default = soup(read(client, english_token))

    assert switcher == {"it": link(token, "it"), "en": link(token, "en")}
    assert english.status_code == 200
    assert english["Cache-Control"] == NO_STORE
    assert soup(english).find("h1").get_text(strip=True) == TITLE_EN
    assert soup(english).find("html")["lang"] == "en"
    assert "Giulia Ferri" in soup(english).select_one(".early-access-banner").get_text()
    assert default.find("h1").get_text(strip=True) == TITLE_EN
    assert "Tom Hale" in default.select_one(".early-access-banner").get_text()
    # No hreflang alternates to the public addresses of a page that is not public.
    assert not italian.select('link[rel="alternate"][hreflang]')


@pytest.mark.django_db
def test_every_link_of_the_release_opens_for_the_journalist(client, release, journalist):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        addresses = same_site_addresses(read(client, token)) | same_site_addresses(client.get(link(token, "en")))
        answers = {address: client.get(address).status_code for address in addresses}
    assert {link(token, "it"), link(token, "en")} <= addresses
    assert release["it"].url not in addresses and release["en"].url not in addresses
    assert answers == dict.fromkeys(addresses, 200)


@pytest.mark.django_db
def test_a_forwarded_link_still_names_the_original_recipient(client, django_user_model, release, journalist):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    client.force_login(django_user_model.objects.create_user("altro", password="x"))  # noqa: S106
    with time_machine.travel(BEFORE, tick=False):
        response = read(client, token)
    assert "Giulia Ferri" in soup(response).select_one(".early-access-banner").get_text()


@pytest.mark.django_db
def test_at_the_end_of_the_embargo_the_link_leads_to_the_public_page(client, release, journalist):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE, expires_at=EMBARGO)
    with time_machine.travel(AFTER, tick=False):
        response = read(client, token)
        english = client.get(link(token, "en"))
    assert response.status_code == 302
    assert response["Location"] == release["it"].url
    assert english["Location"] == release["en"].url
    assert response["Cache-Control"] == NO_STORE
    assert Opening.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["unknown", "expired", "revoked", "inactive", "unapproved", "other language"])
def test_a_link_that_does_not_work_answers_exactly_like_an_unknown_address(client, release, journalist, case):
    item, token = grant(journalist, release["it"], Grant.RELEASE)
    address = link(token)
    if case == "unknown":
        address = link("A" * 43)
    elif case == "expired":
        item.expires_at = BEFORE - datetime.timedelta(minutes=1)
        item.save()
    elif case == "revoked":
        item.revoke(None)
    elif case == "inactive":
        journalist.active = False
        journalist.save()
    elif case == "unapproved":
        journalist.unpublish()
    elif case == "other language":
        address = link(token, "en")
        release["en"].unpublish()
    with time_machine.travel(BEFORE, tick=False):
        (first, second), missing = not_found_answers(client, address)
    assert_same_as_unknown(first, second, address, missing)
    assert Opening.objects.count() == 0


@pytest.mark.django_db
def test_a_revoked_link_stays_dead_after_the_embargo(client, release, journalist):
    item, token = grant(journalist, release["it"], Grant.RELEASE)
    item.revoke(None)
    with time_machine.travel(AFTER, tick=False):
        (first, second), missing = not_found_answers(client, link(token))
    assert_same_as_unknown(first, second, link(token), missing)


@pytest.mark.django_db
def test_nothing_works_for_a_page_that_is_not_a_release_or_a_dossier(client, standard_page, journalist):
    _grant, token = grant(journalist, standard_page, Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        (first, second), missing = not_found_answers(client, link(token))
    assert_same_as_unknown(first, second, link(token), missing)


@pytest.mark.django_db
def test_a_release_link_has_no_pdf_or_print_view(client, release, journalist):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        for what in ("pdf", "print"):
            (first, second), missing = not_found_answers(client, link(token, "it", what))
            assert_same_as_unknown(first, second, link(token, "it", what), missing)


@pytest.mark.django_db
def test_only_the_digest_of_a_token_is_stored(release, journalist):
    item, token = grant(journalist, release["it"], Grant.RELEASE)
    item.refresh_from_db()
    assert item.token_hash == token_digest(token) != token
    assert len(token) == 43
    assert Grant.find(token) == item
    assert Grant.find(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


@pytest.mark.django_db
def test_every_token_is_looked_up_alike_up_to_the_decision(release, journalist, english_journalist):
    """A wrong token skips nothing a right one does before the link is found to work or not: one digest, the same
    query by that digest, one constant-time comparison, and the decision from that row alone. (Wall-clock time is
    not measured: what is compared is the work.)"""
    right, right_token = grant(journalist, release["it"], Grant.RELEASE)
    revoked, revoked_token = grant(english_journalist, release["it"], Grant.RELEASE)
    revoked.revoke(None)
    tokens = {
        "right": right_token,
        "revoked": revoked_token,
        "unknown": "A" * 43,
        "one character off": right_token[:-1] + ("A" if right_token[-1] != "A" else "B"),
    }
    # Django keeps the content types once read, for every later request and every token: read them first.
    assert Grant.find(right_token).opens

    decisions, lookups = {}, {}
    for name, token in tokens.items():
        with CaptureQueriesContext(connection) as queries:
            found = Grant.find(token)
            decisions[name] = found is not None and found.opens
        lookups[name] = [query["sql"].replace(token_digest(token), "DIGEST") for query in queries.captured_queries]

    assert decisions == {"right": True, "revoked": False, "unknown": False, "one character off": False}
    assert len(lookups["right"]) == 1
    assert all(sql == lookups["right"] for sql in lookups.values()), lookups


@pytest.mark.django_db
def test_a_revoked_link_answers_with_the_work_of_an_unknown_one(client, release, journalist):
    item, token = grant(journalist, release["it"], Grant.RELEASE)
    item.revoke(None)
    unknown = "A" * 43
    counts = {}
    with time_machine.travel(BEFORE, tick=False):
        client.get(link(unknown))  # the 404 page's own first reads (site, menus) are kept for the next ones
        for name, address in (("revoked", link(token)), ("unknown", link(unknown))):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(address).status_code == 404
            counts[name] = len(queries.captured_queries)
    assert counts["revoked"] == counts["unknown"]


@pytest.mark.django_db
def test_each_opening_is_recorded(client, release, journalist):
    item, token = grant(journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        read(client, token)
        client.get(link(token, "en"))
    openings = list(Opening.objects.order_by("pk"))
    assert [(o.recipient_name, o.language, o.what, o.grant) for o in openings] == [
        ("Giulia Ferri", "it", "page", item),
        ("Giulia Ferri", "en", "page", item),
    ]
    assert [o.page_id for o in openings] == [release["it"].pk, release["en"].pk]
    assert all(o.opened_at == BEFORE for o in openings)


@pytest.mark.django_db
def test_repeated_wrong_links_are_throttled_for_that_address_only(client, release, journalist, monkeypatch):
    monkeypatch.setattr(throttle, "WRONG_LINK_LIMIT", 3)
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    with time_machine.travel(BEFORE, tick=False):
        wrong = [client.get(link(f"{n}" * 43), **attacker).status_code for n in range(3)]
        # Once throttled, even a right link is not looked up from that address: guessing gets no further.
        blocked = read(client, token, **attacker)
        other = read(client, token, REMOTE_ADDR="198.51.100.7")
    assert wrong == [404, 404, 404]
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == str(throttle.WRONG_LINK_WINDOW)
    assert blocked["Cache-Control"] == NO_STORE
    assert other.status_code == 200, "one attacker locks out nobody else"


@pytest.mark.django_db
def test_nothing_of_the_early_access_view_reaches_the_cache(client, release, journalist):
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    cache.clear()
    with time_machine.travel(BEFORE, tick=False):
        response = read(client, token)
    assert response["Cache-Control"] == NO_STORE
    keys = list(getattr(cache, "_cache", {}).keys())
    assert not [key for key in keys if token in str(key) or "anteprima" in str(key)]


def test_tokens_expire_in_the_future_by_default_of_the_form(db):
    assert timezone.now() < EMBARGO


@pytest.mark.django_db
def test_an_editors_later_draft_of_an_unpublished_release_does_not_reach_the_journalist(
    client, news_index, journalist, editor
):
    """What the journalist reads is what the Moderator gave access to: saving a draft approves nothing."""
    page = factories.NewsPageFactory(
        parent=news_index, title=TITLE, live=False, is_press_release=True, date=EMBARGO.date(), embargo_until=EMBARGO
    )
    page.save_revision()
    _grant, token = grant(journalist, page, Grant.RELEASE)
    page.title = "Bozza non approvata"
    page.save_revision(user=editor)

    with time_machine.travel(BEFORE, tick=False):
        response = client.get(link(token, "it"))

    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == TITLE
    assert "Bozza non approvata" not in response.content.decode()


@pytest.mark.django_db
def test_a_head_request_is_refused_and_not_recorded(client, release, journalist):
    """Mail scanners and link checkers send HEAD: it is not someone reading the release."""
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        answers = [client.head(link(token)), client.head(link(token, "en"))]
    assert [answer.status_code for answer in answers] == [405, 405]
    assert answers[0]["Allow"] == "GET"
    assert not Opening.objects.exists()


@pytest.mark.django_db
def test_the_emailed_address_shows_a_button_and_records_nothing_until_it_is_pressed(client, release, journalist):
    """Mail scanners fetch every link of a message: what they fetch is not the release, nor an opening."""
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    with time_machine.travel(BEFORE, tick=False):
        scanned = client.get(link(token))
        assert not Opening.objects.exists()
        read(client, token)

    assert scanned.status_code == 200
    assert scanned["Cache-Control"] == NO_STORE
    html = soup(scanned)
    form = html.select_one('form[action^="/anteprima/"]')
    assert form.select_one("button").get_text(strip=True) == "Apri il comunicato sotto embargo"
    assert form["action"] == link(token, "it")
    assert WORD not in scanned.content.decode(), "nothing of the release but its title"
    assert [opening.what for opening in Opening.objects.all()] == [Opening.PAGE]


@pytest.mark.django_db
def test_early_access_neither_reads_nor_keeps_the_renderings_kept_for_readers(
    client, release, journalist, settings, monkeypatch
):
    """What it shows is the release as granted, not as readers see it: a rendering kept for readers (menus, listings:
    base/fragment_cache.py) must not stand in for it, nor must what it renders be kept for readers."""
    settings.CHROME_CACHE_SECONDS = 300
    _grant, token = grant(journalist, release["it"], Grant.RELEASE)
    asked = []
    for name in ("get", "set"):
        original = getattr(cache, name)
        monkeypatch.setattr(
            cache,
            name,
            lambda key, *args, _original=original, **kwargs: (asked.append(key), _original(key, *args, **kwargs))[1],
        )

    with time_machine.travel(BEFORE, tick=False):
        assert read(client, token).status_code == 200
        client.get("/")  # a reader's page, for contrast: its chrome is kept

    chrome = [key for key in asked if key.startswith("chrome:")]
    assert chrome, "the reader's page keeps its chrome"
    asked.clear()
    with time_machine.travel(BEFORE, tick=False):
        assert read(client, token).status_code == 200
    assert not [key for key in asked if key.startswith("chrome:")]
