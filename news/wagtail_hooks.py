"""Hooks of the news: a release under embargo is named by no link, menu or breadcrumb, nor by its address."""

from django.db import connection
from django.http import Http404
from wagtail import hooks
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .embargo import hide_embargoed
from .models import NewsPage


def usable_ids(model, attrs_list):
    """The ``id`` of each rich-text link as the integer the database can look up, or None where it cannot be one.

    Stored rich text can hold any id (``<a linktype="page" id="abc">`` from a hand-made Draftail contentstate, a
    copy from elsewhere, an id past the database's integers): Wagtail passes it to ``filter(id__in=…)``, which
    raises ValueError ("abc") or OverflowError (SQLite, 99999999999999999999) and turns every render of the page
    into a 500. Such a link names nothing, so it is shown as a link to a missing page is: ``<a>``, no address.
    """
    field = model._meta.pk
    while field.is_relation:  # a specific page's key is page_ptr: follow it to the column
        field = field.target_field
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    ids = []
    for attrs in attrs_list:
        value = str(attrs.get("id", ""))
        number = int(value) if value.isascii() and value.isdigit() else None
        if number is not None and ((low is not None and number < low) or (high is not None and number > high)):
            number = None
        ids.append(number)
    return ids


class PublicPageLinkHandler(PageLinkHandler):
    """A rich-text link to a page shows as text, with no address, when the page is not live or its release is
    under embargo: the link's slug would name the release before its time. An id that cannot name a page
    (``usable_ids``) is a link to nothing too."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = usable_ids(Page, attrs_list)
        wanted = {id_ for id_ in ids if id_ is not None}
        pages = hide_embargoed(Page.objects.live().filter(id__in=wanted)).defer_streamfields().specific()
        by_id = {page.id: page for page in pages} if wanted else {}
        return [by_id.get(id_) for id_ in ids]


class CheckedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document links, with an id that cannot name a document (``usable_ids``) shown as a link to
    nothing, as Wagtail shows a deleted document's, instead of a 500."""

    @classmethod
    def get_many(cls, attrs_list):
        model = cls.get_model()
        ids = usable_ids(model, attrs_list)
        wanted = {id_ for id_ in ids if id_ is not None}
        by_id = model._default_manager.in_bulk(wanted) if wanted else {}
        return [by_id.get(id_) for id_ in ids]


# Menus, breadcrumbs, language and footer links (base/visibility.py) name no release under embargo.
hooks.register("hide_from_public", hide_embargoed)


# After Wagtail's own "page" and "document" link types (order 0), which they replace.
@hooks.register("register_rich_text_features", order=1)
def register_public_page_links(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(CheckedDocumentLinkHandler)


# Before Wagtail's own checks (order 0, and its view restrictions, an ``on_serve_page`` hook that runs after every
# ``before_serve_page`` one): a password form or a login redirect for a release under embargo would confirm its
# slug where a missing one answers 404.
@hooks.register("before_serve_page", order=-1)
def embargo_before_view_restrictions(page, request, serve_args, serve_kwargs):
    if issubclass(page.specific_class or type(page), NewsPage) and page.specific.hidden_from(request):
        raise Http404
    return None
