"""An embargoed release in two languages, a draft dossier, recipients and their grants."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from base.site_url import site_root_url
from earlyaccess.models import Grant, Recipient
from tests import factories
from tests.demo_database import kept

# The news tests' embargoed release (an Italian press release under embargo until EMBARGO), and its translation.
from tests.news.test_embargo import AFTER, BEFORE, EMBARGO, TITLE  # noqa: F401
from tests.news.test_embargo import release as embargoed_release  # noqa: F401

TITLE_EN = "Turin presents its 2031 innovation plan"
NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def link(token, language=None, what=""):
    return f"/anteprima/{token}/" + (f"{language}/" if language else "") + (f"{what}/" if what else "")


def read(client, token, **extra):
    """What the recipient reads from the e-mailed address: that page, then its button, as a browser submits it."""
    response = client.get(link(token), **extra)
    if response.status_code != 200:
        return response
    form = BeautifulSoup(response.content, "html.parser").select_one('form[action^="/anteprima/"]')
    return client.get(form["action"], **extra)


def _headers(response):
    return sorted((name.lower(), value) for name, value in response.headers.items())


def not_found_answers(client, address):
    """The answers for ``address`` and for an address nobody knows, of the same length."""
    missing = "/" + "x" * (len(address) - 2) + "/"
    answers = [client.get(address), client.get(missing)]
    return answers, missing


def assert_same_as_unknown(first, second, address, missing):
    assert first.status_code == second.status_code == 404
    assert _headers(first) == _headers(second)
    # The 404 page names the address asked for (its language link): the same apart from that address.
    assert first.content.replace(address.encode(), b"ADDRESS") == second.content.replace(missing.encode(), b"ADDRESS")
    assert "no-store" in first["Cache-Control"]


# The ways a link to a file of a granted page stops working, beside the file's own (not used, wrong name).
BROKEN_LINKS = ["revoked", "expired", "unknown token", "other release"]


def break_link(case, address, item, token, recipient, news_index):
    """``address`` (a file under ``token``) as ``case`` breaks it: the grant revoked or expired, a token nobody was
    given, or the token of another embargoed release's grant."""
    if case == "revoked":
        item.revoke(None)
    elif case == "expired":
        item.expires_at = BEFORE - datetime.timedelta(minutes=1)
        item.save()
    elif case == "unknown token":
        address = address.replace(token, "A" * 43)
    elif case == "other release":
        with time_machine.travel(BEFORE - datetime.timedelta(days=1), tick=False):
            second = factories.NewsPageFactory(
                parent=news_index, is_press_release=True, embargo_until=BEFORE + datetime.timedelta(days=1)
            )
        _item, other_token = grant(recipient, second, Grant.RELEASE)
        address = address.replace(token, other_token)
    return address


def make_recipient(name="Giulia Ferri", organisation="La Gazzetta del Po", kind=Recipient.JOURNALIST, **fields):
    fields.setdefault("email", f"{name.split()[0].lower()}@example.org")
    recipient = Recipient(name=name, organisation=organisation, kind=kind, **fields)
    recipient.save()
    recipient.save_revision().publish()
    return recipient


def grant(recipient, page, subject, expires_at=EMBARGO, **fields):
    """A grant and its token, as the admin makes them."""
    item = Grant(
        recipient=recipient,
        page=page,
        translation_key=page.translation_key,
        subject=subject,
        expires_at=expires_at,
        **fields,
    )
    token = item.new_token()
    item.save()
    return item, token


def same_site_addresses(response):
    """The addresses of the site a page links to (paths, fragments dropped), whether written as paths or in full."""
    root = site_root_url()
    addresses = set()
    for anchor in BeautifulSoup(response.content, "html.parser").select("a[href]"):
        href = anchor["href"].split("#")[0]
        if href.startswith(root + "/"):
            href = href.removeprefix(root)
        if href.startswith("/"):
            addresses.add(href)
    return addresses


@kept
def release(embargoed_release, translate):  # noqa: F811 (the fixture imported above)
    """{"it": page, "en": page}: the news tests' release under embargo, published in both languages."""
    with time_machine.travel(EMBARGO - datetime.timedelta(days=2), tick=False):
        english = translate(embargoed_release, title=TITLE_EN, slug="innovation-plan-2031")
    return {"it": embargoed_release, "en": english}


@pytest.fixture
def journalist(db):
    return make_recipient()


@pytest.fixture
def english_journalist(db):
    return make_recipient("Tom Hale", "Wire Europe", language="en")


@pytest.fixture
def juror(db):
    return make_recipient("Ana Sousa", "iCapital jury", kind=Recipient.JUROR, language="en")


@pytest.fixture
def dossier(home_page):
    """A dossier never published: a draft the jury reviews."""
    criterion = factories.AwardCriterionFactory(name="Innovazione aperta")
    page = factories.DossierPageFactory(parent=home_page, live=False, title="Dossier di candidatura 2031")
    page.save_revision()
    page.criterion = criterion
    return page
