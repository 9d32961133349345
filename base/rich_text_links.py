"""Rich-text links whose stored id cannot name anything: refused when saved, shown as a link to nothing if stored.

Stored rich text can hold any id (``<a linktype="page" id="abc">`` from a hand-made Draftail contentstate, a copy
from elsewhere, an id past the database's integers). Wagtail passes it to ``filter(id__in=…)``, which raises
ValueError ("abc") or OverflowError (SQLite, 99999999999999999999) and turns every render of the page into a 500;
its editor cannot open the text either. ``base/validators.py`` refuses such a link when it is saved (``usable_id``);
one stored some other way is shown as a link to a missing page is: ``<a>``, no address; and the editor, which
shows the refused value again with its error, shows it as a link to nothing, for the editor to choose again.

A link to a page readers may not open (a draft, unpublished, in a private section, a release under embargo) is shown
the same way: its text, with no address (``ReadablePageLinkHandler``). The page's HTML and the API
(``rich_text_as_read``) render rich text through these handlers alike.
"""

from wagtail.admin.rich_text.converters.html_to_contentstate import PageLinkElementHandler
from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.documents.rich_text.contentstate import DocumentLinkElementHandler
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.rich_text.pages import PageLinkHandler

from base.columns import fits_column


def usable_id(model, value):
    """``value`` (a rich-text link's ``id``) as the integer the database can look ``model`` up by, else None."""
    text = str(value if value is not None else "")
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if fits_column(model._meta.pk, number) else None


def usable_ids(model, attrs_list):
    """``usable_id`` of each link's attributes, in order."""
    return [usable_id(model, attrs.get("id")) for attrs in attrs_list]


def rich_text_as_read(source):
    """Stored rich text (``<a linktype="page" id="N">``) as readers read it on the page: rendered by Wagtail's
    ``RichText``, so through the link handlers below (a page readers may not open, or an id naming nothing, is its
    link text with no address) and ``wagtailcore/shared/richtext.html`` (unsafe addresses dropped). The API serves
    rich text so (``base.api_fields``): served raw, it named by id every draft, private page or release under embargo
    a public text links to. In the active language, which the API sets to the page's: a page link leads to the
    target's translation in that language, as on the page."""
    return str(RichText(source))


class ReadablePageLinkHandler(PageLinkHandler):
    """Wagtail's page links, to the pages readers may open only (``base.visibility.readable_pages``, in one query for
    all the links of a text): any other is shown as text, with no address, as a deleted page is. Its address would
    name a draft, a private page or a release under embargo (the slug of a release before its time). An id that
    cannot name a page is a link to nothing too."""

    @classmethod
    def get_many(cls, attrs_list):
        # Here, not at the top: base.visibility imports the models, which import this module (through validators).
        from base.visibility import readable_pages

        ids = usable_ids(Page, attrs_list)
        wanted = {id_ for id_ in ids if id_ is not None}
        pages = readable_pages(Page.objects.filter(id__in=wanted)).defer_streamfields().specific() if wanted else []
        by_id = {page.id: page for page in pages}
        return [by_id.get(id_) for id_ in ids]


class CheckedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's document links, with an id that cannot name a document shown as a link to nothing, as Wagtail
    shows a deleted document's, instead of a 500."""

    @classmethod
    def get_many(cls, attrs_list):
        model = cls.get_model()
        ids = usable_ids(model, attrs_list)
        wanted = {id_ for id_ in ids if id_ is not None}
        by_id = model._default_manager.in_bulk(wanted) if wanted else {}
        return [by_id.get(id_) for id_ in ids]


class CheckedPageLinkElementHandler(PageLinkElementHandler):
    """Wagtail's reading of a stored page link for the editor (Draftail), with an id that can name no page read as
    a link to nothing, where Wagtail's ``Page.objects.get(id=…)`` raised."""

    def get_attribute_data(self, attrs):
        if usable_id(Page, attrs.get("id")) is None:
            return {"url": None}
        return super().get_attribute_data(attrs)


class CheckedDocumentLinkElementHandler(DocumentLinkElementHandler):
    """The same for a document link (Wagtail's tolerates "abc", not an id past the database's integers)."""

    def get_attribute_data(self, attrs):
        if usable_id(get_document_model(), attrs.get("id")) is None:
            return {}
        return super().get_attribute_data(attrs)


def register(features):
    """Put the checked handlers in place of Wagtail's: rendering, and reading for the editor (Draftail)."""
    features.register_link_type(ReadablePageLinkHandler)
    features.register_link_type(CheckedDocumentLinkHandler)
    rules = features.converter_rules_by_converter.get("contentstate", {})
    for feature, selector, handler in (
        ("link", 'a[linktype="page"]', CheckedPageLinkElementHandler("LINK")),
        ("document-link", 'a[linktype="document"]', CheckedDocumentLinkElementHandler("DOCUMENT")),
    ):
        rule = rules.get(feature)
        if rule is not None:
            features.register_converter_rule(
                "contentstate",
                feature,
                {**rule, "from_database_format": {**rule["from_database_format"], selector: handler}},
            )
