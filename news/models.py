"""News, press releases under embargo, the press room and the news feeds.

The embargo belongs to the release (every translation of a news item) and lives in ``news/embargo.py``;
here it is asked through ``NewsPageQuerySet.visible()`` for news listings, ``without_embargoed()`` for
surfaces that list every page type (search, sitemap, API, menus), and ``NewsPage.serve()`` for the page.
"""

import datetime
import functools

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_unicode_re
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from base.api_fields import LinkedPagesField
from base.blocks import BaseStreamBlock
from base.fragment_cache import keep_nothing_for, listing_page
from base.languages import in_language
from base.models import (
    BaseIndexPage,
    BasePage,
    Contact,
    HeroImageMixin,
    IntroductionBodyPage,
    PublicPageQuerySet,
    RoutableBasePage,
    attach_card_renditions,
    optional_body,
    public_pages,
)
from base.prepared_queries import PreparedQuery
from base.visibility import hiding_hooks, readable_pages, readable_related, readable_related_pages

from . import embargo
from .blocks import MediaKitBlock
from .embargo import ReleaseEmbargo  # noqa: F401 (the model lives with its rules)
from .forms import NewsPageForm
from .release_documents import ReleaseDocument  # noqa: F401 (the model lives with its rules)

# Slugs the news index answers itself (its feeds): a news item cannot take them.
RESERVED_SLUGS = {"feed"}


class NewsIndexPage(RoutableBasePage, BaseIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    listing_filters = ("tag",)

    @classmethod
    def listing_of(cls, page, prefetch=True):
        return NewsPage.objects.listed(page.locale_id, prefetch).shown_on_cards().child_of(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The cards' renditions read for the page of cards shown, by a prepared query (``attach_card_renditions``).
        news = self.listing_of(self, prefetch=False)
        tag = request.GET.get("tag", "").strip()
        if tag:
            # Tags are slugs: anything else names no tag (and a NUL character would make PostgreSQL fail).
            if not slug_unicode_re.fullmatch(tag):
                raise BadRequest("not a tag")
            news = news.filter(tags__slug=tag)
            context["tag"] = tag
        if context.get("tag"):
            # The notice names the tag as editors wrote it ("iCapital 2016"), not by its slug in the address; only a
            # tag that news readers may see carry: a tag found only on a release under embargo would name it early,
            # so it answers as a tag that does not exist.
            shown = NewsPageTag.objects.filter(content_object__in=NewsPage.objects.visible()).values("tag_id")
            context["tag_name"] = (
                Tag.objects.filter(slug=context["tag"], pk__in=shown).values_list("name", flat=True).first()
            )
        # The key of the cards' rendering kept for the content version (base/fragment_cache.py): the tag when it
        # exists, else one key for every tag that does not (they all list nothing), so made-up tags add no entry.
        context["cards_key"] = tag if not tag or context["tag_name"] is not None else "?"
        # get_page() turns a missing, non-numeric or negative page into the first page and a
        # page past the end into the last one, so a hand-edited URL still shows news.
        context["news_page"] = listing_page(
            request,
            news,
            request.GET.get("page"),
            "news-index-count",
            self.pk,
            context["cards_key"],
            then=attach_card_renditions,
        )
        return context

    # The feeds are routes of the index, so their address follows its slug in each language
    # (/notizie/feed/rss/, /en/news/feed/rss/) and they list the news under this index only.

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @classmethod
    def feed_url(cls, index, name, request=None):
        """The address of the "rss" or "atom" feed of ``index``, which may be a plain Page (as menus load them)."""
        return index.get_url(request) + cls.get_resolver().reverse(name)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class TagNamesField(serializers.Field):
    """The API's list of a news item's tags, by name, from the tags fetched with the whole listing.

    Wagtail's own TagsField asks the database again for each item (it orders them in SQL).
    """

    def to_representation(self, value):
        return sorted((tag.name for tag in value.all()), key=str.casefold)


class NewsPageQuerySet(PublicPageQuerySet):
    def embargoed(self):
        """News whose release is under embargo now, live or not."""
        return self.filter(translation_key__in=embargo.embargoed_keys())

    def visible(self):
        """What the public may see: live, public news, past its release's embargo."""
        return embargo.hide_embargoed(self.live().public())

    def listed(self, locale, prefetch=True):
        """Visible news in ``locale``, newest first, ready for cards and feeds: their card renditions prefetched
        (``for_cards``) or, without ``prefetch``, left to a prepared listing (``attach_card_renditions``)."""
        return in_language(self.visible(), locale).for_cards(renditions=prefetch).order_by("-date", "-pk")


class NewsPage(BasePage):
    introduction = None  # the summary plays its part
    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The date the news is about or was announced.")
    )
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for lists, feeds and search results.")
    )
    body = StreamField(BaseStreamBlock, verbose_name=_("body"))
    related_programmes = ParentalManyToManyField(
        "projects.ProgrammePage", blank=True, related_name="news", verbose_name=_("related programmes")
    )
    related_projects = ParentalManyToManyField(
        "projects.ProjectPage", blank=True, related_name="news", verbose_name=_("related projects")
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    is_press_release = models.BooleanField(
        _("press release"),
        default=False,
        help_text=_("Listed in the press room and marked as a press release."),
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_(
            "Until this time (Rome time) the news is in no listing, feed, search result, sitemap or API, and "
            "its page is not shown to the public, even once published. Leave empty to release it on publication."
        ),
    )
    # Which change of the release's embargo this version's ``embargo_until`` was made from (news/embargo.py): a
    # version made before the last change leaves the embargo as it is when published.
    embargo_seen_at = models.DateTimeField(_("embargo seen at"), null=True, editable=False)

    objects = PageManager.from_queryset(NewsPageQuerySet)()
    # What includes/news_card.html adds to a card (``PublicPageQuerySet.shown_on_cards``).
    card_fields = ("date", "is_press_release")

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_press_release"), FieldPanel("embargo_until")]),
                # Which change of the release's embargo the form showed (NewsPageForm): a hidden input, with no
                # label, in a row hidden too so that it leaves no empty row.
                FieldPanel("embargo_seen", attrs={"hidden": True}),
            ],
            heading=_("Press release"),
        ),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("related_programmes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_projects", widget=forms.CheckboxSelectMultiple),
                FieldPanel(
                    "tags",
                    help_text=_(
                        "Shared by the Italian and English pages, so use names that read the same in both "
                        "languages: programmes, awards, places. A press release needs no tag: tick “press release”."
                    ),
                ),
            ],
            heading=_("Related content"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("embargo_until"),
    ]
    api_fields = [
        APIField("date"),
        APIField("summary"),
        APIField("is_press_release"),
        APIField("hero_image", serializer=ImageRenditionField("fill-1200x630")),
        APIField("body"),
        APIField("tags", serializer=TagNamesField(read_only=True)),
        APIField("related_programmes", serializer=LinkedPagesField(source="public_related_programmes")),
        APIField("related_projects", serializer=LinkedPagesField(source="public_related_projects")),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = NewsPageForm

    # The same date and links in every language, the links pointed at the pages in the news item's own
    # language (base/languages.py).
    localised_relations = ["related_programmes", "related_projects"]
    override_translatable_fields = [
        *HeroImageMixin.override_translatable_fields,
        SynchronizedField("date", overridable=False),
        SynchronizedField("related_programmes", overridable=False),
        SynchronizedField("related_projects", overridable=False),
        # A release goes out in every language at the same moment.
        SynchronizedField("is_press_release", overridable=False),
        SynchronizedField("embargo_until", overridable=False),
        # With the change of the embargo it was copied from: a translation published from an older sync does not
        # bring that sync's embargo back (news/embargo.py).
        SynchronizedField("embargo_seen_at", overridable=False),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the news feeds: choose another slug.")})

    @property
    def is_embargoed(self):
        """Whether the release (this page in every language) is under embargo now: news/embargo.py decides."""
        return embargo.is_embargoed(self)

    @property
    def release_embargo_until(self):
        return embargo.release_embargo(self)

    @cached_property
    def released_at(self):
        """When the public could first read it: the end of its embargo, or its first publication
        (for a page created without being published through a revision, the start of its date)."""
        if self.embargo_until or self.first_published_at:
            return self.embargo_until or self.first_published_at
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time.min))

    def hidden_from(self, request):
        """Whether ``request`` may not see this page: its release is under embargo and the user may not edit it.

        The one answer to "who sees a release before its time", asked by ``serve`` and, before Wagtail checks the
        page's view restrictions, by the ``before_serve_page`` hook of news/wagtail_hooks.py.
        """
        if not self.is_embargoed:
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated or not self.permissions_for_user(user).can_edit()

    def serve(self, request, *args, **kwargs):
        """Under embargo the page is "not found" to all but its editors.

        It raises the same Http404 as an address that does not exist, so the answer goes through the same
        handler (``home.views.page_not_found``) and is the same in status, headers and body: a guessed slug
        reveals nothing. Editors who may change the page see it (with a notice, never cached), so they can
        check it before the embargo lifts.
        """
        if self.is_embargoed:
            if self.hidden_from(request):
                raise Http404
            # Neither the page nor its kept content (base/fragment_cache.py) is cached for them: what they see must
            # never be stored where a reader's request could find it.
            keep_nothing_for(request)
            response = super().serve(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        return super().serve(request, *args, **kwargs)

    def related_pages(self):
        """The related programmes, then projects, that readers may see, each by title. Read by the template only when
        its body is not kept for the content version (news/news_page.html)."""
        related = []
        for name in ("related_programmes", "related_projects"):
            if self.pk and name not in getattr(self, "_cluster_related_objects", {}):
                related += _related_pages_query(name).run(self.pk)
            else:  # a preview: the pages chosen in the form, not yet saved
                related += shown_as_related(readable_related_pages(self, name))
        return related

    # What the API names of the related pages: those ``related_pages`` shows, by the same rule
    # (``base.visibility.readable_pages``), a draft's or a private page's id and title included in nothing.
    @property
    def public_related_programmes(self):
        return readable_related(self, "related_programmes")

    @property
    def public_related_projects(self):
        return readable_related(self, "related_projects")


def without_embargoed(pages):
    """``pages`` (a queryset of any page type) without the news whose release is under embargo (one query).

    For the surfaces that list or name every page type: search, sitemap, API, menus, footer, links.
    """
    return embargo.hide_embargoed(pages)


class PressRoomPage(IntroductionBodyPage):
    """For journalists: the press releases, the media kit and the press contacts."""

    media_kit = StreamField(
        MediaKitBlock(),
        blank=True,
        verbose_name=_("media kit"),
        help_text=_("Photos and logos with credit and licence, fact sheets and other documents to download."),
    )
    body = optional_body(_("Anything else journalists should know: accreditation, how to ask for an interview…"))

    content_panels = BasePage.content_panels + [FieldPanel("media_kit"), FieldPanel("body")]
    search_fields = IntroductionBodyPage.search_fields + [index.SearchField("media_kit")]
    api_fields = IntroductionBodyPage.api_fields + [APIField("media_kit")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("press room")

    @classmethod
    def listing_of(cls, page):
        return NewsPage.objects.listed(page.locale_id).filter(is_press_release=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        releases = self.listing_of(self)
        context["releases_page"] = Paginator(releases, settings.PAGE_SIZE).get_page(request.GET.get("page"))
        # The same shape as a ContactsBlock value, so the page reuses the contacts block's template.
        context["press_contacts"] = {
            "heading": _("Press contacts"),
            "contacts": list(Contact.objects.filter(is_press=True, locale=self.locale, live=True)),
        }
        context["media_kit"] = {
            kind: [block for block in self.media_kit if block.block_type == kind]
            for kind in ("photo", "logo", "document")
        }
        context["news_index"] = public_pages(NewsIndexPage.objects.live()).filter(locale=self.locale).first()
        return context


def shown_as_related(pages):
    """``pages`` as a news item's related pages show them, by title. A title, an address and a summary are shown: a
    page's row is long, each column compiled and read."""
    return pages.order_by("title").only("title", "url_path", "summary")


@functools.cache
def _related_pages_query(name):
    """The readable pages the many-to-many ``name`` of a news item (its id) relates, as ``related_pages`` shows them:
    prepared once per process (base/prepared_queries.py), what features hide part of its shape."""
    field = NewsPage._meta.get_field(name)
    model = field.related_model
    return PreparedQuery(
        model,
        lambda news: shown_as_related(readable_pages(model.objects.filter(**{field.related_query_name(): news}))),
        Page._meta.pk,
        vary_on=hiding_hooks,
    )
