"""Demo content for the press and the public: press releases (one under embargo), the press room
with its media kit, the open data page and the cookie notice, in Italian and English.

Called once from ``DemoLoader.run()`` after the rest of the site exists; it uses the loader's own
``ensure_page`` / ``translate_page`` so the same rules hold: created only if missing, the English
pages are wagtail-localize translations of the Italian ones, nothing existing is ever changed.
Written from ``shared/content/facts.md``; the logos are drawn and the fact sheets typeset here.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home.models import SiteSettings, StandardPage
from news.models import NewsIndexPage, NewsPage, PressRoomPage
from opendata.models import OpenDataPage

from .content import heading, para
from .fact_sheet_pdf import text_pdf

CREDIT_IT = "Redazione Torino Innovation (illustrazione)"
CREDIT_EN = "Torino Innovation editorial team (illustration)"

# --- press releases -----------------------------------------------------------------------------

# The embargoed release lifts this many days after the demo content is first loaded, at 10:00.
EMBARGO_DAYS = 30

PRESS_RELEASES = [
    {
        "slug": "comunicato-secondo-posto-icapital-2016",
        "title": "Premio iCapital 2016: Torino seconda capitale europea dell'innovazione",
        "date": "2016-04-08",
        "embargo": False,
        "hero_image": "europa",
        "summary": (
            "La Commissione europea assegna a Torino il secondo posto del premio iCapital 2016 e 100.000 euro, "
            "dietro Amsterdam e davanti a Parigi. Premiati i modelli di innovazione aperta della città."
        ),
        "tags": ["iCapital", "iCapital 2016"],
        "body": [
            para(
                "<p><b>Torino, 8 aprile 2016.</b> Torino è la seconda città europea dell'innovazione. Oggi a "
                "Bruxelles la Commissione europea ha proclamato i vincitori della seconda edizione del premio "
                "iCapital: Amsterdam al primo posto, Torino al secondo con un premio di 100.000 euro, Parigi al "
                "terzo.</p>"
                "<p>La giuria ha riconosciuto i modelli di innovazione aperta con cui la Città sostiene le start-up "
                "dell'innovazione sociale e apre nuovi mercati alle soluzioni urbane.</p>"
            ),
            heading("Note per le redazioni"),
            para(
                "<ul><li>Al premio si sono candidate 36 città di 12 paesi; nove sono arrivate in finale.</li>"
                "<li>Le finaliste: Amsterdam, Berlino, Eindhoven, Glasgow, Milano, Oxford, Parigi, Torino e "
                "Vienna.</li>"
                "<li>Fonte: Commissione europea, pagina del premio iCapital 2016.</li></ul>"
            ),
        ],
    },
    {
        "slug": "comunicato-capitale-europea-innovazione-2024",
        "title": "La Commissione europea proclama Torino Capitale europea dell'innovazione 2024",
        "date": "2024-11-13",
        "embargo": False,
        "hero_image": "home",
        "summary": (
            "Al Web Summit di Lisbona la Commissione europea proclama Torino Capitale europea dell'innovazione "
            "2024, con un premio di un milione di euro. Seconda Espoo, terza West Midlands."
        ),
        "tags": ["iCapital", "iCapital 2024"],
        "body": [
            para(
                "<p><b>Torino, 13 novembre 2024.</b> Otto anni dopo il secondo posto del 2016, Torino conquista il "
                "titolo di Capitale europea dell'innovazione. L'annuncio è arrivato oggi dal palco del Web Summit "
                "di Lisbona; il premio vale un milione di euro.</p>"
                "<p>La giuria ha messo in evidenza Torino City Lab, CTE Next e Torino Social Impact: tre modi "
                "diversi di portare le sperimentazioni in città e di accompagnare imprese e progetti sociali.</p>"
            ),
            heading("Note per le redazioni"),
            para(
                "<ul><li>Al secondo posto Espoo, al terzo le West Midlands.</li>"
                "<li>Torino ospiterà la cerimonia dell'edizione successiva alle OGR.</li>"
                "<li>Fonti: Innovation News Network e Cities Today.</li></ul>"
            ),
        ],
    },
    {
        "slug": "comunicato-dati-aperti-torino-innovation",
        "title": "Torino Innovation apre i suoi dati",
        "date": None,  # the day the embargo lifts
        "embargo": True,
        "hero_image": "firstlife",
        "summary": (
            "I progetti raccontati su Torino Innovation diventano dati aperti: posizione, programma, temi e stato "
            "di ogni progetto in GeoJSON e CSV, e tutte le pagine del sito attraverso un'API in sola lettura."
        ),
        "tags": ["Torino Innovation"],
        "body": [
            para(
                "<p>Da oggi chi vuole riusare le informazioni di Torino Innovation non deve più copiarle a mano. "
                "Ogni progetto pubblicato sul sito è scaricabile, in italiano e in inglese, come GeoJSON per le "
                "mappe e come CSV per i fogli di calcolo; le pagine del sito sono leggibili da programmi attraverso "
                "un'API in sola lettura.</p>"
                "<p>La pagina «Dati aperti» elenca gli indirizzi e spiega ogni campo. I dati si aggiornano da soli: "
                "quando la redazione pubblica un progetto, compare anche nei file.</p>"
            ),
        ],
    },
]

PRESS_RELEASES_EN = {
    "comunicato-secondo-posto-icapital-2016": {
        "slug": "press-release-icapital-2016-runner-up",
        "title": "iCapital 2016: Turin is Europe's runner-up Capital of Innovation",
        "summary": (
            "The European Commission awards Turin second place in the 2016 iCapital prize, with €100,000, behind "
            "Amsterdam and ahead of Paris. The jury singled out the city's open-innovation models."
        ),
        "body": [
            para(
                "<p><b>Turin, 8 April 2016.</b> Turin is Europe's second city of innovation. In Brussels today the "
                "European Commission announced the winners of the second iCapital award: Amsterdam first, Turin "
                "second with a prize of €100,000, Paris third.</p>"
                "<p>The jury recognised the open-innovation models through which the City supports social-"
                "innovation start-ups and opens up new markets for urban solutions.</p>"
            ),
            heading("Notes for editors"),
            para(
                "<ul><li>36 cities from 12 countries applied; nine reached the final.</li>"
                "<li>The finalists: Amsterdam, Berlin, Eindhoven, Glasgow, Milan, Oxford, Paris, Turin and "
                "Vienna.</li>"
                "<li>Source: European Commission, iCapital 2016 award page.</li></ul>"
            ),
        ],
    },
    "comunicato-capitale-europea-innovazione-2024": {
        "slug": "press-release-european-capital-of-innovation-2024",
        "title": "European Commission names Turin European Capital of Innovation 2024",
        "summary": (
            "At Web Summit in Lisbon the European Commission names Turin European Capital of Innovation 2024, with "
            "a prize of €1 million. Espoo is second, the West Midlands third."
        ),
        "body": [
            para(
                "<p><b>Turin, 13 November 2024.</b> Eight years after coming second in 2016, Turin has won the "
                "title of European Capital of Innovation. The announcement was made today on stage at Web Summit "
                "in Lisbon; the prize is worth €1 million.</p>"
                "<p>The jury highlighted Torino City Lab, CTE Next and Torino Social Impact: three different ways "
                "of bringing trials into the city and supporting businesses and social projects.</p>"
            ),
            heading("Notes for editors"),
            para(
                "<ul><li>Espoo came second and the West Midlands third.</li>"
                "<li>Turin will host the ceremony for the next edition at the OGR.</li>"
                "<li>Sources: Innovation News Network and Cities Today.</li></ul>"
            ),
        ],
    },
    "comunicato-dati-aperti-torino-innovation": {
        "slug": "press-release-torino-innovation-open-data",
        "title": "Torino Innovation opens up its data",
        "summary": (
            "The projects on Torino Innovation become open data: the location, programme, themes and status of "
            "each project as GeoJSON and CSV, and every page of the site through a read-only API."
        ),
        "body": [
            para(
                "<p>From today, anyone who wants to reuse the information on Torino Innovation no longer has to "
                "copy it by hand. Every project published on the site can be downloaded, in Italian and English, "
                "as GeoJSON for maps and as CSV for spreadsheets, and programs can read the site's pages through a "
                "read-only API.</p>"
                "<p>The “Open data” page lists the addresses and explains every field. The data keeps itself up "
                "to date: when the editors publish a project, it appears in the files too.</p>"
            ),
        ],
    },
}

# --- media kit ----------------------------------------------------------------------------------

# (image key of the demo illustrations, Italian caption, English caption)
PHOTOS = [
    ("home", "Torino e la Mole Antonelliana, l'illustrazione che apre il sito.", "Turin and the Mole Antonelliana."),
    ("open-incet", "Open Incet, l'ex fabbrica di cavi di Barriera di Milano.", "Open Incet, the former cable factory."),
    ("parco-dora", "Parco Dora, dove Torino City Lab ha provato i droni.", "Parco Dora, where drones were tested."),
    ("ogr", "Le OGR, sede della cerimonia del 2025.", "The OGR, venue of the 2025 ceremony."),
]

# key -> (title, Italian caption, English caption, mark colour, background or None for transparent)
LOGOS = {
    "logo-granata": (
        "Torino Innovation – marchio granata",
        "Il marchio di Torino Innovation, granata su fondo trasparente (PNG).",
        "The Torino Innovation mark in maroon, on a transparent background (PNG).",
        (122, 29, 44),
        None,
    ),
    "logo-notte": (
        "Torino Innovation – marchio su blu notte",
        "Il marchio di Torino Innovation, bianco su blu notte (PNG).",
        "The Torino Innovation mark in white on midnight blue (PNG).",
        (10, 42, 82),
        (10, 42, 82),
    ),
}
LOGO_CREDIT = "Città di Torino"

FACT_SHEETS = {
    "it": {
        "title": "Scheda Torino Innovation (italiano)",
        "language": "it-IT",
        "file": "torino-innovation-scheda.pdf",
        "description": "Due pagine con i numeri e le tappe principali, con le fonti.",
        "blocks": [
            ("title", "Torino Innovation – scheda per la stampa"),
            ("text", "Città di Torino. Tutti i numeri sono tratti dalle fonti indicate in fondo."),
            ("heading", "Il percorso"),
            (
                "item",
                "2016: seconda al premio Capitale europea dell'innovazione (iCapital), dietro Amsterdam e "
                "davanti a Parigi; premio di 100.000 euro. 36 città candidate da 12 paesi, 9 finaliste.",
            ),
            (
                "item",
                "2024: Capitale europea dell'innovazione, premio di 1 milione di euro, annunciato il 13 "
                "novembre 2024 al Web Summit di Lisbona.",
            ),
            ("item", "3–4 dicembre 2025: Torino ospita alle OGR la cerimonia dell'edizione successiva."),
            ("heading", "I programmi"),
            (
                "item",
                "Innova.TO (dal 2014): concorso interno per i dipendenti comunali; prima edizione con 71 "
                "proposte da 111 dipendenti e 10 premi. Place Marketing Awards 2016, buona pratica URBACT 2017.",
            ),
            (
                "item",
                "Torino Social Innovation (dal 2012): oltre 40 partner pubblici e privati. Il bando FaciliTo "
                "Giovani ha raccolto oltre 200 candidature e accompagnato oltre 50 percorsi d'impresa.",
            ),
            (
                "item",
                "Open Incet (2015): centro di open innovation in un'ex fabbrica di cavi a Barriera di "
                "Milano, circa 1.000 m² destinati a crescere di altri 3.000 m².",
            ),
            (
                "item",
                "Torino Living Lab (2016) e Torino City Lab (2018): sperimentazioni in città, da Campidoglio "
                "a tutto il territorio comunale (circa 130 km²).",
            ),
            ("item", "FirstLife: social network su mappa dell'Università di Torino."),
            ("heading", "Fonti"),
            (
                "text",
                "Commissione europea, pagina iCapital 2016; Innovation News Network e Cities Today (2024); "
                "Metropolis – Use (Innova.TO); Torino Social Innovation; Open Incet; Torino City Lab; FirstLife.",
            ),
            ("heading", "Contatti"),
            ("text", "Ufficio stampa – Città di Torino: ufficio.stampa@comune.torino.it"),
        ],
    },
    "en": {
        "title": "Torino Innovation fact sheet (English)",
        "language": "en-GB",
        "file": "torino-innovation-fact-sheet.pdf",
        "description": "Two pages with the main figures and milestones, with their sources.",
        "blocks": [
            ("title", "Torino Innovation – press fact sheet"),
            ("text", "City of Turin. Every figure comes from the sources listed at the end."),
            ("heading", "Milestones"),
            (
                "item",
                "2016: runner-up in the European Capital of Innovation award (iCapital), behind Amsterdam and "
                "ahead of Paris; prize of €100,000. 36 cities from 12 countries applied, 9 reached the final.",
            ),
            (
                "item",
                "2024: European Capital of Innovation, a €1 million prize, announced on 13 November 2024 at "
                "Web Summit in Lisbon.",
            ),
            ("item", "3–4 December 2025: Turin hosts the next edition's ceremony at the OGR."),
            ("heading", "Programmes"),
            (
                "item",
                "Innova.TO (since 2014): an in-house competition for City staff; its first round drew 71 "
                "proposals from 111 employees and made 10 awards. Place Marketing Awards 2016, URBACT Good Practice "
                "2017.",
            ),
            (
                "item",
                "Torino Social Innovation (since 2012): more than 40 public and private partners. Its "
                "FaciliTo Giovani call drew over 200 applications and supported over 50 business programmes.",
            ),
            (
                "item",
                "Open Incet (2015): an open-innovation centre in a former cable factory in Barriera di "
                "Milano, about 1,000 m², set to grow by another 3,000 m².",
            ),
            (
                "item",
                "Torino Living Lab (2016) and Torino City Lab (2018): real-world trials, from the Campidoglio "
                "neighbourhood to the whole city (about 130 km²).",
            ),
            ("item", "FirstLife: the University of Turin's map-based social network."),
            ("heading", "Sources"),
            (
                "text",
                "European Commission, iCapital 2016 page; Innovation News Network and Cities Today (2024); "
                "Metropolis – Use (Innova.TO); Torino Social Innovation; Open Incet; Torino City Lab; FirstLife.",
            ),
            ("heading", "Contact"),
            ("text", "Press office – City of Turin: ufficio.stampa@comune.torino.it"),
        ],
    },
}

# --- pages --------------------------------------------------------------------------------------

PRESS_ROOM = {
    "slug": "sala-stampa",
    "title": "Sala stampa",
    "hero_image": "pagine",
    "introduction": (
        "Comunicati stampa, immagini, loghi e schede da scaricare, e i contatti dell'ufficio stampa della Città "
        "di Torino."
    ),
    "body": [
        heading("Come usare i materiali"),
        para(
            "<p>Immagini e loghi si possono pubblicare alle condizioni della licenza indicata sotto ciascuno, "
            "citando l'autore. Per interviste, dati aggiornati o materiali che qui non trovi, scrivi all'ufficio "
            "stampa indicando testata e tempi di pubblicazione.</p>"
            "<p>I comunicati con un embargo compaiono su questa pagina, nelle notizie e nei feed soltanto "
            "dall'ora indicata.</p>"
        ),
    ],
}
PRESS_ROOM_EN = {
    "slug": "press-room",
    "title": "Press room",
    "introduction": (
        "Press releases, images, logos and fact sheets to download, and how to reach the City of Turin's press office."
    ),
    "body": [
        heading("Using these materials"),
        para(
            "<p>You may publish the images and logos on the terms of the licence shown with each one, crediting "
            "the author. For interviews, updated figures or anything you cannot find here, write to the press "
            "office with the name of your publication and your deadline.</p>"
            "<p>Releases under embargo appear on this page, in the news and in the feeds only from the time "
            "stated.</p>"
        ),
    ],
}

OPEN_DATA = {
    "slug": "dati-aperti",
    "title": "Dati aperti",
    "hero_image": "firstlife",
    "introduction": (
        "I progetti e le pagine di Torino Innovation, in formati aperti che programmi e fogli di calcolo leggono "
        "direttamente. Qui trovi gli indirizzi e il significato di ogni campo."
    ),
    "body": [
        heading("Licenza"),
        para(
            "<p>I dati sono pubblicati con licenza Creative Commons Attribuzione 4.0 (CC BY 4.0): puoi copiarli, "
            "modificarli e riusarli anche a fini commerciali, citando «Città di Torino – Torino Innovation».</p>"
        ),
        heading("Segnalazioni"),
        para(
            "<p>Se un dato è sbagliato o manca un campo che ti serve, scrivi alla redazione: "
            '<a href="mailto:redazione.innovazione@comune.torino.it">redazione.innovazione@comune.torino.it</a>.'
            "</p>"
        ),
    ],
}
OPEN_DATA_EN = {
    "slug": "open-data",
    "title": "Open data",
    "introduction": (
        "The projects and pages of Torino Innovation, in open formats that programs and spreadsheets read "
        "directly. Here are the addresses and the meaning of every field."
    ),
    "body": [
        heading("Licence"),
        para(
            "<p>The data is published under the Creative Commons Attribution 4.0 licence (CC BY 4.0): you may copy, "
            "adapt and reuse it, commercially too, crediting “City of Turin – Torino Innovation”.</p>"
        ),
        heading("Corrections"),
        para(
            "<p>If a figure is wrong or you need a field that is missing, write to the editorial team: "
            '<a href="mailto:redazione.innovazione@comune.torino.it">redazione.innovazione@comune.torino.it</a>.'
            "</p>"
        ),
    ],
}

COOKIES = {
    "slug": "cookie",
    "title": "Informativa sui cookie",
    "introduction": "Quali cookie usa Torino Innovation, e perché non ti chiediamo il consenso.",
    "body": [
        heading("Nessun cookie sulle pagine pubbliche"),
        para(
            "<p>Leggere le pagine di questo sito, cercare, scaricare i materiali e i dati non lascia cookie nel "
            "tuo browser. Non usiamo cookie di profilazione, statistiche di terze parti, pulsanti social o "
            "pubblicità.</p>"
        ),
        heading("Cookie tecnici dell'area riservata"),
        para(
            "<p>Solo chi accede all'area della redazione riceve due cookie tecnici: uno di sessione, che mantiene "
            "attivo l'accesso fino all'uscita o alla sua scadenza, e uno di sicurezza, che protegge i "
            "moduli da invii non autorizzati. Sono necessari al servizio e non vengono usati per riconoscere "
            "nessuno altrove.</p>"
        ),
        heading("Perché non c'è un banner"),
        para(
            "<p>I cookie tecnici non richiedono il consenso, secondo le Linee guida cookie del Garante per la "
            "protezione dei dati personali (2021): per questo il sito non mostra alcun banner. Se un giorno "
            "usassimo altri cookie, te lo chiederemmo prima, e questa pagina lo direbbe.</p>"
        ),
    ],
}
COOKIES_EN = {
    "slug": "cookie-notice",
    "title": "Cookie notice",
    "introduction": "Which cookies Torino Innovation uses, and why we do not ask for your consent.",
    "body": [
        heading("No cookies on the public pages"),
        para(
            "<p>Reading the pages of this site, searching, and downloading materials and data leave no cookies in "
            "your browser. We use no profiling cookies, third-party analytics, social buttons or advertising.</p>"
        ),
        heading("Technical cookies in the editors' area"),
        para(
            "<p>Only people who sign in to the editors' area receive two technical cookies: a session cookie that "
            "keeps them signed in until they sign out or it expires, and a security cookie that protects "
            "forms from forged submissions. They are needed for the service and are never used to recognise anyone "
            "elsewhere.</p>"
        ),
        heading("Why there is no banner"),
        para(
            "<p>Technical cookies need no consent under the cookie guidelines of the Italian Data Protection "
            "Authority (Garante, 2021), which is why the site shows no banner. Should we ever use other cookies, "
            "we would ask you first, and this page would say so.</p>"
        ),
    ],
}


# --- building -----------------------------------------------------------------------------------


def draw_logo(colour, background, size=1000):
    """The site's mark (as in layout.html's SVG: a rounded square, the Mole's spire, two steps) as PNG."""
    scale = size / 40
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0) if background is None else (*background, 255))
    draw = ImageDraw.Draw(image)
    if background is None:
        draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=8 * scale, fill=(*colour, 255))
    shapes = (255, 255, 255, 255)

    def box(x, y, w, h):
        return [x * scale, y * scale, (x + w) * scale, (y + h) * scale]

    draw.polygon([(20 * scale, 5 * scale), (24 * scale, 23 * scale), (16 * scale, 23 * scale)], fill=shapes)
    draw.rectangle(box(13, 23, 14, 5), fill=shapes)
    draw.rounded_rectangle(box(10, 29, 20, 6), radius=scale, fill=shapes)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


class PressContent:
    def __init__(self, loader):
        self.loader = loader
        self.images = {}
        self.documents = {}
        self.new_footer_pages = []

    def run(self):
        home = self.loader.pages.get("")
        if home is None:
            return
        self.ensure_logos()
        self.ensure_fact_sheets()
        index = self.loader.pages.get("notizie")
        if isinstance(index, NewsIndexPage):
            for data in PRESS_RELEASES:
                self.ensure_release(index, data)
        self.ensure_singleton(home, PressRoomPage, PRESS_ROOM, media_kit=self.media_kit("it"))
        self.ensure_singleton(home, OpenDataPage, OPEN_DATA)
        self.ensure_cookie_notice(home)
        self.add_footer_links()
        self.translate()

    # files

    def ensure_logos(self):
        image_model = get_image_model()
        for key, (title, caption, _caption_en, colour, background) in LOGOS.items():
            image = image_model.objects.filter(title=title).order_by("pk").first()
            created = image is None
            if created:
                image = image_model(title=title, description=caption)
                image.file = ImageFile(io.BytesIO(draw_logo(colour, background)), name=f"torino-innovation-{key}.png")
                image._set_image_file_metadata()
                image.save()
            self.loader._count("images", created)
            self.images[key] = image

    def ensure_fact_sheets(self):
        document_model = get_document_model()
        for language, data in FACT_SHEETS.items():
            document = document_model.objects.filter(title=data["title"]).order_by("pk").first()
            created = document is None
            if created:
                pdf = text_pdf(data["title"], data["blocks"], author="Città di Torino", language=data["language"])
                document = document_model(title=data["title"], file=ContentFile(pdf, name=data["file"]))
                document._set_document_file_metadata()
                document.save()
            self.loader._count("documents", created)
            self.documents[language] = document

    def media_kit(self, language):
        english = language == "en"
        credit = CREDIT_EN if english else CREDIT_IT
        stream = []
        for key, caption_it, caption_en in PHOTOS:
            image = self.loader.images.get(key)
            if image is not None:
                value = {
                    "image": image.pk,
                    "caption": caption_en if english else caption_it,
                    "credit": credit,
                    "licence": "cc-by-4.0",
                }
                stream.append({"type": "photo", "value": value})
        for key, (_title, caption_it, caption_en, _colour, _background) in LOGOS.items():
            value = {
                "image": self.images[key].pk,
                "caption": caption_en if english else caption_it,
                "credit": LOGO_CREDIT,
                "licence": "editorial",
            }
            stream.append({"type": "logo", "value": value})
        sheet = FACT_SHEETS[language]
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

    # pages

    def ensure_release(self, index, data):
        if data["embargo"]:
            day = timezone.localdate() + datetime.timedelta(days=EMBARGO_DAYS)
            embargo_until = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
            first_published = None
        else:
            day = datetime.date.fromisoformat(data["date"])
            embargo_until = None
            first_published = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        self.loader.ensure_page(
            f"notizie/{data['slug']}",
            index,
            NewsPage(
                title=data["title"],
                slug=data["slug"],
                date=day,
                summary=data["summary"],
                search_description=data["summary"],
                hero_image=self.loader.images[data["hero_image"]],
                is_press_release=True,
                embargo_until=embargo_until,
            ),
            streams={"body": data["body"]},
            relations={"tags": data["tags"]},
            first_published=first_published,
        )

    def ensure_singleton(self, home, model, data, **streams):
        page = model(
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            search_description=data["introduction"],
            hero_image=self.loader.images.get(data.get("hero_image")),
        )
        created_before = self.loader.created.get(("it", "pages"), 0)
        result = self.loader.ensure_page(
            data["slug"], home, page, singleton=True, streams={"body": data["body"], **streams}
        )
        if result is not None and self.loader.created.get(("it", "pages"), 0) > created_before:
            self.new_footer_pages.append(result)

    def ensure_cookie_notice(self, home):
        created_before = self.loader.created.get(("it", "pages"), 0)
        page = self.loader.ensure_page(
            COOKIES["slug"],
            home,
            StandardPage(
                title=COOKIES["title"],
                slug=COOKIES["slug"],
                introduction=COOKIES["introduction"],
                search_description=COOKIES["introduction"],
            ),
            streams={"body": COOKIES["body"]},
        )
        if page is not None and self.loader.created.get(("it", "pages"), 0) > created_before:
            self.new_footer_pages.append(page)

    def add_footer_links(self):
        """Add the pages made just now to the footer: never touches links an editor set."""
        if not self.new_footer_pages:
            return
        settings = SiteSettings.objects.filter(site__root_page=self.loader.pages[""]).first()
        if settings is None:
            return
        linked = {block.value.pk for block in settings.footer_links if block.value}
        raw = list(settings.footer_links.raw_data)
        raw += [{"type": "page", "value": page.pk} for page in self.new_footer_pages if page.pk not in linked]
        settings.footer_links = raw
        settings.full_clean()  # what the settings form would check
        settings.save()

    # English

    def translate(self):
        loader = self.loader
        for data in PRESS_RELEASES:
            loader.translate_page(f"notizie/{data['slug']}", PRESS_RELEASES_EN.get(data["slug"]), loader._fill_news)
        loader.translate_page(PRESS_ROOM["slug"], PRESS_ROOM_EN, self._fill_press_room)
        loader.translate_page(OPEN_DATA["slug"], OPEN_DATA_EN, self._fill_intro_and_body)
        loader.translate_page(COOKIES["slug"], COOKIES_EN, self._fill_intro_and_body)

    def _fill_intro_and_body(self, page, source, data):
        page.introduction = data["introduction"]
        page.search_description = data["introduction"]
        page.body = self.loader.resolve_en(data["body"], page)

    def _fill_press_room(self, page, source, data):
        self._fill_intro_and_body(page, source, data)
        page.media_kit = self.media_kit("en")


def load_press_content(loader):
    PressContent(loader).run()
