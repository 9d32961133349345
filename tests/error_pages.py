"""The site's own error pages as tests recognise them (config/error_pages.py)."""

from bs4 import BeautifulSoup


def is_bad_request_page(response):
    """Whether ``response`` is the site's 400 page: status 400 and its heading, in Italian (the admin's and the
    site's default language)."""
    if response.status_code != 400:
        return False
    heading = BeautifulSoup(response.content, "html.parser").h1
    return heading is not None and heading.get_text(strip=True) == "Richiesta non valida"
