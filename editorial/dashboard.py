"""The editors' dashboard: one panel on the admin home with the work waiting for the signed-in person, in the
languages they work in, each item linking to where it is done, and the editors' guide in their language.

The languages are the editorial policy's (``translators.py``): a Translator's are every language but Italian;
Editors and Moderators work in all of them.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, Revision, TaskState
from wagtail.permissions import page_permission_policy

from base.models import SiteSettings
from news.models import NewsPage, ReleaseEmbargo

from . import evidence, translators
from .guide import guide_for_language

# How many items a section lists before "all" (the counts are always complete).
SHOWN = 5
EMBARGO_HORIZON = datetime.timedelta(days=7)


@dataclass
class Section:
    key: str
    title: str
    empty: str
    items: list = field(default_factory=list)  # (label, detail, url)
    count: int = 0
    more_url: str = ""


def user_language_codes(user):
    codes = [code for code, _name in settings.LANGUAGES]
    if translators.is_limited_translator(user):
        return [code for code in codes if code != settings.LANGUAGE_CODE]
    return codes


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _page_items(pages, detail=lambda page: ""):
    return [(page.get_admin_display_title(), detail(page), _edit_url(page)) for page in pages[:SHOWN]]


def awaiting_review(user, pages):
    """Pages in a workflow task this user may approve."""
    states = TaskState.objects.reviewable_by(user).filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type__app_label="wagtailcore",
        workflow_state__base_content_type__model="page",
    )
    object_ids = [str(pk) for pk in states.values_list("workflow_state__object_id", flat=True)]
    return pages.filter(pk__in=object_ids).order_by("-latest_revision_created_at")


def own_drafts(user, pages):
    """Pages whose latest version this user saved and nobody published yet (scheduled ones have their section)."""
    return (
        pages.filter(has_unpublished_changes=True, latest_revision__user=user)
        .exclude(pk__in=scheduled(pages).values("pk"))
        .order_by("-latest_revision_created_at")
    )


def scheduled(pages):
    """Pages with a version waiting for its time to go live."""
    revisions = Revision.page_revisions.filter(approved_go_live_at__isnull=False)
    object_ids = {int(pk) for pk in revisions.values_list("object_id", flat=True)}
    return pages.filter(pk__in=object_ids)


def embargoes_ending(pages, now):
    keys = ReleaseEmbargo.objects.filter(until__gt=now, until__lte=now + EMBARGO_HORIZON).values("translation_key")
    return pages.type(NewsPage).filter(translation_key__in=keys)


def sections(request):
    user = request.user
    codes = user_language_codes(user)
    pages = Page.objects.filter(depth__gt=1, locale__language_code__in=codes).select_related("locale")
    now = timezone.now()
    result = []

    def add(key, title, empty, queryset, detail=lambda page: "", more_url=""):
        result.append(Section(key, title, empty, _page_items(queryset, detail), queryset.count(), more_url=more_url))

    def language(page):
        return page.locale.get_display_name()

    if page_permission_policy.user_has_permission(user, "publish"):
        add(
            "review",
            _("Waiting for your review"),
            _("Nothing is waiting for your review."),
            awaiting_review(user, pages),
            language,
            reverse("wagtailadmin_reports:workflow"),
        )
    add("drafts", _("Your drafts"), _("You have no unpublished drafts."), own_drafts(user, pages), language)

    outdated = evidence.outdated_translations(pages)
    outdated_pages = pages.filter(pk__in=list(outdated))
    add(
        "translations",
        _("Translations out of date"),
        _("Every translation is up to date."),
        outdated_pages,
        language,
        reverse("wagtail_localize:translations_report"),
    )

    max_age = SiteSettings.for_request(request).evidence_max_age_months
    flagged = [item for item in evidence.collect(max_age) if item.flags and item.language in codes]
    report = reverse("evidence_health")
    figure_section = Section(
        "figures",
        _("Figures flagged by the evidence report"),
        _("No figure needs attention."),
        count=len(flagged),
        more_url=f"{report}?{urlencode({'flag': 'any'})}",
    )
    for code in codes:
        in_language = [item for item in flagged if item.language == code]
        if in_language:
            figure_section.items.append(
                (
                    Locale(language_code=code).get_display_name(),
                    ", ".join(sorted({label for item in in_language for label in item.flag_labels})),
                    f"{report}?{urlencode({'flag': 'any', 'language': code})}",
                )
            )
    result.append(figure_section)

    add(
        "embargoes",
        _("Embargoes ending in the next 7 days"),
        _("No embargo ends in the next 7 days."),
        embargoes_ending(pages, now).order_by("pk"),
        language,
    )
    add(
        "scheduled",
        _("Scheduled publications"),
        _("Nothing is scheduled."),
        scheduled(pages).order_by("pk"),
        language,
    )
    return result


class EditorsDashboardPanel(Component):
    name = "editors_dashboard"
    order = 50
    template_name = "editorial/dashboard/panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        context["sections"] = sections(self.request)
        context["languages"] = [Locale(language_code=code).get_display_name() for code in user_language_codes(user)]
        context["guide_url"] = reverse("editors_guide")
        context["guide_title"] = guide_for_language().title
        return context


def is_editor(user):
    return page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])
