"""deploy/varnish/default.vcl's rules about what it may keep, against a scripted app server: each test says what the
"app" answers for an address, and looks at what readers get through the real VCL.

Only Varnish is needed (no database): these rules guard what the app alone cannot, a shared cache serving one
reader's answer to another."""

import http.server
import os
import socketserver
import threading
import urllib.request

import pytest

from tests.topology.conftest import VARNISHD, Varnish
from tests.topology.servers import free_port

pytestmark = pytest.mark.topology


class ScriptedApp:
    """An HTTP server answering each path as ``script[path]`` says: (status, headers, body). Counts what it serves."""

    def __init__(self):
        self.script, self.served = {}, []
        self.healthy = True  # what /healthz says: False makes Varnish's probe take the app server out
        app = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/healthz":
                    status, headers, body = (200, {}, b"ok") if app.healthy else (503, {}, b"down")
                else:
                    app.served.append((self.path, self.headers.get("X-Forwarded-Proto")))
                    status, headers, body = app.script[self.path](self.headers)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.port = free_port()
        self.server = Server(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def times_served(self, path):
        return sum(1 for served, _proto in self.served if served == path)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def start_front(workdir):
    """Varnish with the real VCL in front of a new scripted app server: (varnish, app)."""
    if VARNISHD is None:
        message = "varnishd is needed (apt-get install varnish)"
        if os.environ.get("REQUIRE_TOPOLOGY_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    app = ScriptedApp()
    backends = f"""
backend app1 {{ .host = "127.0.0.1"; .port = "{app.port}"; .probe = healthz; }}
backend media {{ .host = "127.0.0.1"; .port = "{app.port}"; }}
acl purgers {{ "127.0.0.1"; }}
sub vcl_init {{
    new app = directors.round_robin();
    app.add_backend(app1);
}}
sub media_backend {{
    set req.backend_hint = media;
}}
"""
    try:
        return Varnish(free_port(), backends, workdir), app
    except BaseException:
        app.stop()
        raise


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    varnish, app = start_front(tmp_path_factory.mktemp("varnish-rules"))
    yield varnish, app
    varnish.stop()
    app.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is what the tests look at


# Straight to Varnish: no proxy from the environment, no redirect followed.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)


def get(varnish, path, headers=None):
    request = urllib.request.Request(varnish.url + path, headers=headers or {})
    try:
        with _opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def purge_all(varnish):
    request = urllib.request.Request(varnish.url + "/.page-cache/ban-all", method="PURGE")
    with _opener.open(request, timeout=10) as response:
        assert response.status == 200


def answer(status=200, body=b"page", **headers):
    return lambda request_headers: (status, {name.replace("_", "-"): value for name, value in headers.items()}, body)


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache-Control": "private, no-store"},  # the early-access pages
        {"Cache-Control": "no-store"},
        {"Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private"},  # Django's never_cache
        {"Cache-Control": "no-cache"},  # rendered while the content changed, or the app's cache out of reach
        {"Set-Cookie": "csrftoken=SECRET; Path=/"},
        {"Set-Cookie": "csrftoken=SECRET; Path=/", "Cache-Control": "public, max-age=60, s-maxage=300"},
    ],
    ids=["private-no-store", "no-store", "never-cache", "no-cache", "cookie", "cookie-with-public"],
)
def test_what_the_app_says_is_not_shared_is_asked_again_every_time(front, headers):
    varnish, app = front
    path = f"/anteprima/{abs(hash(tuple(headers.items())))}/"
    app.script[path] = answer(body=b"embargoed release for one journalist", **headers)
    answers = [get(varnish, path) for _ in range(3)]
    assert app.times_served(path) == 3
    assert all(answer_headers.get("X-Cache") == "MISS" for _status, answer_headers, _body in answers)


def test_a_revoked_early_access_link_stops_working_at_once(front):
    varnish, app = front
    path = "/anteprima/revocato/"
    app.script[path] = answer(body=b"embargoed", Cache_Control="private, no-store")
    assert get(varnish, path)[0] == 200
    app.script[path] = answer(status=404, body=b"not found", Cache_Control="max-age=0, no-cache, no-store, private")
    assert get(varnish, path)[0] == 404


def test_the_redirect_to_https_is_never_served_to_https_readers(front):
    varnish, app = front

    def https_only(request_headers):
        if request_headers.get("X-Forwarded-Proto") != "https":
            return 301, {"Location": "https://torino.example/notizie/"}, b""
        return 200, {"Cache-Control": "public, max-age=60, s-maxage=300"}, b"the news"

    app.script["/notizie/"] = https_only
    assert get(varnish, "/notizie/", {"X-Forwarded-Proto": "http"})[0] == 301
    for _ in range(2):
        status, _headers, body = get(varnish, "/notizie/", {"X-Forwarded-Proto": "https"})
        assert (status, body) == (200, b"the news")
    assert get(varnish, "/notizie/", {"X-Forwarded-Proto": "https"})[1]["X-Cache"] == "HIT"


def test_a_redirect_or_error_that_says_nothing_is_not_kept(front):
    varnish, app = front
    app.script["/vecchio-indirizzo"] = answer(status=301, body=b"", Location="/nuovo-indirizzo/")
    app.script["/rotto/"] = answer(status=404, body=b"missing")
    for _ in range(2):
        get(varnish, "/vecchio-indirizzo")
        get(varnish, "/rotto/")
    assert (app.times_served("/vecchio-indirizzo"), app.times_served("/rotto/")) == (2, 2)


def test_a_shareable_page_is_kept_and_the_ban_of_every_page_drops_pages_and_documents(front):
    varnish, app = front
    app.script["/progetti/"] = answer(body=b"projects", Cache_Control="public, max-age=60, s-maxage=300")
    app.script["/documents/7/comunicato.pdf"] = answer(body=b"%PDF-1.7", Content_Type="application/pdf")
    app.script["/static/css/site.123.css"] = answer(body=b"body{}", Cache_Control="public, max-age=31536000")
    paths = ["/progetti/", "/documents/7/comunicato.pdf", "/static/css/site.123.css"]
    for _ in range(2):
        for path in paths:
            get(varnish, path)
    assert [app.times_served(path) for path in paths] == [1, 1, 1]

    purge_all(varnish)
    for path in paths:
        get(varnish, path)
    # A withdrawn document goes with the pages; a hashed static file's name changes with its content, it stays.
    assert [app.times_served(path) for path in paths] == [2, 2, 1]


@pytest.mark.parametrize(
    "path",
    ["/media/", "/media/?list-type=2&prefix=images/", "/media/images/", "/media/?uploads", "/media/images/a/b.jpg?acl"],
)
def test_media_are_fetched_one_object_at_a_time_never_listed(front, path):
    """Renditions are public objects whose names hold a random folder: the bucket must never list its keys."""
    varnish, app = front
    app.script[path] = answer(body=b"<ListBucketResult><Key>images/abc/press-photo-award.jpg</Key>")
    app.script["/media/images/abc/press-photo-award.jpg"] = answer(body=b"JPEG", Cache_Control="public, max-age=60")

    status, _headers, body = get(varnish, path)

    assert status == 404
    assert b"press-photo-award" not in body
    assert app.times_served(path) == 0
    assert get(varnish, "/media/images/abc/press-photo-award.jpg")[:3:2] == (200, b"JPEG")


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/cartella-stampa.pdf",
        "/media/original_images/abc/press-photo-award.jpg",
        "/media/images/../documents/cartella-stampa.pdf",
        "/media/images/%2e%2e/documents/cartella-stampa.pdf",
        "/media/images/abc/..%2f..%2fdocuments/cartella-stampa.pdf",
        "/media/%64ocuments/cartella-stampa.pdf",
        "/media/images//../documents/cartella-stampa.pdf",
        "/media//documents/cartella-stampa.pdf",
    ],
)
def test_documents_and_originals_are_never_fetched_from_media(front, path):
    """Without a bucket, /media/ is the media folder behind a file server, where a document keeps its uploaded name
    (a guessable address) and the path is decoded and normalised: only renditions pass, and a document is reached
    through the app's /documents/<id>/<name>, which hides a release's press kit until its embargo ends."""
    varnish, app = front
    app.script[path] = answer(body=b"%PDF-1.4 cartella stampa", Cache_Control="public, max-age=60")

    status, _headers, body = get(varnish, path)

    assert status == 404
    assert b"cartella stampa" not in body
    assert app.times_served(path) == 0
    rendition = "/media/images/abc/citt%C3%A0-premio.fill-300x200.jpg"  # a name Django keeps: letters, not ASCII
    app.script[rendition] = answer(body=b"JPEG", Cache_Control="public, max-age=60")
    assert get(varnish, rendition)[:3:2] == (200, b"JPEG")
