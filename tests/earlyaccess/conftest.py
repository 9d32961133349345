"""An embargoed release in two languages, a draft dossier, recipients and their grants."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from earlyaccess.models import Grant, Recipient
from tests import factories

ROME = ZoneInfo("Europe/Rome")
EMBARGO = datetime.datetime(2031, 5, 20, 10, 0, tzinfo=ROME)
BEFORE = EMBARGO - datetime.timedelta(hours=1)
AFTER = EMBARGO + datetime.timedelta(seconds=1)
TITLE = "Torino presenta il piano per l'innovazione 2031"
TITLE_EN = "Turin presents its 2031 innovation plan"


def make_recipient(name="Giulia Ferri", organisation="La Gazzetta del Po", kind=Recipient.JOURNALIST, **fields):
    recipient = Recipient(
        name=name, organisation=organisation, email=f"{name.split()[0].lower()}@example.org", kind=kind, **fields
    )
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


@pytest.fixture
def release(home_page, news_index, translate):
    """{"it": page, "en": page}: a press release under embargo until EMBARGO, published in both languages."""
    translate(home_page, title="Torino Innovation")
    with time_machine.travel(EMBARGO - datetime.timedelta(days=2), tick=False):
        page = factories.NewsPageFactory(
            parent=news_index,
            title=TITLE,
            slug="piano-innovazione-2031",
            date=EMBARGO.date(),
            is_press_release=True,
            embargo_until=EMBARGO,
            body=[factories.paragraph("<p>Il piano introduce lo zafferanowatt nei quartieri.</p>")],
        )
        english = translate(page, title=TITLE_EN, slug="innovation-plan-2031")
    return {"it": page, "en": english}


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


# The editorial roles (signed-in clients per group) of the workflow tests.
from tests.editorial.conftest import (  # noqa: E402, F401
    editor,
    editor_client,
    editorial_groups,
    moderator,
    moderator_client,
    translator,
    translator_client,
)
