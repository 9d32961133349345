"""The scale-out test (docs/deploy.md): Varnish, app servers A and B, PostgreSQL, Redis and S3 (tests/topology/).

A page published through A is fresh through Varnish and through B at the next request; an image uploaded through
A is served through B and through Varnish; an editor signed in on A is signed in on B; A killed while readers
are reading leaves them with no error. The figures (hit ratio, requests served while A died) are printed.
"""

import io
import re
import threading
import time
import uuid

import pytest
import requests
from bs4 import BeautifulSoup
from django.urls import reverse
from django_otp.oath import totp
from PIL import Image as PILImage

from tests import admin_forms
from tests.topology.servers import HOST

pytestmark = pytest.mark.topology

PUBLIC_PAGES = ["/", "/en/", "/progetti/", "/en/projects/", "/notizie/", "/sitemap.xml", "/robots.txt"]


class Editor:
    """An editor's browser: cookies kept by hand (they are Secure, and the tests speak plain HTTP to servers that
    believe they are behind https), the admin's CSRF token sent back, any server of the topology."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, base_url, path, **kwargs):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{HOST}/admin/",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            kwargs.setdefault("data", {})["csrfmiddlewaretoken"] = self.cookies.get("csrftoken", "")
        response = requests.request(
            method, base_url + path, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, base_url, path, **kwargs):
        return self.request("GET", base_url, path, **kwargs)

    def post(self, base_url, path, **kwargs):
        return self.request("POST", base_url, path, **kwargs)

    def sign_in(self, topology, app):
        self.get(app.url, "/admin/login/")
        response = self.post(
            app.url, "/admin/login/", data={"username": "caporedattrice", "password": topology.password}
        )
        assert response.status_code == 302, response.text[:2000]
        key = bytes.fromhex(topology.facts["totp_key"])
        response = self.post(app.url, "/admin/2fa/auth", data={"otp_token": f"{totp(key):06d}"})
        assert response.status_code == 302, response.text[:2000]


def reader_get(base_url, path, **kwargs):
    return requests.get(base_url + path, headers={"Host": HOST, "X-Forwarded-Proto": "https"}, timeout=30, **kwargs)


def title_of(response):
    return BeautifulSoup(response.text, "html.parser").h1.get_text(strip=True)


@pytest.fixture(scope="module")
def editor(topology):
    editor = Editor()
    editor.sign_in(topology, topology.apps["A"])
    return editor


def test_an_editors_session_started_on_a_works_on_b(topology, editor):
    on_b = editor.get(topology.apps["B"].url, "/admin/")

    assert on_b.status_code == 200
    assert "caporedattrice" in on_b.text or "Bacheca" in on_b.text or "Dashboard" in on_b.text
    # Through Varnish too: a signed-in editor is passed to the app servers, never served from the cache.
    through_varnish = editor.get(topology.varnish_url, "/admin/")
    assert through_varnish.status_code == 200
    assert through_varnish.headers["X-Cache"] == "MISS"


def test_a_page_published_through_a_is_fresh_through_varnish_and_through_b_at_the_next_request(topology, editor):
    app_a, app_b = topology.apps["A"], topology.apps["B"]
    app_label, model_name = topology.facts["standard_page"]
    slug = f"trasparenza-{uuid.uuid4().hex[:6]}"
    add_url = reverse("wagtailadmin_pages:add", args=[app_label, model_name, topology.facts["home_id"]])
    created = editor.post(app_a.url, add_url, data=admin_forms.standard_page_form(title="Trasparenza", slug=slug))
    assert created.status_code == 302, created.text[:3000]
    path = f"/{slug}/"

    first = reader_get(topology.varnish_url, path)
    second = reader_get(topology.varnish_url, path)
    assert (first.status_code, title_of(first), second.headers["X-Cache"]) == (200, "Trasparenza", "HIT")
    reader_get(topology.varnish_url, "/sitemap.xml")
    assert reader_get(topology.varnish_url, "/sitemap.xml").headers["X-Cache"] == "HIT"

    page_id = reader_get(app_b.url, f"/api/v2/pages/?slug={slug}").json()["items"][0]["id"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[page_id])
    published = editor.post(
        app_a.url, edit_url, data=admin_forms.standard_page_form(title="Amministrazione trasparente", slug=slug)
    )
    assert published.status_code == 302, published.text[:3000]

    through_varnish = reader_get(topology.varnish_url, path)
    assert title_of(through_varnish) == "Amministrazione trasparente"
    assert through_varnish.headers["X-Cache"] == "MISS"  # purged by A when it published
    # Every page was banned, the listings too: the sitemap names the new address.
    sitemap = reader_get(topology.varnish_url, "/sitemap.xml")
    assert (sitemap.headers["X-Cache"], "X-Url" in sitemap.headers) == ("MISS", False)
    assert title_of(reader_get(app_b.url, path)) == "Amministrazione trasparente"


def test_an_image_uploaded_through_a_is_served_through_b_and_through_varnish(topology, editor):
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), "darkorange").save(buffer, "JPEG")
    uploaded = editor.post(
        topology.apps["A"].url,
        "/admin/images/multiple/add/",
        files={"files[]": ("mole.jpg", buffer.getvalue(), "image/jpeg")},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert uploaded.status_code == 200, uploaded.text[:2000]
    image_id = uploaded.json()["image_id"]

    # B shows it in the admin: it read the original from the bucket to make the thumbnail.
    on_b = editor.get(topology.apps["B"].url, f"/admin/images/{image_id}/")
    assert on_b.status_code == 200
    thumbnails = [
        img["src"] for img in BeautifulSoup(on_b.text, "html.parser").select("img") if "/images/" in img["src"]
    ]
    assert thumbnails, on_b.text[:2000]
    rendition = thumbnails[0]
    # In a random folder of its own (config/media_storage.py): the uploaded name alone does not lead to it.
    assert re.fullmatch(rf"{re.escape(topology.varnish_url)}/media/images/[a-z2-7]{{26}}/mole\.[^/]+", rendition)

    through_varnish = requests.get(rendition, timeout=30)
    again = requests.get(rendition, timeout=30)
    assert through_varnish.status_code == 200
    assert PILImage.open(io.BytesIO(through_varnish.content)).format in {"JPEG", "WEBP", "PNG"}
    assert again.headers["X-Cache"] == "HIT"
    assert "max-age=31536000" in again.headers["Cache-Control"]

    # The original stays private: not through Varnish (it asks the bucket for renditions only), not from the bucket.
    original = topology.s3.client().list_objects_v2(Bucket=topology.bucket, Prefix="original_images/")
    [key] = [item["Key"] for item in original["Contents"] if item["Key"].endswith("/mole.jpg")]
    assert requests.get(f"{topology.varnish_url}/media/{key}", timeout=30).status_code == 404
    assert requests.get(f"{topology.s3.url}/{topology.bucket}/{key}", timeout=30).status_code == 403


def test_a_repeated_crawl_through_varnish_is_served_from_the_cache(topology):
    for path in PUBLIC_PAGES:
        assert reader_get(topology.varnish_url, path).status_code == 200, path
    second = [reader_get(topology.varnish_url, path) for path in PUBLIC_PAGES]

    hits = sum(response.headers["X-Cache"] == "HIT" for response in second)
    print(f"\nVarnish hit ratio on the second crawl of {len(PUBLIC_PAGES)} addresses: {hits}/{len(PUBLIC_PAGES)}")
    assert hits == len(PUBLIC_PAGES)


def wait_for(condition, limit=120):
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


def test_killing_app_server_a_under_load_leaves_readers_with_no_errors(topology):
    stop = threading.Event()
    results = []

    def read(number):
        count = 0
        while not stop.is_set():
            count += 1
            # A different address each time: a miss in Varnish, so each request reaches an app server.
            path = PUBLIC_PAGES[count % 5] + f"?lettore={number}-{count}"
            try:
                response = reader_get(topology.varnish_url, path)
            except requests.RequestException as error:
                results.append(type(error).__name__)
            else:
                if response.status_code == 200:
                    results.append(200)
                else:  # who answered: the app's 503 page (Retry-After) or Varnish's own
                    who = "app" if "Retry-After" in response.headers else "varnish"
                    results.append(f"{response.status_code} from {who} ({response.headers.get('X-Request-ID')})")

    readers = [threading.Thread(target=read, args=(number,)) for number in range(4)]
    for reader in readers:
        reader.start()
    try:
        wait_for(lambda: len(results) >= 12)  # the readers are being served, by both app servers
        served_before = len(results)
        topology.apps["A"].kill()
        wait_for(lambda: len(results) >= served_before + 40)  # and go on being served after A died
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=60)

    failures = [result for result in results if result != 200]
    print(f"\nrequests through Varnish: {served_before} before A was killed, {len(results) - served_before} after;")
    print(f"failed: {len(failures)}")
    assert len(results) >= served_before + 40
    assert failures == []
