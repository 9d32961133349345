"""Site chrome: the home page of the current language, the main menu, breadcrumbs, language links.

Every tag here costs a fixed, small number of queries whatever the size of the tree, and the
home page's children are fetched once per request and shared by the menu and the section links.
"""

import re
from urllib.parse import urlencode

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page, Site

from base.models import public_pages
from base.visibility import visible_pages

register = template.Library()

_CACHE_ATTR = "_torino_navigation"
_LANGUAGES_ATTR = "_torino_languages"
_ANCESTORS_ATTR = "_torino_ancestors"
# The query parameter by which the language switcher tells a home page which page had no translation.
UNTRANSLATED_PARAM = "untranslated"
# A page id as the switcher writes it. ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
PAGE_ID = re.compile(r"[0-9]{1,11}")


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def page_ancestors(context):
    """The current page's ancestors from its home page down, without the page: one query per request, shared
    by the home page lookup, the breadcrumbs and their schema.org twin (search/templatetags/seo_tags.py)."""
    request = context.get("request")
    cached = getattr(request, _ANCESTORS_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    page = _current_page(context)
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = list(visible_pages(page.get_ancestors().filter(depth__gte=2)))
    if request is not None:
        setattr(request, _ANCESTORS_ATTR, ancestors)
    return ancestors


def _navigation(context):
    """(home page, its live public children) for the current request, computed once."""
    request = context.get("request")
    cached = getattr(request, _CACHE_ATTR, None) if request is not None else None
    if cached is not None:
        return cached

    page = _current_page(context)
    home = None
    if page is not None and page.depth >= 2:
        # Each language has its own home page at depth 2: the current page's tree says which.
        if page.depth == 2:
            home = page
        else:
            ancestors = page_ancestors(context)
            home = ancestors[0] if ancestors and ancestors[0].depth == 2 else None
            if home is None:
                home = Page.objects.filter(path=page.path[: Page.steplen * 2]).first()
    elif request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            home = site.root_page.localized

    children = list(visible_pages(public_pages(home.get_children().live()))) if home is not None else []
    result = (home, children)
    if request is not None:
        setattr(request, _CACHE_ATTR, result)
    return result


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the active language, or None."""
    return _navigation(context)[0]


@register.simple_tag(takes_context=True)
def section_page(context, model_label):
    """The home page's child of the given type, e.g. {% section_page "projects.ProjectIndexPage" as index %}."""
    content_type = ContentType.objects.get_for_model(apps.get_model(model_label))
    for child in _navigation(context)[1]:
        if child.content_type_id == content_type.pk:
            return child
    return None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live children with "show in menus", the current section marked."""
    home, children = _navigation(context)
    page = _current_page(context)
    items = []
    for child in children:
        if not child.show_in_menus:
            continue
        current = None
        if page is not None:
            if page.pk == child.pk:
                current = "page"
            elif page.path.startswith(child.path):
                current = "true"
        items.append({"page": child, "current": current})
    return {"request": context.get("request"), "home": home, "items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The current page's ancestors from the home page down, in one query."""
    return {"request": context.get("request"), "page": _current_page(context), "ancestors": page_ancestors(context)}


def _language_versions(context):
    """(the current page's live translations, each language's live home page), by language code.

    One query for both (two with the check for private sections), computed once per request and
    shared by the hreflang links in the <head> and the language switcher. The current page counts
    as its own translation even when it is not live, so that previews show it too.
    """
    request = context.get("request")
    cached = getattr(request, _LANGUAGES_ATTR, None) if request is not None else None
    if cached is not None:
        return cached

    page = _current_page(context)
    home = _navigation(context)[0]
    keys = {obj.translation_key for obj in (page, home) if obj is not None}
    translations, homes = {}, {}
    if keys:
        versions = visible_pages(public_pages(Page.objects.live()).filter(translation_key__in=keys))
        for version in versions.select_related("locale"):
            code = version.locale.language_code
            if page is not None and version.translation_key == page.translation_key:
                translations[code] = version
            if home is not None and version.translation_key == home.translation_key and version.depth == 2:
                homes[code] = version
    if page is not None:
        translations[translation.get_language()] = page
    result = (translations, homes)
    if request is not None:
        setattr(request, _LANGUAGES_ATTR, result)
    return result


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """The <link rel="alternate" hreflang> targets of the current page: [{hreflang, url}].

    One per language the page is published in, then x-default: the version in the default
    language, where a reader whose language the site does not offer lands. Empty when the page
    exists in one language only (a page is not an alternate of itself) or is not a page at all.
    """
    request = context.get("request")
    translations = _language_versions(context)[0]
    links = [
        {"hreflang": code, "url": translations[code].get_full_url(request)}
        for code, _name in settings.LANGUAGES
        if code in translations and translations[code].url_path
    ]
    default = translations.get(settings.LANGUAGE_CODE)
    if len(links) < 2 or default is None or not default.url_path:
        return []
    return [*links, {"hreflang": "x-default", "url": default.get_full_url(request)}]


def _view_url(request, code):
    """The address, in language ``code``, of a view that is not a page (the search, an error page), or None.

    In the current language it is the current address: the switcher marks it as current, not the home
    page. In another, it is the same named view under that language's prefix with the same query
    (/cerca/?q=… and /en/search/?q=…), or None where no view answers the address (a 404).
    """
    if request is None:
        return None
    if code == translation.get_language():
        return request.get_full_path()
    match = request.resolver_match
    if match is None or match.url_name in (None, "wagtail_serve"):
        return None
    try:
        with translation.override(code):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return None
    query = request.GET.urlencode()
    return url + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def language_links(context):
    """The language switcher: the current page in each of the site's languages.

    [{code, name, url, current, translated}] in the order of settings.LANGUAGES. Where the page has
    no live translation in a language, the link goes to that language's home page instead, with
    ``?untranslated=<page id>`` so that the home page can say why (``untranslated_notice``), and
    ``translated`` is False. On a view that is not a page, each language links that view in it
    where it exists there (see ``_view_url``), else its home page. A language with no live home page
    is left out. Empty if only the current language would be listed.
    """
    request = context.get("request")
    page = _current_page(context)
    translations, homes = _language_versions(context)
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        link = {"code": code, "name": name, "current": code == current, "translated": True}
        if code in translations:
            link["url"] = translations[code].get_url(request)
        elif page is None and code in homes and (url := _view_url(request, code)) is not None:
            link["url"] = url
        elif code in homes:
            link["url"] = homes[code].get_url(request)
            if page is not None and page.pk is not None:
                link["url"] += "?" + urlencode({UNTRANSLATED_PARAM: page.pk})
                link["translated"] = False
        else:
            continue
        if link["url"] is None:  # a page being previewed before it is first saved has no address yet
            continue
        links.append(link)
    return links if len(links) > 1 else []


@register.inclusion_tag("includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """Why a reader is on this home page: the page they came from has no translation in this language.

    Reads ``?untranslated=<page id>`` (see ``language_links``). Shows nothing if the id is not a
    number, or not a live page in another language, or if that page has been translated since.
    """
    request = context.get("request")
    page = _current_page(context)
    raw = request.GET.get(UNTRANSLATED_PARAM, "") if request is not None else ""
    original = None
    if page is not None and PAGE_ID.fullmatch(raw):
        # An embargoed release is as secret here as anywhere: its title and address stay hidden.
        original = (
            visible_pages(public_pages(Page.objects.live()))
            .filter(pk=int(raw), depth__gt=1)  # the tree's root is "live" too, but no page of the site
            .exclude(locale_id=page.locale_id)
            .exclude(translation_key__in=Page.objects.live().filter(locale_id=page.locale_id).values("translation_key"))
            .select_related("locale")
            .first()
        )
    original_url = original.get_url(request) if original is not None else None
    if original_url is None:
        original = None  # outside every site: nothing to go back to
    return {
        "request": request,
        "original": original,
        "original_url": original_url,
        "original_language": original.locale.language_code if original is not None else None,
    }


def _chosen_page_ids(page_blocks):
    """The ids of the pages chosen in a StreamField of page choosers, read from its stored data: turning the
    blocks into pages would cost a query (and the pages) that ``localized_pages`` does not need."""
    raw = getattr(page_blocks, "raw_data", None)
    if raw is None:
        return [block.value.pk for block in page_blocks or [] if block.value is not None]
    return [item["value"] for item in raw if isinstance(item, dict) and isinstance(item.get("value"), int)]


@register.simple_tag
def localized_pages(page_blocks):
    """The pages chosen in a StreamField of page choosers, each in the active language where it is
    translated and published, else as chosen; only live ones readers may see, in their order. One query,
    however many.

    For the footer links of the site settings, which both languages share.
    """
    chosen_ids = _chosen_page_ids(page_blocks)
    if not chosen_ids:
        return []
    language = translation.get_language()
    readable = visible_pages(Page.objects.live()).filter(pk=OuterRef("pk"))
    versions = (
        Page.objects.filter(translation_key__in=Page.objects.filter(pk__in=chosen_ids).values("translation_key"))
        .annotate(readable=Exists(readable))
        .select_related("locale")
    )
    by_id, translations = {}, {}
    for page in versions:
        by_id[page.pk] = page
        if page.readable and page.locale.language_code == language:
            translations[page.translation_key] = page
    pages = []
    for pk in chosen_ids:
        page = by_id.get(pk)
        if page is None:
            continue  # deleted since it was chosen
        page = translations.get(page.translation_key, page)
        if page.readable:
            pages.append(page)
    return pages
