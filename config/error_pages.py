"""The error pages' language: the request's own, even when the error comes before LocaleMiddleware has run.

Django's error handlers render in whatever language is active on the thread, and nothing resets it between
requests: LocaleMiddleware activates the request's language, and leaves it there. An error raised above it
(a bad Host header, DisallowedHost from the page cache's key or the https redirect; a database error in the page
cache; anything in the security-header middleware) was rendered in the language of the previous request served by
that thread, and its home link pointed at that language's home page. Each handler here renders in the language
LocaleMiddleware chose for this request when it has run (``request.LANGUAGE_CODE``: the admin's middleware sets it
too), else in the language of the request's path: ``/en/…`` English, anything else Italian (i18n_patterns with
``prefix_default_language=False``, so the path alone decides).

``EmptyErrorBodyMiddleware`` gives the answers that Django and the views send with no body at all a page too: a
405 (TRACE on a page; OPTIONS or TRACE on the search, the sitemap, robots.txt, security.txt, the open data files,
the early-access links: ``require_safe``) and a 412 (``If-Match: "nope"``, from ConditionalGetMiddleware, which
builds a new empty answer). Their status and headers (``Allow``) are kept; only the body, the site's error page in
the request's language, is added.
"""

import functools
import logging

from django.conf import settings
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults

from base.views import page_not_found as site_page_not_found
from config.db_errors import server_error as site_server_error


def request_language(request):
    """The language this request's pages are in: LocaleMiddleware's choice, or its path's when it has not run."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if language:
        return language
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def in_request_language(handler):
    @functools.wraps(handler)
    def wrapper(request, *args, **kwargs):
        with translation.override(request_language(request)):
            return handler(request, *args, **kwargs)

    return wrapper


bad_request = in_request_language(defaults.bad_request)
permission_denied = in_request_language(defaults.permission_denied)
page_not_found = in_request_language(site_page_not_found)
server_error = in_request_language(site_server_error)


logger = logging.getLogger(__name__)

# The answers Django and the views send empty, and the page each gets.
EMPTY_ERROR_PAGES = {405: "405.html", 412: "412.html"}


class EmptyErrorBodyMiddleware:
    """Above ConditionalGetMiddleware (MIDDLEWARE), so that its 412s pass through here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        template = EMPTY_ERROR_PAGES.get(response.status_code)
        # HEAD: nobody reads the body. A body already there (the API's JSON) is the view's own.
        if template is None or request.method == "HEAD" or response.streaming or response.content:
            return response
        try:
            with translation.override(request_language(request)):
                body = render_to_string(template, request=request)
        except DatabaseError:
            # The page reads the site's settings: with the database out of reach the empty answer still says it all.
            logger.warning("No %s page for %s: the database is out of reach", response.status_code, request.path)
            return response
        response.content = body
        response["Content-Type"] = "text/html; charset=utf-8"
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
