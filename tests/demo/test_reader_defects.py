"""What a first look at the demo site as a reader found (issue 14), checked over every public demo page.

- every page in the sitemap is linked from another page (a page nobody can reach, like the old
  /contatti-stampa/, is either linked or gone);
- no page repeats its hero image as the first picture of its body or gallery;
- every figure keeps its number and unit together: key figures as one unbreakable unit, and no ordinary
  (breakable) space between a number and its unit anywhere in the text of a page.
"""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StreamValue, StructValue
from wagtail.images.models import AbstractImage

from base.templatetags.display_tags import figure
from tests.demo.test_demo_content import public_pages

pytestmark = pytest.mark.django_db


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)}


def test_no_page_in_the_sitemap_is_an_orphan(client, demo_pages):
    """A page in the sitemap is one search engines send readers to: the site itself must lead there too."""
    sitemap = sitemap_paths(client)
    assert "/" in sitemap and "/en/" in sitemap
    linked_from = {}
    for path in sitemap:
        for link in demo_pages.get(client, path).soup.select("a[href]"):
            target = urlsplit(link["href"])
            if target.netloc and target.netloc not in ("localhost", "testserver"):
                continue
            linked_from.setdefault(target.path, set()).add(path)
    # The home pages are the way in; every other page needs a link from a page other than itself.
    orphans = sorted(p for p in sitemap - {"/", "/en/"} if not linked_from.get(p, set()) - {p})
    assert orphans == []


def test_the_press_contacts_page_is_gone_from_the_demo(client, demo):
    """Its text sent journalists to the press office for images the press room's media kit offers."""
    assert client.get("/contatti-stampa/").status_code == 404
    assert client.get("/en/press-contacts/").status_code == 404
    assert not any("contatti-stampa" in p or "press-contacts" in p for p in sitemap_paths(client))


def first_image(value):
    """The first image a stream (or a list of stream blocks) shows, wherever it sits in the block's value."""
    if isinstance(value, AbstractImage):
        return value
    if isinstance(value, StreamValue):
        value = [block.value for block in value]
    if isinstance(value, StructValue):
        value = list(value.values())
    if isinstance(value, list | tuple):
        for item in value:
            found = first_image(item)
            if found is not None:
                return found
    return None


def test_no_page_repeats_its_hero_image_as_its_first_figure(demo):
    repeats = []
    for page in public_pages():
        if not getattr(page, "hero_image_id", None):
            continue
        for name in ("body", "gallery"):
            image = first_image(getattr(page, name, None) or [])
            if image is not None and image.pk == page.hero_image_id:
                repeats.append(f"{page.locale.language_code} {page.url_path} ({name})")
    assert repeats == []


# A number followed by a unit, a currency or a magnitude word, or a sign or currency before a number.
UNIT = r"(?:m²|km²|km|m|kg|euro|milion[ei]|million|mila|thousand)\b|[%€]"
BREAKABLE_FIGURE = re.compile(rf"\d[ \t\n]+(?:{UNIT})|[≈~€][ \t\n]+\d")


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head", "svg"]):
        hidden.decompose()
    return soup


def test_figures_and_units_never_split_on_any_demo_page(client, demo_pages):
    """Every key figure is one unbreakable unit, and no text puts an ordinary space between number and unit."""
    problems = []
    figures = 0
    for page in public_pages():
        response = demo_pages.get(client, page.url)
        if response.status_code != 200:
            continue
        soup = visible_text(response.content.decode())
        for value in soup.select(".key-figure__value"):
            figures += 1
            numbers = [part for part in re.split(r" ", value.get_text()) if re.search(r"\d", part)]
            units = [span.get_text() for span in value.select(".nowrap")]
            if numbers != units:
                problems.append(f"{page.url}: key figure {value.get_text()!r} not kept whole ({units})")
        for text in soup.find_all(string=BREAKABLE_FIGURE):
            problems.append(f"{page.url}: {BREAKABLE_FIGURE.search(text).group()!r} in {text.strip()[:80]!r}")
    assert figures > 20, "the demo should show key figures on its pages"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "value, units",
    [
        ("≈ 1.000 m²", ["≈\u00a01.000\u00a0m²"]),
        ("+3,000 m²", ["+3,000\u00a0m²"]),
        ("≈ 130 km²", ["≈\u00a0130\u00a0km²"]),
        ("1,69 milioni €", ["1,69\u00a0milioni\u00a0€"]),
        ("€ 100.000", ["€\u00a0100.000"]),
        ("oltre 200 domande", ["200\u00a0domande"]),
        ("71", ["71"]),
        ("200+", ["200+"]),
    ],
)
def test_a_figure_is_one_unbreakable_unit(value, units):
    html = str(figure(value))
    soup = BeautifulSoup(html, "html.parser")
    assert [span.get_text() for span in soup.select("span.nowrap")] == units
    assert soup.get_text().replace("\u00a0", " ") == value  # the same text, only the spaces kept together
    # Outside the unbreakable units only words without digits remain, separated by ordinary spaces.
    for span in soup.select("span.nowrap"):
        span.decompose()
    assert not re.search(r"\d", soup.get_text())


def test_a_figure_is_escaped():
    assert str(figure("<b>5 km</b>")) == '<span class="nowrap">&lt;b&gt;5\u00a0km&lt;/b&gt;</span>'
