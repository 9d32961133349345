"""Build the demo content: create whatever is missing, never touch what already exists.

Every object is looked up by a stable key before anything is created:

- locales by language code; themes and districts by slug + locale; contacts by name + locale;
- images by title;
- pages by slug under their parent (section pages that may exist only once — the indexes and the
  ranking page — by type under the home page); the home page by type and locale under the root;
- the default site and its settings by their existence.

Whatever is found is used as it is, even if an editor has changed it since: the loader only adds.
A page is created with ``add_child`` and published once, so it has exactly one revision.

Then the English site is built as a translation of the Italian one (``content_en`` holds its text):

- each English page or snippet is looked up by its Italian original's ``translation_key`` in the
  English locale, and created only if missing: the English home page first (a sibling of the
  Italian one under the root), then the sections, then their children, so every page is made under
  its parent's translation;
- an Italian original that is missing (or of another kind) has no translation made for it;
- it is made by wagtail-localize from the Italian page and the English strings of ``content_en``,
  imported into its translation memory (``localize.translate``): what must not differ between
  languages (location, dates, status, images, tags…) comes from the Italian page, and links to
  programmes, projects, themes, districts and contacts point at their English translations;
- English pages are published if their Italian original is live, the home page last, once the
  programmes it features exist in English.

Italian StreamFields are stored as the admin stores them (every block and list item with an id), so
that wagtail-localize offers all of their text to translators.
"""

import datetime
import io

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from home.models import Contact, HomePage, HomePageFeaturedProgramme, RankingPage, SiteSettings, StandardPage
from home.site_url import parse_site_url
from home.validators import create_checked
from news.models import NewsIndexPage, NewsPage
from projects.models import District, ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, ProjectPage, Theme

from . import content as c
from . import content_en as en
from . import dossier, localize
from .images import render
from .press import load_press_content

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


class _NeedsSelf(Exception):
    """A StreamField value points at its own page, which has no id yet."""


class DemoLoader:
    def __init__(self):
        self.created = {}
        self.found = {}
        self.warnings = []
        self.images = {}
        self.image_keys = {}  # image id → its key in content.IMAGES
        self.themes = {}
        self.districts = {}
        self.contacts = {}
        self.pages = {}  # path below the home page ("" for the home page itself) -> specific page

    # --- bookkeeping -------------------------------------------------------------------------

    def _count(self, kind, created, language=None):
        """Count one object as created or found; ``language`` is None for what both languages share."""
        bucket = self.created if created else self.found
        bucket[(language, kind)] = bucket.get((language, kind), 0) + 1

    @property
    def changed(self):
        return bool(self.created)

    # --- entry point ---------------------------------------------------------------------------

    def run(self):
        with transaction.atomic():
            self.locale = self.ensure_locales()
            self.ensure_snippets()
            dossier.ensure_criteria(self)
            self.ensure_images()
            home, home_created = self.ensure_home()
            self.ensure_sections(home)
            if home_created:
                self.finish_home(home)
            site = self.ensure_site(home, home_created)
            self.ensure_site_settings(site)
            self.translate_to_english()
            load_press_content(self)
        if self.changed:
            call_command("update_index", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        return self

    # --- locales and snippets -------------------------------------------------------------------

    def ensure_locales(self):
        for code in c.LOCALES:
            _, created = Locale.objects.get_or_create(language_code=code)
            self._count("locales", created)
        return Locale.objects.get(language_code="it")

    def ensure_snippets(self):
        for slug, name in c.THEMES:
            theme = Theme.objects.filter(slug=slug, locale=self.locale).first()
            if theme is None:
                theme = create_checked(Theme, slug=slug, name=name, locale=self.locale)
                self._count("themes", True, "it")
            else:
                self._count("themes", False, "it")
            self.themes[slug] = theme
        for slug, name, circoscrizione in c.DISTRICTS:
            district = District.objects.filter(slug=slug, locale=self.locale).first()
            if district is None:
                district = create_checked(
                    District, slug=slug, name=name, circoscrizione=circoscrizione, locale=self.locale
                )
                self._count("districts", True, "it")
            else:
                self._count("districts", False, "it")
            self.districts[slug] = district
        for key, fields in c.CONTACTS.items():
            contact = Contact.objects.filter(name=fields["name"], locale=self.locale).first()
            if contact is None:
                contact = create_checked(Contact, locale=self.locale, **fields)
                self._count("contacts", True, "it")
            else:
                self._count("contacts", False, "it")
            self.contacts[key] = contact

    # --- images --------------------------------------------------------------------------------

    def ensure_images(self):
        image_model = get_image_model()
        for key, (title, description, motif, colours) in c.IMAGES.items():
            image = image_model.objects.filter(title=title).order_by("pk").first()
            created = image is None
            if created:
                image = image_model(title=title, description=description)
                image.file = ImageFile(io.BytesIO(render(key, motif, colours)), name=f"torino-{key}.jpg")
                image._set_image_file_metadata()
                image.save()
            self._count("images", created)
            self.images[key] = image
            self.image_keys[image.pk] = key

    def image_value(self, key):
        """The raw value of an ImageBlock, with the image's description as alternative text."""
        image = self.images[key]
        return {"image": image.pk, "decorative": False, "alt_text": image.description or image.title}

    # --- references in StreamField values -------------------------------------------------------

    def resolve(self, value, page=None):
        if isinstance(value, dict):
            return {key: self.resolve(item, page) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve(item, page) for item in value]
        if isinstance(value, c.ImageRef):
            return self.image_value(value.key)
        if isinstance(value, c.ContactRef):
            return self.contacts[value.key].pk
        if value == c.SELF:
            if page is None or page.pk is None:
                raise _NeedsSelf
            return page.pk
        if isinstance(value, c.PageRef):
            return self.pages[value.path].pk
        return value

    # --- pages ---------------------------------------------------------------------------------

    def ensure_page(self, path, parent, page, *, singleton=False, streams=None, relations=None, first_published=None):
        """Find the page at ``path`` or create ``page`` under ``parent`` and publish it.

        ``streams`` maps StreamField names to raw values (references resolved here), ``relations``
        maps many-to-many and tag fields to lists. Returns None if another kind of page holds the slug.
        """
        model = type(page)
        children = parent.get_children()
        found = children.type(model).first() if singleton else children.filter(slug=page.slug).first()
        if found is not None:
            found = found.specific
            if not isinstance(found, model):
                self.warnings.append(
                    f"'{parent.url_path}{page.slug}/' is a {type(found).__name__}, not a {model.__name__}: "
                    "left alone, with what goes under it."
                )
                return None
            self._count("pages", False, "it")
            self.pages[path] = found
            return found

        deferred = {}
        for name, raw in (streams or {}).items():
            try:
                _set_stream(page, name, self.resolve(raw))
            except _NeedsSelf:
                deferred[name] = raw
        for name, values in (relations or {}).items():
            if name == "tags":
                page.tags.add(*values)
            else:
                getattr(page, name).set(values)
        if first_published:
            page.first_published_at = first_published
        _describe_hero_image(page)
        parent.add_child(instance=page)
        for name, raw in deferred.items():
            _set_stream(page, name, self.resolve(raw, page))
        page.save_revision().publish()
        self._count("pages", True, "it")
        self.pages[path] = page
        return page

    def ensure_home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.child_of(root).filter(locale=self.locale).first()
        if home is not None:
            self._count("pages", False, "it")
            self.pages[""] = home
            return home, False

        # Wagtail's migrations leave a placeholder page at "/home/": remove it if it is untouched.
        for placeholder in root.get_children().filter(slug=c.HOME["slug"]):
            if (
                placeholder.specific_class is Page
                and placeholder.title == WAGTAIL_WELCOME_TITLE
                and not placeholder.get_children().exists()
            ):
                placeholder.delete()  # its Site goes with it; ensure_site makes a new one
        slug = c.HOME["slug"]
        if root.get_children().filter(slug=slug).exists():
            slug = "torino-innovation"

        home = HomePage(
            title=c.HOME["title"],
            slug=slug,
            locale=self.locale,
            introduction=c.HOME["introduction"],
            search_description=c.HOME["introduction"],
            hero_image=self.images[c.HOME["hero_image"]],
        )
        _describe_hero_image(home)
        _set_stream(home, "key_figures", c.HOME["key_figures"])
        _set_stream(home, "body", c.HOME["body"])
        # Published in finish_home(), once the programmes it features exist: one revision only.
        root.add_child(instance=home)
        self._count("pages", True, "it")
        self.pages[""] = home
        return home, True

    def finish_home(self, home):
        home.featured_programmes = [
            HomePageFeaturedProgramme(programme=self.pages[f"programmi/{slug}"], sort_order=index)
            for index, slug in enumerate(c.HOME["featured_programmes"])
            if f"programmi/{slug}" in self.pages
        ]
        home.save_revision().publish()

    def ensure_sections(self, home):
        self.ensure_programmes(home)
        self.ensure_projects(home)
        self.ensure_news(home)
        self.ensure_ranking(home)
        self.ensure_standard_pages(home)
        dossier.ensure_dossier_page(self, home)

    def _index(self, home, model, data):
        return self.ensure_page(
            data["slug"],
            home,
            model(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                search_description=data["introduction"],
                hero_image=self.images[data["hero_image"]],
                show_in_menus=data["slug"] in c.MENU_SECTIONS,
            ),
            singleton=True,
        )

    @staticmethod
    def _partners(items):
        return [{"type": "partner", "value": {"name": name, "url": url}} for name, url in items]

    def ensure_programmes(self, home):
        index = self._index(home, ProgrammeIndexPage, c.PROGRAMME_INDEX)
        if index is None:
            return
        for data in c.PROGRAMMES:
            self.ensure_page(
                f"programmi/{data['slug']}",
                index,
                ProgrammePage(
                    title=data["title"],
                    slug=data["slug"],
                    summary=data["summary"],
                    search_description=data["summary"],
                    lead_organisation=data["lead_organisation"],
                    start_year=data["start_year"],
                    website=data["website"],
                    hero_image=self.images[data["hero_image"]],
                ),
                streams={
                    "partners": self._partners(data["partners"]),
                    "key_figures": data["key_figures"],
                    "body": data["body"],
                },
                relations={"evidence": dossier.evidence_for(self, f"programmi/{data['slug']}")},
            )

    def ensure_projects(self, home):
        index = self._index(home, ProjectIndexPage, c.PROJECT_INDEX)
        if index is None:
            return
        for data in c.PROJECTS:
            self.ensure_page(
                f"progetti/{data['slug']}",
                index,
                ProjectPage(
                    title=data["title"],
                    slug=data["slug"],
                    summary=data["summary"],
                    search_description=data["summary"],
                    programme=self.pages.get(f"programmi/{data['programme']}") if data["programme"] else None,
                    district=self.districts[data["district"]],
                    status=data["status"],
                    start_date=_date(data["start_date"]),
                    end_date=_date(data["end_date"]),
                    challenge=data["challenge"],
                    approach=data["approach"],
                    results=data["results"],
                    address=data["address"],
                    location=data["location"],
                    zoom=16,
                    hero_image=self.images[data["hero_image"]],
                ),
                streams={
                    "partners": self._partners(data["partners"]),
                    "key_figures": data["key_figures"],
                    "gallery": [{"type": "image", "value": c.ImageRef(key)} for key in data["gallery"]],
                },
                relations={
                    "themes": [self.themes[slug] for slug in data["themes"]],
                    "evidence": dossier.evidence_for(self, f"progetti/{data['slug']}"),
                },
            )

    def ensure_news(self, home):
        index = self._index(home, NewsIndexPage, c.NEWS_INDEX)
        if index is None:
            return
        for data in c.NEWS:
            date = _date(data["date"])
            related_programmes = [self.pages[f"programmi/{s}"] for s in data["related_programmes"]]
            related_projects = [self.pages[f"progetti/{s}"] for s in data["related_projects"]]
            self.ensure_page(
                f"notizie/{data['slug']}",
                index,
                NewsPage(
                    title=data["title"],
                    slug=data["slug"],
                    date=date,
                    summary=data["summary"],
                    search_description=data["summary"],
                    hero_image=self.images[data["hero_image"]],
                ),
                streams={"body": data["body"]},
                relations={
                    "related_programmes": [p for p in related_programmes if p],
                    "related_projects": [p for p in related_projects if p],
                    "tags": data["tags"],
                },
                first_published=timezone.make_aware(datetime.datetime.combine(date, datetime.time(10, 0))),
            )

    def ensure_ranking(self, home):
        data = c.RANKING
        self.ensure_page(
            data["slug"],
            home,
            RankingPage(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                search_description=data["introduction"],
                hero_image=self.images[data["hero_image"]],
                show_in_menus=True,
            ),
            singleton=True,
            streams={"key_figures": data["key_figures"], "body": dossier.with_ranking_chart(data["body"], "it")},
        )

    def ensure_standard_pages(self, home):
        for data in c.STANDARD_PAGES:
            self.ensure_page(
                data["slug"],
                home,
                StandardPage(
                    title=data["title"],
                    slug=data["slug"],
                    introduction=data["introduction"],
                    search_description=data["introduction"],
                    hero_image=self.images[data["hero_image"]] if data["hero_image"] else None,
                    show_in_menus=data["show_in_menus"],
                ),
                streams={"body": data["body"]},
            )

    # --- site and its settings -----------------------------------------------------------------

    def ensure_site(self, home, home_created):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            # At the public address (SITE_URL), which `manage.py set_site_url` keeps it at afterwards.
            hostname, port = parse_site_url(settings.SITE_URL)
            site = Site.objects.create(
                hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=c.SITE_NAME
            )
            self._count("sites", True)
        elif home_created and not isinstance(site.root_page.specific, HomePage):
            # The default site still points at Wagtail's placeholder (or another non-home page).
            site.root_page = home
            site.site_name = site.site_name or c.SITE_NAME
            site.save()
            self._count("sites", True)
        else:
            self._count("sites", False)
        return site

    def ensure_site_settings(self, site):
        if SiteSettings.objects.filter(site=site).exists():
            self._count("site settings", False)
            return
        data = c.SITE_SETTINGS
        create_checked(
            SiteSettings,
            site=site,
            organisation_name=data["organisation_name"],
            address=data["address"],
            email=data["email"],
            social_links=[{"type": "link", "value": link} for link in data["social_links"]],
            footer_links=[
                {"type": "page", "value": self.pages[slug].pk} for slug in data["footer_links"] if slug in self.pages
            ],
        )
        self._count("site settings", True)

    # --- the English site ----------------------------------------------------------------------

    def translate_to_english(self):
        self.english = Locale.objects.get(language_code="en")
        self.en_snippets = {}  # (model, Italian translation_key) -> English snippet or None
        self.translate_snippets()
        dossier.translate_criteria(self)

        en_home, home_created = self.translate_page("", en.HOME, self._fill_home, publish=False)
        if en_home is None:
            return
        for index_path, index_data, italian, english, fill in (
            ("programmi", en.PROGRAMME_INDEX, c.PROGRAMMES, en.PROGRAMMES, self._fill_programme),
            ("progetti", en.PROJECT_INDEX, c.PROJECTS, en.PROJECTS, self._fill_project),
            ("notizie", en.NEWS_INDEX, c.NEWS, en.NEWS, self._fill_news),
        ):
            self.translate_page(index_path, index_data, self._fill_index)
            for data in italian:
                self.translate_page(f"{index_path}/{data['slug']}", english.get(data["slug"]), fill)
        self.translate_page(c.RANKING["slug"], en.RANKING, self._fill_ranking)
        for data in c.STANDARD_PAGES:
            self.translate_page(data["slug"], en.STANDARD_PAGES.get(data["slug"]), self._fill_standard)
        dossier.translate_dossier_page(self)
        if home_created and self.pages[""].live:
            # Published only now, as in finish_home(): its featured programmes (synchronised from the
            # Italian home page) point at the English programmes once they exist (home/signals.py).
            en_home.get_latest_revision().publish()

    def english_version(self, obj):
        """The English translation of an Italian page or snippet, or None."""
        if obj is None:
            return None
        if isinstance(obj, Page):
            translation = obj.get_translation_or_none(self.english)
            return translation.specific if translation is not None else None
        key = (type(obj), obj.translation_key)
        if key not in self.en_snippets:
            self.en_snippets[key] = type(obj).objects.filter(translation_key=key[1], locale=self.english).first()
        return self.en_snippets[key]

    def _translate(self, source, english, *, publish):
        """Save ``english`` (the Italian object with English text) as a wagtail-localize translation.

        If the English text does not have the Italian shape (other blocks, other paragraphs), the
        strings cannot be paired: the English object is then saved as a plain copy, which the admin
        edits like any page or snippet instead of through the translation editor, and a warning says so.
        """
        try:
            return localize.translate(source, english, self.english, publish=publish)
        except localize.Mismatch as mismatch:
            self.warnings.append(
                f"The English text of '{source}' does not match the shape of the Italian one at {mismatch}: "
                "saved as a copy that wagtail-localize does not keep in sync."
            )
        translation = source.copy_for_translation(self.english)
        for field in type(source)._meta.concrete_fields:
            if field.name in localize.text_fields(source):
                setattr(translation, field.attname, getattr(english, field.attname))
        if isinstance(source, Page):
            revision = translation.save_revision()
            if publish:
                revision.publish()
                translation.refresh_from_db()
        else:
            translation.full_clean()
            translation.save()
        return translation

    # snippets

    def translate_snippets(self):
        for slug, theme in self.themes.items():
            en_slug, name = en.THEMES[slug]
            self._translate_snippet("themes", theme, slug=en_slug, name=name)
        for slug, district in self.districts.items():
            en_slug, name = en.DISTRICTS[slug]
            self._translate_snippet("districts", district, slug=en_slug, name=name)
        for key, contact in self.contacts.items():
            self._translate_snippet("contacts", contact, **en.CONTACTS[key])

    def _translate_snippet(self, kind, source, **fields):
        """Find the English translation of ``source``, or translate it with ``fields`` in English."""
        model = type(source)
        translation = self.english_version(source)
        created = translation is None
        if created:
            if "slug" in fields and model.objects.filter(slug=fields["slug"], locale=self.english).exists():
                self.warnings.append(
                    f"An English {model._meta.verbose_name} with the slug '{fields['slug']}' exists but is not a "
                    f"translation of '{source}': left alone, and '{source}' not translated."
                )
                return
            english = model.objects.get(pk=source.pk)
            for name, value in fields.items():
                setattr(english, name, value)
            translation = self._translate(source, english, publish=True)
            self.en_snippets[(model, source.translation_key)] = translation
        self._count(kind, created, "en")

    # pages

    def translate_page(self, path, data, fill, *, publish=True):
        """Find the English translation of the Italian page at ``path``, or translate it into English.

        ``fill(page, source, data)`` writes the English text of ``data`` onto ``page``, a stand-in
        for the translation that is never saved itself (see home/demo/localize.py). Returns
        (English page or None, created). Nothing is made if the Italian page is missing, if there
        is no English text for it, or if its English slug is taken under the English parent.
        """
        source = self.pages.get(path)
        if source is None:
            return None, False
        translation = self.english_version(source)
        if translation is not None:
            self._count("pages", False, "en")
            return translation, False
        if data is None:
            self.warnings.append(f"No English text for '{source.url_path}': not translated.")
            return None, False

        parent = source.get_parent()
        en_parent = parent if parent.is_root() else parent.get_translation_or_none(self.english)
        if en_parent is None:
            self.warnings.append(f"'{source.url_path}' not translated: its parent page has no English version.")
            return None, False
        if en_parent.get_children().filter(slug=data["slug"]).exists():
            self.warnings.append(
                f"'{en_parent.url_path}{data['slug']}/' is taken by a page that is not the English version of "
                f"'{source.url_path}': left alone, and '{source.url_path}' not translated."
            )
            return None, False

        english = type(source).objects.get(pk=source.pk)
        english.title = data["title"]
        english.slug = data["slug"]
        fill(english, source, data)
        if getattr(source, "hero_image_alt", "") and source.hero_image_id in self.image_keys:
            english.hero_image_alt = en.IMAGE_ALT[self.image_keys[source.hero_image_id]]
        page = self._translate(source, english, publish=publish and source.live)
        if source.first_published_at and page.first_published_at != source.first_published_at:
            # The English news item dates from when the Italian one appeared, not from the demo's load.
            Page.objects.filter(pk=page.pk).update(first_published_at=source.first_published_at)
            page.first_published_at = source.first_published_at
        self._count("pages", True, "en")
        return page, True

    def resolve_en(self, value, page):
        """Like resolve(), for an English page: English alternative text, English contacts and pages."""
        if isinstance(value, dict):
            return {key: self.resolve_en(item, page) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve_en(item, page) for item in value]
        if isinstance(value, c.ImageRef):
            image = self.images[value.key]
            return {"image": image.pk, "decorative": False, "alt_text": en.IMAGE_ALT.get(value.key, image.title)}
        if isinstance(value, c.ContactRef):
            contact = self.contacts[value.key]
            return (self.english_version(contact) or contact).pk
        if value == c.SELF:
            return page.pk
        if isinstance(value, c.PageRef):
            target = self.pages[value.path]
            return (self.english_version(target) or target).pk
        return value

    # What the fill functions write is text only. What must not differ between the languages
    # (location, dates, status, images, links to programmes, themes, districts, related pages,
    # featured programmes, tags) comes from the Italian page through wagtail-localize, and
    # home/signals.py points the links at the English versions of what they link to.

    def _fill_home(self, page, source, data):
        self._fill_index(page, source, data)
        page.key_figures = self.resolve_en(data["key_figures"], page)
        page.body = self.resolve_en(data["body"], page)

    def _fill_index(self, page, source, data):
        page.introduction = data["introduction"]
        page.search_description = data["introduction"]

    def _fill_programme(self, page, source, data):
        page.summary = data["summary"]
        page.search_description = data["summary"]
        page.lead_organisation = data["lead_organisation"]
        page.partners = self._partners(data["partners"])
        page.key_figures = self.resolve_en(data["key_figures"], page)
        page.body = self.resolve_en(data["body"], page)
        dossier.fill_english_evidence(self, page, source)

    def _fill_project(self, page, source, data):
        page.summary = data["summary"]
        page.search_description = data["summary"]
        page.challenge = data["challenge"]
        page.approach = data["approach"]
        page.results = data["results"]
        page.partners = self._partners(data["partners"])
        page.key_figures = self.resolve_en(data["key_figures"], page)
        # The same pictures as the Italian page, with English alternative text.
        page.gallery = [
            {"type": "image", "value": self._english_image(block.value)} for block in source.gallery if block.value
        ]
        dossier.fill_english_evidence(self, page, source)

    def _english_image(self, image):
        """The raw ImageBlock value for ``image``, with English alt text for the demo illustrations."""
        if getattr(image, "decorative", False):
            return {"image": image.pk, "decorative": True, "alt_text": ""}
        keys = {demo.pk: key for key, demo in self.images.items()}
        alt_text = en.IMAGE_ALT.get(keys.get(image.pk)) or image.contextual_alt_text or image.title
        return {"image": image.pk, "decorative": False, "alt_text": alt_text}

    def _fill_news(self, page, source, data):
        page.summary = data["summary"]
        page.search_description = data["summary"]
        page.body = self.resolve_en(data["body"], page)

    def _fill_ranking(self, page, source, data):
        self._fill_index(page, source, data)
        page.key_figures = self.resolve_en(data["key_figures"], page)
        page.body = self.resolve_en(dossier.with_ranking_chart(data["body"], "en"), page)

    def _fill_standard(self, page, source, data):
        self._fill_index(page, source, data)
        page.body = self.resolve_en(data["body"], page)


def _describe_hero_image(page):
    """The page's own description of its hero image: the image's, so that it can be translated with the page."""
    if getattr(page, "hero_image", None) is not None and not page.hero_image_alt:
        page.hero_image_alt = page.hero_image.description


def _set_stream(page, name, raw):
    """Set a StreamField from raw data, stored as the admin stores it (so wagtail-localize can translate it)."""
    setattr(page, name, localize.normalised_stream(page._meta.get_field(name), raw))


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
