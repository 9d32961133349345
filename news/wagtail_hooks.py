"""Hooks of the news: a release under embargo is named by no link, menu or breadcrumb."""

from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .embargo import hide_embargoed


class PublicPageLinkHandler(PageLinkHandler):
    """A rich-text link to a page shows as text, with no address, when the page is not live or its release is
    under embargo: the link's slug would name the release before its time."""

    @classmethod
    def get_many(cls, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = hide_embargoed(Page.objects.live().filter(id__in=ids)).defer_streamfields().specific()
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]


# Menus, breadcrumbs, language and footer links (base/visibility.py) name no release under embargo.
hooks.register("hide_from_public", hide_embargoed)


# After Wagtail's own "page" link type (order 0), which it replaces.
@hooks.register("register_rich_text_features", order=1)
def register_public_page_links(features):
    features.register_link_type(PublicPageLinkHandler)
