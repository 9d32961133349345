"""POST data for the Wagtail page editor, as the admin's form would submit it.

Each function returns a flat dict ready for ``admin_client.post``; pass keyword arguments to
change a field (``end_date="2019-01-01"``) and ``publish=False`` to save a draft instead.
"""

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from base.blocks import KeyFigureBlock


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def key_figure_form(**overrides):
    """A key figure's fields as the editor posts them: the block's own example."""
    return KeyFigureBlock.example(**overrides)


def _body():
    return streamfield(
        [
            ("heading", {"text": "La città laboratorio", "level": "h2"}),
            ("paragraph", rich_text("<p>Torino mette in rete università, imprese e quartieri.</p>")),
        ]
    )


def _page_form(fields, overrides, publish):
    data = {"slug": "", "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": ""}
    data.update(fields)
    data.update(overrides)
    # The admin fills the slug in from the title with JavaScript; a real POST always has one.
    data["slug"] = data["slug"] or slugify(data["title"])
    flat = nested_form_data(data)
    if publish:
        flat["action-publish"] = "action-publish"
    return flat


def home_page_form(publish=True, programmes=(), **overrides):
    fields = {
        "title": "Torino Innovation",
        "slug": "torino",
        "introduction": "Una città che sperimenta.",
        "hero_image": "",
        "key_figures": streamfield([("figure", key_figure_form())]),
        "featured_programmes": inline_formset([{"programme": str(p.pk)} for p in programmes]),
        "body": _body(),
    }
    return _page_form(fields, overrides, publish)


def standard_page_form(publish=True, **overrides):
    fields = {
        "title": "Dichiarazione di accessibilità",
        "introduction": "Come rendiamo il sito accessibile a tutti.",
        "hero_image": "",
        "body": _body(),
    }
    return _page_form(fields, overrides, publish)


def ranking_page_form(publish=True, **overrides):
    fields = {
        "title": "La classifica",
        "introduction": "Torino seconda capitale europea dell'innovazione.",
        "hero_image": "",
        "key_figures": streamfield([("figure", key_figure_form())]),
        "body": _body(),
    }
    return _page_form(fields, overrides, publish)


def index_page_form(title, publish=True, **overrides):
    fields = {"title": title, "introduction": "Tutto quello che la città sta facendo.", "hero_image": ""}
    return _page_form(fields, overrides, publish)


def programme_page_form(publish=True, **overrides):
    fields = {
        "title": "Torino City Lab",
        "summary": "La città come laboratorio a cielo aperto per sperimentare tecnologie.",
        "lead_organisation": "Città di Torino",
        "start_year": "2018",
        "website": "https://www.torinocitylab.it/",
        "hero_image": "",
        "key_figures": streamfield([("figure", key_figure_form(value="70+", label="Sperimentazioni avviate"))]),
        "body": _body(),
        "partners": streamfield([("partner", {"name": "Politecnico di Torino", "url": "https://www.polito.it/"})]),
        "evidence": inline_formset([]),
    }
    return _page_form(fields, overrides, publish)


def project_page_form(publish=True, programme=None, themes=(), district=None, **overrides):
    fields = {
        "title": "Navetta a guida autonoma",
        "summary": "Una navetta senza conducente collega il campus al centro.",
        "programme": str(programme.pk) if programme else "",
        "themes": [str(t.pk) for t in themes],
        "district": str(district.pk) if district else "",
        "status": "running",
        "start_date": "2021-05-01",
        "end_date": "",
        "address": "Corso Duca degli Abruzzi 24, Torino",
        "location": "SRID=4326;POINT(7.6581 45.0621)",
        "zoom": "16",
        "hero_image": "",
        "challenge": rich_text("<p>Collegare il campus al centro senza auto private.</p>"),
        "approach": rich_text("<p>Sei mesi di prove su strada con il Politecnico.</p>"),
        "results": rich_text("<p>Mille passeggeri trasportati.</p>"),
        "key_figures": streamfield([("figure", key_figure_form(value="1.000", label="Passeggeri"))]),
        "gallery": streamfield([]),
        "partners": streamfield([("partner", {"name": "Politecnico di Torino", "url": "https://www.polito.it/"})]),
        "evidence": inline_formset([]),
    }
    data = _page_form(fields, overrides, publish)
    # A multiple-choice field is a list of values, which nested_form_data would number.
    for key in [k for k in data if k.startswith("themes-")]:
        del data[key]
    themes_value = overrides.get("themes", fields["themes"])
    if themes_value:
        data["themes"] = list(themes_value)
    return data


def news_page_form(publish=True, **overrides):
    fields = {
        "title": "Aperto il nuovo laboratorio in Barriera",
        "date": "2025-03-14",
        "summary": "Un nuovo spazio per i progetti di quartiere.",
        "hero_image": "",
        "body": _body(),
        "tags": "quartieri, innovazione",
    }
    return _page_form(fields, overrides, publish)


def dossier_page_form(publish=True, edition=2024, **overrides):
    fields = {
        "title": "Dossier di candidatura",
        "introduction": "Per la giuria: i criteri e le prove.",
        "edition": str(edition),
        "hero_image": "",
        "body": _body(),
    }
    return _page_form(fields, overrides, publish)


def press_room_page_form(publish=True, **overrides):
    fields = {
        "title": "Sala stampa",
        "introduction": "Comunicati, immagini e contatti per i giornalisti.",
        "hero_image": "",
        "media_kit": streamfield([]),
        "body": _body(),
    }
    return _page_form(fields, overrides, publish)


def open_data_page_form(publish=True, **overrides):
    fields = {
        "title": "Dati aperti",
        "introduction": "I dati del sito in formati aperti.",
        "hero_image": "",
        "body": _body(),
    }
    return _page_form(fields, overrides, publish)
