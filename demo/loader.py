"""Build the demo content from its records (``demo/content/``, see ``demo/records.py``): create whatever
is missing, never touch what already exists.

Every record is read and checked before anything is created, so a record whose languages do not
match stops the loader with nothing done. Then every object is looked up by a stable key:

- locales by language code; themes and districts by slug + locale; contacts by name + locale; award
  criteria by edition, code and locale;
- images and documents by title;
- pages by slug under their parent (section pages that may exist only once — the indexes, the
  ranking, dossier, press room and open data pages — by type under the home page); the home page by
  type and locale under the root;
- the default site and its settings by their existence.

Whatever is found is used as it is, even if an editor has changed it since: the loader only adds.
A page is created with ``add_child`` and published once, so it has exactly one revision.

Then the English site is built as a translation of the Italian one, from the English side of the
same records:

- each English page or snippet is looked up by its Italian original's ``translation_key`` in the
  English locale, and created only if missing: the English home page first (a sibling of the
  Italian one under the root), then the sections, then their children, so every page is made under
  its parent's translation;
- an Italian original that is missing (or of another kind) has no translation made for it;
- it is made by wagtail-localize from the Italian page and the English strings, imported into its
  translation memory (``localize.translate``): what must not differ between languages (location,
  dates, status, images, tags…) comes from the Italian page, and links to programmes, projects,
  themes, districts and contacts point at their English translations;
- English pages are published if their Italian original is live, the home page last, once the
  programmes it features exist in English.

Italian StreamFields are stored as the admin stores them (every block and list item with an id), so
that wagtail-localize offers all of their text to translators.
"""

import datetime
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

# The models the demo fills in, where each app keeps them (and how its index tasks are run once each).
from base.deferred_tasks import deduplicated_tasks
from base.models import Contact, SiteSettings, SiteSettingsText, StandardPage
from base.site_url import parse_site_url
from base.validators import create_checked
from candidacy.models import AwardCriterion, DossierPage, ProgrammeEvidence, ProjectEvidence, RankingPage
from home.models import HomePage, HomePageFeaturedProgramme
from news.models import NewsIndexPage, NewsPage, PressRoomPage
from opendata.models import OpenDataPage
from projects.models import District, ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, ProjectPage, Theme

from . import localize
from .fact_sheet_pdf import text_pdf
from .images import draw_logo, render
from .records import read_content

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
FACT_SHEET_AUTHOR = "Città di Torino"
# The embargoed press release lifts this many days after the demo content is first loaded, at 10:00.
EMBARGO_DAYS = 30


class _NeedsSelf(Exception):
    """A StreamField value points at its own page, which has no id yet."""


def _by_italian_slug(italian, english):
    """{Italian slug: English version} for two lists of the same records."""
    return {it_data["slug"]: en_data for it_data, en_data in zip(italian, english, strict=True)}


class DemoLoader:
    def __init__(self, content_dir=None):
        """Reads and checks every record first: a bad one raises LanguageMismatch before anything is made."""
        content = read_content(content_dir)
        self.it, self.en = content.it, content.en
        self.created = {}
        self.found = {}
        self.warnings = []
        self.images = {}
        self.image_keys = {}  # image id → its key in images.json
        self.themes = {}
        self.districts = {}
        self.contacts = {}
        self.criteria = {}
        self.documents = {}
        self.pages = {}  # path below the home page ("" for the home page itself) -> specific page
        self.new_footer_pages = []

    # --- bookkeeping -------------------------------------------------------------------------

    def _count(self, kind, created, language=None):
        """Count one object as created or found; ``language`` is None for what both languages share."""
        bucket = self.created if created else self.found
        bucket[(language, kind)] = bucket.get((language, kind), 0) + 1

    @property
    def changed(self):
        return bool(self.created)

    def _pages_created(self):
        return self.created.get(("it", "pages"), 0)

    # --- entry point ---------------------------------------------------------------------------

    def run(self):
        # Each object's reference and search index tasks run once, at the end (base/deferred_tasks.py), not at each of
        # its saves.
        with transaction.atomic(), deduplicated_tasks():
            self.locale = self.ensure_locales()
            self.ensure_snippets()
            self.ensure_criteria()
            self.ensure_images()
            home, home_created = self.ensure_home()
            self.ensure_sections(home)
            if home_created:
                self.finish_home(home)
            site = self.ensure_site(home, home_created)
            self.ensure_site_settings(site)
            self.translate_to_english()
            self.ensure_press_content()
        if self.changed:
            call_command("update_index", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        return self

    # --- locales and snippets -------------------------------------------------------------------

    def ensure_locales(self):
        for code in self.it["site"]["locales"]:
            _, created = Locale.objects.get_or_create(language_code=code)
            self._count("locales", created)
        return Locale.objects.get(language_code="it")

    def ensure_snippets(self):
        snippets = self.it["snippets"]
        for data in snippets["themes"]:
            theme = Theme.objects.filter(slug=data["slug"], locale=self.locale).first()
            if theme is None:
                theme = create_checked(Theme, slug=data["slug"], name=data["name"], locale=self.locale)
                self._count("themes", True, "it")
            else:
                self._count("themes", False, "it")
            self.themes[data["slug"]] = theme
        for data in snippets["districts"]:
            district = District.objects.filter(slug=data["slug"], locale=self.locale).first()
            if district is None:
                district = create_checked(
                    District,
                    slug=data["slug"],
                    name=data["name"],
                    circoscrizione=data["circoscrizione"],
                    locale=self.locale,
                )
                self._count("districts", True, "it")
            else:
                self._count("districts", False, "it")
            self.districts[data["slug"]] = district
        for data in snippets["contacts"]:
            fields = {name: value for name, value in data.items() if name != "key"}
            contact = Contact.objects.filter(name=fields["name"], locale=self.locale).first()
            if contact is None:
                contact = create_checked(Contact, locale=self.locale, **fields)
                self._count("contacts", True, "it")
            else:
                self._count("contacts", False, "it")
            self.contacts[data["key"]] = contact

    def ensure_criteria(self):
        """The Italian award criteria of every edition, found by edition and code or created."""
        orders = {}
        for data in self.it["snippets"]["award_criteria"]:
            edition, code = data["edition"], data["code"]
            orders[edition] = order = orders.get(edition, 0) + 1
            criterion = AwardCriterion.objects.filter(edition=edition, code=code, locale=self.locale).first()
            created = criterion is None
            if created:
                criterion = create_checked(
                    AwardCriterion,
                    edition=edition,
                    code=code,
                    name=data["name"],
                    description=data["description"],
                    order=order,
                    locale=self.locale,
                )
            self._count("award criteria", created, "it")
            self.criteria[(edition, code)] = criterion

    # --- images and documents ------------------------------------------------------------------

    def ensure_images(self):
        image_model = get_image_model()
        for key, data in self.it["images"].items():
            image = image_model.objects.filter(title=data["title"]).order_by("pk").first()
            created = image is None
            if created:
                image = image_model(title=data["title"], description=data["alt_text"])
                image.file = ImageFile(
                    io.BytesIO(render(key, data["motif"], data["colours"])), name=f"torino-{key}.jpg"
                )
                image._set_image_file_metadata()
                image.save()
            self._count("images", created)
            self.images[key] = image
            self.image_keys[image.pk] = key

    def image_value(self, key):
        """The raw value of an ImageBlock, with the image's description as alternative text."""
        image = self.images[key]
        return {"image": image.pk, "decorative": False, "alt_text": image.description or image.title}

    def ensure_logos(self):
        image_model = get_image_model()
        self.logos = {}
        for key, data in self.it["press"]["media_kit"]["logos"].items():
            image = image_model.objects.filter(title=data["title"]).order_by("pk").first()
            created = image is None
            if created:
                image = image_model(title=data["title"], description=data["caption"])
                logo = draw_logo(tuple(data["colour"]), data["background"] and tuple(data["background"]))
                image.file = ImageFile(io.BytesIO(logo), name=f"torino-innovation-{key}.png")
                image._set_image_file_metadata()
                image.save()
            self._count("images", created)
            self.logos[key] = image

    def ensure_fact_sheets(self):
        document_model = get_document_model()
        for language in ("it", "en"):
            data = self.content(language)["press"]["media_kit"]["fact_sheet"]
            document = document_model.objects.filter(title=data["title"]).order_by("pk").first()
            created = document is None
            if created:
                pdf = text_pdf(data["title"], data["blocks"], author=FACT_SHEET_AUTHOR, language=data["language"])
                document = document_model(title=data["title"], file=ContentFile(pdf, name=data["file"]))
                document._set_document_file_metadata()
                document.save()
            self._count("documents", created)
            self.documents[language] = document

    def content(self, language):
        return self.it if language == "it" else self.en

    # --- references in StreamField values -------------------------------------------------------

    def resolve(self, value, page=None):
        """Raw StreamField data with its references ({"$image": …}, {"$page": …}…) made into ids."""
        if isinstance(value, list):
            return [self.resolve(item, page) for item in value]
        if not isinstance(value, dict):
            return value
        if "$image" in value:
            return self.image_value(value["$image"])
        if "$contact" in value:
            return self.contacts[value["$contact"]].pk
        if value.get("$page") == ".":
            if page is None or page.pk is None:
                raise _NeedsSelf
            return page.pk
        if "$page" in value:
            return self.pages[value["$page"]].pk
        return {key: self.resolve(item, page) for key, item in value.items()}

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
        data = self.it["home"]
        root = Page.get_first_root_node()
        home = HomePage.objects.child_of(root).filter(locale=self.locale).first()
        if home is not None:
            self._count("pages", False, "it")
            self.pages[""] = home
            return home, False

        # Wagtail's migrations leave a placeholder page at "/home/": remove it if it is untouched.
        for placeholder in root.get_children().filter(slug=data["slug"]):
            if (
                placeholder.specific_class is Page
                and placeholder.title == WAGTAIL_WELCOME_TITLE
                and not placeholder.get_children().exists()
            ):
                placeholder.delete()  # its Site goes with it; ensure_site makes a new one
        slug = data["slug"]
        if root.get_children().filter(slug=slug).exists():
            slug = "torino-innovation"

        home = HomePage(
            title=data["title"],
            slug=slug,
            locale=self.locale,
            introduction=data["introduction"],
            search_description=data["introduction"],
            hero_image=self.images[data["hero_image"]],
        )
        _describe_hero_image(home)
        _set_stream(home, "key_figures", self.resolve(data["key_figures"]))
        _set_stream(home, "body", self.resolve(data["body"]))
        # Published in finish_home(), once the programmes it features exist: one revision only.
        root.add_child(instance=home)
        self._count("pages", True, "it")
        self.pages[""] = home
        return home, True

    def finish_home(self, home):
        home.featured_programmes = [
            HomePageFeaturedProgramme(programme=self.pages[f"programmi/{slug}"], sort_order=index)
            for index, slug in enumerate(self.it["home"]["featured_programmes"])
            if f"programmi/{slug}" in self.pages
        ]
        home.save_revision().publish()

    def ensure_sections(self, home):
        self.ensure_programmes(home)
        self.ensure_projects(home)
        self.ensure_news(home)
        self.ensure_ranking(home)
        self.ensure_standard_pages(home)
        self.ensure_dossier_page(home)

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
                show_in_menus=data["show_in_menus"],
            ),
            singleton=True,
        )

    @staticmethod
    def _partners(items):
        return [{"type": "partner", "value": {"name": item["name"], "url": item["url"]}} for item in items]

    def _evidence(self, model, data):
        """The page's evidence for the dossier's edition, as unsaved child objects to save with it."""
        edition = self.it["dossier"]["edition"]
        items = []
        for evidence in data.get("evidence", []):
            criterion = self.criteria.get((edition, evidence["criterion"]))
            if criterion is None:
                continue
            items.append(
                model(
                    criterion=criterion,
                    justification=evidence["justification"],
                    key_figures=evidence["key_figures"],
                    locale=self.locale,
                    sort_order=len(items),
                )
            )
        return items

    def ensure_programmes(self, home):
        section = self.it["programmes"]
        index = self._index(home, ProgrammeIndexPage, section["index"])
        if index is None:
            return
        for data in section["pages"]:
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
                relations={"evidence": self._evidence(ProgrammeEvidence, data)},
            )

    def ensure_projects(self, home):
        section = self.it["projects"]
        index = self._index(home, ProjectIndexPage, section["index"])
        if index is None:
            return
        for data in section["pages"]:
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
                    "gallery": [{"type": "image", "value": {"$image": key}} for key in data["gallery"]],
                },
                relations={
                    "themes": [self.themes[slug] for slug in data["themes"]],
                    "evidence": self._evidence(ProjectEvidence, data),
                },
            )

    def ensure_news(self, home):
        section = self.it["news"]
        index = self._index(home, NewsIndexPage, section["index"])
        if index is None:
            return
        for data in section["pages"]:
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
        data = self.it["ranking"]
        self.ensure_page(
            data["slug"],
            home,
            RankingPage(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                search_description=data["introduction"],
                hero_image=self.images[data["hero_image"]],
                show_in_menus=data["show_in_menus"],
            ),
            singleton=True,
            streams={"key_figures": data["key_figures"], "body": data["body"]},
        )

    def ensure_standard_pages(self, home):
        for data in self.it["standard_pages"]:
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

    def ensure_dossier_page(self, home):
        data = self.it["dossier"]
        self.ensure_page(
            data["slug"],
            home,
            DossierPage(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                search_description=data["introduction"],
                edition=data["edition"],
                hero_image=self.images[data["hero_image"]],
                show_in_menus=data["show_in_menus"],
            ),
            streams={"body": data["body"]},
        )

    # --- site and its settings -----------------------------------------------------------------

    def ensure_site(self, home, home_created):
        site_name = self.it["site"]["site_name"]
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            # At the public address (SITE_URL), which `manage.py set_site_url` keeps it at afterwards.
            hostname, port = parse_site_url(settings.SITE_URL)
            site = Site.objects.create(
                hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=site_name
            )
            self._count("sites", True)
        elif home_created and not isinstance(site.root_page.specific, HomePage):
            # The default site still points at Wagtail's placeholder (or another non-home page).
            site.root_page = home
            site.site_name = site.site_name or site_name
            site.save()
            self._count("sites", True)
        else:
            self._count("sites", False)
        return site

    def ensure_site_settings(self, site):
        if SiteSettings.objects.filter(site=site).exists():
            self._count("site settings", False)
            return
        data = self.it["site"]["site_settings"]
        site_settings = SiteSettings(
            site=site,
            email=data["email"],
            footer_links=[
                {"type": "page", "value": self.pages[slug].pk} for slug in data["footer_links"] if slug in self.pages
            ],
        )
        # What readers read, in each language (the same record, split by demo/records.py).
        for language, content in (("it", self.it), ("en", self.en)):
            texts = content["site"]["site_settings"]
            site_settings.texts.add(
                SiteSettingsText(
                    locale=Locale.objects.get(language_code=language),
                    organisation_name=texts["organisation_name"],
                    address=texts["address"],
                    social_links=[{"type": "link", "value": link} for link in texts["social_links"]],
                )
            )
        site_settings.full_clean()  # what the settings form would check
        site_settings.save()
        self._count("site settings", True)

    # --- press: releases, press room, open data, cookie notice -----------------------------------

    def ensure_press_content(self):
        """Made after the rest of the site exists, and added to the footer when they are new."""
        home = self.pages.get("")
        if home is None:
            return
        press = self.it["press"]
        self.ensure_logos()
        self.ensure_fact_sheets()
        index = self.pages.get("notizie")
        if isinstance(index, NewsIndexPage):
            for data in press["press_releases"]:
                self.ensure_release(index, data)
        self.ensure_footer_page(home, PressRoomPage, press["press_room"], media_kit=self.media_kit("it"))
        self.ensure_footer_page(home, OpenDataPage, press["open_data"])
        self.ensure_footer_page(home, StandardPage, press["cookies"])
        self.add_footer_links()
        self.translate_press_content()

    def media_kit(self, language):
        kit = self.content(language)["press"]["media_kit"]
        stream = []
        for photo in kit["photos"]:
            image = self.images.get(photo["image"])
            if image is not None:
                value = {
                    "image": image.pk,
                    "caption": photo["caption"],
                    "credit": kit["credit"],
                    "licence": "cc-by-4.0",
                }
                stream.append({"type": "photo", "value": value})
        for key, logo in kit["logos"].items():
            value = {
                "image": self.logos[key].pk,
                "caption": logo["caption"],
                "credit": kit["logo_credit"],
                "licence": "editorial",
            }
            stream.append({"type": "logo", "value": value})
        sheet = kit["fact_sheet"]
        stream.append(
            {
                "type": "document",
                "value": {
                    "document": self.documents[language].pk,
                    "title": sheet["title"],
                    "description": sheet["description"],
                },
            }
        )
        return stream

    def ensure_release(self, index, data):
        if data["embargo"]:
            day = timezone.localdate() + datetime.timedelta(days=EMBARGO_DAYS)
            embargo_until = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
            first_published = None
        else:
            day = datetime.date.fromisoformat(data["date"])
            embargo_until = None
            first_published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        self.ensure_page(
            f"notizie/{data['slug']}",
            index,
            NewsPage(
                title=data["title"],
                slug=data["slug"],
                date=day,
                summary=data["summary"],
                search_description=data["summary"],
                hero_image=self.images[data["hero_image"]],
                is_press_release=True,
                embargo_until=embargo_until,
            ),
            streams={"body": data["body"]},
            relations={"tags": data["tags"]},
            first_published=first_published,
        )

    def ensure_footer_page(self, home, model, data, **streams):
        """A page that may exist once (a standard page: once at its slug), linked from the footer if made now."""
        created_before = self._pages_created()
        page = self.ensure_page(
            data["slug"],
            home,
            model(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                search_description=data["introduction"],
                hero_image=self.images.get(data.get("hero_image")),
            ),
            singleton=model is not StandardPage,
            streams={"body": data["body"], **streams},
        )
        if page is not None and self._pages_created() > created_before:
            self.new_footer_pages.append(page)

    def add_footer_links(self):
        """Add the pages made just now to the footer: never touches links an editor set."""
        if not self.new_footer_pages:
            return
        site_settings = SiteSettings.objects.filter(site__root_page=self.pages[""]).first()
        if site_settings is None:
            return
        linked = {block.value.pk for block in site_settings.footer_links if block.value}
        raw = list(site_settings.footer_links.raw_data)
        raw += [{"type": "page", "value": page.pk} for page in self.new_footer_pages if page.pk not in linked]
        site_settings.footer_links = raw
        site_settings.full_clean()  # what the settings form would check
        site_settings.save()

    # --- the English site ----------------------------------------------------------------------

    def translate_to_english(self):
        self.english = Locale.objects.get(language_code="en")
        self.en_snippets = {}  # (model, Italian translation_key) -> English snippet or None
        self.translate_snippets()

        en_home, home_created = self.translate_page("", self.en["home"], self._fill_home, publish=False)
        if en_home is None:
            return
        for index_path, section, fill in (
            ("programmi", "programmes", self._fill_programme),
            ("progetti", "projects", self._fill_project),
            ("notizie", "news", self._fill_news),
        ):
            self.translate_page(index_path, self.en[section]["index"], self._fill_index)
            for data, en_data in zip(self.it[section]["pages"], self.en[section]["pages"], strict=True):
                self.translate_page(f"{index_path}/{data['slug']}", en_data, fill)
        self.translate_page(self.it["ranking"]["slug"], self.en["ranking"], self._fill_ranking)
        for data, en_data in zip(self.it["standard_pages"], self.en["standard_pages"], strict=True):
            self.translate_page(data["slug"], en_data, self._fill_standard)
        self.translate_page(self.it["dossier"]["slug"], self.en["dossier"], self._fill_dossier)
        if home_created and self.pages[""].live:
            # Published only now, as in finish_home(): its featured programmes (synchronised from the
            # Italian home page) point at the English programmes once they exist (home/signals.py).
            en_home.get_latest_revision().publish()

    def translate_press_content(self):
        italian, english = self.it["press"], self.en["press"]
        releases = _by_italian_slug(italian["press_releases"], english["press_releases"])
        for slug, en_data in releases.items():
            self.translate_page(f"notizie/{slug}", en_data, self._fill_news)
        self.translate_page(italian["press_room"]["slug"], english["press_room"], self._fill_press_room)
        self.translate_page(italian["open_data"]["slug"], english["open_data"], self._fill_standard)
        self.translate_page(italian["cookies"]["slug"], english["cookies"], self._fill_standard)

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
        The records' check (demo/records.py) catches most of these before anything is made; a rich
        text with another number of paragraphs gets this far.
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
        italian, english = self.it["snippets"], self.en["snippets"]
        for data, en_data in zip(italian["themes"], english["themes"], strict=True):
            self._translate_snippet("themes", self.themes[data["slug"]], slug=en_data["slug"], name=en_data["name"])
        for data, en_data in zip(italian["districts"], english["districts"], strict=True):
            district = self.districts[data["slug"]]
            self._translate_snippet("districts", district, slug=en_data["slug"], name=en_data["name"])
        for data, en_data in zip(italian["contacts"], english["contacts"], strict=True):
            contact = self.contacts[data["key"]]
            self._translate_snippet("contacts", contact, name=en_data["name"], role=en_data["role"])
        for data, en_data in zip(italian["award_criteria"], english["award_criteria"], strict=True):
            criterion = self.criteria.get((data["edition"], data["code"]))
            if criterion is not None:
                self._translate_snippet(
                    "award criteria", criterion, name=en_data["name"], description=en_data["description"]
                )

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
        for the translation that is never saved itself (see demo/localize.py). Returns
        (English page or None, created). Nothing is made if the Italian page is missing, or if its
        English slug is taken under the English parent.
        """
        source = self.pages.get(path)
        if source is None:
            return None, False
        translation = self.english_version(source)
        if translation is not None:
            self._count("pages", False, "en")
            return translation, False

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
            english.hero_image_alt = self.en["images"][self.image_keys[source.hero_image_id]]["alt_text"]
        page = self._translate(source, english, publish=publish and source.live)
        if source.first_published_at and page.first_published_at != source.first_published_at:
            # The English news item dates from when the Italian one appeared, not from the demo's load.
            Page.objects.filter(pk=page.pk).update(first_published_at=source.first_published_at)
            page.first_published_at = source.first_published_at
        self._count("pages", True, "en")
        return page, True

    def resolve_en(self, value, page):
        """Like resolve(), for an English page: English alternative text, English contacts and pages."""
        if isinstance(value, list):
            return [self.resolve_en(item, page) for item in value]
        if not isinstance(value, dict):
            return value
        if "$image" in value:
            image = self.images[value["$image"]]
            return {"image": image.pk, "decorative": False, "alt_text": self.en["images"][value["$image"]]["alt_text"]}
        if "$contact" in value:
            contact = self.contacts[value["$contact"]]
            return (self.english_version(contact) or contact).pk
        if value.get("$page") == ".":
            return page.pk
        if "$page" in value:
            target = self.pages[value["$page"]]
            return (self.english_version(target) or target).pk
        return {key: self.resolve_en(item, page) for key, item in value.items()}

    def _english_image(self, image):
        """The raw ImageBlock value for ``image``, with English alt text for the demo illustrations."""
        if getattr(image, "decorative", False):
            return {"image": image.pk, "decorative": True, "alt_text": ""}
        key = self.image_keys.get(image.pk)
        alt_text = (self.en["images"][key]["alt_text"] if key else "") or image.contextual_alt_text or image.title
        return {"image": image.pk, "decorative": False, "alt_text": alt_text}

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
        self._fill_evidence(page, data)

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
        self._fill_evidence(page, data)

    def _fill_evidence(self, page, data):
        """Write the English text and figures of the page's evidence (on its stand-in, see localize.py)."""
        english = {item["criterion"]: item for item in data.get("evidence", [])}
        items = list(page.evidence.all())
        for item in items:
            if item.criterion.code in english:
                item.justification = english[item.criterion.code]["justification"]
                # The English figures take the ids of the Italian ones, which wagtail-localize pairs them by.
                field = type(item)._meta.get_field("key_figures")
                figures = localize.normalised_stream(field, english[item.criterion.code]["key_figures"])
                localize.copy_block_ids(localize.normalised_stream(field, item.key_figures), figures)
                item.key_figures = figures
        # The criteria follow the page into English through home/signals.py (LOCALISED_RELATIONS).
        page.evidence = items

    def _fill_news(self, page, source, data):
        page.summary = data["summary"]
        page.search_description = data["summary"]
        page.body = self.resolve_en(data["body"], page)

    def _fill_ranking(self, page, source, data):
        self._fill_index(page, source, data)
        page.key_figures = self.resolve_en(data["key_figures"], page)
        page.body = self.resolve_en(data["body"], page)

    def _fill_standard(self, page, source, data):
        self._fill_index(page, source, data)
        page.body = self.resolve_en(data["body"], page)

    def _fill_dossier(self, page, source, data):
        self._fill_index(page, source, data)
        page.body = data["body"]

    def _fill_press_room(self, page, source, data):
        self._fill_standard(page, source, data)
        page.media_kit = self.media_kit("en")


def _describe_hero_image(page):
    """The page's own description of its hero image: the image's, so that it can be translated with the page."""
    if getattr(page, "hero_image", None) is not None and not page.hero_image_alt:
        page.hero_image_alt = page.hero_image.description


def _set_stream(page, name, raw):
    """Set a StreamField from raw data, stored as the admin stores it (so wagtail-localize can translate it)."""
    setattr(page, name, localize.normalised_stream(page._meta.get_field(name), raw))


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
