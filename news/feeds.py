"""RSS 2.0 and Atom feeds of a news index (one per language), with Django's syndication framework.

Each entry has a title, link, date, summary and an id that never changes: a UUID derived from the
news item's translation key and its language, so renaming or moving the page does not make feed
readers show it again as new, and the Italian and English entries stay distinct.
"""

import uuid

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from base.models import SiteSettings

from .models import NewsPage

FEED_SIZE = 20
_ID_NAMESPACE = uuid.UUID("6c0c3d0e-58a7-4f0e-9f59-3a4f0a0e7d21")  # fixed for this site: ids must not change


def entry_id(page):
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, f'{page.translation_key}/{page.locale.language_code}')}"


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    link_name = "rss"

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        return _("%(title)s · Torino Innovation") % {"title": index.title}

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return index.get_full_url(self.request) + index.reverse_subpage(self.link_name)

    def description(self, index):
        return index.introduction or _("News from Torino Innovation · %(organisation)s") % {
            "organisation": self.organisation_name(index)
        }

    subtitle = description

    def author_name(self, index):
        return self.organisation_name(index)

    def organisation_name(self, index):
        """As the site settings name it in the feed's language, the language being served (as a page's footer)."""
        return SiteSettings.for_request(self.request).organisation_name

    def items(self, index):
        # listed() already hides drafts, private pages and news under embargo.
        return (
            NewsPage.objects.listed(index.locale_id)
            .child_of(index)
            .select_related("locale")
            .prefetch_related("tags")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if item.is_press_release:
            return _("Press release. %(summary)s") % {"summary": item.summary}
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return entry_id(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.released_at

    def item_updateddate(self, item):
        return max(filter(None, [item.last_published_at, item.released_at]), default=None)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    link_name = "atom"
