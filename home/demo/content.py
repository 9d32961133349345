"""The demo content, as data.

Everything here is written from ``shared/content/facts.md``: prose in our own words, and every key
figure with the source (name + URL) and the date it refers to. Where facts.md gives only a year or a
month, the reference date is the first day of that period, as the key-figure block asks.

StreamField values are in Wagtail's raw JSON form ({"type": ..., "value": ...}). Values that point at
database objects are written as references (``ImageRef``, ``PageRef``, ``ContactRef``, ``SELF``) and
resolved by the loader once the objects exist.
"""

from dataclasses import dataclass

# --- references, resolved by the loader -------------------------------------------------------


@dataclass(frozen=True)
class ImageRef:
    key: str


@dataclass(frozen=True)
class PageRef:
    path: str  # slugs below the home page, e.g. "programmi/open-incet"


@dataclass(frozen=True)
class ContactRef:
    key: str


SELF = PageRef("<self>")  # the page whose body holds the reference

# --- sources ----------------------------------------------------------------------------------

SOURCES = {
    "icapital2016": (
        "Commissione europea – European Capital of Innovation Awards 2016",
        "https://research-and-innovation.ec.europa.eu/funding/funding-opportunities/prizes/icapital/icapital-2016_en",
    ),
    "psf2016": ("Public Spend Forum Europe", "http://publicspendforumeurope.com/2016/04/21/3575/"),
    "icapital2024": (
        "Innovation News Network",
        "https://innovationnewsnetwork.com/torino-and-braga-crowned-2024-european-capitals-of-innovation/52812",
    ),
    "citiestoday2024": (
        "Cities Today",
        "https://cities-today.com/torino-and-braga-named-as-european-capitals-of-innovation",
    ),
    "innovato": ("Metropolis – Use, caso di studio Innova.TO", "https://use.metropolis.org/case-studies/innovato"),
    "tsi": (
        "Torino Social Innovation",
        "http://www.torinosocialinnovation.it/facilito-giovani-e-torino-social-innovation-unesperienza-di-successo/",
    ),
    "socialfare": ("SocialFare", "https://socialfare.org/torino-social-innovation-per-le-imprese-giovani/"),
    "openincet": ("Open Incet – Our history", "https://openincet.it/en/our-history"),
    "tcl": ("Torino City Lab", "https://torinocitylab.com/en/welcome-to/about-to-city-lab"),
    "firstlife": ("FirstLife", "https://www.firstlife.org/about/"),
    "icity2015": (
        "TorinoToday – ICity Rate 2015",
        "https://www.torinotoday.it/green/rapporto-icity-rate-2015-torino-undicesimo-posto.html",
    ),
    "icity2017": (
        "Mole24 – ICity Rate 2017",
        "http://www.mole24.it/2017/10/26/smart-city-torino-settima-italia-nella-classifica-icity-rate-2017/",
    ),
    "icity2018": (
        "eNordovest – ICity Rate 2018",
        "https://www.enordovest.com/2018/10/imperia-il-capoluogo-meno-intelligente.html",
    ),
    "icity2019": (
        "Corriere della Sera – ICity Rate 2019",
        "https://bergamo.corriere.it/notizie/cronaca/19_novembre_26/"
        "classifica-citta-piu-smart-bergamo-quarto-posto-8f6c0eac-103e-11ea-8237-5100dbaddf11.shtml",
    ),
}

# The dates figures refer to, as precisely as the sources give them: a day, a month ("2018-10") or a year
# ("2014"). See source_date().
ICAPITAL_2016 = "2016-04-08"  # award ceremony in Brussels
ICAPITAL_2024 = "2024-11-13"  # announcement at Web Summit, Lisbon
INNOVATO_FIRST_ROUND = "2014"  # Innova.TO's first round, 2014
INNOVATO_R = "2018"  # the URBACT network ran 2018–21
FACILITO = "2016-06"  # the call ran from 2014 to mid-2016: its figures are those of the whole call
OPEN_INCET_2022 = "2022"
LIVING_LAB = "2016"
CITY_LAB = "2018-10"  # Torino City Lab launched in October 2018
ICITY = {2015: "2015", 2017: "2017-10-26", 2018: "2018-10", 2019: "2019-11-26"}


def source_date(date):
    """A figure's reference date and how precisely it is known, from "2016-04-08", "2018-10" or "2014"."""
    precision = {4: "year", 7: "month"}.get(len(date), "day")
    first_day = {"year": f"{date}-01-01", "month": f"{date}-01"}.get(precision, date)
    return {"reference_date": first_day, "reference_precision": precision}


# --- block helpers (raw StreamField values) ---------------------------------------------------


def fig(value, label, source, date):
    name, url = SOURCES[source]
    return {"value": value, "label": label, "source_name": name, "source_url": url, **source_date(date)}


def figures(*items):
    """A key_figures StreamField (HomePage, ProgrammePage, ProjectPage, RankingPage)."""
    return [{"type": "figure", "value": item} for item in items]


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def para(html):
    return {"type": "paragraph", "value": html}


def quote(text, attribution="", role=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution, "role": role}}


def key_figures(title, *items):
    return {"type": "key_figures", "value": {"heading": title, "figures": list(items)}}


def picture(image_key, caption="", credit="Illustrazione: redazione Torino Innovation"):
    return {
        "type": "figure",
        "value": {"image": ImageRef(image_key), "caption": caption, "credit": credit},
    }


def map_block(title, show="all", programmes=(), projects=()):
    return {
        "type": "map",
        "value": {"heading": title, "show": show, "programmes": list(programmes), "projects": list(projects)},
    }


def contacts(title, *keys):
    return {"type": "contacts", "value": {"heading": title, "contacts": [ContactRef(k) for k in keys]}}


def ranking_table(caption, indicators, rows, source, date, source_name=None):
    name, url = SOURCES[source]
    return {
        "type": "ranking_table",
        "value": {
            "caption": caption,
            "indicators": list(indicators),
            "rows": [
                {"position": pos, "city": city, "highlight": city == "Torino" and hl, "notes": list(notes)}
                for pos, city, hl, notes in rows
            ],
            "source_name": source_name or name,
            "source_url": url,
            **source_date(date),
        },
    }


# --- snippets ---------------------------------------------------------------------------------

LOCALES = ["it", "en"]

THEMES = [
    ("mobilita", "Mobilità"),
    ("ambiente", "Ambiente"),
    ("innovazione-sociale", "Innovazione sociale"),
    ("partecipazione", "Partecipazione"),
    ("manifattura-digitale", "Manifattura digitale"),
    ("turismo", "Turismo"),
    ("pubblica-amministrazione", "Pubblica amministrazione"),
    ("dati-aperti", "Dati aperti"),
    ("impresa", "Impresa e start-up"),
    ("rigenerazione-urbana", "Rigenerazione urbana"),
]

# (slug, name, circoscrizione). Parco Dora straddles two circoscrizioni, so it has none.
DISTRICTS = [
    ("centro", "Centro", 1),
    ("crocetta", "Crocetta", 1),
    ("cenisia", "Cenisia", 3),
    ("campidoglio", "Campidoglio", 4),
    ("parella", "Parella", 4),
    ("parco-dora", "Parco Dora", None),
    ("barriera-di-milano", "Barriera di Milano", 6),
    ("aurora", "Aurora", 7),
    ("san-salvario", "San Salvario", 8),
    ("lingotto", "Lingotto", 8),
]

# Role-based contacts only: no personal names, no phone numbers.
CONTACTS = {
    "stampa": {
        "name": "Ufficio stampa – Città di Torino",
        "role": "Rapporti con i media",
        "email": "ufficio.stampa@comune.torino.it",
        "is_press": True,
    },
    "redazione": {
        "name": "Redazione Torino Innovation",
        "role": "Contenuti del sito, dati e segnalazioni",
        "email": "redazione.innovazione@comune.torino.it",
        "is_press": False,
    },
}

# --- images: key -> (title, description used as alt text, motif, gradient colours) ------------

IMAGES = {
    "home": (
        "Torino, la Mole Antonelliana e i tetti della città",
        "Illustrazione: la sagoma della Mole Antonelliana tra i palazzi di Torino, con la collina e un grande sole.",
        "skyline",
        ("navy", "blue"),
    ),
    "innova-to": (
        "Innova.TO, idee che si incontrano",
        "Illustrazione astratta: punti luminosi collegati da linee sottili, come idee che si incontrano.",
        "ideas",
        ("navy", "terracotta"),
    ),
    "social-innovation": (
        "Torino Social Innovation, una rete di partner",
        "Illustrazione astratta: una rete di nodi collegati tra loro, alcuni evidenziati in giallo.",
        "network",
        ("blue", "teal"),
    ),
    "open-incet": (
        "Open Incet, i tetti a shed dell'ex fabbrica",
        "Illustrazione: i tetti a dente di sega di una fabbrica, attraversati da cavi colorati.",
        "sawtooth",
        ("teal", "navy"),
    ),
    "living-lab": (
        "Torino Living Lab, sensori tra gli isolati",
        "Illustrazione: isolati stilizzati visti dall'alto, con cerchi concentrici che segnalano dei sensori.",
        "sensors",
        ("blue", "sky"),
    ),
    "firstlife": (
        "FirstLife, una mappa con i segnaposto",
        "Illustrazione: una mappa stilizzata attraversata da un fiume, con segnaposto rossi e gialli.",
        "map",
        ("navy", "teal"),
    ),
    "fablab": (
        "Fablab e coworking, moduli esagonali",
        "Illustrazione astratta: una trama di esagoni, alcuni pieni in giallo e in arancione.",
        "hexes",
        ("navy", "terracotta"),
    ),
    "parco-dora": (
        "Parco Dora, rotte di droni sul verde",
        "Illustrazione: macchie di verde viste dall'alto e traiettorie tratteggiate di piccoli droni.",
        "park",
        ("navy", "blue"),
    ),
    "guida-autonoma": (
        "Corso Galileo Ferraris, un viale alberato in prospettiva",
        "Illustrazione: un viale alberato in prospettiva, con la linea di mezzeria e onde di segnale sulla strada.",
        "road",
        ("blue", "teal"),
    ),
    "environment-park": (
        "Environment Park, foglie e acqua",
        "Illustrazione: foglie stilizzate sopra linee ondulate che ricordano il corso della Dora.",
        "leaves",
        ("terracotta", "navy"),
    ),
    "ogr": (
        "OGR, archi e navate",
        "Illustrazione: una successione di archi in prospettiva, come le navate di una grande officina.",
        "arches",
        ("teal", "navy"),
    ),
    "europa": (
        "Città europee in rete",
        "Illustrazione astratta: punti collegati tra loro e racchiusi da un grande cerchio giallo.",
        "europe",
        ("blue", "teal"),
    ),
    "classifiche": (
        "Classifiche, colonne e tendenze",
        "Illustrazione: un grafico a colonne con una colonna evidenziata in giallo e una linea di tendenza.",
        "podium",
        ("blue", "sky"),
    ),
    "pagine": (
        "Torino Innovation, trama a bande diagonali",
        "Illustrazione astratta: bande diagonali nei colori del sito.",
        "stripes",
        ("navy", "terracotta"),
    ),
}

# --- site settings ----------------------------------------------------------------------------

SITE_NAME = "Torino Innovation"

# Site settings are shared by both languages: the link labels are names, which read the same in each.
SITE_SETTINGS = {
    "organisation_name": "Città di Torino",
    "address": "Palazzo Civico, piazza Palazzo di Città 1, 10122 Torino",
    "email": "redazione.innovazione@comune.torino.it",
    "social_links": [
        {
            "platform": "facebook",
            "label": "Facebook – Città di Torino",
            "url": "https://www.facebook.com/cittaditorino",
        },
        {
            "platform": "instagram",
            "label": "Instagram – Città di Torino",
            "url": "https://www.instagram.com/cittaditorino/",
        },
        {
            "platform": "linkedin",
            "label": "LinkedIn – Città di Torino",
            "url": "https://www.linkedin.com/company/citta-di-torino/",
        },
    ],
    "footer_links": ["accessibilita", "privacy", "note-legali"],
}

# --- home page --------------------------------------------------------------------------------

HOME = {
    "title": "Torino Innovation",
    "slug": "home",
    "hero_image": "home",
    "introduction": (
        "Dal secondo posto europeo del 2016 al titolo di Capitale europea dell'innovazione nel 2024: "
        "i programmi, i luoghi e i progetti con cui Torino sperimenta nuovi servizi insieme a imprese, "
        "università e cittadini."
    ),
    "key_figures": figures(
        fig("2ª", "città in Europa al premio Capitale europea dell'innovazione 2016", "icapital2016", ICAPITAL_2016),
        fig("100.000 €", "il premio vinto da Torino per il secondo posto nel 2016", "icapital2016", ICAPITAL_2016),
        fig("36", "le città candidate al premio 2016, da 12 paesi", "icapital2016", ICAPITAL_2016),
        fig(
            "1 milione €",
            "il premio per il titolo di Capitale europea dell'innovazione 2024",
            "icapital2024",
            ICAPITAL_2024,
        ),
    ),
    "body": [
        heading("Una città che fa da regista"),
        para(
            "<p>Il filo che lega i programmi raccolti in queste pagine è un metodo. La Città non si limita a "
            "finanziare o a regolare: mette in relazione chi ha le idee, chi ha le risorse e chi vive i quartieri, "
            "e apre strade, parchi e spazi pubblici alle sperimentazioni.</p>"
            "<p>È l'approccio che nel 2016 ha portato Torino al secondo posto del premio europeo iCapital, dietro "
            "Amsterdam, e che nel 2024 le ha fatto conquistare il titolo di Capitale europea dell'innovazione.</p>"
        ),
    ],
    # Programme slugs, in order, for the "featured programmes" rows.
    "featured_programmes": [
        "torino-social-innovation",
        "open-incet",
        "torino-living-lab",
        "innova-to",
        "firstlife",
        "fablab-e-coworking",
    ],
}

# --- programmes -------------------------------------------------------------------------------

PROGRAMME_INDEX = {
    "title": "Programmi",
    "slug": "programmi",
    "hero_image": "social-innovation",
    "introduction": (
        "Sei programmi nati in anni diversi e guidati da soggetti diversi. Insieme spiegano come Torino fa "
        "innovazione: dentro l'amministrazione, con le imprese sociali, nei quartieri e nei laboratori."
    ),
}

PROGRAMMES = [
    {
        "slug": "innova-to",
        "title": "Innova.TO",
        "hero_image": "innova-to",
        "summary": (
            "Il concorso con cui, dal 2014, i dipendenti della Città di Torino propongono progetti per ridurre gli "
            "sprechi e migliorare i servizi. Premiato ai Place Marketing Awards 2016 e riconosciuto come buona "
            "pratica URBACT."
        ),
        "lead_organisation": "Città di Torino",
        "start_year": 2014,
        "website": "http://www.comune.torino.it/innovato/en/",
        "partners": [
            ("Rotterdam", ""),
            ("Métropole du Grand Paris", ""),
            ("Porto", ""),
            ("Murcia", ""),
            ("Cluj-Napoca", ""),
            ("Veszprém", ""),
        ],
        "key_figures": figures(
            fig("71", "proposte presentate alla prima edizione", "innovato", INNOVATO_FIRST_ROUND),
            fig("111", "dipendenti comunali autori delle proposte", "innovato", INNOVATO_FIRST_ROUND),
            fig("10", "progetti premiati alla prima edizione", "innovato", INNOVATO_FIRST_ROUND),
        ),
        "body": [
            heading("Le idee migliori arrivano da chi lavora negli uffici"),
            para(
                "<p>Innova.TO parte da una constatazione semplice: chi ogni giorno fa funzionare la macchina "
                "comunale sa dove si perdono tempo e risorse. Dal 2014 il concorso invita i dipendenti della Città "
                "a trasformare queste osservazioni in progetti: nuovi servizi, prodotti o soluzioni capaci di "
                "generare valore economico e sociale e di far rendere meglio il denaro pubblico.</p>"
            ),
            para(
                "<p>La prima edizione ha raccolto 71 proposte firmate da 111 dipendenti. Dieci sono state premiate.</p>"
            ),
            heading("Dal premio alla rete europea"),
            para(
                "<p>Nel 2016 Innova.TO ha vinto i Place Marketing Awards, riconoscimento internazionale alla terza "
                "edizione, assegnato da una giuria di giornalisti esperti e professionisti del settore. Nel 2017 "
                "la rete europea URBACT lo ha riconosciuto come buona pratica.</p>"
                "<p>Dal 2018 al 2021 Torino ha poi guidato <b>Innovato-R</b>, la rete di trasferimento URBACT che "
                "ha portato il modello a Rotterdam, alla Métropole du Grand Paris, a Porto, Murcia, Cluj-Napoca e "
                "Veszprém.</p>"
            ),
            map_block("I progetti di Innova.TO sulla mappa", show="programmes", programmes=[SELF]),
        ],
    },
    {
        "slug": "torino-social-innovation",
        "title": "Torino Social Innovation",
        "hero_image": "social-innovation",
        "summary": (
            "Dal 2012 la piattaforma con cui la Città riunisce oltre 40 partner pubblici e privati per far nascere "
            "e crescere imprese a impatto sociale: dal bando FaciliTo Giovani all'accelerazione di FOUNDAMENTA."
        ),
        "lead_organisation": "Città di Torino",
        "start_year": 2012,
        "website": "http://www.torinosocialinnovation.it/",
        "partners": [("Rinascimenti Sociali", "")],
        "key_figures": figures(
            fig("40+", "partner pubblici e privati della piattaforma", "tsi", FACILITO),
            fig("200+", "candidature al bando FaciliTo Giovani", "tsi", FACILITO),
            fig("50+", "percorsi di sviluppo d'impresa selezionati e accompagnati", "tsi", FACILITO),
        ),
        "body": [
            heading("La Città come regista"),
            para(
                "<p>Torino Social Innovation non è un singolo bando ma un'infrastruttura. Mette attorno allo stesso "
                "tavolo chi finanzia, chi forma, chi aiuta a creare impresa e le fondazioni del territorio: più di "
                "40 partner, pubblici e privati. Alla Città spetta il ruolo di aggregatore e di regia, perché le "
                "idee imprenditoriali che rispondono a bisogni sociali trovino competenze e capitali.</p>"
            ),
            quote(
                "Torino ha costruito modelli di innovazione aperta che sostengono le start-up dell'innovazione "
                "sociale e creano nuovi mercati per le soluzioni urbane.",
                "Giuria del premio Capitale europea dell'innovazione 2016",
                "Commissione europea (sintesi della redazione)",
            ),
            heading("FaciliTo Giovani"),
            para(
                "<p>Il banco di prova della piattaforma è stato FaciliTo Giovani, il bando aperto dal 2014 alla "
                "metà del 2016 a chi aveva tra i 18 e i 40 anni. Le candidature sono state più di 200 e "
                "oltre 50 percorsi di sviluppo d'impresa sono stati selezionati e accompagnati.</p>"
            ),
            key_figures(
                "FaciliTo Giovani nel dettaglio",
                fig("2 milioni €", "il budget del bando", "tsi", FACILITO),
                fig("255", "idee d'impresa presentate", "tsi", FACILITO),
                fig("71", "idee accompagnate", "tsi", FACILITO),
                fig("46", "start-up sostenute", "tsi", FACILITO),
                fig("≈ 420.000 €", "contributi pubblici concessi", "tsi", FACILITO),
                fig("≈ 1,69 milioni €", "investimenti privati attivati da quei contributi", "tsi", FACILITO),
            ),
            heading("FOUNDAMENTA"),
            para(
                "<p>In una fase successiva la piattaforma si è alleata con Rinascimenti Sociali per FOUNDAMENTA, "
                "un programma di accelerazione gratuito dedicato alle giovani imprese del territorio.</p>"
            ),
            map_block("I progetti di Torino Social Innovation", show="programmes", programmes=[SELF]),
        ],
    },
    {
        "slug": "open-incet",
        "title": "Open Incet",
        "hero_image": "open-incet",
        "summary": (
            "Il centro di open innovation della Città, aperto nel 2015 nell'ex fabbrica di cavi Incet a Barriera "
            "di Milano: imprese, innovatori sociali, comunità creative e pubbliche amministrazioni sotto lo "
            "stesso tetto."
        ),
        "lead_organisation": "Città di Torino",
        "start_year": 2015,
        "website": "https://openincet.it/",
        "partners": [],
        "key_figures": figures(
            fig("≈ 1.000 m²", "la superficie del centro", "openincet", OPEN_INCET_2022),
            fig("+3.000 m²", "circa, gli spazi previsti dall'ampliamento", "openincet", OPEN_INCET_2022),
            fig("15", "organizzazioni ospitate nel 2022", "openincet", OPEN_INCET_2022),
            fig("≈ 150", "persone al lavoro nel centro nel 2022", "openincet", OPEN_INCET_2022),
        ),
        "body": [
            heading("Una fabbrica che cambia mestiere"),
            para(
                "<p>Dove un tempo si producevano cavi elettrici oggi si lavora sulle idee. Open Incet occupa una "
                "parte dell'ex stabilimento Incet, riconvertito, a Barriera di Milano: un quartiere periferico nel "
                "nord della città.</p>"
            ),
            picture("open-incet", "I tetti a shed, segno del passato industriale dell'edificio."),
            para(
                "<p>Il centro si rivolge a quattro pubblici: le imprese, le realtà dell'innovazione sociale, le "
                "comunità creative digitali e le pubbliche amministrazioni che stanno ripensando le proprie "
                "politiche sociali, culturali e di welfare. Per tutti l'obiettivo è lo stesso: aiutare le "
                "innovazioni a trovare finanziamenti, a crescere di scala e a raggiungere i mercati "
                "internazionali.</p>"
            ),
            heading("Lo spazio e chi lo abita"),
            para(
                "<p>Gli spazi misurano circa mille metri quadrati e l'ampliamento previsto ne aggiungerà altri "
                "tremila. Nel 2022 ci lavoravano 15 organizzazioni, per un totale di circa 150 persone.</p>"
            ),
            map_block("Open Incet sulla mappa", show="programmes", programmes=[SELF]),
        ],
    },
    {
        "slug": "torino-living-lab",
        "title": "Torino Living Lab",
        "hero_image": "living-lab",
        "summary": (
            "Nel 2016 la Città ha aperto il borgo Campidoglio alle imprese che volevano provare soluzioni smart "
            "city in condizioni reali. Nell'ottobre 2018 l'esperienza è diventata Torino City Lab e si è estesa a "
            "tutta la città."
        ),
        "lead_organisation": "Città di Torino",
        "start_year": 2016,
        "website": "https://torinocitylab.com/",
        "partners": [],
        "key_figures": figures(
            fig("29", "sperimentazioni a Campidoglio, tra ambiente, mobilità e turismo", "tcl", LIVING_LAB),
            fig("≈ 130 km²", "il territorio aperto alle prove di Torino City Lab", "tcl", CITY_LAB),
            fig("32", "proposte nel primo anno di Torino City Lab", "tcl", CITY_LAB),
            fig("18", "proposte portate avanti nel primo anno", "tcl", CITY_LAB),
            fig("40", "partner nel primo anno di Torino City Lab", "tcl", CITY_LAB),
        ),
        "body": [
            heading("Un quartiere come banco di prova"),
            para(
                "<p>Molte soluzioni per la città intelligente funzionano in laboratorio e inciampano in strada. Con "
                "il Torino Living Lab la Città ha offerto alle imprese un'area reale, il borgo Campidoglio, dove "
                "mettere alla prova prodotti e servizi prima di portarli sul mercato. I residenti non sono stati "
                "spettatori: il quartiere ha funzionato come un laboratorio aperto e partecipato.</p>"
                "<p>Per rendere trasparente la collaborazione con le aziende l'amministrazione ha adottato nuovi "
                "strumenti amministrativi. Il bilancio: 29 sperimentazioni su ambiente, mobilità e turismo.</p>"
            ),
            heading("Da Campidoglio a tutta la città"),
            para(
                "<p>Nell'ottobre 2018 l'esperienza si è allargata e ha preso il nome di Torino City Lab: l'intero "
                "territorio comunale, circa 130 chilometri quadrati, è diventato un laboratorio a cielo aperto. "
                "Nel primo anno sono arrivate 32 proposte, 18 sono andate avanti e i partner erano 40.</p>"
                "<p>Tra le prove sul campo ci sono stati i voli di droni al Parco Dora e i veicoli a guida "
                "autonoma su corso Galileo Ferraris.</p>"
            ),
            para(
                "<p>Nel 2024, assegnando a Torino il titolo di Capitale europea dell'innovazione, la giuria ha "
                "messo in evidenza proprio Torino City Lab.</p>"
            ),
            map_block("Le sperimentazioni sulla mappa", show="programmes", programmes=[SELF]),
        ],
    },
    {
        "slug": "firstlife",
        "title": "FirstLife",
        "hero_image": "firstlife",
        "summary": (
            "Il social network su mappa sviluppato dal Dipartimento di Informatica dell'Università di Torino: dati "
            "aperti e contributi dei cittadini sulla stessa cartografia, per leggere e trasformare i quartieri "
            "insieme."
        ),
        "lead_organisation": "Università degli Studi di Torino – Dipartimento di Informatica",
        # facts.md gives no start year for FirstLife, so none is shown.
        "start_year": None,
        "website": "https://www.firstlife.org/",
        "partners": [("Università degli Studi di Torino", ""), ("Città di Torino – progetto WeGovNow", "")],
        "key_figures": [],
        "body": [
            heading("La mappa come piazza"),
            para(
                "<p>FirstLife mette sulla stessa mappa interattiva due tipi di informazione che di solito viaggiano "
                "separati: i dati aperti delle istituzioni e quello che sanno gli abitanti. Chiunque può "
                "correggere e aggiungere contenuti; il risultato è una fotografia georeferenziata della vita di un "
                "quartiere, che cresce con i contributi di chi ci vive.</p>"
                "<p>La scala è quella del vicinato. A Torino la piattaforma è servita per individuare insieme ai "
                "residenti luoghi, risorse, problemi e processi di trasformazione delle periferie.</p>"
            ),
            heading("Scelta da WeGovNow"),
            para(
                "<p>FirstLife è stata selezionata da WeGovNow, progetto europeo vinto dalla Città di Torino: uno "
                "strumento nato nei laboratori universitari è entrato così nel dialogo tra amministrazione e "
                "cittadini.</p>"
            ),
            map_block("FirstLife sulla mappa", show="programmes", programmes=[SELF]),
        ],
    },
    {
        "slug": "fablab-e-coworking",
        "title": "Fablab e coworking",
        "hero_image": "fablab",
        "summary": (
            "Toolbox, FabLab Torino e Officine Arduino: in pochi anni spazi di coworking e laboratori di "
            "fabbricazione digitale sono diventati riferimenti nazionali e internazionali e hanno aiutato a "
            "rigenerare interi pezzi di città."
        ),
        "lead_organisation": "Toolbox, FabLab Torino e Officine Arduino",
        # facts.md gives no start year for the ecosystem, so none is shown.
        "start_year": None,
        "website": "",
        "partners": [("Toolbox", ""), ("FabLab Torino", ""), ("Officine Arduino", "")],
        "key_figures": [],
        "body": [
            heading("Dove le idee prendono forma"),
            para(
                "<p>Accanto ai programmi promossi dalla Città, a Torino è cresciuto un ecosistema di spazi "
                "condivisi: coworking dove professionisti e piccole imprese dividono scrivanie e competenze, "
                "fablab dove chi ha un progetto trova le macchine per la fabbricazione digitale e qualcuno che "
                "insegna a usarle.</p>"
            ),
            para(
                "<p>Toolbox, FabLab Torino e Officine Arduino sono diventati in pochi anni punti di riferimento in "
                "Italia e all'estero. Il loro effetto si vede anche sulla città: attorno a questi luoghi sono "
                "state rigenerate intere porzioni di tessuto urbano.</p>"
            ),
        ],
    },
]

# --- projects ---------------------------------------------------------------------------------

PROJECT_INDEX = {
    "title": "Progetti",
    "slug": "progetti",
    "hero_image": "firstlife",
    "introduction": (
        "Casi concreti, luogo per luogo. Filtra per programma, tema o quartiere e trova ogni progetto sulla "
        "mappa, con quello che si voleva risolvere, quello che è stato fatto e i risultati."
    ),
}

PALAZZO_CIVICO = "Piazza Palazzo di Città 1, 10122 Torino"


def point(lat, lng):
    """wagtailgeowidget's storage format: longitude first."""
    return f"SRID=4326;POINT({lng} {lat})"


PROJECTS = [
    {
        "slug": "innova-to-concorso-dipendenti",
        "title": "Innova.TO, le idee dei dipendenti comunali",
        "programme": "innova-to",
        "themes": ["pubblica-amministrazione"],
        "district": "centro",
        "status": "running",
        "start_date": "2014-01-01",
        "end_date": None,
        "address": PALAZZO_CIVICO,
        "location": point(45.0736, 7.6810),
        "hero_image": "innova-to",
        "gallery": ["innova-to"],
        "summary": (
            "Il concorso con cui, dal 2014, chi lavora in Comune propone come tagliare gli sprechi e usare meglio "
            "le risorse. Alla prima edizione: 71 proposte da 111 dipendenti, dieci premiate."
        ),
        "partners": [("Città di Torino", "")],
        "challenge": (
            "<p>Una grande amministrazione perde tempo e denaro in passaggi che nessuno ha progettato di "
            "proposito: moduli duplicati, procedure lente, risorse usate a metà. I primi ad accorgersene sono i "
            "dipendenti, che però raramente hanno un canale per proporre un'alternativa.</p>"
        ),
        "approach": (
            "<p>Nel 2014 la Città di Torino ha lanciato Innova.TO, un concorso riservato al proprio personale. "
            "I partecipanti presentano progetti per migliorare il funzionamento dell'ente e ridurre gli sprechi, "
            "trasformando le idee in servizi, prodotti e soluzioni con un valore economico e sociale.</p>"
        ),
        "results": (
            "<p>La prima edizione ha raccolto 71 proposte, firmate in tutto da 111 dipendenti; dieci sono state "
            "premiate. Nel 2016 il programma ha vinto i Place Marketing Awards e nel 2017 è stato riconosciuto "
            "come buona pratica dalla rete europea URBACT.</p>"
        ),
        "key_figures": figures(
            fig("71", "proposte presentate alla prima edizione", "innovato", INNOVATO_FIRST_ROUND),
            fig("111", "dipendenti autori delle proposte", "innovato", INNOVATO_FIRST_ROUND),
            fig("10", "progetti premiati", "innovato", INNOVATO_FIRST_ROUND),
        ),
    },
    {
        "slug": "innovato-r-rete-urbact",
        "title": "Innovato-R, il modello torinese in sei città europee",
        "programme": "innova-to",
        "themes": ["pubblica-amministrazione"],
        "district": "centro",
        "status": "completed",
        "start_date": "2018-01-01",
        "end_date": "2021-12-31",
        "address": PALAZZO_CIVICO,
        "location": point(45.0740, 7.6816),
        "hero_image": "europa",
        "gallery": ["europa", "innova-to"],
        "summary": (
            "Dal 2018 al 2021 Torino ha guidato Innovato-R, la rete di trasferimento URBACT che ha portato il "
            "modello di Innova.TO a Rotterdam, nella Métropole du Grand Paris, a Porto, Murcia, Cluj-Napoca e Veszprém."
        ),
        "partners": [
            ("Rotterdam", ""),
            ("Métropole du Grand Paris", ""),
            ("Porto", ""),
            ("Murcia", ""),
            ("Cluj-Napoca", ""),
            ("Veszprém", ""),
        ],
        "challenge": (
            "<p>Una buona pratica diventa davvero utile quando altri riescono a replicarla. Dopo il riconoscimento "
            "URBACT del 2017 la domanda era se un concorso nato negli uffici torinesi potesse funzionare anche in "
            "amministrazioni con storie, dimensioni e regole diverse.</p>"
        ),
        "approach": (
            "<p>Con Innovato-R la Città di Torino ha coordinato una rete di trasferimento del programma URBACT "
            "insieme a Rotterdam, alla Métropole du Grand Paris, a Porto, Murcia, Cluj-Napoca e Veszprém. I "
            "partner hanno studiato il funzionamento di Innova.TO per adattarlo alla propria organizzazione.</p>"
        ),
        "results": (
            "<p>La rete ha lavorato dal 2018 al 2021. Innova.TO è passato così da esperienza locale a riferimento "
            "per un gruppo di sette amministrazioni europee, Torino compresa.</p>"
        ),
        "key_figures": figures(
            fig("7", "amministrazioni nella rete, con Torino capofila", "innovato", INNOVATO_R),
        ),
    },
    {
        "slug": "facilito-giovani",
        "title": "FaciliTo Giovani, un bando per le imprese degli under 40",
        "programme": "torino-social-innovation",
        "themes": ["innovazione-sociale", "impresa"],
        "district": "centro",
        "status": "completed",
        "start_date": "2014-01-01",
        "end_date": "2016-06-30",
        "address": PALAZZO_CIVICO,
        "location": point(45.0731, 7.6804),
        "hero_image": "social-innovation",
        "gallery": ["social-innovation"],
        "summary": (
            "Tra il 2014 e la metà del 2016 il bando di Torino Social Innovation ha raccolto oltre 200 candidature "
            "di giovani tra i 18 e i 40 anni e ha accompagnato più di 50 percorsi di sviluppo d'impresa."
        ),
        "partners": [("Città di Torino – Torino Social Innovation", "http://www.torinosocialinnovation.it/")],
        "challenge": (
            "<p>Chi ha tra i 18 e i 40 anni e un'idea d'impresa con ricadute sociali spesso non sa a chi "
            "rivolgersi. Finanziamenti, formazione e assistenza esistono, ma sono sparsi tra soggetti diversi.</p>"
        ),
        "approach": (
            "<p>FaciliTo Giovani ha riunito questi strumenti in un unico percorso, sostenuto dalla rete di oltre 40 "
            "partner di Torino Social Innovation. Con un budget di 2 milioni di euro il bando ha selezionato le "
            "idee più solide e le ha accompagnate nel percorso verso l'impresa, combinando contributi pubblici "
            "e capitali privati.</p>"
        ),
        "results": (
            "<p>Le idee presentate sono state 255: 71 hanno ricevuto un accompagnamento e 46 start-up sono state "
            "sostenute. Circa 420.000 euro di contributi hanno attivato circa 1,69 milioni di euro di "
            "investimenti privati.</p>"
        ),
        "key_figures": figures(
            fig("200+", "candidature ricevute", "tsi", FACILITO),
            fig("50+", "percorsi di sviluppo d'impresa accompagnati", "tsi", FACILITO),
            fig("2 milioni €", "il budget del bando", "tsi", FACILITO),
            fig("46", "start-up sostenute", "tsi", FACILITO),
            fig("≈ 1,69 milioni €", "investimenti privati attivati da circa 420.000 € di contributi", "tsi", FACILITO),
        ),
    },
    {
        "slug": "foundamenta",
        "title": "FOUNDAMENTA, accelerazione gratuita per le giovani imprese",
        "programme": "torino-social-innovation",
        "themes": ["innovazione-sociale", "impresa"],
        "district": "centro",
        "status": "running",
        "start_date": None,
        "end_date": None,
        "address": PALAZZO_CIVICO,
        "location": point(45.0733, 7.6816),
        "hero_image": "social-innovation",
        "gallery": ["social-innovation", "innova-to"],
        "summary": (
            "Torino Social Innovation e Rinascimenti Sociali offrono alle giovani imprese del territorio un "
            "programma di accelerazione senza costi di partecipazione."
        ),
        "partners": [("Rinascimenti Sociali", ""), ("Città di Torino – Torino Social Innovation", "")],
        "challenge": (
            "<p>Superata la fase di avvio, molte giovani imprese si fermano: il prodotto c'è, mancano il metodo "
            "e i contatti per crescere. Un percorso di accelerazione può fare la differenza, a patto che il costo "
            "non escluda proprio le realtà più piccole.</p>"
        ),
        "approach": (
            "<p>Con FOUNDAMENTA la piattaforma Torino Social Innovation ha stretto un'alleanza con Rinascimenti "
            "Sociali per offrire un programma di accelerazione gratuito, pensato per le giovani imprese del "
            "territorio torinese.</p>"
        ),
        "results": (
            "<p>Dopo FaciliTo Giovani, dedicato alla nascita delle imprese, la piattaforma copre così anche la "
            "fase successiva: quella in cui un'impresa giovane deve consolidarsi e crescere.</p>"
        ),
        "key_figures": [],
    },
    {
        "slug": "open-incet-barriera-di-milano",
        "title": "Open Incet, l'innovazione aperta a Barriera di Milano",
        "programme": "open-incet",
        "themes": ["innovazione-sociale", "impresa", "rigenerazione-urbana"],
        "district": "barriera-di-milano",
        "status": "running",
        "start_date": "2015-01-01",
        "end_date": None,
        "address": "Piazza Teresa Noce, 10155 Torino",
        "location": point(45.0890, 7.6870),
        "hero_image": "open-incet",
        "gallery": ["open-incet", "social-innovation"],
        "summary": (
            "Dal 2015 l'ex fabbrica di cavi Incet ospita il centro di open innovation della Città. Nel 2022 vi "
            "lavoravano 15 organizzazioni e circa 150 persone."
        ),
        "partners": [("Città di Torino", "")],
        "challenge": (
            "<p>Barriera di Milano è un quartiere periferico nel nord di Torino. L'ex stabilimento Incet, dove si "
            "producevano cavi, era un grande spazio industriale in attesa di una nuova funzione.</p>"
        ),
        "approach": (
            "<p>Nel 2015 la Città vi ha aperto il suo centro di open innovation. Open Incet lavora con imprese, "
            "realtà dell'innovazione sociale, comunità creative digitali e pubbliche amministrazioni impegnate a "
            "ripensare le politiche sociali, culturali e di welfare, e le aiuta a trovare finanziamenti, a "
            "crescere e a raggiungere i mercati internazionali.</p>"
        ),
        "results": (
            "<p>Il centro occupa circa 1.000 metri quadrati e ne prevede altri 3.000 con l'ampliamento. Nel 2022 "
            "ospitava 15 organizzazioni, per un totale di circa 150 persone.</p>"
        ),
        "key_figures": figures(
            fig("≈ 1.000 m²", "la superficie del centro", "openincet", OPEN_INCET_2022),
            fig("+3.000 m²", "circa, previsti dall'ampliamento", "openincet", OPEN_INCET_2022),
            fig("15", "organizzazioni ospitate", "openincet", OPEN_INCET_2022),
            fig("≈ 150", "persone al lavoro nel centro", "openincet", OPEN_INCET_2022),
        ),
    },
    {
        "slug": "living-lab-campidoglio",
        "title": "Living Lab Campidoglio, 29 sperimentazioni in un borgo",
        "programme": "torino-living-lab",
        "themes": ["ambiente", "mobilita", "turismo", "partecipazione"],
        "district": "campidoglio",
        "status": "completed",
        "start_date": "2016-01-01",
        # Torino City Lab took over in October 2018.
        "end_date": "2018-09-30",
        "address": "Borgo Campidoglio, 10143 Torino",
        "location": point(45.0790, 7.6580),
        "hero_image": "living-lab",
        "gallery": ["living-lab"],
        "summary": (
            "Dal 2016 il borgo Campidoglio è stato il banco di prova di soluzioni smart city non ancora sul "
            "mercato: 29 sperimentazioni su ambiente, mobilità e turismo, con i residenti coinvolti."
        ),
        "partners": [("Città di Torino", "")],
        "challenge": (
            "<p>Un sensore, un'app o un servizio di mobilità si possono progettare in ufficio, ma si capisce se "
            "funzionano solo in strada, con persone vere. Alle imprese mancava un luogo dove provare le proprie "
            "soluzioni prima di metterle in vendita; all'amministrazione, regole chiare per collaborare con "
            "loro.</p>"
        ),
        "approach": (
            "<p>Nel 2016 la Città ha pubblicato un avviso pubblico rivolto alle aziende e ha messo a disposizione "
            "il borgo Campidoglio come area di sperimentazione. Nuovi strumenti amministrativi hanno reso "
            "trasparente il rapporto con le imprese, mentre gli abitanti hanno preso parte alle prove come in un "
            "laboratorio aperto.</p>"
        ),
        "results": (
            "<p>Le sperimentazioni sono state 29, tra ambiente, mobilità e turismo. L'esperienza è stata il punto "
            "di partenza di Torino City Lab, che dall'ottobre 2018 estende lo stesso approccio a tutta la "
            "città.</p>"
        ),
        "key_figures": figures(
            fig("29", "sperimentazioni tra ambiente, mobilità e turismo", "tcl", LIVING_LAB),
        ),
    },
    {
        "slug": "torino-city-lab",
        "title": "Torino City Lab, la città come laboratorio a cielo aperto",
        "programme": "torino-living-lab",
        "themes": ["mobilita", "ambiente", "pubblica-amministrazione", "impresa"],
        "district": "centro",
        "status": "running",
        "start_date": "2018-10-01",
        "end_date": None,
        "address": PALAZZO_CIVICO,
        "location": point(45.0738, 7.6803),
        "hero_image": "living-lab",
        "gallery": ["parco-dora", "guida-autonoma"],
        "summary": (
            "Dall'ottobre 2018 tutto il territorio comunale, circa 130 km², è aperto a chi vuole sperimentare "
            "nuove soluzioni urbane. Nel primo anno: 32 proposte, 18 portate avanti, 40 partner."
        ),
        "partners": [("Città di Torino", "https://torinocitylab.com/")],
        "challenge": (
            "<p>Il Living Lab di Campidoglio aveva funzionato, ma molte soluzioni hanno bisogno di spazi che un "
            "solo quartiere non offre: un grande parco, un viale a più corsie, zone con usi diversi. Limitare le "
            "prove a un borgo voleva dire rinunciare a una parte delle idee.</p>"
        ),
        "approach": (
            "<p>Nell'ottobre 2018 la Città ha lanciato Torino City Lab, che mette a disposizione l'intera "
            "superficie urbana, circa 130 chilometri quadrati, come laboratorio a cielo aperto per chi sviluppa "
            "nuove soluzioni.</p>"
        ),
        "results": (
            "<p>Nel primo anno sono arrivate 32 proposte; 18 sono state portate avanti e i partner coinvolti "
            "erano 40. Tra le prove sul campo, i voli di droni al Parco Dora e i veicoli a guida autonoma su "
            "corso Galileo Ferraris. Nel 2024 la giuria del premio Capitale europea dell'innovazione ha messo in "
            "evidenza proprio Torino City Lab.</p>"
        ),
        "key_figures": figures(
            fig("≈ 130 km²", "il territorio aperto alle sperimentazioni", "tcl", CITY_LAB),
            fig("32", "proposte nel primo anno", "tcl", CITY_LAB),
            fig("18", "proposte portate avanti", "tcl", CITY_LAB),
            fig("40", "partner nel primo anno", "tcl", CITY_LAB),
        ),
    },
    {
        "slug": "droni-parco-dora",
        "title": "Droni in volo al Parco Dora",
        "programme": "torino-living-lab",
        "themes": ["mobilita", "ambiente"],
        "district": "parco-dora",
        "status": "completed",
        # facts.md lists the trial among Torino City Lab's, without dates: its first year is used.
        "start_date": "2018-10-01",
        "end_date": "2019-09-30",
        "address": "Parco Dora, 10149 Torino",
        "location": point(45.0917, 7.6669),
        "hero_image": "parco-dora",
        "gallery": ["parco-dora"],
        "summary": (
            "Tra le sperimentazioni di Torino City Lab, i voli di droni sopra il Parco Dora, nel quadrante nord-"
            "ovest della città: un parco pubblico usato come area di prova."
        ),
        "partners": [("Città di Torino – Torino City Lab", "https://torinocitylab.com/")],
        "challenge": (
            "<p>I droni promettono servizi nuovi, ma volare in città pone domande di sicurezza e di convivenza "
            "con chi frequenta gli spazi pubblici. Prima di qualsiasi uso su larga scala servono prove in "
            "condizioni reali.</p>"
        ),
        "approach": (
            "<p>Torino City Lab ha indicato il Parco Dora come area di prova: uno spazio aperto e ampio, dove le "
            "imprese hanno potuto verificare come si comportano i propri droni in un contesto urbano.</p>"
        ),
        "results": (
            "<p>Il caso del Parco Dora mostra come uno spazio pubblico possa ospitare, con regole chiare, la "
            "sperimentazione di tecnologie ancora in fase di sviluppo.</p>"
        ),
        "key_figures": [],
    },
    {
        "slug": "guida-autonoma-corso-galileo-ferraris",
        "title": "Guida autonoma su corso Galileo Ferraris",
        "programme": "torino-living-lab",
        "themes": ["mobilita"],
        "district": "crocetta",
        "status": "completed",
        # As for the drones: facts.md gives no dates, Torino City Lab's first year is used.
        "start_date": "2018-10-01",
        "end_date": "2019-09-30",
        "address": "Corso Galileo Ferraris, 10128 Torino",
        "location": point(45.0600, 7.6700),
        "hero_image": "guida-autonoma",
        "gallery": ["guida-autonoma"],
        "summary": (
            "Un grande viale cittadino come pista di prova: su corso Galileo Ferraris Torino City Lab ha ospitato "
            "la sperimentazione di veicoli a guida autonoma."
        ),
        "partners": [("Città di Torino – Torino City Lab", "https://torinocitylab.com/")],
        "challenge": (
            "<p>I veicoli a guida autonoma devono imparare a muoversi nel traffico vero, tra incroci, semafori, "
            "pedoni e biciclette. Le piste chiuse non bastano a capire come si comporteranno in città.</p>"
        ),
        "approach": (
            "<p>Nell'ambito di Torino City Lab corso Galileo Ferraris è stato scelto come tratto urbano per le "
            "prove: la Città ha messo a disposizione la strada, le imprese hanno portato i veicoli e le "
            "tecnologie da verificare.</p>"
        ),
        "results": (
            "<p>È una delle sperimentazioni che hanno dato forma a Torino City Lab: una strada pubblica usata come "
            "laboratorio, con regole condivise tra amministrazione e imprese.</p>"
        ),
        "key_figures": [],
    },
    {
        "slug": "firstlife-mappa-periferie",
        "title": "FirstLife, la mappa civica delle periferie",
        "programme": "firstlife",
        "themes": ["partecipazione", "dati-aperti"],
        "district": "parella",
        "status": "running",
        "start_date": None,
        "end_date": None,
        "address": "Corso Svizzera 185, 10149 Torino",
        "location": point(45.0895, 7.6585),
        "hero_image": "firstlife",
        "gallery": ["firstlife"],
        "summary": (
            "Il social network su mappa dell'Università di Torino aiuta abitanti e istituzioni a individuare "
            "insieme luoghi, risorse e problemi dei quartieri periferici. È stato selezionato dal progetto europeo "
            "WeGovNow."
        ),
        "partners": [
            ("Università degli Studi di Torino – Dipartimento di Informatica", "https://www.firstlife.org/"),
            ("Città di Torino – progetto WeGovNow", ""),
        ],
        "challenge": (
            "<p>Chi vive in un quartiere conosce dettagli che nessuna banca dati registra: il cortile che fa da "
            "punto d'incontro, il marciapiede sempre interrotto, l'associazione che apre la sede la sera. Queste "
            "informazioni raramente arrivano a chi prende le decisioni.</p>"
        ),
        "approach": (
            "<p>Il Dipartimento di Informatica dell'Università di Torino ha sviluppato FirstLife, una mappa "
            "interattiva in cui i dati aperti si affiancano alle informazioni raccolte dai cittadini, che possono "
            "modificarle e arricchirle. La piattaforma lavora alla scala del vicinato ed è stata usata per "
            "mappare, insieme a chi li abita, luoghi, risorse, problemi e trasformazioni delle periferie "
            "torinesi.</p>"
        ),
        "results": (
            "<p>FirstLife è stata selezionata da WeGovNow, progetto europeo vinto dalla Città di Torino: uno "
            "strumento nato in università è entrato così nel lavoro dell'amministrazione con i cittadini.</p>"
        ),
        "key_figures": [],
    },
    {
        "slug": "toolbox-fablab-officine-arduino",
        "title": "Toolbox, FabLab Torino e Officine Arduino",
        "programme": "fablab-e-coworking",
        "themes": ["manifattura-digitale", "impresa", "rigenerazione-urbana"],
        "district": "lingotto",
        "status": "running",
        "start_date": None,
        "end_date": None,
        "address": "Lingotto, Torino",
        "location": point(45.0370, 7.6500),
        "hero_image": "fablab",
        "gallery": ["fablab"],
        "summary": (
            "Coworking e laboratori di fabbricazione digitale nell'area di Lingotto: in pochi anni sono diventati "
            "riferimenti nazionali e internazionali per chi progetta e costruisce."
        ),
        "partners": [("Toolbox", ""), ("FabLab Torino", ""), ("Officine Arduino", "")],
        "challenge": (
            "<p>Per trasformare un'idea in un oggetto servono attrezzature costose e competenze diverse, difficili "
            "da mettere insieme per un singolo progettista o una piccola impresa.</p>"
        ),
        "approach": (
            "<p>Toolbox, FabLab Torino e Officine Arduino hanno risposto con spazi condivisi: scrivanie in "
            "coworking, macchine per la fabbricazione digitale e una comunità di persone che si scambiano "
            "competenze.</p>"
        ),
        "results": (
            "<p>Nel giro di pochi anni questi luoghi sono diventati punti di riferimento in Italia e all'estero e "
            "hanno contribuito a rigenerare interi pezzi di città.</p>"
        ),
        "key_figures": [],
    },
    {
        "slug": "environment-park",
        "title": "Environment Park, il parco tecnologico sulla Dora",
        "programme": None,
        "themes": ["ambiente", "impresa"],
        "district": "parco-dora",
        "status": "running",
        "start_date": None,
        "end_date": None,
        "address": "Via Livorno 60, 10144 Torino",
        "location": point(45.0865, 7.6660),
        "hero_image": "environment-park",
        "gallery": ["environment-park"],
        "summary": (
            "In via Livorno, a poche centinaia di metri dal Parco Dora, il parco scientifico e tecnologico "
            "torinese dedicato alle tecnologie per l'ambiente."
        ),
        "partners": [],
        "challenge": (
            "<p>Le tecnologie per l'ambiente hanno bisogno di luoghi dove sviluppare e provare le soluzioni prima "
            "di portarle sul mercato, vicino alle imprese che possono adottarle.</p>"
        ),
        "approach": (
            "<p>Environment Park riunisce in via Livorno uffici, laboratori e spazi per le imprese che lavorano "
            "sulle tecnologie ambientali, nell'area di trasformazione urbana lungo la Dora.</p>"
        ),
        "results": (
            "<p>Il parco fa parte dell'ecosistema con cui Torino si è presentata in Europa come città aperta "
            "all'innovazione, accanto ai programmi della Città e agli spazi nati dal basso.</p>"
        ),
        "key_figures": [],
    },
    {
        "slug": "ogr-cerimonia-capitali-innovazione-2025",
        "title": "Alle OGR la cerimonia delle Capitali europee dell'innovazione",
        "programme": None,
        "themes": ["pubblica-amministrazione", "turismo"],
        "district": "cenisia",
        "status": "completed",
        "start_date": "2025-12-03",
        "end_date": "2025-12-04",
        "address": "Corso Castelfidardo 22, 10128 Torino",
        "location": point(45.0720, 7.6670),
        "hero_image": "ogr",
        "gallery": ["ogr", "europa"],
        "summary": (
            "Dopo il titolo del 2024, il 3 e 4 dicembre 2025 Torino ha accolto alle OGR la cerimonia della "
            "nuova edizione del premio europeo per l'innovazione."
        ),
        "partners": [("Città di Torino", "")],
        "challenge": (
            "<p>Il 13 novembre 2024, a Lisbona, Torino è stata proclamata Capitale europea dell'innovazione. Un "
            "anno dopo toccava alla città accogliere la cerimonia dell'edizione successiva del premio.</p>"
        ),
        "approach": (
            "<p>La cerimonia si è svolta il 3 e 4 dicembre 2025 alle OGR, le ex Officine Grandi Riparazioni di "
            "corso Castelfidardo.</p>"
        ),
        "results": (
            "<p>Nel giro di dieci anni Torino è passata da finalista a vincitrice del premio, e infine a sede della "
            "sua cerimonia.</p>"
        ),
        "key_figures": figures(
            fig(
                "1 milione €",
                "il premio per il titolo di Capitale europea dell'innovazione 2024",
                "icapital2024",
                ICAPITAL_2024,
            ),
        ),
    },
]

# --- news -------------------------------------------------------------------------------------

NEWS_INDEX = {
    "title": "Notizie",
    "slug": "notizie",
    "hero_image": "pagine",
    "introduction": "Premi, classifiche e tappe del percorso di Torino città dell'innovazione, dal 2016 a oggi.",
}

NEWS = [
    {
        "slug": "torino-seconda-capitale-europea-innovazione-2016",
        "title": "Torino è seconda in Europa per l'innovazione",
        "date": "2016-04-08",
        "hero_image": "europa",
        "summary": (
            "A Bruxelles la Commissione europea assegna il premio iCapital 2016: vince Amsterdam, Torino è seconda "
            "davanti a Parigi e riceve 100.000 euro."
        ),
        "tags": ["iCapital", "iCapital 2016"],
        "related_programmes": ["torino-social-innovation", "open-incet"],
        "related_projects": [],
        "body": [
            para(
                "<p>Bruxelles, 8 aprile 2016. La seconda edizione del premio Capitale europea dell'innovazione "
                "(iCapital), promosso dalla Commissione europea, si chiude con Torino sul podio: prima Amsterdam, "
                "che riceve 950.000 euro, seconda Torino, premiata con 100.000 euro, terza Parigi con 50.000.</p>"
                "<p>La competizione era partita con 36 candidature da 12 paesi. In finale erano arrivate nove "
                "città: oltre alle tre premiate, Berlino, Eindhoven, Glasgow, Milano, Oxford e Vienna.</p>"
            ),
            heading("La motivazione"),
            para(
                "<p>La giuria ha premiato i modelli di innovazione aperta con cui Torino sostiene le start-up "
                "dell'innovazione sociale e crea nuovi mercati per le soluzioni urbane. Due aspetti che rimandano "
                "a programmi come Torino Social Innovation e Open Incet.</p>"
            ),
            key_figures(
                "Il premio in numeri",
                fig("2ª", "classificata su 9 città finaliste", "icapital2016", ICAPITAL_2016),
                fig("100.000 €", "il premio per il secondo posto", "icapital2016", ICAPITAL_2016),
                fig("36", "città candidate", "icapital2016", ICAPITAL_2016),
                fig("12", "paesi rappresentati", "icapital2016", ICAPITAL_2016),
            ),
        ],
    },
    {
        "slug": "perche-il-modello-torinese-ha-convinto-europa",
        "title": "Perché il modello torinese ha convinto l'Europa",
        "date": "2016-04-21",
        "hero_image": "social-innovation",
        "summary": (
            "Cittadini al centro, banda larga, servizi digitali e un Comune capace di mettere insieme gli attori: "
            "che cosa c'è dietro il secondo posto di Torino al premio iCapital 2016."
        ),
        "tags": ["iCapital 2016", "open innovation"],
        "related_programmes": ["torino-social-innovation", "innova-to", "open-incet"],
        "related_projects": [],
        "body": [
            para(
                "<p>Due settimane dopo la cerimonia di Bruxelles vale la pena chiedersi che cosa abbia pesato nel "
                "giudizio. L'idea di smart city che emerge dal premio è meno tecnologica di quanto si pensi: al "
                "centro ci sono i cittadini, e la banda larga e i servizi digitali sono gli strumenti per servirli "
                "meglio.</p>"
            ),
            heading("Tre capacità sotto esame"),
            para(
                "<p>La valutazione ha guardato a tre capacità: quella delle istituzioni di investire in servizi per "
                "i cittadini; quella delle infrastrutture di assorbire il cambiamento; quella della comunità di "
                "dotarsi di piattaforme integrate ed efficaci per erogare i servizi.</p>"
            ),
            heading("Oltre l'asse università–industria"),
            para(
                "<p>All'epoca l'assessore comunale all'Ambiente e all'Innovazione era Enzo Lavolta. Nella "
                "candidatura Torino non si è presentata soltanto come città dell'università e dell'industria, ma "
                "come città aperta a combinazioni nuove di creatività, conoscenza e modelli economici, messe alla "
                "prova sui problemi concreti della vita urbana.</p>"
            ),
            quote(
                "Tra le città italiane, Torino è quella che ha saputo comporre meglio una strategia organica di "
                "innovazione aperta, con il Comune nel ruolo di perno che tiene insieme gli attori.",
                "Il Sole 24 Ore",
                "Quotidiano Enti Locali & PA, «Innovazione aperta, modelli italiani a confronto con l'Europa» "
                "(sintesi della redazione)",
            ),
            para(
                "<p>È questo il tratto che distingue Torino: non un singolo progetto di punta, ma un sistema in cui "
                "l'amministrazione fa da collante tra imprese, università, fondazioni e cittadini.</p>"
            ),
        ],
    },
    {
        "slug": "icity-rate-2017-torino-settima",
        "title": "ICity Rate 2017: Torino sale al settimo posto",
        "date": "2017-10-26",
        "hero_image": "classifiche",
        "summary": (
            "Nella classifica FPA delle città intelligenti italiane Torino è settima: quattro posizioni in più "
            "rispetto all'undicesimo posto del 2015."
        ),
        "tags": ["ICity Rate", "FPA"],
        "related_programmes": [],
        "related_projects": [],
        "body": [
            para(
                "<p>Nell'edizione 2017 di ICity Rate, la classifica con cui FPA mette a confronto i capoluoghi di "
                "provincia italiani sul terreno della città intelligente, Torino si colloca al settimo posto.</p>"
                "<p>Il confronto con il 2015 misura il cammino fatto. Due anni prima la città era undicesima, con "
                "un profilo molto sbilanciato: terza per la governance, ottantaduesima per l'ambiente.</p>"
            ),
            key_figures(
                "Torino in ICity Rate",
                fig("7ª", "posizione nel 2017", "icity2017", ICITY[2017]),
                fig("11ª", "posizione nel 2015", "icity2015", ICITY[2015]),
                fig("3ª", "per la governance nel 2015", "icity2015", ICITY[2015]),
                fig("82ª", "per l'ambiente nel 2015", "icity2015", ICITY[2015]),
            ),
        ],
    },
    {
        "slug": "nasce-torino-city-lab",
        "title": "Nasce Torino City Lab: tutta la città diventa laboratorio",
        # facts.md gives the month only (October 2018).
        "date": "2018-10-01",
        "hero_image": "living-lab",
        "summary": (
            "Dopo le sperimentazioni nel borgo Campidoglio, la Città apre alle imprese l'intero territorio "
            "comunale: circa 130 chilometri quadrati per provare soluzioni urbane in condizioni reali."
        ),
        "tags": ["Torino City Lab", "Torino Living Lab"],
        "related_programmes": ["torino-living-lab"],
        "related_projects": ["torino-city-lab", "living-lab-campidoglio"],
        "body": [
            para(
                "<p>Il Torino Living Lab aveva dimostrato, a Campidoglio, che un quartiere può diventare il banco di "
                "prova delle tecnologie urbane: 29 sperimentazioni tra ambiente, mobilità e turismo, con i "
                "residenti coinvolti. Con Torino City Lab, lanciato nell'ottobre 2018, la stessa logica si estende "
                "a tutta la città.</p>"
            ),
            heading("Come funziona"),
            para(
                "<p>Le imprese che hanno una soluzione da provare in condizioni reali possono proporla alla Città, "
                "che mette a disposizione strade, parchi e spazi pubblici. Regole trasparenti e coinvolgimento "
                "dei cittadini, già sperimentati a Campidoglio, restano i principi di fondo.</p>"
            ),
            key_figures(
                "Da un borgo a tutta la città",
                fig("29", "sperimentazioni del Living Lab a Campidoglio", "tcl", LIVING_LAB),
                fig("≈ 130 km²", "il territorio aperto a Torino City Lab", "tcl", CITY_LAB),
            ),
        ],
    },
    {
        "slug": "icity-rate-2019-torino-quinta",
        "title": "ICity Rate 2019: Torino quinta tra le città più smart d'Italia",
        "date": "2019-11-26",
        "hero_image": "classifiche",
        "summary": (
            "Nella classifica FPA delle città intelligenti Torino guadagna ancora una posizione e arriva quinta: "
            "era undicesima nel 2015, settima nel 2017 e sesta nel 2018."
        ),
        "tags": ["ICity Rate", "FPA"],
        "related_programmes": [],
        "related_projects": [],
        "body": [
            para(
                "<p>L'edizione 2019 di ICity Rate conferma la tendenza degli ultimi anni: Torino sale al quinto "
                "posto tra i capoluoghi italiani.</p>"
                "<p>Letta in sequenza, la classifica racconta una crescita regolare: dall'undicesimo posto del "
                "2015 al settimo del 2017, poi sesta nel 2018 e quinta nel 2019. Nel 2015 la città era già terza "
                "per la governance, ma ottantaduesima per l'ambiente.</p>"
            ),
            key_figures(
                "Quattro edizioni a confronto",
                fig("11ª", "nel 2015", "icity2015", ICITY[2015]),
                fig("7ª", "nel 2017", "icity2017", ICITY[2017]),
                fig("6ª", "nel 2018", "icity2018", ICITY[2018]),
                fig("5ª", "nel 2019", "icity2019", ICITY[2019]),
            ),
            para("<p>La serie completa, con tutte le fonti, è nella pagina Classifiche.</p>"),
        ],
    },
    {
        "slug": "torino-capitale-europea-innovazione-2024",
        "title": "Torino è Capitale europea dell'innovazione 2024",
        "date": "2024-11-13",
        "hero_image": "home",
        "summary": (
            "Al Web Summit di Lisbona Torino vince il titolo europeo e un premio di un milione di euro. Seconda "
            "Espoo, terze le West Midlands."
        ),
        "tags": ["iCapital", "iCapital 2024", "Torino City Lab"],
        "related_programmes": ["torino-living-lab"],
        "related_projects": ["torino-city-lab"],
        "body": [
            para(
                "<p>Lisbona, 13 novembre 2024. Otto anni dopo il secondo posto di Bruxelles, Torino conquista il "
                "titolo di Capitale europea dell'innovazione. L'annuncio arriva dal palco del Web Summit: alla città "
                "va un premio di un milione di euro, davanti a Espoo, in Finlandia, e alle West Midlands, nel Regno "
                "Unito.</p>"
            ),
            heading("Che cosa ha convinto la giuria"),
            para(
                "<p>La giuria ha messo in evidenza tre esperienze: Torino City Lab, che dal 2018 fa della città un "
                "laboratorio a cielo aperto per le nuove tecnologie; CTE Next, la Casa delle tecnologie "
                "emergenti; e Torino Social Impact.</p>"
            ),
            heading("Regole nuove, stessa città"),
            para(
                "<p>Rispetto al 2016 i criteri sono cambiati e sono diventati sei: sperimentazione, accelerazione "
                "di start-up e piccole e medie imprese, costruzione di ecosistemi tra pubblico, imprese, università "
                "e cittadini, capacità di fare da modello per altre città, visione innovativa e diritti dei "
                "cittadini. La candidatura non poteva superare le 30 pagine, doveva essere sostenuta dal sindaco ed "
                "è stata seguita da audizioni davanti alla giuria.</p>"
            ),
            key_figures(
                "Il titolo in numeri",
                fig("1ª", "Capitale europea dell'innovazione 2024", "icapital2024", ICAPITAL_2024),
                fig("1 milione €", "il premio assegnato a Torino", "icapital2024", ICAPITAL_2024),
            ),
        ],
    },
    {
        "slug": "cerimonia-capitali-innovazione-ogr-2025",
        "title": "Alle OGR la cerimonia delle Capitali europee dell'innovazione",
        "date": "2025-12-03",
        "hero_image": "ogr",
        "summary": (
            "Il 3 e 4 dicembre 2025 Torino, Capitale europea dell'innovazione 2024, accoglie alle OGR la cerimonia "
            "della nuova edizione del premio."
        ),
        "tags": ["iCapital", "OGR"],
        "related_programmes": [],
        "related_projects": ["ogr-cerimonia-capitali-innovazione-2025", "torino-city-lab"],
        "body": [
            para(
                "<p>Un anno dopo la vittoria di Lisbona, Torino passa dal ruolo di premiata a quello di padrona di "
                "casa. Il 3 e 4 dicembre 2025 le OGR di corso Castelfidardo ospitano la cerimonia della nuova "
                "edizione del premio Capitale europea dell'innovazione.</p>"
                "<p>Si chiude così un ciclo iniziato nel 2016, quando Torino arrivò seconda a Bruxelles: in meno di "
                "dieci anni la città è passata da finalista a vincitrice, e poi a sede della cerimonia.</p>"
            ),
        ],
    },
]

# --- ranking page -----------------------------------------------------------------------------

RANKING = {
    "title": "Classifiche",
    "slug": "classifiche",
    "hero_image": "classifiche",
    "introduction": (
        "Un premio europeo e un indice nazionale misurano l'innovazione urbana con criteri diversi. Messi in fila, "
        "raccontano il percorso di Torino: seconda in Europa nel 2016, quinta in Italia nel 2019, Capitale europea "
        "dell'innovazione nel 2024."
    ),
    "key_figures": figures(
        fig("2ª", "in Europa al premio iCapital 2016", "icapital2016", ICAPITAL_2016),
        fig("5ª", "tra le città italiane in ICity Rate 2019", "icity2019", ICITY[2019]),
        fig("1ª", "Capitale europea dell'innovazione 2024", "icapital2024", ICAPITAL_2024),
    ),
    "body": [
        heading("Che cosa misura una classifica di smart city"),
        para(
            "<p>Nel linguaggio di questi premi la città intelligente non coincide con la tecnologia. Contano "
            "l'attenzione ai cittadini, le reti a banda larga e i servizi digitali. Nel 2016 la valutazione ha "
            "guardato a tre capacità: investire in servizi per le persone, disporre di infrastrutture in grado di "
            "reggere il cambiamento, offrire alla comunità piattaforme integrate ed efficaci per i servizi.</p>"
        ),
        heading("iCapital 2016: seconda in Europa"),
        para(
            "<p>La Commissione europea ha esaminato le 36 candidature arrivate da 12 paesi, considerando le "
            "iniziative avviate dal 1° gennaio 2012. I criteri erano cinque:</p>"
            "<ul>"
            "<li><b>Innovative</b>: nuovi concetti, processi e strumenti;</li>"
            "<li><b>Inspiring</b>: capacità di attrarre talenti, risorse, finanziamenti e investimenti;</li>"
            "<li><b>Integrated</b>: un approccio che abbraccia l'intero ecosistema dell'innovazione;</li>"
            "<li><b>Interactive</b>: un coinvolgimento reale dei cittadini;</li>"
            "<li><b>Impactful</b>: capacità di produrre l'impatto atteso dal premio, con piani sostenibili per "
            "crescere.</li>"
            "</ul>"
        ),
        ranking_table(
            "Capitale europea dell'innovazione (iCapital) 2016: le nove città finaliste",
            ["Premio"],
            [
                ("1ª", "Amsterdam", False, ["950.000 €"]),
                ("2ª", "Torino", True, ["100.000 €"]),
                ("3ª", "Parigi", False, ["50.000 €"]),
                ("Finalista", "Berlino", False, ["—"]),
                ("Finalista", "Eindhoven", False, ["—"]),
                ("Finalista", "Glasgow", False, ["—"]),
                ("Finalista", "Milano", False, ["—"]),
                ("Finalista", "Oxford", False, ["—"]),
                ("Finalista", "Vienna", False, ["—"]),
            ],
            "icapital2016",
            ICAPITAL_2016,
        ),
        quote(
            "Tra le città italiane, Torino è quella che ha saputo comporre meglio una strategia organica di "
            "innovazione aperta, con il Comune nel ruolo di perno che tiene insieme gli attori.",
            "Il Sole 24 Ore",
            "Quotidiano Enti Locali & PA (sintesi della redazione)",
        ),
        heading("ICity Rate: la scalata in Italia"),
        para(
            "<p>Sul piano nazionale il riferimento è ICity Rate, la classifica di FPA che confronta i capoluoghi di "
            "provincia. Torino era undicesima nel 2015, con un profilo a due velocità: terza per la governance, "
            "ottantaduesima per l'ambiente. Negli anni successivi è salita al settimo posto (2017), al sesto "
            "(2018) e al quinto (2019).</p>"
        ),
        ranking_table(
            "Torino nella classifica FPA ICity Rate dei capoluoghi italiani, 2015–2019",
            ["Edizione", "Note", "Fonte"],
            [
                ("11ª", "Torino", False, ["2015", "3ª per la governance, 82ª per l'ambiente", "TorinoToday"]),
                ("7ª", "Torino", False, ["2017", "—", "Mole24"]),
                ("6ª", "Torino", False, ["2018", "—", "eNordovest"]),
                ("5ª", "Torino", True, ["2019", "—", "Corriere della Sera"]),
            ],
            "icity2019",
            ICITY[2019],
            source_name="FPA ICity Rate, come riportato da TorinoToday, Mole24, eNordovest e Corriere della Sera",
        ),
        heading("iCapital 2024: il titolo"),
        para(
            "<p>Intanto il premio europeo ha cambiato regole. Tra il 2017 e il 2020 i criteri erano quattro: "
            "Experimenting, Engaging, Expanding, Empowering. Dal 2023 sono sei: sperimentazione, accelerazione "
            "di start-up e PMI, costruzione di ecosistemi tra pubblico, imprese, università e cittadini, capacità "
            "di fare da modello per altre città, visione innovativa e diritti dei cittadini.</p>"
            "<p>Con queste regole, il 13 novembre 2024 Torino ha vinto il titolo di Capitale europea "
            "dell'innovazione. La giuria ha citato Torino City Lab, CTE Next e Torino Social Impact.</p>"
        ),
        ranking_table(
            "Capitale europea dell'innovazione 2024: il podio",
            ["Risultato", "Note"],
            [
                (
                    "1ª",
                    "Torino",
                    True,
                    [
                        "Capitale europea dell'innovazione, premio di 1 milione di euro",
                        "La giuria ha citato Torino City Lab, CTE Next e Torino Social Impact",
                    ],
                ),
                ("2ª", "Espoo", False, ["Seconda classificata", "—"]),
                ("3ª", "West Midlands", False, ["Terza classificata", "—"]),
            ],
            "icapital2024",
            ICAPITAL_2024,
        ),
        map_block("I luoghi dell'innovazione a Torino", show="all"),
    ],
}

# --- standard pages ---------------------------------------------------------------------------

STANDARD_PAGES = [
    {
        "slug": "chi-siamo",
        "title": "Chi siamo",
        "show_in_menus": True,
        "hero_image": "home",
        "introduction": (
            "Torino Innovation raccoglie in un solo sito i programmi, i luoghi e i risultati con cui Torino si è "
            "candidata, e poi affermata, come città europea dell'innovazione."
        ),
        "body": [
            heading("Che cosa trovi qui"),
            para(
                "<ul>"
                "<li><b>Programmi</b>: le iniziative della Città e dei suoi partner, da Innova.TO a Torino City "
                "Lab;</li>"
                "<li><b>Progetti</b>: casi concreti, ognuno collocato sulla mappa e filtrabile per programma, tema "
                "e quartiere;</li>"
                "<li><b>Notizie</b>: premi, classifiche e tappe del percorso;</li>"
                "<li><b>Classifiche</b>: come si è piazzata Torino nei confronti europei e nazionali.</li>"
                "</ul>"
            ),
            heading("Ogni numero ha una fonte"),
            para(
                "<p>Ogni cifra pubblicata sul sito riporta la fonte, con il collegamento al documento originale, e "
                "la data a cui si riferisce. Se trovi un dato superato o impreciso, scrivici: lo verificheremo "
                "e, se serve, lo correggeremo.</p>"
            ),
            picture("home", "Torino vista attraverso la sua Mole: l'illustrazione che apre il sito."),
            heading("Chi cura il sito"),
            para(
                "<p>Il sito è curato dalla Città di Torino. I testi sono scritti dalla redazione a partire da fonti "
                "pubbliche; le illustrazioni sono elaborazioni grafiche originali.</p>"
            ),
            contacts("Scrivere alla redazione", "redazione"),
        ],
    },
    {
        "slug": "contatti-stampa",
        "title": "Contatti stampa",
        "show_in_menus": False,
        "hero_image": "pagine",
        "introduction": "Per le richieste dei giornalisti su programmi, progetti e dati pubblicati in questo sito.",
        "body": [
            para(
                "<p>Scrivi all'ufficio stampa indicando la testata, l'argomento e i tempi di pubblicazione. Per "
                "verificare un dato cita la pagina in cui compare: ogni cifra del sito riporta la fonte e la data "
                "a cui si riferisce.</p>"
            ),
            contacts("Contatti", "stampa", "redazione"),
            heading("Materiali"),
            para(
                "<p>Per immagini dei progetti e materiali di approfondimento rivolgiti all'ufficio stampa: ti "
                "indirizzerà ai referenti dei singoli programmi.</p>"
            ),
        ],
    },
    {
        "slug": "accessibilita",
        "title": "Dichiarazione di accessibilità",
        "show_in_menus": False,
        "hero_image": None,
        "introduction": (
            "La Città di Torino si impegna a rendere questo sito accessibile a tutte le persone, come previsto "
            "dalla Legge 4/2004 e dalle Linee guida AgID sull'accessibilità degli strumenti informatici."
        ),
        "body": [
            heading("Stato di conformità"),
            para(
                "<p>Il sito è progettato per rispettare la norma EN 301 549 e le WCAG 2.1 al livello AA. La "
                "verifica della conformità è in corso: questa dichiarazione sarà aggiornata con il suo esito.</p>"
            ),
            heading("Come è fatto il sito"),
            para(
                "<ul>"
                "<li>ogni pagina ha un solo titolo principale e una struttura di titoli ordinata;</li>"
                "<li>un collegamento all'inizio di ogni pagina permette di saltare direttamente al contenuto;</li>"
                "<li>tutte le funzioni si usano da tastiera e l'elemento attivo è sempre evidenziato;</li>"
                "<li>ogni mappa è accompagnata dall'elenco testuale degli stessi luoghi, leggibile anche senza "
                "JavaScript;</li>"
                "<li>ogni dato numerico riporta in chiaro la fonte e la data a cui si riferisce.</li>"
                "</ul>"
            ),
            heading("Contenuti non accessibili"),
            para(
                "<p>Le immagini di sfondo delle mappe, cioè le tessere cartografiche di OpenStreetMap, non hanno "
                "un'alternativa testuale. Le informazioni che contano, i luoghi dei progetti, sono comunque "
                "disponibili nell'elenco che accompagna ogni mappa.</p>"
            ),
            heading("Segnalazioni"),
            para(
                "<p>Se incontri una barriera, scrivici indicando la pagina e il problema: risponderemo entro 30 "
                "giorni. In caso di risposta insoddisfacente o di mancata risposta puoi rivolgerti al Difensore "
                "civico per il digitale presso AgID.</p>"
            ),
            contacts("Per le segnalazioni", "redazione"),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy e cookie",
        "show_in_menus": False,
        "hero_image": None,
        "introduction": "Come questo sito tratta i dati di chi lo visita e quali cookie usa.",
        "body": [
            heading("Cookie"),
            para(
                "<p>Le pagine pubbliche di Torino Innovation non lasciano cookie nel tuo browser. Non usiamo cookie "
                "di profilazione né strumenti di analisi o di pubblicità di terze parti: per questo non ti "
                "chiediamo alcun consenso. I dettagli sono nell'informativa sui cookie.</p>"
                "<p>L'area riservata alla redazione usa cookie di sessione e di sicurezza per riconoscere chi accede "
                "e proteggere i moduli.</p>"
            ),
            heading("Mappe"),
            para(
                "<p>Le mappe dei progetti mostrano le tessere cartografiche di OpenStreetMap, che il tuo browser "
                "scarica direttamente dai server della OpenStreetMap Foundation: per farlo comunica loro il proprio "
                "indirizzo IP, come per qualsiasi risorsa web. Il sito non trasmette altri dati a terzi. Anche senza "
                "queste immagini le mappe restano consultabili come elenco di luoghi.</p>"
            ),
            heading("Dati di navigazione"),
            para(
                "<p>I server che ospitano il sito registrano, come ogni server web, dati tecnici sulle richieste "
                "(indirizzo IP, pagina richiesta, data e ora). Servono solo a garantire la sicurezza e il corretto "
                "funzionamento del servizio e sono conservati per il tempo strettamente necessario.</p>"
            ),
            heading("Titolare del trattamento e diritti"),
            para(
                "<p>Titolare del trattamento è la Città di Torino, piazza Palazzo di Città 1, 10122 Torino. Puoi "
                "esercitare in ogni momento i diritti previsti dagli articoli 15–22 del Regolamento (UE) 2016/679, "
                "tra cui accesso, rettifica, cancellazione e opposizione, scrivendo alla redazione. Hai inoltre "
                "il diritto di proporre reclamo al Garante per la protezione dei dati personali.</p>"
            ),
            contacts("Contatti", "redazione"),
        ],
    },
    {
        "slug": "note-legali",
        "title": "Note legali",
        "show_in_menus": False,
        "hero_image": None,
        "introduction": "Le condizioni d'uso dei contenuti di Torino Innovation.",
        "body": [
            heading("Contenuti"),
            para(
                "<p>Testi, illustrazioni e dati di questo sito sono pubblicati dalla Città di Torino a scopo "
                "informativo. Le cifre provengono dalle fonti indicate accanto a ciascun dato, alle quali si rimanda "
                "per i valori ufficiali e aggiornati.</p>"
            ),
            heading("Citazioni"),
            para(
                "<p>I contenuti si possono citare indicando la fonte («Torino Innovation – Città di Torino») e il "
                "collegamento alla pagina. Per altri usi scrivi alla redazione.</p>"
            ),
            heading("Collegamenti esterni"),
            para(
                "<p>Il sito contiene collegamenti a siti di terzi, inseriti per permettere la verifica delle fonti. "
                "La Città di Torino non è responsabile dei loro contenuti né del modo in cui trattano i dati.</p>"
            ),
        ],
    },
]

# The sections shown in the main menu.
MENU_SECTIONS = {"programmi", "progetti", "notizie", "classifiche", "chi-siamo"}
