"""The header and the lines of text, measured in Chromium (issue 14's first look as a reader).

- at 1,280 px the search box and the language switch stay on the brand's row (they wrapped under it) and
  the menu is one row, in both languages (English labels are longer);
- on a phone the header leaves most of the first screen to the page;
- a key figure never ends a line inside itself (≈ 1.000 m² with its "²" alone on the next line);
- an e-mail address breaks only after its "@" or before a dot, never mid-word.
"""

from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import DESKTOP, PAGES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# The print-ready dossier has no site header.
HEADER_PAGES = [name for name in PAGES if name != "dossier_print"]
NARROW = {"width": 320, "height": 640}

# Where each part of the header sits, in CSS pixels.
HEADER_BOXES = """
() => {
    const box = (selector) => {
        const el = document.querySelector(".site-header " + selector);
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};
    };
    const links = [...document.querySelectorAll(".site-header .main-nav__link")]
        .map((a) => a.getBoundingClientRect().top);
    return {
        brand: box(".brand"),
        search: box(".site-search"),
        languages: box(".language-switcher"),
        header: box(""),
        linkTops: links,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
    };
}
"""


def english(demo_site, name):
    """The address of a demo page in English (the language switcher's link)."""
    with urlopen(demo_site[name], timeout=30) as response:
        soup = BeautifulSoup(response.read(), "html.parser")
    link = soup.select_one('.language-switcher a[hreflang="en"]')
    return urljoin(demo_site[name], link["href"]) if link else None


def open_page(chromium, demo_site, url, viewport):
    """The page in a context of its own; nothing outside the live server is fetched (map tiles)."""
    context = chromium.new_context(viewport=viewport)
    context.route("**/*", lambda route: route.continue_() if demo_site.is_local(route.request.url) else route.abort())
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


def overlaps_vertically(a, b):
    return a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("name", HEADER_PAGES)
def test_the_header_does_not_wrap_at_1280_px(chromium, demo_site, name, language):
    url = demo_site[name] if language == "it" else english(demo_site, name)
    if url is None:
        pytest.skip(f"the demo {name} has no English translation")
    context, page = open_page(chromium, demo_site, url, DESKTOP)
    try:
        boxes = page.evaluate(HEADER_BOXES)
    finally:
        context.close()
    brand, search, languages = boxes["brand"], boxes["search"], boxes["languages"]
    for part, box in (("search box", search), ("language switch", languages)):
        assert box is not None, f"no {part} in the header"
        assert overlaps_vertically(box, brand), f"the {part} wrapped under the brand: {box} vs {brand}"
        assert box["left"] >= brand["right"], f"the {part} is not beside the brand"
    # The menu is one row, under the brand's.
    assert boxes["linkTops"], "no menu"
    assert len({round(top) for top in boxes["linkTops"]}) == 1, f"the menu wraps: {boxes['linkTops']}"
    assert boxes["scrollWidth"] <= boxes["innerWidth"]


@pytest.mark.parametrize("name", ["home", "project", "news"])
def test_on_a_phone_the_header_leaves_the_screen_to_the_page(chromium, demo_site, name):
    context, page = open_page(chromium, demo_site, demo_site[name], PHONE)
    try:
        boxes = page.evaluate(HEADER_BOXES)
        # Every menu link can still be reached: the row scrolls, and the page itself does not.
        last = page.locator(".main-nav__link").last
        last.scroll_into_view_if_needed()
        assert last.is_visible()
    finally:
        context.close()
    assert boxes["header"]["bottom"] <= PHONE["height"] * 0.25, f"the header takes {boxes['header']['bottom']} px"
    assert len({round(top) for top in boxes["linkTops"]}) == 1, "the menu is one row"
    assert boxes["scrollWidth"] <= boxes["innerWidth"], "the page scrolls sideways"


# For each element matched: the characters of its text with the top of the line each one sits on.
LINES = """
(selector) => [...document.querySelectorAll(selector)].map((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const chars = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rects = range.getClientRects();
            if (rects.length) chars.push([node.data[i], Math.round(rects[0].top)]);
        }
    }
    return chars;
})
"""


def line_breaks(chars):
    """The text of each line of an element, from [(character, line top)]."""
    lines, current, top = [], "", None
    for char, char_top in chars:
        if top is not None and char_top > top + 2:
            lines.append(current)
            current = ""
        current += char
        top = char_top if top is None or char_top > top + 2 else top
    if current:
        lines.append(current)
    return lines


# How far each key figure's unbreakable units reach past the figure's own box, in CSS pixels.
OVERFLOW = """
() => [...document.querySelectorAll(".key-figure__value")].map((value) => {
    const box = value.getBoundingClientRect();
    const right = Math.max(...[...value.querySelectorAll(".nowrap")].map((unit) => unit.getBoundingClientRect().right));
    return [value.textContent, Math.round(right - box.right)];
})
"""


@pytest.mark.parametrize("viewport", [NARROW, DESKTOP], ids=["320px", "1280px"])
@pytest.mark.parametrize("name", ["programme", "project", "home", "dossier"])
def test_a_key_figure_never_ends_a_line_inside_itself_and_fits_its_box(chromium, demo_site, name, viewport):
    context, page = open_page(chromium, demo_site, demo_site[name], viewport)
    try:
        figures = page.evaluate(LINES, ".key-figure__value .nowrap")
        overflows = page.evaluate(OVERFLOW)
    finally:
        context.close()
    assert figures, f"no key figure on the {name} page"
    for chars in figures:
        lines = line_breaks(chars)
        assert len(lines) == 1, f"a figure broken over lines: {lines}"
    # Unbreakable, a long figure is drawn smaller rather than spill out of its box.
    assert [(text, by) for text, by in overflows if by > 1] == []


@pytest.mark.parametrize("viewport", [NARROW, PHONE], ids=["320px", "390px"])
@pytest.mark.parametrize("name", ["press_room", "home"])
def test_an_email_address_breaks_only_after_at_or_before_a_dot(chromium, demo_site, name, viewport):
    context, page = open_page(chromium, demo_site, demo_site[name], viewport)
    try:
        addresses = page.evaluate(LINES, 'a[href^="mailto:"]')
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert addresses, f"no e-mail address on the {name} page"
    for chars in addresses:
        lines = line_breaks(chars)
        for before, after in zip(lines, lines[1:], strict=False):
            assert before.endswith("@") or after.startswith("."), f"an address broken mid-word: {lines}"
    assert scroll_width <= viewport["width"], "an address widens the page"
