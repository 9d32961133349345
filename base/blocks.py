"""StreamField blocks shared by every page type.

Each block renders through its own template in site/templates/blocks/, and carries its example value
(``Meta.preview_value``): the admin's block preview shows it, and the tests and factories build from it
(``example()``), so an example is written once, next to its block.

The body stream (``BaseStreamBlock``) holds the editorial blocks of this app; a feature app adds a block
of its own to every body with ``register_body_block()`` from its ``AppConfig.ready()`` (the projects'
map), so that this app imports no feature.
"""

import copy
import datetime
import json

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .rich_text_links import rich_text_as_read


class ExampleMixin:
    """A block with an example value, its ``Meta.preview_value``: the admin's preview shows it and tests use it."""

    @classmethod
    def example(cls, **overrides):
        """The example as a StreamField stores it (a date as "2016-04-08"), with ``overrides`` applied."""
        block = cls()
        stored = json.loads(
            json.dumps(block.get_prep_value(block.normalize(block.meta.preview_value)), cls=DjangoJSONEncoder)
        )
        return {**stored, **overrides}


HEADING_LEVELS = [("h2", _("Level 2 heading")), ("h3", _("Level 3 heading")), ("h4", _("Level 4 heading"))]


class HeadingBlock(ExampleMixin, blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        label=_("Level"),
        help_text=_("Use level 2 for sections and level 3 or 4 inside them, so screen readers can follow."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "Open innovation in Barriera di Milano", "level": "h2"}


class FigureBlock(blocks.StructBlock):
    """An image with per-use alternative text, an optional caption and a credit."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Credit"), help_text=_("Photographer or source."))

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/figure_block.html"
        description = _("An image with alternative text, caption and credit")


class QuoteBlock(ExampleMixin, blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=160, label=_("Who said it"))
    role = blocks.CharBlock(required=False, max_length=160, label=_("Role or publication"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quotation with its attribution")
        preview_value = {
            "text": "La città è il perno che tiene insieme gli attori dell'innovazione.",
            "attribution": "Il Sole 24 Ore",
            "role": "Quotidiano Enti Locali & PA",
        }


class SourceBlock(blocks.StructBlock):
    """Where a figure comes from: every published number on the site can be checked."""

    source_name = blocks.CharBlock(max_length=200, label=_("Source"), help_text=_("Publisher or document name."))
    source_url = blocks.URLBlock(label=_("Source URL"))
    reference_date = blocks.DateBlock(
        label=_("Date the figure refers to"),
        help_text=_(
            "The date the figure describes. Known only to the month or year? Pick its first day, say so below."
        ),
    )
    # A figure known only for a year must not read as if it were measured on 1 January.
    reference_precision = blocks.ChoiceBlock(
        choices=[("day", _("Day")), ("month", _("Month")), ("year", _("Year"))],
        default="day",
        required=False,
        label=_("Date known to the"),
        help_text=_('Readers see "8 April 2016", "April 2016" or "2016".'),
    )


class KeyFigureBlock(ExampleMixin, SourceBlock):
    value = blocks.CharBlock(max_length=40, label=_("Figure"), help_text=_('For example "2nd", "€100,000", "40+".'))
    label = blocks.CharBlock(max_length=160, label=_("What it measures"))

    class Meta:
        icon = "pick"
        label = _("Key figure")
        template = "blocks/key_figure_block.html"
        description = _("A headline number with its source and date")
        form_layout = ["value", "label", "source_name", "source_url", "reference_date", "reference_precision"]
        preview_value = {
            "value": "2ª",
            "label": "al premio Capitale europea dell'innovazione 2016",
            "source_name": "Commissione europea",
            "source_url": "https://research-and-innovation.ec.europa.eu/",
            "reference_date": datetime.date(2016, 4, 8),
        }

    def clean(self, value):
        value = super().clean(value)
        if value["reference_date"] and value["reference_date"] > datetime.date.today() + datetime.timedelta(days=366):
            raise StructBlockValidationError(
                block_errors={"reference_date": ValidationError(_("A key figure cannot describe a date so far ahead."))}
            )
        return value


class KeyFiguresBlock(ExampleMixin, blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=8, label=_("Figures"))

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"
        description = _("A row of headline numbers, each with its source")
        # Two figures from the one example of a key figure (KeyFigureBlock's), so it is written once.
        preview_value = {
            "heading": "Il 2016 in cifre",
            "figures": [
                KeyFigureBlock._meta_class.preview_value,
                {**KeyFigureBlock._meta_class.preview_value, "value": "36", "label": "città candidate da 12 paesi"},
            ],
        }


class PartnerBlock(ExampleMixin, blocks.StructBlock):
    name = blocks.CharBlock(max_length=160, label=_("Name"))
    url = blocks.URLBlock(required=False, label=_("Website"))

    class Meta:
        icon = "group"
        label = _("Partner")
        template = "blocks/partner_block.html"
        description = _("A partner organisation")
        preview_value = {"name": "Università degli Studi di Torino", "url": "https://www.unito.it/"}


class RankingRowBlock(blocks.StructBlock):
    position = blocks.CharBlock(max_length=20, label=_("Position"), help_text=_('For example "1", "2nd", "Winner".'))
    city = blocks.CharBlock(max_length=120, label=_("City"))
    highlight = blocks.BooleanBlock(required=False, label=_("Highlight this row"), help_text=_("Usually Turin."))
    notes = blocks.ListBlock(
        blocks.CharBlock(max_length=300, required=False, label=_("Note")),
        label=_("Notes per indicator"),
        help_text=_("One note for each indicator, in the same order as the columns."),
    )

    class Meta:
        icon = "list-ol"


class RankingTableBlock(ExampleMixin, SourceBlock):
    caption = blocks.CharBlock(max_length=200, label=_("Caption"), help_text=_("Says what the table ranks, and when."))
    indicators = blocks.ListBlock(
        blocks.CharBlock(max_length=80, label=_("Indicator")),
        label=_("Indicators"),
        help_text=_("Column headings after position and city, e.g. Governance, Environment."),
    )
    rows = blocks.ListBlock(RankingRowBlock(), min_num=1, label=_("Rows"))

    class Meta:
        icon = "table"
        label = _("Ranking table")
        template = "blocks/ranking_table_block.html"
        description = _("A ranking of cities as a data table, with notes on each indicator")
        form_layout = [
            "caption",
            "indicators",
            "rows",
            "source_name",
            "source_url",
            "reference_date",
            "reference_precision",
        ]
        preview_value = {
            "caption": "FPA ICity Rate 2015: Torino tra i capoluoghi italiani",
            "indicators": ["Governance", "Ambiente"],
            "rows": [{"position": "11ª", "city": "Torino", "highlight": True, "notes": ["3ª", "82ª"]}],
            "source_name": "TorinoToday",
            "source_url": "https://www.torinotoday.it/",
            "reference_date": datetime.date(2015, 10, 1),
        }

    def clean(self, value):
        value = super().clean(value)
        columns = len(value["indicators"])
        for row in value["rows"]:
            if len(row["notes"]) > columns:
                raise StructBlockValidationError(
                    block_errors={
                        "rows": ValidationError(
                            _("%(city)s has more notes than there are indicators.") % {"city": row["city"]}
                        )
                    }
                )
        return value


class SocialLinkBlock(ExampleMixin, blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        choices=[
            ("facebook", "Facebook"),
            ("instagram", "Instagram"),
            ("linkedin", "LinkedIn"),
            ("mastodon", "Mastodon"),
            ("youtube", "YouTube"),
            ("x", "X"),
            ("other", _("Other")),
        ],
        label=_("Platform"),
    )
    label = blocks.CharBlock(
        max_length=60, label=_("Link text"), help_text=_('For example "Città di Torino on LinkedIn".')
    )
    url = blocks.URLBlock(label=_("URL"))

    class Meta:
        icon = "link"
        label = _("Social link")
        template = "blocks/social_link_block.html"
        description = _("A link to one of the city's social media accounts")
        preview_value = {
            "platform": "linkedin",
            "label": "Città di Torino su LinkedIn",
            "url": "https://www.linkedin.com/",
        }


class ContactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    contacts = blocks.ListBlock(SnippetChooserBlock("base.Contact"), min_num=1, label=_("Contacts"))

    class Meta:
        icon = "user"
        label = _("Contacts")
        template = "blocks/contacts_block.html"
        description = _("People or offices to contact, chosen from the contacts list")


# Blocks that feature apps add to every body (the projects' map): name → (block, the most a body may hold).
_body_blocks = {}


def register_body_block(name, block, max_num=None):
    """Add ``block`` to every body stream under ``name``, from a feature app's ``AppConfig.ready()``.

    Body streams are built from the registered blocks when a StreamField first uses them, after every app
    is ready: a StreamField takes ``BaseStreamBlock`` (the class, not an instance) for that reason.
    """
    block.set_name(name)
    _body_blocks[name] = (block, max_num)


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich-text block, served by the API as readers read it (``rich_text_as_read``), as a ``RichTextField``
    is: Wagtail's gives the stored text, whose page and document links name their targets by id, whether readers may
    open them or not. Every rich-text block of the site is this one."""

    def get_api_representation(self, value, context=None):
        return rich_text_as_read(value.source if value is not None else "")


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every editorial page: the blocks below, then those the features registered.

    A subclass adds blocks of its own after these (the ranking page's chart), so the admin offers them
    in the same order on every page.
    """

    heading = HeadingBlock()
    paragraph = RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        label=_("Paragraph"),
    )
    figure = FigureBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    ranking_table = RankingTableBlock()
    contacts = ContactsBlock()

    # Labels come from each block's Meta (translated), so that the Italian admin offers Italian names.

    def __init__(self, local_blocks=None, **kwargs):
        if not apps.ready:
            # Built now, the stream would silently lack the blocks the features register when they are ready.
            raise ImproperlyConfigured("Pass BaseStreamBlock to a StreamField as a class, not an instance.")
        super().__init__(local_blocks, **kwargs)
        own = BaseStreamBlock.base_blocks
        child_blocks = {name: block for name, block in self.child_blocks.items() if name in own}
        for name, (block, _max_num) in _body_blocks.items():
            child_blocks[name] = copy.deepcopy(block)
        child_blocks.update((name, block) for name, block in self.child_blocks.items() if name not in child_blocks)
        self.child_blocks = child_blocks
        limits = {name: {"max_num": max_num} for name, (_block, max_num) in _body_blocks.items() if max_num}
        self.meta.block_counts = {**limits, **self.meta.block_counts}
