"""Site chrome: the home page of the current language, the main menu, breadcrumbs, language links.

Every tag here costs a fixed, small number of queries whatever the size of the tree, and the
home page's children are fetched once per request and shared by the menu and the section links.
"""

import functools
import re
from urllib.parse import urlencode

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.encoding import escape_uri_path
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from base.fragment_cache import chrome_cached
from base.models import SiteSettings, private_pages_exists, public_pages
from base.prepared_queries import PreparedQuery
from base.site_cache import localized
from base.visibility import hiding_hooks, visible_pages

register = template.Library()

_CACHE_ATTR = "_torino_navigation"
_LANGUAGES_ATTR = "_torino_languages"
_CHROME_ATTR = "_torino_chrome"
# The query parameter by which the language switcher tells a home page which page had no translation.
UNTRANSLATED_PARAM = "untranslated"
# What the chrome shows or asks of its pages (menus, breadcrumbs and their JSON-LD, language and footer links, the home
# page's address and description in the head, the sections by type): a page's row is long, a dozen dates among its
# columns, each converted as it is read, for some twenty pages per request.
CHROME_PAGE_FIELDS = (
    "title",
    "path",
    "depth",
    "url_path",
    "live",
    "translation_key",
    "content_type",
    "show_in_menus",
    "search_description",
    "locale",
)
# A page id as the switcher writes it. ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
PAGE_ID = re.compile(r"[0-9]{1,11}")


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _page_chrome(context):
    """What the site chrome needs of the current page's tree, in one query per request: {"ancestors": its
    ancestors from its home page down (without it), "children": its home page's live public children,
    "versions": the live public pages sharing its or its home page's translation_key, "footer": every version
    of the pages chosen as the site settings' footer links, "footer_ids": their ids}. None when the current
    object is not a page in a language tree (a view such as the search, or Wagtail's root).

    The breadcrumbs and their JSON-LD twin, the main menu and section links, the hreflang links, the
    language switcher and the footer links all read from it.
    """
    request = context.get("request")
    cached = getattr(request, _CHROME_ATTR, None) if request is not None else None
    if cached is not None:
        return cached
    page = _current_page(context)
    if page is None or page.depth < 2:
        return None
    # Kept per page and content version (base/fragment_cache.py): the same for every reader until a change.
    chrome = chrome_cached(request, "page-chrome", lambda: _read_page_chrome(page, request), page.pk, page.path)
    if request is not None:
        setattr(request, _CHROME_ATTR, chrome)
    return chrome


def _read_page_chrome(page, request):
    """``_page_chrome`` from the database, in one query.

    The query asks for the candidate rows with the one fact SQL must tell (in a private section); which lists a row
    goes to is decided here from it and the rows' own fields (a version of the home page or of a footer link shares
    its translation key). As four boolean annotations each repeating the others' subqueries, the query cost Django
    more to build and compile than the rest of the chrome, at every page a cache does not answer.
    """
    home_path = page.path[: Page.steplen * 2]
    ancestor_paths = [page.path[:end] for end in range(len(home_path), len(page.path), Page.steplen)]
    # The footer links of the site settings (``localized_pages``): every version of each chosen page.
    footer_ids = _chosen_page_ids(SiteSettings.for_request(request).footer_links) if request is not None else []
    page_key = Page._meta.get_field("translation_key").to_python(page.translation_key)
    rows = _CHROME_QUERIES[page.depth > 2].run(ancestor_paths, footer_ids, page_key, home_path)
    # Which rows are versions of a footer link or of the home page, told by their translation keys: the chosen pages
    # and the home page are among the rows (a chosen page matches its own key; the home page is the page or its first
    # ancestor), and each hidden page's versions are hidden with it. Asked of SQL, each subquery was built twice.
    chosen = set(footer_ids)
    footer_found = {row.translation_key for row in rows if row.pk in chosen}
    home_key = page_key
    if page.depth > 2:
        home_key = next((row.translation_key for row in rows if row.path == home_path), None)
    chrome = {"ancestors": [], "children": [], "versions": [], "footer_ids": footer_ids, "footer": []}
    for row in rows:
        readable = row.live and not row.is_private
        if row.translation_key in footer_found:
            # What localized_pages asks: live, visible (every row is, visible_pages above) and public. A page in a
            # private section chosen as a footer link was named, with its address, on every page.
            row.readable = readable
            chrome["footer"].append(row)
        if row.path in ancestor_paths:
            chrome["ancestors"].append(row)
        if readable and row.depth == 3 and row.path.startswith(home_path):
            chrome["children"].append(row)
        if readable and (row.translation_key == page_key or row.translation_key == home_key):
            chrome["versions"].append(row)
    return chrome


def _chrome_pages(ancestor_paths, footer_ids, page_key, home_path, below_home):
    """The rows of ``_read_page_chrome``: the page's ancestors, its home page's live children and the versions of it
    and of its home page, and every version of the footer links; those a feature hides left out, those in a private
    section marked."""
    footer_keys = Page.objects.filter(pk__in=footer_ids).values("translation_key")
    # The versions of the page and of its home page: on a home page they are the same.
    versions = Q(translation_key=page_key)
    if below_home:
        versions |= Q(translation_key__in=Page.objects.filter(path=home_path).values("translation_key"))
    return (
        visible_pages(
            Page.objects.filter(
                Q(path__in=ancestor_paths)
                | Q(translation_key__in=footer_keys)
                # Readable children and versions, and the private ones among them, which the loop leaves out.
                | Q(live=True) & (Q(path__startswith=home_path, depth=3) | versions)
            )
        )
        .annotate(is_private=private_pages_exists())
        .select_related("locale")
        .only(*CHROME_PAGE_FIELDS)
        .order_by("path")
    )


# Built and compiled once per process (base/prepared_queries.py): on a home page, and below one.
_CHROME_QUERIES = {
    below_home: PreparedQuery(
        Page,
        functools.partial(_chrome_pages, below_home=below_home),
        *(Page._meta.get_field(name) for name in ("path", "id", "translation_key", "path")),
        vary_on=hiding_hooks,
    )
    for below_home in (False, True)
}


def page_ancestors(context):
    """The current page's ancestors from its home page down, without the page, that readers may see (``_page_chrome``):
    shared by the breadcrumbs and their schema.org twin (search/templatetags/seo_tags.py).

    Wagtail leaves a section's pages live when it is unpublished, and a page may be live under a section never
    published or in a private one: such an ancestor is left out of the trail, as its title is as hidden as its
    content. The chrome keeps them all, for the home page lookup (``_navigation``)."""
    chrome = _page_chrome(context)
    return [row for row in chrome["ancestors"] if row.live and not row.is_private] if chrome is not None else []


def _navigation(context):
    """(home page, its live public children) for the current request, computed once."""
    request = context.get("request")
    cached = getattr(request, _CACHE_ATTR, None) if request is not None else None
    if cached is not None:
        return cached

    page = _current_page(context)
    chrome = _page_chrome(context)
    home = None
    if chrome is not None:
        # Each language has its own home page at depth 2: the current page's tree says which.
        if page.depth == 2:
            home = page
        elif chrome["ancestors"] and chrome["ancestors"][0].depth == 2:
            home = chrome["ancestors"][0]
        else:
            home = Page.objects.filter(path=page.path[: Page.steplen * 2]).first()
        children = chrome["children"] if home is not None else []
    else:
        home, children = _site_navigation(request)
    result = (home, children)
    if request is not None:
        setattr(request, _CACHE_ATTR, result)
    return result


def _site_navigation(request):
    """(the site's home page in the active language, its live public children) for a view that is not a page (the
    search, a 404): kept per host and language for the content version (base/fragment_cache.py), as a page's chrome
    is. Those views are never kept whole (a new search, a made-up address), so each would otherwise read it again."""
    if request is None:
        return None, []

    def read():
        site = Site.find_for_request(request)
        # Wagtail's ``.localized``, with the active language's Locale read from the site cache.
        home = localized(site.root_page) if site is not None else None
        children = list(visible_pages(public_pages(home.get_children().live()))) if home is not None else []
        return home, children

    return chrome_cached(request, "site-navigation", read, request.get_host())


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

    Read from ``_page_chrome`` on a page (one query for the whole chrome), else in one query; computed once
    per request and shared by the hreflang links in the <head> and the language switcher. The current page counts
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
    chrome = _page_chrome(context)
    if chrome is not None:
        versions = [version for version in chrome["versions"] if version.translation_key in keys]
    elif keys:

        def read():
            found = visible_pages(public_pages(Page.objects.live()).filter(translation_key__in=keys))
            return list(found.select_related("locale"))

        # Not a page (the search, a 404): the home page's versions, kept like its navigation (``_site_navigation``).
        versions = chrome_cached(request, "home-versions", read, *sorted(map(str, keys))) if page is None else read()
    else:
        versions = []
    if versions:
        for version in versions:
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


def listing_page(context):
    """The page of a paginated listing the template shows (a Django paginator Page), or None.

    Tested with type(), not isinstance(): isinstance() would evaluate the lazy values of the context, and
    evaluating csrf_token sets a cookie (the public pages set none).
    """
    for value in context.flatten().values():
        if issubclass(type(value), PaginatorPage):
            return value
    return None


def filtered_listing(context):
    """Whether the current page is a listing narrowed by a reader's filters (``listing_filters``: ?tag=, ?theme=…;
    not ?page=), whether or not the values name anything. An empty value (the form's "All") narrows nothing."""
    page, request = _current_page(context), context.get("request")
    if page is None or request is None:
        return False
    return any(request.GET.get(name, "").strip() for name in getattr(page, "listing_filters", ()))


def _listing_reaches(request, page, listing):
    """Whether the listing of ``page``, a translation of the listing shown, has the page ``listing`` shows when cut
    by the same paginator. Its length is kept for the content version (base/fragment_cache.py)."""

    def length():
        # Asked of the page's class with the page as the chrome read it: its specific row is not needed, nor read.
        listing_of = getattr(page.specific_class, "listing_of", None)
        items = listing_of(page) if listing_of is not None else None
        return None if items is None else items.count()

    found = chrome_cached(request, "listing-length", length, page.pk)
    if found is None:
        return False
    paginator = listing.paginator
    return Paginator(range(found), paginator.per_page, orphans=paginator.orphans).num_pages >= listing.number


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """The <link rel="alternate" hreflang> targets of the current page: [{hreflang, url}].

    One per language the page is published in, then x-default: the version in the default
    language, where a reader whose language the site does not offer lands. Empty when the page
    exists in one language only (a page is not an alternate of itself) or is not a page at all.
    """
    request = context.get("request")
    if filtered_listing(context):
        return []  # no page for search engines, canonical to its listing (seo_tags): it has no versions to name
    translations = _language_versions(context)[0]
    # A later page of a listing is a page of its own (its canonical address says ?page=N, seo_tags): its versions
    # are the same page of the listing in the languages whose listing is that long. A shorter one shows its last
    # page at ?page=N, under another canonical address, with other alternates: not a version of this page.
    listing = listing_page(context)
    later = listing is not None and listing.number > 1
    suffix = f"?page={listing.number}" if later else ""
    current = translation.get_language()
    urls = {
        code: translations[code].get_full_url(request) + suffix
        for code, _name in settings.LANGUAGES
        if code in translations
        and translations[code].url_path
        and (not later or code == current or _listing_reaches(request, translations[code], listing))
    }
    if len(urls) < 2 or settings.LANGUAGE_CODE not in urls:
        return []
    links = [{"hreflang": code, "url": url} for code, url in urls.items()]
    return [*links, {"hreflang": "x-default", "url": urls[settings.LANGUAGE_CODE]}]


def _view_url(request, code):
    """The address, in language ``code``, of a view that is not a page (the search, an error page), or None.

    In the current language it is the current address: the switcher marks it as current, not the home
    page. In another, it is the same named view under that language's prefix with the same query
    (/cerca/?q=… and /en/search/?q=…), or None where no view answers the address (a 404).
    """
    if request is None:
        return None
    query = request.GET.urlencode()
    if code == translation.get_language():
        # The query as Django read it, encoded again: the raw one may be unencoded UTF-8 (some clients send it),
        # which get_full_path() would turn into mojibake (mobilità → mobilit%C3%83%C2%A0).
        # The path escaped as get_full_path() escapes it: decoded, "/%5Cevil.example" would be a link off the site.
        return escape_uri_path(request.path) + (f"?{query}" if query else "")
    match = request.resolver_match
    if match is None or match.url_name in (None, "wagtail_serve"):
        return None
    try:
        with translation.override(code):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return None
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


def _localize_chosen(chosen_ids, versions, language):
    """The chosen pages each in ``language`` where a readable translation exists, else as chosen if readable.
    ``versions``: every version of the chosen pages, with a ``readable`` attribute."""
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


@register.simple_tag(takes_context=True)
def localized_pages(context, page_blocks):
    """The pages chosen in a StreamField of page choosers, each in the active language where it is
    translated and published, else as chosen; only live ones readers may see, in their order. One query,
    however many; none for the site settings' footer links on a page, which ``_page_chrome`` reads.

    For the footer links of the site settings, which both languages share.
    """
    chosen_ids = _chosen_page_ids(page_blocks)
    if not chosen_ids:
        return []
    language = translation.get_language()
    chrome = _page_chrome(context)
    if chrome is not None and chrome["footer_ids"] == chosen_ids:
        return _localize_chosen(chosen_ids, chrome["footer"], language)
    readable = visible_pages(public_pages(Page.objects.live())).filter(pk=OuterRef("pk"))
    versions = (
        Page.objects.filter(translation_key__in=Page.objects.filter(pk__in=chosen_ids).values("translation_key"))
        .annotate(readable=Exists(readable))
        .select_related("locale")
    )
    return _localize_chosen(chosen_ids, versions, language)


class ChromeCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        parts = [value.resolve(context) for value in self.vary_on]
        return chrome_cached(
            context.get("request"),
            self.name.resolve(context),
            lambda: mark_safe(self.nodelist.render(context)),  # noqa: S308 (the template's own output)
            *parts,
        )


@register.tag
def chrome_cache(parser, token):
    """``{% chrome_cache "name" [value …] %}…{% endchrome_cache %}``: the enclosed site chrome, rendered once per
    content version, language and values (base/fragment_cache.py). For what does not depend on the page (the
    footer) or only on the values given."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endchrome_cache",))
    parser.delete_first_token()
    return ChromeCacheNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])
