"""StreamField blocks shared by every page type.

Each block renders through its own template in site/templates/blocks/.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from projects.blocks import MapBlock

HEADING_LEVELS = [("h2", _("Level 2 heading")), ("h3", _("Level 3 heading")), ("h4", _("Level 4 heading"))]


class HeadingBlock(blocks.StructBlock):
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


class QuoteBlock(blocks.StructBlock):
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


class KeyFigureBlock(SourceBlock):
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


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=8, label=_("Figures"))

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"
        description = _("A row of headline numbers, each with its source")
        preview_value = {
            "heading": "Il 2016 in cifre",
            "figures": [
                {
                    "value": "2ª",
                    "label": "al premio Capitale europea dell'innovazione 2016",
                    "source_name": "Commissione europea",
                    "source_url": "https://research-and-innovation.ec.europa.eu/",
                    "reference_date": datetime.date(2016, 4, 8),
                },
                {
                    "value": "36",
                    "label": "città candidate da 12 paesi",
                    "source_name": "Commissione europea",
                    "source_url": "https://research-and-innovation.ec.europa.eu/",
                    "reference_date": datetime.date(2016, 4, 8),
                },
            ],
        }


class PartnerBlock(blocks.StructBlock):
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


class RankingTableBlock(SourceBlock):
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


class SocialLinkBlock(blocks.StructBlock):
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
    contacts = blocks.ListBlock(SnippetChooserBlock("home.Contact"), min_num=1, label=_("Contacts"))

    class Meta:
        icon = "user"
        label = _("Contacts")
        template = "blocks/contacts_block.html"
        description = _("People or offices to contact, chosen from the contacts list")


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every editorial page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
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
    map = MapBlock()

    class Meta:
        # Labels come from each block's Meta (translated), so that the Italian admin offers Italian names.
        block_counts = {"map": {"max_num": 3}}


# --- the ranking chart --------------------------------------------------------------------------


class RankingPointBlock(SourceBlock):
    """One position in one ranking, in one year, with where it was published."""

    year = blocks.IntegerBlock(min_value=1990, max_value=2100, label=_("Year"))
    position = blocks.IntegerBlock(
        min_value=1, max_value=999, label=_("Position"), help_text=_("The rank as a number: 1 for the winner.")
    )
    label = blocks.CharBlock(
        required=False,
        max_length=40,
        label=_("Position as written"),
        help_text=_('How the position reads, e.g. "2nd", "Winner". Empty: the number.'),
    )
    note = blocks.CharBlock(
        required=False, max_length=200, label=_("Note"), help_text=_('For example "of 9 finalists, 36 applicants".')
    )

    class Meta:
        icon = "pick"
        form_layout = [
            "year",
            "position",
            "label",
            "note",
            "source_name",
            "source_url",
            "reference_date",
            "reference_precision",
        ]


class RankingSeriesBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, label=_("Ranking"), help_text=_('For example "iCapital (EU)".'))
    join_points = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Join the points with a line"),
        help_text=_("Untick it for an award whose editions are years apart, to show the points alone."),
    )
    points = blocks.ListBlock(RankingPointBlock(), min_num=1, label=_("Positions"))

    class Meta:
        icon = "list-ol"


class RankingChartValue(blocks.StructValue):
    """The chart's geometry, worked out on the server: the SVG needs no JavaScript and no library."""

    WIDTH, HEIGHT = 640, 340
    LEFT, RIGHT, TOP, BOTTOM = 64, 24, 36, 52
    # Distinguishable without colour too: each series has its own marker shape and line style.
    COLOURS = ["#7a1d2c", "#17457f", "#0b6b5a", "#6b4a00"]
    SHAPES = ["circle", "square", "diamond", "triangle"]
    DASHES = ["", "6 4", "2 4", "10 4 2 4"]

    def points(self):
        """Every point as a flat list of dicts, in the order the table lists them."""
        rows = []
        for series in self["series"]:
            for point in sorted(series["points"], key=lambda p: p["year"]):
                rows.append({"series": series["name"], **point})
        return rows

    def chart(self):
        series_list = [s for s in self["series"] if s["points"]]
        all_points = [p for s in series_list for p in s["points"]]
        if not all_points:
            return None
        first_year = min(p["year"] for p in all_points)
        last_year = max(p["year"] for p in all_points)
        worst = max(2, max(p["position"] for p in all_points))
        plot_width = self.WIDTH - self.LEFT - self.RIGHT
        plot_height = self.HEIGHT - self.TOP - self.BOTTOM
        slots = last_year - first_year + 1

        def x(year):
            return self.LEFT + (year - first_year + 0.5) * plot_width / slots

        def y(position):
            return self.TOP + (position - 1) * plot_height / (worst - 1)

        year_step = 1 if slots <= 12 else 2 if slots <= 24 else 5
        position_step = 1 if worst <= 6 else 2 if worst <= 12 else 5 if worst <= 30 else 10
        position_ticks = sorted({1, *range(position_step, worst + 1, position_step)})
        # The bottom of the axis is the worst position drawn: label it, dropping a tick too close above it.
        if position_ticks[-1] != worst:
            if worst - position_ticks[-1] < position_step / 2 and position_ticks[-1] != 1:
                position_ticks.pop()
            position_ticks.append(worst)

        drawn = []
        for index, series in enumerate(series_list):
            style = index % len(self.COLOURS)
            points = []
            for point in sorted(series["points"], key=lambda p: p["year"]):
                px, py = x(point["year"]), y(point["position"])
                points.append(
                    {
                        **point,
                        "x": _num(px),
                        "y": _num(py),
                        "text": point["label"] or str(point["position"]),
                        "label_y": _num(py - 12),
                        "marker": _marker(self.SHAPES[style], px, py),
                    }
                )
            drawn.append(
                {
                    "name": series["name"],
                    "colour": self.COLOURS[style],
                    "dash": self.DASHES[style],
                    "legend_marker": _marker(self.SHAPES[style], 8, 8),
                    "line": "M " + " L ".join(f"{p['x']} {p['y']}" for p in points)
                    if series["join_points"] and len(points) > 1
                    else "",
                    "points": points,
                }
            )
        return {
            "width": self.WIDTH,
            "height": self.HEIGHT,
            "plot": {
                "left": self.LEFT,
                "right": self.WIDTH - self.RIGHT,
                "top": self.TOP,
                "bottom": self.HEIGHT - self.BOTTOM,
                "middle_x": _num(self.LEFT + plot_width / 2),
                "middle_y": _num(self.TOP + plot_height / 2),
            },
            "years": [
                {"year": year, "x": _num(x(year))} for year in range(first_year, last_year + 1) if year % year_step == 0
            ]
            or [{"year": first_year, "x": _num(x(first_year))}],
            "positions": [{"position": position, "y": _num(y(position))} for position in position_ticks],
            "series": drawn,
            "description": self.description(series_list),
        }

    def description(self, series_list):
        """The <desc> of the SVG: the data in words, for whoever cannot see the lines."""
        parts = [self["summary"]] if self["summary"] else []
        parts.append(str(_("Position by year; 1 is first place.")))
        for series in series_list:
            points = "; ".join(
                f"{p['year']}: {p['label'] or p['position']}" for p in sorted(series["points"], key=lambda p: p["year"])
            )
            parts.append(f"{series['name']}: {points}.")
        return " ".join(parts)


def _num(value):
    """A coordinate for SVG: a dot for decimals whatever the language, and no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _marker(shape, x, y, size=6):
    """An SVG path for a point marker centred on (x, y)."""
    if shape == "square":
        s = size * 0.85
        return f"M {_num(x - s)} {_num(y - s)} h {_num(2 * s)} v {_num(2 * s)} h {_num(-2 * s)} Z"
    if shape == "diamond":
        s = size * 1.2
        return (
            f"M {_num(x)} {_num(y - s)} L {_num(x + s)} {_num(y)} L {_num(x)} {_num(y + s)} L {_num(x - s)} {_num(y)} Z"
        )
    if shape == "triangle":
        s = size * 1.15
        return f"M {_num(x)} {_num(y - s)} L {_num(x + s)} {_num(y + s * 0.8)} L {_num(x - s)} {_num(y + s * 0.8)} Z"
    return f"M {_num(x - size)} {_num(y)} a {size} {size} 0 1 0 {2 * size} 0 a {size} {size} 0 1 0 {-2 * size} 0 Z"


class RankingChartBlock(blocks.StructBlock):
    """Positions in one or more rankings over the years: an SVG chart and the same data as a table."""

    caption = blocks.CharBlock(
        max_length=200, label=_("Caption"), help_text=_("Says what the chart shows, and over which years.")
    )
    summary = blocks.TextBlock(
        required=False,
        max_length=400,
        label=_("What it shows"),
        help_text=_("The story in one or two sentences, for readers who cannot see the chart."),
    )
    series = blocks.ListBlock(RankingSeriesBlock(), min_num=1, max_num=4, label=_("Rankings"))

    class Meta:
        icon = "table"
        label = _("Ranking chart")
        template = "blocks/ranking_chart_block.html"
        description = _("Positions in rankings over the years, as a chart and as a table, each point with its source")
        value_class = RankingChartValue
        preview_value = {
            "caption": "Torino nelle classifiche, 2015–2019",
            "summary": "",
            "series": [
                {
                    "name": "FPA ICity Rate",
                    "join_points": True,
                    "points": [
                        {
                            "year": 2015,
                            "position": 11,
                            "label": "11ª",
                            "note": "",
                            "source_name": "TorinoToday",
                            "source_url": "https://www.torinotoday.it/",
                            "reference_date": datetime.date(2015, 1, 1),
                        },
                        {
                            "year": 2019,
                            "position": 5,
                            "label": "5ª",
                            "note": "",
                            "source_name": "Corriere della Sera",
                            "source_url": "https://bergamo.corriere.it/",
                            "reference_date": datetime.date(2019, 11, 26),
                        },
                    ],
                }
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        for series in value["series"]:
            years = [point["year"] for point in series["points"]]
            duplicates = sorted({year for year in years if years.count(year) > 1})
            if duplicates:
                raise StructBlockValidationError(
                    block_errors={
                        "series": ValidationError(
                            _("%(ranking)s has more than one position for %(years)s.")
                            % {"ranking": series["name"], "years": ", ".join(map(str, duplicates))}
                        )
                    }
                )
        return value


class RankingStreamBlock(BaseStreamBlock):
    """The ranking page's body: the editorial blocks and the ranking chart."""

    ranking_chart = RankingChartBlock()
    # Meta, with its limit of three maps, is inherited from BaseStreamBlock.
