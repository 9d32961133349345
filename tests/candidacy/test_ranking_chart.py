"""The ranking page's chart of positions over time: an SVG drawn on the server and a table with the same data."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from candidacy.blocks import RankingChartBlock
from tests import factories

ICAPITAL = (
    "iCapital",
    False,
    [factories.chart_point(2016, 2, "2ª"), factories.chart_point(2024, 1, "Vincitrice", note="1 milione €")],
)
ICITY = (
    "ICity Rate",
    True,
    [
        factories.chart_point(2019, 5, "5ª"),
        factories.chart_point(2015, 11, "11ª"),
        factories.chart_point(2017, 7),
        factories.chart_point(2018, 6, "6ª"),
    ],
)


@pytest.fixture
def chart_html(client, home_page):
    factories.RankingPageFactory(
        parent=home_page, slug="classifiche", body=[factories.ranking_chart_block(ICAPITAL, ICITY)]
    )
    response = client.get("/classifiche/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".ranking-chart")


def expected_points():
    return {(name, point["year"], point["position"]) for name, _join, points in (ICAPITAL, ICITY) for point in points}


@pytest.mark.django_db
def test_svg_and_table_carry_the_same_data(chart_html):
    svg_points = {
        (
            g.find_parent("g", class_="ranking-chart__series")["data-series"],
            int(g["data-year"]),
            int(g["data-position"]),
        )
        for g in chart_html.select("svg .ranking-chart__point")
    }
    table_points = {
        (row.find("th").get_text(strip=True), int(row.find_all("td")[0].get_text()), int(row["data-position"]))
        for row in chart_html.select("table tbody tr")
    }

    assert svg_points == table_points == expected_points()
    # What each point says in the chart is what the table says.
    svg_labels = {
        (int(g["data-year"]), g.find("text").get_text(strip=True)) for g in chart_html.select(".ranking-chart__point")
    }
    table_labels = {
        (int(row.find_all("td")[0].get_text()), row.find_all("td")[1].get_text(strip=True))
        for row in chart_html.select("table tbody tr")
    }
    assert svg_labels == table_labels
    assert (2017, "7") in table_labels  # no label: the number


@pytest.mark.django_db
def test_every_point_has_its_source_in_the_table(chart_html):
    for row in chart_html.select("table tbody tr"):
        year = row.find_all("td")[0].get_text()
        link = row.find("a")
        assert link["href"] == f"https://example.org/classifica-{year}"
        assert link.get_text(strip=True) == f"Fonte {year}"
        assert row.find("time")["datetime"] == f"{year}-06-01"


@pytest.mark.django_db
def test_chart_is_an_accessible_image_drawn_on_the_server(chart_html):
    svg = chart_html.find("svg", class_="ranking-chart__svg")

    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id and svg.find("title").get_text() == "Torino nelle classifiche"
    description = svg.find("desc")
    assert description["id"] == desc_id
    for name, _join, _points in (ICAPITAL, ICITY):
        assert name in description.get_text()
    assert "2024: Vincitrice" in description.get_text()
    table = chart_html.find("table")
    assert table.find("caption")["id"] == table.find_parent(attrs={"role": "region"})["aria-labelledby"]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert chart_html.find("script") is None
    # On a phone the chart scrolls sideways: keyboard users reach it as a region named by the caption.
    canvas = svg.find_parent(class_="ranking-chart__canvas")
    assert canvas["role"] == "region" and canvas["tabindex"] == "0"
    assert chart_html.find(id=canvas["aria-labelledby"]).get_text() == "Torino nelle classifiche"


@pytest.mark.django_db
def test_position_axis_is_labelled_from_first_to_worst_position(chart_html):
    grid = chart_html.select_one(".ranking-chart__grid")
    labels = [int(text.get_text()) for text in grid.find_all("text") if text.get("text-anchor") == "end"]

    assert labels[0] == 1 and labels[-1] == 11  # 11th is the worst position drawn
    assert labels == sorted(labels) == sorted(set(labels))


@pytest.mark.django_db
def test_better_positions_are_drawn_higher_and_later_years_further_right(chart_html):
    points = {int(g["data-year"]): g for g in chart_html.select('.ranking-chart__series[data-series="ICity Rate"] g')}
    texts = {year: (float(g.find("text")["x"]), float(g.find("text")["y"])) for year, g in points.items()}

    assert texts[2015][0] < texts[2017][0] < texts[2018][0] < texts[2019][0]
    assert texts[2015][1] > texts[2017][1] > texts[2018][1] > texts[2019][1]  # 11th lowest, 5th highest
    # Joined series have a line through their points in year order; iCapital's points stand alone.
    assert chart_html.select_one('.ranking-chart__series[data-series="ICity Rate"] > path')
    assert not chart_html.select_one('.ranking-chart__series[data-series="iCapital"] > path')


def test_two_positions_for_one_year_are_refused():
    block = RankingChartBlock()
    value = block.to_python(
        factories.ranking_chart_block(
            ("ICity Rate", True, [factories.chart_point(2017, 7), factories.chart_point(2017, 6)])
        )["value"]
    )

    with pytest.raises(ValidationError):
        block.clean(value)
