"""Site chrome: the home page of the current language, the main menu, breadcrumbs, language links.

Every tag here costs a fixed, small number of queries whatever the size of the tree, and the
home page's children are fetched once per request and shared by the menu and the section links.
"""

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

register = template.Library()

_CACHE_ATTR = "_torino_navigation"


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


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
        home = page if page.depth == 2 else Page.objects.filter(path=page.path[: Page.steplen * 2]).first()
    elif request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            home = site.root_page.localized

    children = list(home.get_children().live().public()) if home is not None else []
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
    page = _current_page(context)
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2))
    return {"request": context.get("request"), "page": page, "ancestors": ancestors}


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language it is published in: [{code, name, url, current}]."""
    page = _current_page(context)
    request = context.get("request")
    if page is None:
        return []
    names = dict(settings.LANGUAGES)
    order = [code for code, _name in settings.LANGUAGES]
    links = []
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        code = translation.locale.language_code
        links.append(
            {
                "code": code,
                "name": names.get(code, code),
                "url": translation.get_url(request),
                "current": translation.pk == page.pk,
            }
        )
    links.sort(key=lambda link: order.index(link["code"]) if link["code"] in order else len(order))
    return links if len(links) > 1 else []
