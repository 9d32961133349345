"""Every live demo page as an anonymous reader gets it, requested once per test run and kept for the tests that
only read the demo (the ``demo_pages`` fixture).

Eight walks over the demo site (its language links, English links, security headers, hero images, orphans, figures,
that every page renders, the query parameters its links carry) each rendered the same pages again, in both languages,
one of them three times: most of their time, spent on identical answers. Here every live page is asked for once, as
the demo is loaded (tests/demo_database.py, which serves them all anyway to keep their image renditions), with the
demo as it is kept, an empty cache and a new test client, as each of those tests did with its ``client``; the
answers are kept with the demo for the run (under xdist, for every worker), and those tests read them. An address
that was not kept (no live page's, or one with a query string) is requested by the test itself, as before.

Only a test that changes nothing in the demo before reading these answers, and would have asked for the page exactly as
kept (an anonymous ``Client``, its default host, no header, no cookie), may use them.
"""

from functools import cached_property
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import Page


class KeptResponse:
    """What a test reads of an answer: status, headers, body, the request's environ, and the body parsed once (shared
    by every test of the process: read it, never change it)."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.headers = response.headers
        self.content = response.content
        self.charset = response.charset
        # What the test client was asked (path, method, query string…): texts, kept with the demo for every worker.
        self.request = {name: value for name, value in response.request.items() if isinstance(value, str)}

    def __getitem__(self, header):
        return self.headers[header]

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("soup", None)  # parsed again where it is read
        return state

    @cached_property
    def soup(self):
        return BeautifulSoup(self.content.decode(self.charset), "html.parser")


def request_key(address):
    """The test client sends the path and the query of an address, never its host: so does this key."""
    parts = urlsplit(str(address))
    return parts.path, parts.query


class DemoPages:
    def __init__(self, responses):
        self._responses = responses

    def __len__(self):
        return len(self._responses)

    def kept(self, address):
        """The kept answer to ``address``, or None if it was not asked for."""
        return self._responses.get(request_key(address))

    def get(self, client, address):
        """The kept answer to ``address``, or ``client``'s answer now if there is none, or if ``client`` is not an
        anonymous reader's as the crawl's was (a session, a cookie, headers of its own)."""
        anonymous = not client.cookies and not getattr(client, "defaults", None)
        return (self.kept(address) if anonymous else None) or KeptResponse(client.get(address))


# The caches' settings as every test starts with them (read when the suite's conftest imports this module).
_STARTING_SETTINGS = {name: getattr(settings, name) for name in ("PAGE_CACHE_SECONDS", "CHROME_CACHE_SECONDS")}


def crawl():
    """GET every live page below the root as an anonymous reader, in the order of the tree, with an empty cache and the
    settings every test starts with (whatever the first test to ask has changed before, as the page cache for query
    counts)."""
    language = translation.get_language()
    client = Client()
    responses = {}
    cache.clear()
    try:
        with override_settings(**_STARTING_SETTINGS):
            for page in Page.objects.live().filter(depth__gte=2).specific().order_by("path"):
                url = page.get_url()
                if url and request_key(url) not in responses:
                    responses[request_key(url)] = KeptResponse(client.get(url))
    finally:
        # Each test starts with an empty cache and in Italian (tests/conftest.py): so does the one that asked first.
        cache.clear()
        translation.activate(language)
    return DemoPages(responses)


@pytest.fixture
def demo_pages(demo, database_states):
    """Every live demo page's answer to an anonymous reader, by address (DemoPages): asked for as the demo was loaded,
    or, where the demo was taken from an earlier run (--reuse-db), by the first test of the process that asks."""
    if database_states.pages is None:
        database_states.pages = crawl()
    return database_states.pages
