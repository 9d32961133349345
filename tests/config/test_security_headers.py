"""Security headers on what the site serves: the Content-Security-Policy for public pages, the admin and
the userbar; Permissions-Policy; Cross-Origin-Resource-Policy; and the Observatory's grade in production.
"""

import importlib
import sys

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from wagtail.models import Page

from home.models import HomePage
from news.models import NewsPage, without_embargoed
from projects.models import ProjectPage
from tests import observatory
from tests.observatory import parse_csp

pytestmark = pytest.mark.django_db

SCRIPT_AND_STYLE = ("default-src", "script-src", "script-src-elem", "script-src-attr", "style-src")
# Scripts the browser does not run, so script-src does not apply to them.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def public_pages():
    return [page.specific for page in Page.objects.live().public().filter(depth__gt=1).order_by("path")]


def policy_of(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    policy = parse_csp(header)
    assert policy is not None, f"unparsable Content-Security-Policy: {header}"
    return policy


def assert_no_inline_code_allowed(policy, where):
    for directive in SCRIPT_AND_STYLE:
        sources = policy.get(directive, [])
        unsafe = [s for s in sources if s in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*")]
        nonces = [s for s in sources if s.startswith("'nonce-")]
        assert not unsafe, f"{where}: {directive} allows {unsafe}"
        assert not nonces, f"{where}: {directive} has a nonce, so the page could not be cached for everyone"
    for directive in ("script-src", "style-src", "object-src", "base-uri", "form-action", "frame-ancestors"):
        assert directive in policy, f"{where}: no {directive}"
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def inline_code(html):
    """Everything in a page (its HTML, or that parsed) that a policy without 'unsafe-inline' would block."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        if not script.get("src") and (script.get("type") or "").lower() not in DATA_SCRIPTS:
            found.append(f"inline script: {str(script)[:80]}")
    found += [f"<style>: {str(style)[:80]}" for style in soup.find_all("style")]
    for tag in soup.find_all(True):
        for attribute in tag.attrs:
            if attribute.lower() == "style" or attribute.lower().startswith("on"):
                found.append(f"{attribute}= on <{tag.name}>")
            if attribute.lower() in ("href", "src", "action", "formaction") and str(tag[attribute]).strip().lower()[
                :11
            ].startswith("javascript:"):
                found.append(f"javascript: URL in <{tag.name} {attribute}>")
    return found


def test_every_public_page_has_the_strict_policy_and_no_inline_code(client, demo_pages):
    pages = public_pages()
    readable = set(
        without_embargoed(Page.objects.filter(pk__in=[page.pk for page in pages])).values_list("pk", flat=True)
    )
    types = {type(page) for page in pages}
    assert {HomePage, ProjectPage, NewsPage} <= types and len(types) >= 8, types
    served = 0
    for page in pages:
        url = page.get_url()
        response = demo_pages.get(client, url)
        # A page under a release embargo answers 404, with the same policy.
        assert response.status_code == (200 if page.pk in readable else 404), url
        served += response.status_code == 200
        assert_no_inline_code_allowed(policy_of(response), url)
        assert not inline_code(response.soup), f"{url}: {inline_code(response.soup)}"
    assert served > len(pages) // 2


@pytest.mark.parametrize(
    "path", ["/cerca/?q=torino", "/en/search/?q=torino", "/pagina-che-non-esiste/", "/sitemap.xml"]
)
def test_other_public_responses_have_the_strict_policy(client, demo, path):
    response = client.get(path)
    assert_no_inline_code_allowed(policy_of(response), path)
    if response["Content-Type"].startswith("text/html"):
        assert not inline_code(response.content), inline_code(response.content)


def test_map_tiles_are_allowed_from_their_server_only(client, demo, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/osm/{z}/{x}/{y}.png"
    home = HomePage.objects.live().first()
    policy = policy_of(client.get(home.get_url()))
    assert policy["img-src"] == ["'self'", "https://tiles.example.org"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_admin_gets_its_own_policy_scripts_from_self_only(admin_client, home_page):
    # The login form redirects an editor who is signed in already: its redirect carries the policy too.
    for path, status in [("/admin/", 200), (f"/admin/pages/{home_page.pk}/edit/", 200), ("/admin/login/", 302)]:
        response = admin_client.get(path)
        assert response.status_code == status, path
        policy = policy_of(response)
        # Measured: Wagtail starts its widgets with inline scripts; never eval, never another origin.
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["default-src"] == ["'self'"], path
        assert "'unsafe-inline'" in policy["style-src"], path
        assert policy["frame-ancestors"] == ["'self'"], path  # the preview iframe
        assert policy["object-src"] == ["'none'"], path


@pytest.mark.parametrize("view", ["view_draft", "edit/preview"])
def test_preview_is_served_under_the_admin_policy(admin_client, home_page, view):
    # Wagtail renders it through the middleware as a request for the public page: the admin's
    # policy must replace the public one, whose frame-ancestors 'none' would blank the editor's preview.
    response = admin_client.get(f"/admin/pages/{home_page.pk}/{view}/")
    assert response.status_code == 200
    assert policy_of(response)["frame-ancestors"] == ["'self'"]
    assert response.headers["Content-Security-Policy"].count("default-src") == 1


def test_public_page_keeps_the_strict_policy_for_staff(admin_client, client, home_page):
    # Wagtail's userbar: the public page shown to someone who may use the admin.
    anonymous = client.get("/")
    staff = admin_client.get("/")
    assert b"wagtail-userbar" in staff.content and b"wagtail-userbar" not in anonymous.content
    assert_no_inline_code_allowed(policy_of(staff), "/ (staff)")


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/robots.txt", "/sitemap.xml"])
def test_permissions_policy_and_corp_on_every_response(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers.get("Cross-Origin-Resource-Policy") == "same-origin", path
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "interest-cohort"):
        assert f"{feature}=()" in permissions, f"{path}: {feature} not denied in {permissions!r}"
    assert "Content-Security-Policy" in response.headers, path


# --- the Observatory's grade, with the production settings ------------------------------------------


def production_settings(monkeypatch):
    """The response-header settings of config/settings/production.py, read with a production environment."""
    monkeypatch.setenv("SECRET_KEY", "x" * 20 + "production-like-secret-for-the-grading-test-only")
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost")
    monkeypatch.setenv("ADMINS", "Web <web@example.org>")
    monkeypatch.setenv("SITE_URL", "https://localhost")
    # No Redis, so no cache lifetimes either (a run given CHROME_CACHE_SECONDS=300 for the test settings would make
    # production refuse to start: the caches need Redis).
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "MAP_TILE_URL",
        "REDIS_URL",
        "PAGE_CACHE_SECONDS",
        "CHROME_CACHE_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    module = importlib.import_module("config.settings.production")
    monkeypatch.delitem(sys.modules, "config.settings.production")
    prefixes = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "CONTENT_SECURITY_POLICY", "PERMISSIONS_POLICY")
    names = [name for name in dir(module) if name.startswith(prefixes) or name in ("X_FRAME_OPTIONS", "MAP_TILE_URL")]
    values = {name: getattr(module, name) for name in names}
    assert values["SECURE_HSTS_SECONDS"] >= observatory.SIX_MONTHS and values["SESSION_COOKIE_SECURE"]
    return values


def observatory_grade(url):
    client = Client(HTTP_HOST="localhost")
    http = client.get(url)
    response = client.get(url, secure=True)
    assert response.status_code == 200, url
    return observatory.grade(response, "https://localhost" + url, http_response=http)


def test_reading_the_production_settings_changes_none_of_the_running_ones(monkeypatch):
    """The grading tests read config/settings/production.py in this process: doing so must leave the settings in use
    as they were. (It once gave the tests' own PostgreSQL connection production's statement timeout.)"""
    import copy

    from django.conf import settings as running

    names = (
        "DATABASES",
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_ADMIN",
        "STORAGES",
        "MIDDLEWARE",
        "LOGGING",
    )
    before = {name: copy.deepcopy(getattr(running, name)) for name in names}
    monkeypatch.setenv("MEDIA_BUCKET", "media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("MEDIA_S3_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("MEDIA_S3_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("METRICS_ENABLED", "1")
    production_settings(monkeypatch)
    assert {name: getattr(running, name) for name in names} == before


@pytest.fixture
def production(monkeypatch):
    with override_settings(**production_settings(monkeypatch)):
        yield


def grade_page_types(demo):
    pages = [
        HomePage.objects.live().filter(locale__language_code="it").get(),
        ProjectPage.objects.live().filter(locale__language_code="it").order_by("path").first(),
        NewsPage.objects.live().filter(locale__language_code="en").order_by("path").first(),
    ]
    return {page.get_url(): observatory_grade(page.get_url()) for page in pages}


def test_home_project_and_news_pages_grade_a_plus(demo, production):
    for url, grade in grade_page_types(demo).items():
        assert grade.grade == "A+" and grade.score >= 100, f"{url}: {grade}"
        # The headers, not luck: every test passes with no penalty.
        assert all(modifier >= 0 for _, modifier in grade.results.values()), f"{url}: {grade}"


def test_without_the_csp_the_grade_falls(demo, production, settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "ContentSecurityPolicy" not in m]
    for url, grade in grade_page_types(demo).items():
        assert grade.results["content-security-policy"] == ("csp-not-implemented", -25)
        assert grade.score < 90, f"{url}: {grade}"


def test_cookies_of_the_login_form_get_the_cookie_bonus(demo, production):
    # The admin's login page sets the CSRF cookie: secure, SameSite=Lax in production. (The page itself
    # has the admin's policy, whose measured 'unsafe-inline' scripts cost it 20 points: B+ by design.)
    client = Client(HTTP_HOST="localhost")
    response = client.get("/admin/login/", secure=True)
    assert response.cookies, "the login page set no cookie: this test would grade nothing"
    grade = observatory.grade(response, "https://localhost/admin/login/", http_response=client.get("/admin/login/"))
    assert grade.results["cookies"] == ("cookies-secure-with-httponly-sessions-and-samesite", 5), str(grade)
    assert grade.results["content-security-policy"] == ("csp-implemented-with-unsafe-inline", -20), str(grade)


# --- no server version ----------------------------------------------------------------------------


def test_django_names_no_server(client, home_page):
    assert "Server" not in client.get("/").headers


def test_gunicorn_names_itself_without_its_version():
    # gunicorn writes its Server header itself (gunicorn/http/wsgi.py), with no setting to change it:
    # it must stay the bare name, "gunicorn", as in the pinned version.
    from types import SimpleNamespace

    import gunicorn
    from gunicorn.http.wsgi import Response

    response = Response(SimpleNamespace(version=(1, 1), should_close=lambda: True), sock=None, cfg=None)
    response.status = "200 OK"
    servers = [line for line in response.default_headers() if line.lower().startswith("server:")]
    assert servers == ["Server: gunicorn\r\n"]
    assert gunicorn.__version__ not in servers[0]
