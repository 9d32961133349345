"""The ranking page's chart: positions in rankings over the years, drawn on the server as SVG.

Its template is site/templates/blocks/ranking_chart_block.html; the shared blocks are in base/blocks.py.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from base.blocks import BaseStreamBlock, SourceBlock


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
    # The limit of three maps comes from where the map is registered (projects/apps.py).
