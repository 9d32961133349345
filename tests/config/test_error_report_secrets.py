"""Error reports never carry a secret from the POST data: a password, a code, a token, a key (config/error_reports.py's
SettingsFilter), whether or not the view that failed marked its fields with sensitive_post_parameters; nor a cookie's
value, nor a header's credentials; nor a secret from the address: a token in the path (an early-access link, a password
reset link) or a query parameter named like a secret, anywhere in the mail (config/error_reports.py's ErrorReporter).

wagtail-2fa's device set-up form marked none, and a report of its 500 mailed the user's password to ADMINS.
"""

import sys

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import path, reverse
from django.views.debug import ExceptionReporter
from django.views.decorators.csrf import csrf_exempt
from wagtail_2fa.forms import DeviceForm

from config.urls import urlpatterns as site_urlpatterns
from tests.config.test_error_reporting import ADMINS, reports  # noqa: F401 (fixture)

PASSWORD = "Corso-Vittorio-Emanuele-42"  # noqa: S105
SECRETS = {
    "password": PASSWORD,
    "passwd": "Via-Po-17-passwd",
    "new_password1": "Piazza-Castello-1-new",
    "otp_token": "493027",
    "recovery_code": "k7q2m9x4",
    "code": "mnbvcx98",
    "csrfmiddlewaretoken": "csrf-value-0123456789",
    "client_secret": "s3cr3t-value-abcdef",
    "api_key": "key-value-zyxwvu",
}
# Names that hold no secret, though "code" or "key" is in them: they help whoever investigates the error.
HARMLESS = {
    "name": "Telefono di Anna",
    "title": "Bando 2026",
    "language_code": "it",
    "status_code": "404",
    "translation_key": "5f0c8a52-2b7e-4b8e-9d6c-1f2a3b4c5d6e",
    "bypass_cache": "no",
}


@csrf_exempt
def failing_view(request):
    """A view of ours that forgot sensitive_post_parameters, failing after it has read the data."""
    request.POST.get("password")
    raise RuntimeError("the view failed after reading the form")


# This module is the URLconf of the tests that POST to failing_view: the site's URLs plus that view.
urlpatterns = [path("failing-form/", failing_view, name="failing_form"), *site_urlpatterns]
handler500 = "config.db_errors.server_error"


@pytest.fixture
def mailing(settings, reports):  # noqa: F811
    settings.ADMINS = ADMINS
    settings.DEBUG = False
    return reports


def reports_sent(handler):
    assert handler.wait_until_sent(timeout=10)
    assert mail.outbox, "no error report was mailed"
    return "\n".join(message.body + "".join(str(part) for part in message.alternatives) for message in mail.outbox)


def test_a_report_hides_every_secret_field_of_a_post_whatever_the_view(db, settings, mailing):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.post("/failing-form/", {**SECRETS, **HARMLESS})

    assert response.status_code == 500
    report = reports_sent(mailing)
    assert "RuntimeError" in report
    for name, value in SECRETS.items():
        assert value not in report, f"{name} is in the error report"
        assert f"{name} = '********************'" in report
    # What is not a secret is still there to help whoever reads the report.
    for name, value in HARMLESS.items():
        assert f"{name} = {value!r}" in report


def report_text(request):
    try:
        raise RuntimeError("the view failed")
    except RuntimeError:
        return ExceptionReporter(request, *sys.exc_info(), is_email=True).get_traceback_text()


@pytest.mark.parametrize(
    "name",
    [
        *SECRETS,
        "totp_code",
        "totpCode",
        "backup-code",
        "session_key",
        "sessionid",
        "apikey",
        "api-key",
        "x-api-key",
        "apiKey",
        "private-key",
        "private_key",
        "access_token",
        "refresh_token",
        "auth",
        "authorization",
        "signature",
        "sig",
        "pin",
    ],
)
def test_a_field_named_like_a_secret_is_hidden(settings, name):
    settings.DEBUG = False
    report = report_text(RequestFactory().post("/form/", {name: "valore-segreto-93"}))

    assert "valore-segreto-93" not in report
    assert f"{name} = '********************'" in report


@pytest.mark.parametrize(
    "name",
    [
        *HARMLESS,
        "country_code",
        "postal_code",
        "sort_key",
        "cache_key",
        "page_key",
        "author",
        "authored_by",
        "design",
        "passenger",
        "keywords",
    ],
)
def test_a_field_named_like_no_secret_is_shown(settings, name):
    settings.DEBUG = False
    report = report_text(RequestFactory().post("/form/", {name: "valore-innocuo-93"}))

    assert f"{name} = 'valore-innocuo-93'" in report


def test_a_report_shows_no_cookie_and_no_credential_header(db, settings, mailing):
    """The request's cookies (the session's, the CSRF token, a signed message, any other) and the headers that
    carry credentials are named in the mail, their values never are."""
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    cookies = {
        settings.SESSION_COOKIE_NAME: "sessione-q8w7e6r5t4y3u2i1",
        settings.CSRF_COOKIE_NAME: "csrf-cookie-0p9o8i7u6y5t",
        "messages": "messaggio-firmato-1a2b3c:4d5e6f",
        "preferenze": "mappa-scura-7g8h9j",
    }
    client.cookies.load(cookies)
    secrets = {"totp_code": "604182", "access_token": "token-di-accesso-z9y8", "api-key": "chiave-api-x7w6"}

    response = client.post(
        "/failing-form/",
        {**secrets, "status_code": "404"},
        headers={"Authorization": "Bearer intestazione-b5v4c3", "X-Api-Key": "intestazione-api-n2m1"},
    )

    assert response.status_code == 500
    report = reports_sent(mailing)
    assert "RuntimeError" in report
    for name, value in cookies.items():
        assert value not in report, f"the cookie {name} is in the error report"
        assert f"{name} = '********************'" in report
    for value in [*secrets.values(), "intestazione-b5v4c3", "intestazione-api-n2m1"]:
        assert value not in report
    assert "status_code = '404'" in report


def test_the_html_report_hides_the_secrets_among_the_frames_variables(db, settings):
    """The HTML version (an AdminEmailHandler with include_html) lists each frame's variables: the POST data as the
    view's form holds it, and a local variable holding the password itself."""
    settings.DEBUG = False
    request = RequestFactory().post("/failing-form/", {**SECRETS, **HARMLESS})

    def clean_password(data):
        password = data["password"]  # noqa: F841 (the variable the report must not show)
        raise RuntimeError("checking the password failed")

    try:
        clean_password(request.POST.copy())
    except RuntimeError:
        html = ExceptionReporter(request, *sys.exc_info(), is_email=True).get_traceback_html()

    for name, value in SECRETS.items():
        assert value not in html, f"{name} is in the HTML report"
    assert "Telefono di Anna" in html


def test_a_failing_device_set_up_mails_no_password_and_no_code(db, settings, mailing, monkeypatch):
    """wagtail-2fa's device form, failing while it saves: the password and the code it was sent stay out of the
    report (the view marks them, and the filter would hide them anyway)."""
    settings.WAGTAIL_2FA_REQUIRED = True
    user = get_user_model().objects.create_superuser("amministratrice", "amministratrice@comune.torino.it", PASSWORD)

    def failing_save(form):
        raise RuntimeError("the device could not be saved")

    monkeypatch.setattr(DeviceForm, "clean_otp_token", lambda form: form.cleaned_data["otp_token"])
    monkeypatch.setattr(DeviceForm, "save", failing_save)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    client.get(reverse("wagtail_2fa_device_new"))

    response = client.post(
        reverse("wagtail_2fa_device_new"), {"name": "Telefono", "otp_token": "493027", "password": PASSWORD}
    )

    assert response.status_code == 500
    report = reports_sent(mailing)
    assert "the device could not be saved" in report
    assert PASSWORD not in report
    assert "493027" not in report


EARLY_ACCESS_TOKEN = "Qm9yZ28tRG9yYS0xMi1hbnRlcHJpbWEtc2VncmV0bzQ"  # noqa: S105 (43 characters, as a grant's)
RESET_TOKEN = "cz7k1p-4f0b9e2d8a6c1357e9b0d2f4a6c8e0b1"  # noqa: S105
SIGNATURE = "firma-9d8c7b6a5f4e3d2c"
HIDDEN = "********************"


@pytest.fixture(params=[False, True], ids=["text", "with-html"])
def mailed(request, mailing, monkeypatch):
    """The reports as the handler mails them: as text (LOGGING's configuration), or with their HTML version too."""
    monkeypatch.setattr(mailing, "include_html", request.param)

    def read():
        assert mailing.wait_until_sent(timeout=10)
        [message] = mail.outbox
        assert len(message.alternatives) == int(request.param)
        return message.subject, message.body, "".join(str(content) for content, _type in message.alternatives)

    return read


def failing(monkeypatch, target, name):
    def fail(*args, **kwargs):
        raise RuntimeError("the view failed at a personal address")

    monkeypatch.setattr(target, name, fail)


def test_a_report_hides_the_token_of_an_early_access_link(db, monkeypatch, mailed):
    """An early-access link (/anteprima/<token>/…) failing: its token is nowhere in the mail, neither in the subject
    nor the "Request URL" nor META (the path, the address as the server received it, a Referer that is the link
    too); the rest of the address is there."""
    from earlyaccess import views

    failing(monkeypatch, views, "_open")
    client = Client(raise_request_exception=False)
    address = f"/anteprima/{EARLY_ACCESS_TOKEN}/it/"

    response = client.get(
        address,
        headers={"Referer": f"https://innovazione.torino.it/anteprima/{EARLY_ACCESS_TOKEN}/"},
        # As gunicorn passes the address it received, the query string the site ignores included.
        RAW_URI=f"{address}?signature={SIGNATURE}&utm_source=newsletter",
    )

    assert response.status_code == 500
    subject, text, html = mailed()
    for part in (subject, text, html):
        assert EARLY_ACCESS_TOKEN not in part
        assert SIGNATURE not in part
    assert f"/anteprima/{HIDDEN}/it/" in subject
    assert f"Request URL: http://testserver/anteprima/{HIDDEN}/it/\n" in text
    assert f"PATH_INFO = '/anteprima/{HIDDEN}/it/'" in text
    assert f"RAW_URI = '/anteprima/{HIDDEN}/it/?signature={HIDDEN}&utm_source=newsletter'" in text
    assert f"HTTP_REFERER = 'https://innovazione.torino.it/anteprima/{HIDDEN}/'" in text
    if html:
        assert f"/anteprima/{HIDDEN}/it/" in html


def test_a_report_hides_the_token_of_a_password_reset_link(db, monkeypatch, mailed):
    """The admin's password reset link (…/confirm/<uidb64>/<token>/): the token is hidden, the user's id is not."""
    from wagtail.admin.views import account

    failing(monkeypatch, account.PasswordResetConfirmView, "dispatch")
    client = Client(raise_request_exception=False)

    response = client.get(f"/admin/password_reset/confirm/MQ/{RESET_TOKEN}/")

    assert response.status_code == 500
    subject, text, html = mailed()
    for part in (subject, text, html):
        assert RESET_TOKEN not in part
    assert f"/admin/password_reset/confirm/MQ/{HIDDEN}/" in subject
    assert f"Request URL: http://testserver/admin/password_reset/confirm/MQ/{HIDDEN}/" in text


def test_a_report_hides_the_values_of_parameters_named_like_secrets(db, settings, mailed):
    """Any address's query string: ?token=, ?key=, ?sig= are hidden, short or long; ?page= is not. (A form posted
    there: a public page's GET keeps only the parameters the site reads, config/page_cache.py.)"""
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    address = f"/failing-form/?token=gettone-a1b2c3d4&key=k9&sig={SIGNATURE}&page=2"

    response = client.post(address, {"name": "Anna"}, REQUEST_URI=address)

    assert response.status_code == 500
    subject, text, html = mailed()
    for part in (subject, text, html):
        assert "gettone-a1b2c3d4" not in part
        assert SIGNATURE not in part
        assert "key=k9" not in part
    assert f"Request URL: http://testserver/failing-form/?token={HIDDEN}&key={HIDDEN}&sig={HIDDEN}&page=2" in text
    hidden_query = f"token={HIDDEN}&key={HIDDEN}&sig={HIDDEN}&page=2"
    assert f"QUERY_STRING = '{hidden_query}'" in text
    assert f"REQUEST_URI = '/failing-form/?{hidden_query}'" in text
    for name in ("token", "key", "sig"):
        assert f"{name} = '{HIDDEN}'" in text
    assert "page = '2'" in text
