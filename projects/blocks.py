from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from base.languages import request_locale
from base.visibility import readable_pages

from .models import ProjectPage


class MapBlock(blocks.StructBlock):
    """A map of project locations, rendered first as a plain list of links.

    The list is the content; site/static/js/map.js turns it into a Leaflet map when
    JavaScript runs, so the block reads the same to screen readers and without scripts.
    """

    SHOW_ALL = "all"
    SHOW_PROGRAMMES = "programmes"
    SHOW_PROJECTS = "projects"

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    show = blocks.ChoiceBlock(
        choices=[
            (SHOW_ALL, _("All projects")),
            (SHOW_PROGRAMMES, _("The projects of chosen programmes")),
            (SHOW_PROJECTS, _("Hand-picked projects")),
        ],
        default=SHOW_ALL,
        label=_("What the map shows"),
    )
    programmes = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="projects.ProgrammePage"),
        required=False,
        default=[],
        label=_("Programmes"),
        help_text=_('Used when the map shows "the projects of chosen programmes".'),
    )
    projects = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="projects.ProjectPage"),
        required=False,
        default=[],
        label=_("Projects"),
        help_text=_('Used when the map shows "hand-picked projects".'),
    )

    class Meta:
        icon = "site"
        label = _("Map")
        template = "blocks/map_block.html"
        description = _("A map of project locations, with the same places as a list of links")
        preview_value = {"heading": "I progetti sulla mappa", "show": "all"}

    def clean(self, value):
        value = super().clean(value)
        show = value["show"]
        if show == self.SHOW_PROGRAMMES and not [p for p in value["programmes"] if p]:
            raise StructBlockValidationError(
                block_errors={"programmes": ValidationError(_("Choose at least one programme."))}
            )
        if show == self.SHOW_PROJECTS and not [p for p in value["projects"] if p]:
            raise StructBlockValidationError(
                block_errors={"projects": ValidationError(_("Choose at least one project."))}
            )
        return value

    def get_places(self, value):
        """The chosen projects in the language the page is answered in.

        Chosen pages are matched by translation key, not id: a translated page keeps the choices of
        the Italian page it was translated from (wagtail-localize synchronises them), and its map
        must show the projects in its own language. Read with only what the map's list shows (``on_map``): not the
        cards' images, district and themes, two queries more and the projects' whole rows.
        """
        projects = ProjectPage.objects.on_map(request_locale())
        if value["show"] == self.SHOW_PROGRAMMES:
            keys = [p.translation_key for p in value["programmes"] if p]
            projects = projects.filter(programme__translation_key__in=keys)
        elif value["show"] == self.SHOW_PROJECTS:
            projects = projects.filter(translation_key__in=[p.translation_key for p in value["projects"] if p])
        return projects

    def get_api_representation(self, value, context=None):
        """The block as Wagtail's API gives it, the chosen programmes and projects by id: only those readers may open
        (``base.visibility.readable_pages``), as the map itself lists no draft or private project. One query."""
        representation = super().get_api_representation(value, context)
        chosen = [page.pk for name in ("programmes", "projects") for page in value[name] if page]
        readable = set()
        if chosen:
            readable = set(readable_pages(Page.objects.filter(pk__in=chosen)).values_list("pk", flat=True))
        for name in ("programmes", "projects"):
            representation[name] = [pk for pk in representation[name] if pk in readable]
        return representation

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["places"] = self.get_places(value)
        return context
