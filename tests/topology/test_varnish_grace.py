"""deploy/varnish/default.vcl's grace: a copy past its time is served only while the app servers cannot answer.

A listing's time is capped at the next embargo end (config/page_cache.py). With a grace that applies whatever the
app servers' health, the first reader after that time got the old copy (without the release) while Varnish
fetched in the background, however long ago the time ran out: a release could stay hidden behind Varnish past its
minute. Now, while an app server is healthy, a copy past its time is fetched again before it is served; the stale
copy still keeps the site up when every app server is down (the probe) or the app answers 5xx (the database out);
and a ban (any content change) drops stale copies with the fresh ones.

Against a scripted app server (tests/topology/test_varnish_rules.py): only varnishd is needed.
"""

import time

import pytest

from tests.topology.test_varnish_rules import answer, get, purge_all, start_front

pytestmark = pytest.mark.topology

# The shortest time Varnish keeps a page: the listings' time capped at an embargo end a second away.
SHORT = "public, max-age=1, s-maxage=1"


@pytest.fixture
def front(tmp_path):
    """A Varnish of its own for each test: the tests take its only app server out."""
    varnish, app = start_front(tmp_path)
    yield varnish, app
    varnish.stop()
    app.stop()


def wait_for_probe(varnish, app, healthy):
    """Until Varnish's probe (every second, 2 of the last 3) says what /healthz now says."""
    app.healthy = healthy
    app.script["/sonda/"] = answer(body=b"asked", Cache_Control="no-store")
    deadline = time.monotonic() + 15
    while (get(varnish, "/sonda/")[0] == 200) != healthy:
        assert time.monotonic() < deadline, "Varnish's probe did not notice"
        time.sleep(0.2)


def past_its_time():
    time.sleep(1.5)  # a second of time (SHORT), and the half second Varnish rounds by


def test_a_listing_past_its_time_is_fetched_again_before_it_is_served_while_the_app_servers_are_up(front):
    varnish, app = front
    app.script["/notizie/"] = answer(body=b"listing without the release", Cache_Control=SHORT)
    assert get(varnish, "/notizie/")[2] == b"listing without the release"
    assert get(varnish, "/notizie/")[1]["X-Cache"] == "HIT"

    # The embargo ends: the app now lists the release, and the copy's time (capped at that end) has run out.
    app.script["/notizie/"] = answer(body=b"listing with the release", Cache_Control=SHORT)
    past_its_time()

    status, _headers, body = get(varnish, "/notizie/")
    assert (status, body) == (200, b"listing with the release")
    assert app.times_served("/notizie/") == 2


def test_a_stale_copy_is_served_while_every_app_server_is_down(front):
    varnish, app = front
    app.script["/progetti/"] = answer(body=b"projects", Cache_Control=SHORT)
    assert get(varnish, "/progetti/")[2] == b"projects"
    app.script["/progetti/"] = answer(status=503, body=b"down")
    wait_for_probe(varnish, app, healthy=False)
    past_its_time()

    status, _headers, body = get(varnish, "/progetti/")
    assert (status, body) == (200, b"projects")


def test_a_stale_copy_is_served_while_the_app_answers_503(front):
    """The database out: every app server is healthy for the probe (/healthz touches nothing) but answers 503."""
    varnish, app = front
    app.script["/progetti/"] = answer(body=b"projects", Cache_Control=SHORT)
    assert get(varnish, "/progetti/")[2] == b"projects"
    app.script["/progetti/"] = answer(status=503, body=b"branded 503 page", Retry_After="30")
    past_its_time()

    for _ in range(2):
        status, _headers, body = get(varnish, "/progetti/")
        assert (status, body) == (200, b"projects")


def test_without_a_stale_copy_the_apps_own_503_page_is_delivered(front):
    varnish, app = front
    app.script["/dati-aperti/"] = answer(status=503, body=b"branded 503 page", Retry_After="30")

    status, headers, body = get(varnish, "/dati-aperti/")

    assert (status, body, headers.get("Retry-After")) == (503, b"branded 503 page", "30")
    assert app.times_served("/dati-aperti/") == 2, "asked once more, where a stale copy could have answered"


def test_a_ban_drops_stale_copies_too_even_while_every_app_server_is_down(front):
    """Any content change bans every page: what it made out of date is never served again, not even as a stale copy."""
    varnish, app = front
    app.script["/notizie/"] = answer(body=b"listing naming a release put back under embargo", Cache_Control=SHORT)
    assert get(varnish, "/notizie/")[0] == 200
    purge_all(varnish)
    wait_for_probe(varnish, app, healthy=False)
    past_its_time()

    status, _headers, body = get(varnish, "/notizie/")
    assert status == 503 and b"release" not in body


def test_a_rendition_past_its_time_is_served_stale_while_the_bucket_fails(front):
    """Renditions carry no embargo and the app servers' health says nothing of the bucket's: while the bucket
    fails, an expired rendition is still served from grace, app servers up or not."""
    varnish, app = front
    path = "/media/images/abc/press-photo-award.fill-400x225.jpg"
    app.script[path] = answer(body=b"JPEG", Cache_Control=SHORT)
    assert get(varnish, path)[:3:2] == (200, b"JPEG")
    app.script[path] = answer(status=503, body=b"bucket down")
    past_its_time()

    status, _headers, body = get(varnish, path)

    assert (status, body) == (200, b"JPEG")
