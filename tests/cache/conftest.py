import pytest
from wagtail.models import Site

from base.models import SiteSettings


@pytest.fixture(autouse=True)
def _site_settings(request):
    """The site settings exist, as on any site past its first request: Wagtail creates them when a page first asks,
    and that creation (a change) would make the tests' second request a miss."""
    if "home_page" in request.fixturenames:
        request.getfixturevalue("home_page")
        SiteSettings.for_site(Site.objects.get(is_default_site=True))
