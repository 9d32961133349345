"""Which page an address leads to, kept between requests with the site chrome (``base/fragment_cache.py``).

Wagtail finds a page by reading, at every request, the site of the host (one query), its home page in the language
served (two), then each level of the path (one or two queries per level: the child, then its own row with what its
template shows). On a project page that was half of the page's time. Here the outcome (the site, and which page
of which type, with its parent) is kept per host, language and address for the current content version, so a
second request reads only the page itself, in one query with what its template shows (``routed_select_related``).

Kept only for an address that the tree resolves to a page of the site's own types, all of it (not a route of a
routable page, such as a feed, not a 404): so the entries are as many as the pages, whatever addresses are asked.
A page is still checked as Wagtail's routing does (live, else 404; its view restrictions by the
``before_serve_page`` hooks), and any change readers could see starts a new content version: a page published,
unpublished, moved or renamed is routed afresh at the next request.

The site of the host is kept longer, until a site changes (``base/site_cache.py``): a page routed afresh (the first
request after a change, or with the chrome's cache off) reads it from there.
"""

import hashlib

from django.apps import apps
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.views import serve

from base.fragment_cache import begin, chrome_cached, keeps
from base.models import BasePage, passed_through, routed_page, with_view_check
from base.site_cache import find_for_request, localized

# What ``BasePage.get_view_restrictions`` reads to know, without a query, that no restriction applies.
VIEW_CHECKS = ("view_restricted", "in_alias")


def route_for_request(request, path):
    """Wagtail's ``Page.route_for_request`` (its result kept on the request, where Wagtail's view reads it), with the
    site's home page read as ``BasePage.route`` reads the pages below it: when it is served, in one query with what
    its template shows and its view check (Wagtail reads its row, then its language, hero image and view
    restrictions, a query each); when routing only passes through it, without a query of its own."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    components = [component for component in path.split("/") if component]
    result = None
    try:
        if site := find_for_request(request):
            home = localized(site.root_page)  # Wagtail's ``.localized``, the Locale read from the cache
            model = home.specific_class
            if model is None or not issubclass(model, BasePage):
                home = home.specific
            elif components and not issubclass(model, RoutablePageMixin):
                home = passed_through(home)
            else:
                home = routed_page(model, home.pk)
            result = home.route(request, components)
    except (Http404, Page.DoesNotExist):  # Page.DoesNotExist: the home page deleted meanwhile, a 404 as in Wagtail
        result = None
    request._wagtail_route_for_request = result
    return result


def _route_entry(request, path, components):
    """Route ``path`` as Wagtail does (the result is kept on the request, which Wagtail's view then reads), and
    return what a later request needs to find the same page: (site, page model label, page id, parent, view checks),
    or None when the outcome is not one to keep."""
    result = route_for_request(request, path)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return None
    page, args, kwargs = result
    suffix = "".join(f"{component}/" for component in components)
    if (
        not isinstance(page, BasePage)
        or page.depth != site.root_page.depth + len(components)
        or not page.url_path.endswith(suffix)
    ):
        return None
    parent = getattr(page, "_cached_parent_obj", None)
    if parent is not None:
        # A plain page: its address is all the templates ask of it (``{% pageurl %}``).
        parent = Page(**{field.attname: getattr(parent, field.attname) for field in Page._meta.concrete_fields})
    # Whether a view restriction applies, as routing found it or asked now for a page routed without it (a home
    # page): a restriction added or removed is a change, which starts a new content version.
    checks = {name: getattr(page, name) for name in VIEW_CHECKS if hasattr(page, name)}
    if len(checks) < len(VIEW_CHECKS):
        checks = with_view_check(Page.objects.filter(pk=page.pk)).values(*VIEW_CHECKS).get()
    return (site, page._meta.label, page.pk, parent, checks)


class RouteCacheMiddleware:
    """Gives Wagtail's page view the site and the page of a known address (``request._wagtail_site`` and
    ``request._wagtail_route_for_request``, which Wagtail reads before looking them up itself)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        begin(request)  # what this request keeps is bounded from now (base/fragment_cache.py)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Every view that asks Wagtail for the site (the settings in every template, search, the sitemap, the API)
        # finds it kept: one query fewer each.
        find_for_request(request)
        if view_func is not serve:
            return None
        path = view_kwargs["path"] if "path" in view_kwargs else (view_args[0] if view_args else "")
        if not keeps(request):
            route_for_request(request, path)  # nothing kept: routed afresh, for Wagtail's view to read
            return None
        components = [component for component in path.split("/") if component]
        hostname = split_domain_port(request._get_raw_host())[0]
        # Addresses may be long: a digest keeps the cache key short.
        address = hashlib.sha256("/".join(components).encode()).hexdigest()
        entry = chrome_cached(
            request, "route", lambda: _route_entry(request, path, components), hostname, request.get_port(), address
        )
        if entry is None or hasattr(request, "_wagtail_route_for_request"):
            return None  # routed by Wagtail just now (kept or not), or nothing kept
        site, label, page_id, parent, checks = entry
        model = apps.get_model(label)
        try:
            page = routed_page(model, page_id, served=False)
        except model.DoesNotExist:
            return None  # gone since (the content version changes with it): Wagtail routes it
        for name, value in checks.items():
            setattr(page, name, value)
        request._wagtail_site = site
        if parent is not None:
            page._cached_parent_obj = parent
        try:
            request._wagtail_route_for_request = page.route(request, [])
        except Http404:
            request._wagtail_route_for_request = None
        return None
