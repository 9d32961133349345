from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from editorial.translators import LanguageLimitedIndexView

from .models import District, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    index_view_class = LanguageLimitedIndexView
    icon = "tag"
    list_display = ["name", "slug"]
    # No "locale" in list_filter: it would replace Wagtail's own language filter (by code) with one by id that 404s.
    search_fields = ["name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    index_view_class = LanguageLimitedIndexView
    icon = "site"
    list_display = ["name", "circoscrizione", "slug"]
    list_filter = ["circoscrizione"]  # the language filter is Wagtail's own
    search_fields = ["name"]


class ProjectClassificationGroup(SnippetViewSetGroup):
    """Themes and districts live together in the menu: both classify project case studies."""

    items = (ThemeViewSet, DistrictViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Classification")
    menu_order = 310


register_snippet(ProjectClassificationGroup)
