"""The pages' audit log says what was done with early access, never to whom: every user who may edit a page reads
its history and the site history (Editors, Translators), while who holds an embargoed release, and their name,
organisation and e-mail, are for those who may give access. Each entry names the link by its number; the
Moderators' list of the links given says whose it is, who gave and who revoked it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from earlyaccess.models import Grant
from tests.earlyaccess.conftest import make_recipient
from tests.earlyaccess.test_admin import before_the_embargo, grants_url

NAME, ORGANISATION, EMAIL = "Giulia Ferri", "La Gazzetta del Po", "giulia@example.org"
ACTIONS = ["earlyaccess.grant", "earlyaccess.send", "earlyaccess.new_link", "earlyaccess.revoke"]
# What the history says of each action, in each admin language ({number}: the link's).
SAID = {
    "it": [
        "Accesso anticipato dato a un destinatario (link n. {number})",
        "Link di accesso anticipato inviato per e-mail al destinatario (link n. {number})",
        "Link di accesso anticipato sostituito (link n. {number})",
        "Accesso anticipato revocato a un destinatario (link n. {number})",
    ],
    "en": [
        "Early access given to one recipient (link no. {number})",
        "Early-access link e-mailed to its recipient (link no. {number})",
        "Early-access link replaced (link no. {number})",
        "Early access revoked for one recipient (link no. {number})",
    ],
}


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def give_send_replace_and_revoke(moderator_client, page):
    """What a Moderator does with one journalist's link, through the admin: every action the log records."""
    journalist = make_recipient(NAME, ORGANISATION, email=EMAIL)
    with before_the_embargo():
        moderator_client.post(
            grants_url(page), {"recipients": [journalist.pk], "expires_at": "2031-05-20 10:00", "send_email": "on"}
        )
        item = Grant.objects.get()
        moderator_client.post(reverse("earlyaccess_admin:new_link", args=[item.pk]))
        # Followed, as a browser does: the message naming the recipient is read there, not on the next page.
        moderator_client.post(reverse("earlyaccess_admin:revoke", args=[item.pk]), follow=True)
    return item


def names_anyone(text):
    return NAME in text or ORGANISATION in text or EMAIL in text


def rows_about(response, page):
    """The rows of the site history about ``page``: the report lists every object the user may see."""
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    return [text for text in (" ".join(row.get_text(" ").split()) for row in rows) if page.title in text]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("role", ["translator", "editor", "moderator"])
def test_the_history_says_what_was_done_and_names_no_recipient(request, moderator_client, release, role, language):
    item = give_send_replace_and_revoke(moderator_client, release["it"])
    user, client = request.getfixturevalue(role), request.getfixturevalue(f"{role}_client")
    speaks(user, language)
    said = [message.format(number=item.pk) for message in SAID[language]]

    page_history = client.get(reverse("wagtailadmin_pages:history", args=[release["it"].pk]))
    site_history = client.get(reverse("wagtailadmin_reports:site_history"))

    assert page_history.status_code == site_history.status_code == 200
    assert not names_anyone(page_history.content.decode())
    assert all(message in text_of(page_history) for message in said)
    about_the_release = rows_about(site_history, release["it"])
    assert not [row for row in about_the_release if names_anyone(row)]
    assert all(any(message in row for row in about_the_release) for message in said)
    if role == "translator":
        # Translators see no recipient at all; Editors and Moderators see the recipients' own entries (Editors
        # propose them), never beside a release.
        assert not names_anyone(site_history.content.decode())


@pytest.mark.django_db
def test_the_log_entries_keep_no_personal_data(moderator_client, release):
    give_send_replace_and_revoke(moderator_client, release["it"])

    entries = PageLogEntry.objects.filter(action__startswith="earlyaccess.")
    assert sorted(entries.values_list("action", flat=True)) == sorted(ACTIONS)
    for entry in entries:
        assert set(entry.data) <= {"grant", "until"}, entry.data


@pytest.mark.django_db
def test_the_moderators_list_of_links_names_the_recipient_of_each_number(moderator, moderator_client, release):
    item = give_send_replace_and_revoke(moderator_client, release["it"])

    with before_the_embargo():
        text = text_of(moderator_client.get(grants_url(release["it"])))

    assert f"{NAME} ({ORGANISATION}) {EMAIL} Link n. {item.pk}" in text
    # Given and revoked, each with who did it.
    assert text.count(f", da {moderator.get_full_name() or moderator.get_username()}") == 2


def log_as_before(page, moderator):
    """The entries the early-access log wrote before it left the recipient out."""
    personal = {"recipient": NAME, "organisation": ORGANISATION}
    for action in ACTIONS:
        data = {**personal, **({"email": EMAIL} if action == "earlyaccess.send" else {})}
        if action == "earlyaccess.grant":
            data["until"] = "2031-05-20T08:00:00+00:00"
        log(instance=page, action=action, user=moderator, data=data)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["translator", "editor"])
def test_entries_written_before_name_no_recipient_either(request, moderator, release, role):
    log_as_before(release["it"], moderator)
    client = request.getfixturevalue(f"{role}_client")

    page_history = client.get(reverse("wagtailadmin_pages:history", args=[release["it"].pk]))
    site_history = client.get(reverse("wagtailadmin_reports:site_history"))

    assert not names_anyone(page_history.content.decode())
    assert not [row for row in rows_about(site_history, release["it"]) if names_anyone(row)]
    # Without a number, the entry still says what was done.
    assert "Accesso anticipato dato a un destinatario" in text_of(page_history)
    assert any("Accesso anticipato dato a un destinatario" in row for row in rows_about(site_history, release["it"]))
