"""Record how the demo pages look in a real browser, and compare a later recording with it.

    .venv/bin/python bench/css_snapshot.py --save /tmp/css-before      # before a stylesheet change
    .venv/bin/python bench/css_snapshot.py --compare /tmp/css-before   # after it: exit 1 on any difference

A change that only reorganises site.css must not change what readers see. This loads the demo content
into a throw-away database with the clock stopped (as bench/crawl.py does), serves it on 127.0.0.1 and
opens a set of pages in Debian's Chromium under Playwright (requirements-browser.txt; never a browser
that Playwright downloads), each in several conditions: desktop (1280 px) and phone (390 px) screens,
forced colours, reduced motion and print media. For each it records

- the computed style of every element and of every ::before/::after that has content: exact, and it
  names the element and the property that changed;
- the same around an example of every kind of link, button and field, with :hover forced on it and its
  ancestors, then :focus and :focus-visible forced on it (through the DevTools protocol, so that the
  states do not depend on timing): :hover and :focus-visible rules are not seen otherwise;
- a full-page screenshot, compared pixel by pixel;
- the dossier's PDF, which WeasyPrint makes from the print rules (with the clock stopped its bytes repeat).

Custom properties are left out of the comparison: what matters is the value of each property that uses
them, which is compared.

It also lists the stylesheet's selectors that match nothing on any visited page: for those rules the
comparison proves nothing, and they should be checked by eye. Requests outside the server are aborted
(map tiles); uploaded images are served from the test MEDIA_ROOT so that the screenshots show them.
Both runs must use the same --port: printed pages and the PDF write absolute addresses out.

Playwright is in requirements-browser.txt, not in requirements-dev.txt. A run takes about as many minutes
as it visits pages; --only and --no-screenshots make it shorter while working.
"""

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

import time_machine

# Before Django starts: every timestamp the demo loader writes comes from this instant.
FROZEN = "2026-06-15 09:00:00+00:00"
_traveller = time_machine.travel(FROZEN, tick=False)
_traveller.start()

from _common import bench_database, live_server, page_path  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files.storage import Storage  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# name -> (viewport, media, forced colours, reduced motion)
CONDITIONS = {
    "desktop": (DESKTOP, "screen", "none", "no-preference"),
    "phone": (PHONE, "screen", "none", "no-preference"),
    "forced-colours": (DESKTOP, "screen", "active", "no-preference"),
    "reduced-motion": (DESKTOP, "screen", "none", "reduce"),
    "print": (DESKTOP, "print", "none", "no-preference"),
}
# Hover and focus are recorded in these conditions only (with reduced motion, so no transition is caught
# half-way).
STATE_CONDITIONS = {
    "states": (DESKTOP, "screen", "none", "reduce"),
    "states-forced-colours": (DESKTOP, "screen", "active", "reduce"),
}

_alternatives = {}


def _numbered_alternative(self, file_root, file_ext):
    """A second file of the same name gets a numbered name instead of a random one, so names repeat."""
    _alternatives[(file_root, file_ext)] = _alternatives.get((file_root, file_ext), 0) + 1
    return f"{file_root}_{_alternatives[(file_root, file_ext)]}{file_ext}"


Storage.get_alternative_name = _numbered_alternative


def demo_pages():
    """{name: path} of one page of every kind, plus the states that only some addresses show."""
    from django.urls import reverse
    from wagtail.models import Locale

    from base.models import StandardPage
    from candidacy.models import DossierPage, RankingPage
    from home.models import HomePage
    from news.models import NewsIndexPage, NewsPage, PressRoomPage
    from opendata.models import OpenDataPage
    from projects.models import ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, ProjectPage

    italian = Locale.get_default()
    english = Locale.objects.get(language_code="en")

    def first(model, locale=italian, **filters):
        page = model.objects.live().public().filter(locale=locale, **filters).order_by("path").first()
        return page_path(page) if page else None

    project_index = first(ProjectIndexPage)
    pages = {
        "home": first(HomePage),
        "home-en": first(HomePage, english),
        "programme-index": first(ProgrammeIndexPage),
        "programme": first(ProgrammePage),
        "project": first(ProjectPage),
        "project-index": project_index,
        "project-index-filtered": project_index and project_index + "?status=nonsense&page=2",
        "news-index": first(NewsIndexPage),
        "news": first(NewsPage),
        "news-en": first(NewsPage, english),
        "press-room": first(PressRoomPage),
        "ranking": first(RankingPage),
        "dossier": first(DossierPage),
        "dossier-print": (first(DossierPage) or "") + "print/",
        "standard": first(StandardPage),
        "open-data": first(OpenDataPage),
        "search": reverse("search") + "?q=torino",
        "search-empty": reverse("search") + "?q=",
        "not-found": "/questa-pagina-non-esiste/",
    }
    # Mapped projects sit first in the tree; a project without a place shows the page without a map.
    for project in ProjectPage.objects.live().public().filter(locale=italian).order_by("path"):
        if not project.has_place:
            pages["project-unmapped"] = page_path(project)
            break
    return {name: path for name, path in pages.items() if path}


# Wait for what changes the layout after "load": fonts, each map drawn by map.js (it loads Leaflet itself, after
# the page), then two frames for the layout to settle.
SETTLED = """
async () => {
    await document.fonts.ready;
    const maps = () => [...document.querySelectorAll("[data-place-map]")];
    for (let i = 0; i < 100 && maps().some((m) => m.querySelector("[data-lat]") && !m.dataset.mapReady); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let i = 0; i < 2; i++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
}
"""

# Every element's computed style (and its ::before/::after when they have content), keyed by a path of
# tag names and child positions that does not depend on classes.
COLLECT = """
(rootSelector) => {
    const root = rootSelector ? document.querySelector(rootSelector) : document.documentElement;
    const out = {};
    const key = (el) => {
        const parts = [];
        for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
            const index = e.parentElement ? Array.prototype.indexOf.call(e.parentElement.children, e) : 0;
            parts.unshift(e.tagName.toLowerCase() + "[" + index + "]");
        }
        return parts.join(">");
    };
    const styles = (style) => {
        const values = {};
        for (let i = 0; i < style.length; i++) {
            const name = style[i];
            values[name] = style.getPropertyValue(name);
        }
        return values;
    };
    const elements = [root, ...root.querySelectorAll("*")];
    for (const el of elements) {
        const k = key(el);
        out[k] = styles(getComputedStyle(el));
        for (const pseudo of ["::before", "::after", "::marker"]) {
            const style = getComputedStyle(el, pseudo);
            const content = style.getPropertyValue("content");
            const shown = pseudo === "::marker"
                ? getComputedStyle(el).display === "list-item"
                : content !== "none" && content !== "normal";
            if (shown) {
                out[k + pseudo] = styles(style);
            }
        }
    }
    return JSON.stringify(out);  // one string crosses to Python far faster than a nested object
}
"""

# One example of every kind of interactive element (tag and classes): hovering and focusing it shows the
# :hover and :focus-visible rules.
EXAMPLES = """
() => {
    const seen = new Set();
    const found = [];
    const candidates = document.querySelectorAll("a[href], button, summary, input, select, textarea, [tabindex]");
    candidates.forEach((el, index) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return;
        const kind = el.tagName + "." + [...el.classList].sort().join(".") + "|" + [...el.attributes]
            .map((a) => a.name).filter((n) => n.startsWith("aria-")).sort().join(",") + "|" +
            (el.closest("header, nav, main, footer, aside") || document.body).tagName +
            "|" + ((el.closest("[class]") || document.body).className.split(" ")[0]);
        if (seen.has(kind)) return;
        seen.add(kind);
        el.setAttribute("data-css-snapshot", String(found.length));
        found.push(kind);
    });
    return found;
}
"""

# The styles around an element in a given state: its ancestors' subtree a few levels up (so that rules like
# `.card:hover .card__link` are seen), bounded so that hovering a header link does not copy the page.
AROUND = """
([index, limit]) => {
    const el = document.querySelector('[data-css-snapshot="' + index + '"]');
    let top = el;
    for (let i = 0; i < 3 && top.parentElement && top.parentElement.querySelectorAll("*").length < limit; i++) {
        top = top.parentElement;
    }
    top.setAttribute("data-css-snapshot-top", "");
    return true;
}
"""

FRAMES = "async () => { for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r)); }"

# Marks the example and its ancestors, which a pointer over the example would all put in :hover.
HOVER_CHAIN = """
(index) => {
    document.querySelectorAll("[data-css-hover]").forEach((el) => el.removeAttribute("data-css-hover"));
    for (let el = document.querySelector('[data-css-snapshot="' + index + '"]'); el; el = el.parentElement) {
        el.setAttribute("data-css-hover", "");
    }
}
"""

UNUSED = """
() => {
    const selectors = [];
    const walk = (rules) => {
        for (const rule of rules) {
            if (rule.selectorText) {
                selectors.push(...rule.selectorText.split(/,(?![^(]*\\))/).map((s) => s.trim()));
            }
            if (rule.cssRules) walk(rule.cssRules);
        }
    };
    for (const sheet of document.styleSheets) {
        if (sheet.href && sheet.href.includes("/static/css/")) walk(sheet.cssRules);
    }
    const strip = (s) => s.replace(/::?(before|after|marker|-webkit-details-marker|hover|focus-visible|focus)\\b/g, "")
        .replace(/:has\\((.*)\\)/, "$1 ").trim();
    return selectors.filter((s) => {
        try {
            return !document.querySelector(strip(s) || "*");
        } catch (error) {
            return false;
        }
    });
}
"""


def force(devtools, nodes, states):
    for node in nodes:
        devtools.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": states})


def record(server_url, pages, folder, screenshots):
    from playwright.sync_api import sync_playwright

    media_root = Path(settings.MEDIA_ROOT)
    results = {"unused": None}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def route(route):
            url = route.request.url
            if not url.startswith(server_url + "/"):
                return route.abort()
            path = url[len(server_url) :].split("?")[0]
            if path.startswith(settings.MEDIA_URL):
                file = media_root / path[len(settings.MEDIA_URL) :]
                return route.fulfill(path=file) if file.is_file() else route.fulfill(status=404)
            return route.continue_()

        def open_page(path, condition):
            viewport, media, forced, motion = condition
            context = browser.new_context(
                viewport=viewport, device_scale_factor=1, color_scheme="light", reduced_motion=motion
            )
            context.route("**/*", route)
            page = context.new_page()
            page.emulate_media(media=media, forced_colors=forced, reduced_motion=motion, color_scheme="light")
            page.goto(server_url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.evaluate(SETTLED)
            return context, page

        unused = None
        for name, path in pages.items():
            for condition_name, condition in CONDITIONS.items():
                started = time.perf_counter()
                context, page = open_page(path, condition)
                label = f"{name}@{condition_name}"
                styles = json.loads(page.evaluate(COLLECT, None))
                (folder / f"{label}.styles.json.gz").write_bytes(gzip.compress(json.dumps(styles).encode()))
                if screenshots:
                    page.screenshot(path=folder / f"{label}.png", full_page=True, animations="disabled")
                if condition_name == "desktop":
                    here = set(page.evaluate(UNUSED))
                    unused = here if unused is None else unused & here
                context.close()
                print(f"  {label}: {len(styles)} elements {time.perf_counter() - started:.1f}s", flush=True)
            for condition_name, condition in STATE_CONDITIONS.items():
                started = time.perf_counter()
                context, page = open_page(path, condition)
                label = f"{name}@{condition_name}"
                states = {}
                examples = page.evaluate(EXAMPLES)
                # A pointer over the element puts it and its ancestors in :hover a frame or two later: wait for
                # the frames. Forcing :hover through the DevTools protocol as well keeps a slow frame from losing
                # it (forcing alone misses some rules, such as .main-nav__link:hover). Focus comes from the
                # keyboard (Tab, then focus moved by script, which keeps :focus-visible), forced as well.
                devtools = context.new_cdp_session(page)
                devtools.send("DOM.enable")
                devtools.send("CSS.enable")
                document = devtools.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
                for index, kind in enumerate(examples):
                    target = f'[data-css-snapshot="{index}"]'
                    page.evaluate(AROUND, [index, 400])
                    try:
                        page.evaluate(HOVER_CHAIN, index)
                        chain = devtools.send(
                            "DOM.querySelectorAll", {"nodeId": document, "selector": "[data-css-hover]"}
                        )
                        force(devtools, chain["nodeIds"], ["hover"])
                        page.locator(target).hover(timeout=2000, force=True)
                        page.evaluate(FRAMES)
                        states[f"hover {kind}"] = json.loads(page.evaluate(COLLECT, "[data-css-snapshot-top]"))
                        force(devtools, chain["nodeIds"], [])
                        page.mouse.move(0, 0)
                        page.evaluate(FRAMES)
                        node = devtools.send("DOM.querySelector", {"nodeId": document, "selector": target})["nodeId"]
                        page.keyboard.press("Tab")
                        page.locator(target).focus(timeout=2000)
                        force(devtools, [node], ["focus", "focus-visible"])
                        page.evaluate(FRAMES)
                        states[f"focus {kind}"] = json.loads(page.evaluate(COLLECT, "[data-css-snapshot-top]"))
                        force(devtools, [node], [])
                    except Exception as error:  # an element Leaflet moved or hid: say so, both runs will
                        states[f"unreachable {kind}"] = {"error": type(error).__name__}
                    page.evaluate(
                        "document.querySelector('[data-css-snapshot-top]')?.removeAttribute('data-css-snapshot-top')"
                    )
                (folder / f"{label}.styles.json.gz").write_bytes(gzip.compress(json.dumps(states).encode()))
                context.close()
                print(f"  {label}: {len(states)} states {time.perf_counter() - started:.1f}s", flush=True)
        results["unused"] = sorted(unused or [])
        browser.close()
    return results


def without_tokens(styles):
    """The styles without custom properties (--name). Those hold a token as written (#fff or #ffffff, 0.08 or
    8%); every property that uses one is recorded with the value it resolves to, so a respelt token that
    changes nothing is not a difference, and one that changes something shows where it is used."""
    return {
        element: {name: value for name, value in values.items() if not name.startswith("--")}
        if isinstance(values, dict)
        else values
        for element, values in styles.items()
    }


def save_pdf(server_url, dossier_path, folder):
    """The dossier's PDF as WeasyPrint makes it from the print-ready page and the print rules."""
    from urllib.request import urlopen

    if not dossier_path:
        return
    with urlopen(server_url + dossier_path + "pdf/", timeout=300) as response:
        if response.headers.get_content_type() == "application/pdf":
            (folder / "dossier.pdf").write_bytes(response.read())


def compare_pdfs(before, after):
    """Which pages of the dossier's PDF differ (their text or their drawing), if its bytes do."""
    if not before.exists() or not after.exists():
        return [f"dossier PDF not compared: {before if not before.exists() else after} is missing"]
    if before.read_bytes() == after.read_bytes():
        return []
    from pypdf import PdfReader

    old, new = PdfReader(before), PdfReader(after)
    if len(old.pages) != len(new.pages):
        return [f"dossier PDF: {len(old.pages)} pages -> {len(new.pages)}"]
    changed = [
        number
        for number, (a, b) in enumerate(zip(old.pages, new.pages, strict=True), start=1)
        if a.extract_text() != b.extract_text() or a.get_contents().get_data() != b.get_contents().get_data()
    ]
    return [f"dossier PDF: pages {changed} differ" if changed else "dossier PDF: same pages, other bytes differ"]


def compare_styles(before, after, label, limit=12):
    differences = []
    before = {key: without_tokens(value) for key, value in before.items()}
    after = {key: without_tokens(value) for key, value in after.items()}
    for key in sorted(set(before) | set(after)):
        if key not in after:
            differences.append(f"{label}: {key} no longer there")
        elif key not in before:
            differences.append(f"{label}: {key} is new")
        elif before[key] != after[key]:
            b, a = before[key], after[key]
            if "error" in b or "error" in a or not isinstance(b, dict):
                differences.append(f"{label}: {key} {b} -> {a}")
                continue
            for element in sorted(set(b) | set(a)):
                if b.get(element) != a.get(element):
                    if element not in a or element not in b:
                        differences.append(f"{label}: {key} {element} appeared or vanished")
                        continue
                    changed = {
                        p: (b[element].get(p), a[element].get(p))
                        for p in set(b[element]) | set(a[element])
                        if b[element].get(p) != a[element].get(p)
                    }
                    differences.append(f"{label}: {key} {element} {changed}")
        if len(differences) >= limit:
            differences.append(f"{label}: ... (more)")
            break
    return differences


def compare_pictures(before, after, label):
    from PIL import Image, ImageChops

    with Image.open(before) as b, Image.open(after) as a:
        if b.size != a.size:
            return [f"{label}: screenshot {b.size} -> {a.size}"]
        box = ImageChops.difference(b.convert("RGB"), a.convert("RGB")).getbbox()
    return [f"{label}: screenshot pixels differ in {box}"] if box else []


def compare(saved, fresh):
    differences = []
    names = sorted(p.name for p in saved.glob("*.styles.json.gz"))
    fresh_names = sorted(p.name for p in fresh.glob("*.styles.json.gz"))
    if names != fresh_names:
        differences.append(f"recorded pages differ: {sorted(set(names) ^ set(fresh_names))}")
    differences.extend(compare_pdfs(saved / "dossier.pdf", fresh / "dossier.pdf"))
    for name in sorted(set(names) & set(fresh_names)):
        label = name.removesuffix(".styles.json.gz")
        before = json.loads(gzip.decompress((saved / name).read_bytes()))
        after = json.loads(gzip.decompress((fresh / name).read_bytes()))
        if "@states" in label:
            differences.extend(compare_styles(before, after, label))
        else:
            differences.extend(compare_styles({"page": before}, {"page": after}, label))
        picture = saved / f"{label}.png"
        if picture.exists() and (fresh / picture.name).exists():
            differences.extend(compare_pictures(picture, fresh / picture.name, label))
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, metavar="FOLDER")
    action.add_argument("--compare", type=Path, metavar="FOLDER")
    parser.add_argument(
        "--recorded",
        type=Path,
        metavar="FOLDER",
        help="with --compare: compare with this earlier recording instead of recording now",
    )
    parser.add_argument("--only", help="record only the pages whose name matches this regular expression")
    parser.add_argument("--no-screenshots", action="store_true", help="computed styles only (faster)")
    parser.add_argument(
        "--port", type=int, default=8737, help="the server's port, the same before and after (default 8737)"
    )
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed (apt-get install chromium)")
        return 2
    if args.compare and args.recorded:
        return report(compare(args.compare, args.recorded), args.recorded)
    folder = args.save or args.compare.with_name(args.compare.name + "-now")
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.styles.json.gz"), *folder.glob("*.png"), *folder.glob("dossier.pdf")]:
        old.unlink()
    with bench_database(demo=True):
        pages = demo_pages()
        dossier = pages.get("dossier")
        if args.only:
            pages = {name: path for name, path in pages.items() if re.search(args.only, name)}
        # One port for every run: the print rules and the dossier write absolute addresses out.
        with live_server(args.port) as url:
            results = record(url, pages, folder, screenshots=not args.no_screenshots)
            save_pdf(url, dossier, folder)
    (folder / "pages.json").write_text(json.dumps(pages, indent=1))
    (folder / "unused-selectors.txt").write_text("\n".join(results["unused"]) + "\n")
    print(f"{len(pages)} pages in {len(CONDITIONS)} conditions and {len(STATE_CONDITIONS)} state passes")
    print(f"{len(results['unused'])} selectors match nothing on these pages (listed in {folder}/unused-selectors.txt)")
    if args.save:
        print(f"saved in {folder}")
        return 0
    return report(compare(args.compare, folder), folder)


def report(differences, folder):
    if differences:
        print("\n".join(differences))
        print(f"{len(differences)} differences (this recording is in {folder})")
        return 1
    print("identical: every computed style and every pixel as before")
    return 0


if __name__ == "__main__":
    sys.exit(main())
