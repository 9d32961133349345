"""The error pages' language: the request's own, even when the error comes before LocaleMiddleware has run.

Django's error handlers render in whatever language is active on the thread, and nothing resets it between
requests: LocaleMiddleware activates the request's language, and leaves it there. An error raised above it
(a bad Host header, DisallowedHost from the page cache's key or the https redirect; a database error in the page
cache; anything in the security-header middleware) was rendered in the language of the previous request served by
that thread, and its home link pointed at that language's home page. Each handler here renders in the language
LocaleMiddleware chose for this request when it has run (``request.LANGUAGE_CODE``: the admin's middleware sets it
too), else in the language of the request's path: ``/en/…`` English, anything else Italian (i18n_patterns with
``prefix_default_language=False``, so the path alone decides).
"""

import functools

from django.conf import settings
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
