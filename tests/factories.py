"""Factories for every page type, snippet and image the site uses.

Pages are created with ``parent=...`` (wagtail-factories adds them with ``add_child``).
StreamFields are filled with raw block data, as an editor's saved content would be: the
helpers below (``key_figure``, ``paragraph``, ``map_block``…) return one block each.
"""

import datetime
import itertools

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from base.blocks import HeadingBlock, KeyFigureBlock, KeyFiguresBlock, PartnerBlock, QuoteBlock, RankingTableBlock
from base.languages import import_translation
from base.models import Contact, StandardPage
from candidacy.models import AwardCriterion, DossierPage, RankingPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage, PressRoomPage
from opendata.models import OpenDataPage
from projects.models import District, ProgrammeIndexPage, ProgrammePage, ProjectIndexPage, ProjectPage, Theme

# Places in Turin (lat, lng), cycled through by ProjectPageFactory.
TURIN_PLACES = [
    (45.0703, 7.6869),  # Piazza Castello
    (45.0906, 7.6996),  # Barriera di Milano
    (45.0621, 7.6581),  # Politecnico, corso Duca degli Abruzzi
    (45.0397, 7.6651),  # Lingotto
    (45.0783, 7.6514),  # Cit Turin
    (45.0880, 7.6614),  # Parco Dora
    (45.0510, 7.6905),  # San Salvario
    (45.1069, 7.6694),  # Borgo Vittoria
]
_places = itertools.cycle(TURIN_PLACES)


def point(lat, lng):
    """A location as wagtail-geo-widget stores it: longitude first."""
    return f"SRID=4326;POINT({lng} {lat})"


def paragraph(html="<p>Torino mette in rete università, imprese e quartieri.</p>"):
    return {"type": "paragraph", "value": html}


def heading(text=None, level=None):
    """A HeadingBlock: the block's own example, with ``text`` and ``level`` where given."""
    given = {"text": text, "level": level}
    return {"type": "heading", "value": HeadingBlock.example(**{k: v for k, v in given.items() if v is not None})}


def key_figure(**overrides):
    """The raw value of a KeyFigureBlock, with its source and date: the block's own example."""
    return KeyFigureBlock.example(**overrides)


def key_figures_block(*figures, heading_text=None):
    """A KeyFiguresBlock: the block's own example, with ``figures`` (raw KeyFigureBlock values) and ``heading_text``
    where given."""
    example = KeyFiguresBlock.example()
    return {
        "type": "key_figures",
        "value": {"heading": heading_text or example["heading"], "figures": list(figures) or example["figures"]},
    }


def quote_block():
    return {"type": "quote", "value": QuoteBlock.example()}


def ranking_table_block():
    """A RankingTableBlock: the block's own example."""
    return {"type": "ranking_table", "value": RankingTableBlock.example()}


def contacts_block(*contacts):
    return {"type": "contacts", "value": {"heading": "Contatti stampa", "contacts": [c.pk for c in contacts]}}


def figure_block(image):
    return {
        "type": "figure",
        "value": {
            "image": {"image": image.pk, "alt_text": "Un laboratorio aperto in Barriera", "decorative": False},
            "caption": "Il laboratorio di quartiere",
            "credit": "Città di Torino",
        },
    }


def map_block(show="all", programmes=(), projects=(), heading_text="I progetti sulla mappa"):
    return {
        "type": "map",
        "value": {
            "heading": heading_text,
            "show": show,
            "programmes": [p.pk for p in programmes],
            "projects": [p.pk for p in projects],
        },
    }


def partner(name=None, url=None):
    """A PartnerBlock: the block's own example, with ``name`` and ``url`` where given."""
    given = {"name": name, "url": url}
    return {"type": "partner", "value": PartnerBlock.example(**{k: v for k, v in given.items() if v is not None})}


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the library's default makes a new root collection each time)."""

    title = factory.Sequence(lambda n: f"Fotografia {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=640, height=360, color="teal")
    description = "Persone al lavoro in un laboratorio di quartiere"


def default_locale():
    return Locale.get_default()


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Theme


class DistrictFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Quartiere {n}")
    slug = factory.Sequence(lambda n: f"quartiere-{n}")
    circoscrizione = 6
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = District


class ContactFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ufficio stampa {n}")
    role = "Ufficio stampa della Città di Torino"
    email = factory.Sequence(lambda n: f"stampa{n}@comune.torino.it")
    phone = "+39 011 011 00000"
    is_press = True
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Contact


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Torino Innovation"
    slug = "home"
    introduction = "Torino è una città che sperimenta: progetti, programmi e persone che innovano nei quartieri."
    key_figures = factory.LazyFunction(lambda: [{"type": "figure", "value": key_figure()}])
    body = factory.LazyFunction(lambda: [heading("La città laboratorio"), paragraph()])

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chi siamo {n}")
    introduction = "Chi cura questo sito e come contattarci."
    body = factory.LazyFunction(lambda: [heading("Chi siamo"), paragraph(), quote_block()])

    class Meta:
        model = StandardPage


class RankingPageFactory(wagtail_factories.PageFactory):
    title = "La classifica"
    introduction = "Come Torino è arrivata seconda tra le capitali europee dell'innovazione."
    key_figures = factory.LazyFunction(lambda: [{"type": "figure", "value": key_figure()}])
    body = factory.LazyFunction(lambda: [heading("La classifica"), ranking_table_block(), quote_block()])

    class Meta:
        model = RankingPage


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Programmi"
    slug = "programmi"
    introduction = "I programmi con cui la città sostiene l'innovazione."

    class Meta:
        model = ProgrammeIndexPage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programma {n}")
    summary = "Un programma che finanzia progetti di innovazione sociale nei quartieri."
    lead_organisation = "Città di Torino"
    start_year = 2013
    website = "https://www.torinosocialinnovation.it/"
    partners = factory.LazyFunction(lambda: [partner()])
    key_figures = factory.LazyFunction(lambda: [{"type": "figure", "value": key_figure(value="100+")}])
    body = factory.LazyFunction(lambda: [heading("Come funziona"), paragraph()])

    class Meta:
        model = ProgrammePage


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Progetti"
    slug = "progetti"
    introduction = "I progetti della città, sulla mappa e in elenco."

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    """A project case study with a location in Turin; pass programme=, district=, themes=[...]."""

    title = factory.Sequence(lambda n: f"Progetto {n:03d}")
    summary = "Un laboratorio aperto dove residenti e imprese provano nuove soluzioni per il quartiere."
    status = ProjectPage.STATUS_RUNNING
    start_date = datetime.date(2019, 3, 1)
    address = "Via Cigna 96, Torino"
    location = factory.LazyFunction(lambda: point(*next(_places)))
    zoom = 15
    challenge = "<p>Spazi vuoti e poche occasioni di incontro.</p>"
    approach = "<p>Un laboratorio aperto con scuole e associazioni.</p>"
    results = "<p>Trenta iniziative avviate in due anni.</p>"
    partners = factory.LazyFunction(lambda: [partner()])
    key_figures = factory.LazyFunction(lambda: [{"type": "figure", "value": key_figure(value="30")}])

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            # ParentalManyToManyField: the relation is committed when the page is saved.
            self.save(clean=False, update_fields=["themes"])


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Notizie"
    slug = "notizie"
    introduction = "Le ultime notizie sui progetti e i programmi."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Notizia {n:03d}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = "Una notizia dai progetti di innovazione della città."
    body = factory.LazyFunction(lambda: [paragraph("<p>Il progetto ha aperto un nuovo spazio.</p>")])

    class Meta:
        model = NewsPage


# --- press and public: media kit, press room, open data -----------------------------------------


def media_kit_photo(image, caption="Il laboratorio di Barriera", credit="Foto: Città di Torino", licence="cc-by-4.0"):
    return {"type": "photo", "value": {"image": image.pk, "caption": caption, "credit": credit, "licence": licence}}


def media_kit_logo(image, caption="Il marchio in PNG", credit="Città di Torino", licence="editorial"):
    return {"type": "logo", "value": {"image": image.pk, "caption": caption, "credit": credit, "licence": licence}}


def media_kit_document(document, title="Scheda per la stampa", description="Numeri e fonti"):
    return {"type": "document", "value": {"document": document.pk, "title": title, "description": description}}


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document in the root collection (the library's default makes a new root collection each time)."""

    title = factory.Sequence(lambda n: f"Scheda {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(filename="scheda.pdf", data=b"%PDF-1.4\n% scheda\n")


class PressRoomPageFactory(wagtail_factories.PageFactory):
    title = "Sala stampa"
    slug = "sala-stampa"
    introduction = "Comunicati, immagini e contatti per i giornalisti."

    class Meta:
        model = PressRoomPage


class OpenDataPageFactory(wagtail_factories.PageFactory):
    title = "Dati aperti"
    slug = "dati-aperti"
    introduction = "I dati del sito in formati aperti."
    body = factory.LazyFunction(lambda: [heading("Licenza"), paragraph("<p>CC BY 4.0</p>")])

    class Meta:
        model = OpenDataPage


# --- the jury dossier: award criteria, evidence, dossier page, ranking chart ---------------------


class AwardCriterionFactory(DjangoModelFactory):
    edition = 2024
    code = factory.Sequence(lambda n: f"criterio-{n}")
    name = factory.Sequence(lambda n: f"Criterio {n}")
    description = "Che cosa la giuria cerca sotto questo criterio."
    order = factory.Sequence(lambda n: n + 1)
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = AwardCriterion


class DossierPageFactory(wagtail_factories.PageFactory):
    title = "Dossier di candidatura"
    slug = "dossier"
    introduction = "I criteri dell'edizione 2024 e le prove con cui Torino li soddisfa."
    edition = 2024
    body = factory.LazyFunction(list)

    class Meta:
        model = DossierPage


def add_evidence(page, criterion, justification="Una prova verificabile.", figures=()):
    """Record (and publish) evidence for ``criterion`` on a programme or project page, as the admin would."""
    page.evidence.add(
        page.evidence.model(
            criterion=criterion,
            justification=justification,
            key_figures=[{"type": "figure", "value": figure} for figure in figures],
        )
    )
    page.save_revision().publish()
    return page


def chart_point(year, position, label="", **overrides):
    value = {
        "year": year,
        "position": position,
        "label": label,
        "note": "",
        "source_name": f"Fonte {year}",
        "source_url": f"https://example.org/classifica-{year}",
        "reference_date": f"{year}-06-01",
    }
    value.update(overrides)
    return value


def ranking_chart_block(*series, caption="Torino nelle classifiche"):
    """series: (name, join_points, [chart_point(...), ...])"""
    return {
        "type": "ranking_chart",
        "value": {
            "caption": caption,
            "summary": "",
            "series": [{"name": name, "join_points": join, "points": list(points)} for name, join, points in series],
        },
    }


def translate(obj, locale, *, publish=True, **fields):
    """The ``locale`` translation of a page or snippet, made by wagtail-localize as the admin makes it.

    ``fields`` are the translated values of plain text fields (title, slug, summary…); every other
    string keeps the original's text. Each of them is imported into wagtail-localize's translation
    memory against the original's string, as a translator's work would be. The translation's parent
    page must be translated already. Pages are published unless ``publish=False``.
    """
    original = obj.specific if hasattr(obj, "specific") else obj
    translated = type(original).objects.get(pk=original.pk)
    for name, value in fields.items():
        setattr(translated, name, value)

    def strings(instance):
        return [(s.path, s.string.data) for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]

    pairs = []
    for (path, text), (translated_path, translated_text) in zip(strings(original), strings(translated), strict=True):
        assert path == translated_path, f"{path} is not {translated_path}: only plain text fields can be given"
        pairs.append((path, text, translated_text))
    return import_translation(original, locale, pairs, publish=publish, tool_name="tests")
