"""The editors' guide, served inside the admin from the Markdown files in ``docs/`` that the repository keeps.

One guide per language (``GUIDES``); the dashboard links the one in the admin user's language. The Markdown is
rendered with markdown-it-py with raw HTML turned off (a ``<script>`` in the guide is shown as text, never run)
and its own check of link addresses (no ``javascript:``, ``data:``…); links from one guide to the other stay
inside the admin, links to other files of the repository (not served) become plain text.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

DOCS = Path(settings.BASE_DIR) / "docs"

# The guides for editors, by language; docs/deploy.md is for whoever runs the servers, not for editors.
GUIDES = {"en": "editors-guide.md", "it": "guida-redazione.md"}


@dataclass
class Guide:
    language: str
    filename: str

    @property
    def path(self):
        return DOCS / self.filename

    @property
    def title(self):
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.filename

    @property
    def html(self):
        return render(self.path.read_text(encoding="utf-8"))


def guide_for_language(language_code=None):
    code = (language_code or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    code = code if code in GUIDES else settings.LANGUAGE_CODE
    return Guide(code, GUIDES[code])


def _guide_links(self, tokens, idx, options, env):
    """Links to the other guide open it in the admin; links to files the site does not serve lose their link."""
    token = tokens[idx]
    href = token.attrGet("href") or ""
    target = href.split("#")[0]
    anchor = href[len(target) :]
    if target in GUIDES.values():
        language = next(code for code, filename in GUIDES.items() if filename == target)
        token.attrSet("href", reverse("editors_guide_in", args=[language]) + anchor)
    elif target and "://" not in target and not target.startswith("mailto:"):
        token.attrs.pop("href", None)
        token.tag = "span"
    return self.renderToken(tokens, idx, options, env)


def _close_link(self, tokens, idx, options, env):
    # Find the opening token of this link: if it became a <span>, close a <span>.
    depth = 0
    for previous in reversed(tokens[:idx]):
        if previous.type == "link_close":
            depth += 1
        elif previous.type == "link_open":
            if depth == 0:
                tokens[idx].tag = previous.tag
                break
            depth -= 1
    return self.renderToken(tokens, idx, options, env)


@lru_cache(maxsize=1)
def _markdown():
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("link_open", _guide_links)
    md.add_render_rule("link_close", _close_link)
    return md


def render(text):
    """Markdown as HTML that is safe to put in the admin page: no raw HTML, no unsafe link."""
    return mark_safe(_markdown().render(text))  # noqa: S308 (raw HTML is off: everything in text is escaped)


def guide_view(request, language=None):
    if language is not None and language not in GUIDES:
        raise Http404("No guide in this language")
    guide = guide_for_language(language)
    others = [
        {
            "language": code,
            "name": translation.get_language_info(code)["name_local"],
            "url": reverse("editors_guide_in", args=[code]),
        }
        for code in GUIDES
        if code != guide.language
    ]
    context = {
        "guide": guide,
        "guide_html": guide.html,
        "other_guides": others,
        "page_title": guide.title,
        "header_title": guide.title,
    }
    return TemplateResponse(request, "editorial/guide.html", context)
