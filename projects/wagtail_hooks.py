from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    list_filter = ["locale"]
    search_fields = ["name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "circoscrizione", "slug"]
    list_filter = ["locale", "circoscrizione"]
    search_fields = ["name"]


class ProjectClassificationGroup(SnippetViewSetGroup):
    """Themes and districts live together in the menu: both classify project case studies."""

    items = (ThemeViewSet, DistrictViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Classification")
    menu_order = 310


register_snippet(ProjectClassificationGroup)
