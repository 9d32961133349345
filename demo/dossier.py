"""Demo content for the jury: award criteria, the evidence on programmes and projects, the candidacy
dossier and the ranking chart, in Italian and English.

Written from ``shared/content/facts.md`` in our own words: the iCapital criteria of 2016 (five) and
of the 2023–2025 editions (six, filed here under 2024, the edition Turin won), and for each 2024
criterion the programmes and projects that give evidence for it, with figures taken from the
programme and project pages (same sources, same reference dates).

``DemoLoader`` calls in here at a few points, so its own rules hold: everything is looked up before
it is created, and nothing that exists is changed.

- ``ensure_criteria`` (before the pages) and ``translate_criteria`` (with the English snippets);
- ``evidence_for`` gives a new Italian programme or project page its evidence, saved with it;
- ``fill_english_evidence`` writes the English text of a translated page's evidence;
- ``ensure_dossier_page`` / ``translate_dossier_page`` make the two dossier pages;
- ``with_ranking_chart`` adds the chart of Turin's positions to the ranking page's body.
"""

from home.models import AwardCriterion, DossierPage
from home.validators import create_checked
from projects.models import ProgrammeEvidence, ProjectEvidence

from . import content as it
from . import content_en as en
from . import localize
from .content import (
    CITY_LAB,
    FACILITO,
    ICAPITAL_2016,
    ICAPITAL_2024,
    ICITY,
    INNOVATO_FIRST_ROUND,
    INNOVATO_R,
    LIVING_LAB,
    OPEN_INCET_2022,
)

# --- criteria: edition -> [(code, Italian name, Italian description, English name, English description)] ---

CRITERIA = {
    2016: [
        ("innovative", "Innovative", "Nuovi concetti, processi e strumenti.", "Innovative",
         "New concepts, processes and tools."),
        ("inspiring", "Inspiring", "La capacità di attrarre talenti, risorse, finanziamenti e investimenti.",
         "Inspiring", "The ability to attract talent, resources, funding and investment."),
        ("integrated", "Integrated", "Un approccio che abbraccia l'intero ecosistema dell'innovazione.",
         "Integrated", "An approach that covers the whole innovation ecosystem."),
        ("interactive", "Interactive", "Un coinvolgimento reale dei cittadini.", "Interactive",
         "Genuine involvement of citizens."),
        ("impactful", "Impactful",
         "La capacità di produrre l'impatto atteso dal premio, con piani sostenibili per crescere.", "Impactful",
         "The ability to deliver the impact the prize looks for, with sustainable plans to scale up."),
    ],
    2024: [
        ("experimentation", "Sperimentazione",
         "La città prova nuove soluzioni in condizioni reali e trasforma in servizi le prove che funzionano.",
         "Experimentation",
         "The city tries out new solutions in real conditions and turns the trials that work into services."),
        ("accelerating", "Accelerare start-up e PMI",
         "La città aiuta start-up e piccole e medie imprese a nascere, a trovare capitali e a crescere.",
         "Accelerating start-ups and SMEs",
         "The city helps start-ups and small and medium-sized businesses to launch, find capital and grow."),
        ("ecosystems", "Costruire ecosistemi",
         "La città mette in rete pubblica amministrazione, imprese, università e cittadini.",
         "Building ecosystems",
         "The city brings the public sector, industry, academia and citizens together around innovation."),
        ("expanding", "Fare scuola",
         "Le pratiche della città diventano un modello che altre città adottano e adattano.",
         "Expanding",
         "The city's practices become a model that other cities take up and adapt."),
        ("vision", "Visione innovativa",
         "Una visione dell'innovazione che orienta le scelte della città nel tempo, oltre i singoli progetti.",
         "Innovative vision",
         "A vision of innovation that guides the city's choices over time, beyond single projects."),
        ("citizens-rights", "Diritti dei cittadini",
         "L'innovazione rafforza democrazia, coesione e inclusione e coinvolge chi vive la città.",
         "Citizens' rights",
         "Innovation strengthens democracy, cohesion and inclusion, and involves the people who live in the city."),
    ],
}  # fmt: skip

DOSSIER_EDITION = 2024


def _figure(value_it, value_en, label_it, label_en, source, date):
    return {"it": it.fig(value_it, label_it, source, date), "en": en.fig(value_en, label_en, source, date)}


# --- evidence: (criterion code, page path below the home page, Italian text, English text, figures) ---

EVIDENCE = [
    # Experimentation
    (
        "experimentation",
        "programmi/torino-living-lab",
        "Dal 2016 la Città apre i propri quartieri alle imprese che devono provare soluzioni smart city prima "
        "di venderle: prima il borgo Campidoglio, poi, con Torino City Lab, l'intero territorio comunale.",
        "Since 2016 the City has opened its neighbourhoods to companies that need to test smart-city solutions "
        "before selling them: first the Campidoglio neighbourhood, then, with Torino City Lab, the whole city.",
        [
            _figure("29", "29", "sperimentazioni a Campidoglio", "trials in Campidoglio", "tcl", LIVING_LAB),
            _figure("≈ 130 km²", "≈ 130 km²", "di città aperti alle prove", "of the city open to trials", "tcl",
                    CITY_LAB),
        ],
    ),
    (
        "experimentation",
        "progetti/torino-city-lab",
        "Tutta la città come laboratorio a cielo aperto: nel primo anno 32 proposte, 18 portate avanti sul campo.",
        "The whole city as an open-air lab: 32 proposals in the first year, 18 of them taken forward on the ground.",
        [
            _figure("32", "32", "proposte nel primo anno", "proposals in the first year", "tcl", CITY_LAB),
            _figure("18", "18", "proposte portate avanti", "proposals taken forward", "tcl", CITY_LAB),
        ],
    ),
    (
        "experimentation",
        "progetti/droni-parco-dora",
        "Un grande parco pubblico usato, con regole chiare, come area di prova per i voli dei droni.",
        "A large public park used, under clear rules, as a test area for drone flights.",
        [],
    ),
    (
        "experimentation",
        "progetti/guida-autonoma-corso-galileo-ferraris",
        "Un viale cittadino aperto ai veicoli a guida autonoma, nel traffico vero e non su una pista chiusa.",
        "A city avenue opened to self-driving vehicles, in real traffic rather than on a closed track.",
        [],
    ),
    # Accelerating start-ups and SMEs
    (
        "accelerating",
        "programmi/torino-social-innovation",
        "Con il bando FaciliTo Giovani la piattaforma ha raccolto più di 200 candidature e accompagnato oltre 50 "
        "percorsi d'impresa di giovani tra i 18 e i 40 anni.",
        "Through the FaciliTo Giovani call the platform received more than 200 applications and supported over 50 "
        "business-development programmes for people aged 18 to 40.",
        [
            _figure("200+", "200+", "candidature a FaciliTo Giovani", "applications to FaciliTo Giovani", "tsi",
                    FACILITO),
            _figure("50+", "50+", "percorsi d'impresa accompagnati", "business programmes supported", "tsi", FACILITO),
        ],
    ),
    (
        "accelerating",
        "progetti/facilito-giovani",
        "Quarantasei start-up sostenute: circa 420.000 euro di contributi pubblici hanno attivato circa 1,69 "
        "milioni di euro di investimenti privati.",
        "Forty-six start-ups backed: about €420,000 of public grants leveraged about €1.69 million of private "
        "investment.",
        [
            _figure("46", "46", "start-up sostenute", "start-ups backed", "tsi", FACILITO),
            _figure("≈ 1,69 milioni €", "≈ €1.69 million", "investimenti privati attivati",
                    "of private investment leveraged", "tsi", FACILITO),
        ],
    ),
    (
        "accelerating",
        "progetti/foundamenta",
        "Un percorso di accelerazione gratuito per le giovani imprese del territorio, costruito con Rinascimenti "
        "Sociali.",
        "A free acceleration programme for young local businesses, built with Rinascimenti Sociali.",
        [],
    ),
    (
        "accelerating",
        "programmi/open-incet",
        "Il centro aiuta le innovazioni a trovare finanziamenti, a crescere di scala e a raggiungere i mercati "
        "internazionali.",
        "The centre helps innovations find funding, scale up and reach international markets.",
        [
            _figure("15", "15", "organizzazioni ospitate nel 2022", "organisations based there in 2022", "openincet",
                    OPEN_INCET_2022),
        ],
    ),
    # Building ecosystems
    (
        "ecosystems",
        "programmi/torino-social-innovation",
        "Più di 40 partner pubblici e privati, dalla finanza alla formazione alle fondazioni, con la Città come "
        "aggregatore e regista.",
        "More than 40 public and private partners, from finance and training to foundations, with the City as "
        "convenor and director.",
        [_figure("40+", "40+", "partner pubblici e privati", "public and private partners", "tsi", FACILITO)],
    ),
    (
        "ecosystems",
        "programmi/open-incet",
        "Imprese, innovatori sociali, comunità creative digitali e pubbliche amministrazioni sotto lo stesso tetto, "
        "in un'ex fabbrica di cavi.",
        "Businesses, social innovators, digital creative communities and public administrations under one roof, in "
        "a former cable factory.",
        [_figure("≈ 150", "≈ 150", "persone al lavoro nel 2022", "people working there in 2022", "openincet",
                 OPEN_INCET_2022)],
    ),
    (
        "ecosystems",
        "progetti/torino-city-lab",
        "Nel primo anno Torino City Lab ha riunito 40 partner intorno alle sperimentazioni.",
        "In its first year Torino City Lab brought 40 partners together around its trials.",
        [_figure("40", "40", "partner nel primo anno", "partners in the first year", "tcl", CITY_LAB)],
    ),
    (
        "ecosystems",
        "programmi/fablab-e-coworking",
        "Toolbox, FabLab Torino e Officine Arduino: spazi condivisi per chi progetta e produce, diventati in pochi "
        "anni riferimenti in Italia e all'estero.",
        "Toolbox, FabLab Torino and Officine Arduino: shared spaces for people who design and make things, which "
        "became national and international reference points within a few years.",
        [],
    ),
    # Expanding
    (
        "expanding",
        "programmi/innova-to",
        "Buona pratica URBACT dal 2017; dal 2018 al 2021 Torino ha guidato la rete Innovato-R, che ha portato il "
        "modello in altre sei città europee.",
        "An URBACT Good Practice since 2017; from 2018 to 2021 Turin led the Innovato-R network, which took the "
        "model to six other European cities.",
        [],
    ),
    (
        "expanding",
        "progetti/innovato-r-rete-urbact",
        "Rotterdam, Métropole du Grand Paris, Porto, Murcia, Cluj-Napoca e Veszprém hanno adattato il concorso "
        "torinese alle proprie amministrazioni.",
        "Rotterdam, the Métropole du Grand Paris, Porto, Murcia, Cluj-Napoca and Veszprém adapted Turin's "
        "competition to their own administrations.",
        [_figure("6", "6", "città partner della rete Innovato-R", "partner cities in the Innovato-R network",
                 "innovato", INNOVATO_R)],
    ),
    (
        "expanding",
        "programmi/torino-living-lab",
        "Nato in un solo borgo, il modello è cresciuto fino a coprire tutta la città con Torino City Lab, che la "
        "giuria del 2024 ha citato.",
        "Born in a single neighbourhood, the model grew to cover the whole city as Torino City Lab, which the 2024 "
        "jury singled out.",
        [],
    ),
    # Innovative vision
    (
        "vision",
        "programmi/innova-to",
        "L'innovazione comincia dentro l'amministrazione: dal 2014 sono i dipendenti a proporre come ridurre gli "
        "sprechi e migliorare i servizi.",
        "Innovation starts inside the administration: since 2014 the City's own staff have proposed how to cut "
        "waste and improve services.",
        [
            _figure("71", "71", "proposte alla prima edizione", "proposals in the first round", "innovato",
                    INNOVATO_FIRST_ROUND),
            _figure("10", "10", "progetti premiati", "projects given an award", "innovato", INNOVATO_FIRST_ROUND),
        ],
    ),
    (
        "vision",
        "programmi/open-incet",
        "Una fabbrica dismessa in un quartiere periferico diventa un centro di open innovation: l'innovazione come "
        "leva di rigenerazione urbana.",
        "A disused factory in an outlying district becomes an open-innovation centre: innovation as a lever for "
        "urban regeneration.",
        [
            _figure("≈ 1.000 m²", "≈ 1,000 m²", "la superficie attuale", "of floor space today", "openincet",
                    OPEN_INCET_2022),
            _figure("+3.000 m²", "+3,000 m²", "previsti dall'ampliamento", "planned in the extension", "openincet",
                    OPEN_INCET_2022),
        ],
    ),
    # Citizens' rights
    (
        "citizens-rights",
        "programmi/firstlife",
        "Una mappa civica in cui chiunque corregge e arricchisce i dati aperti: abitanti e istituzioni leggono "
        "insieme luoghi, risorse e problemi delle periferie.",
        "A civic map on which anyone can correct and add to open data: residents and institutions read the places, "
        "resources and problems of the outer districts together.",
        [],
    ),
    (
        "citizens-rights",
        "progetti/firstlife-mappa-periferie",
        "Scelta dal progetto europeo WeGovNow, vinto dalla Città di Torino, per il dialogo tra amministrazione e "
        "cittadini.",
        "Chosen by WeGovNow, a European project won by the City of Turin, for the dialogue between the "
        "administration and citizens.",
        [],
    ),
    (
        "citizens-rights",
        "progetti/living-lab-campidoglio",
        "I residenti non sono stati spettatori: hanno preso parte alle prove come in un laboratorio aperto e "
        "partecipato.",
        "Residents were not onlookers: they took part in the trials as in an open, participatory lab.",
        [],
    ),
    (
        "citizens-rights",
        "progetti/open-incet-barriera-di-milano",
        "Un centro di innovazione aperto all'innovazione sociale in Barriera di Milano, quartiere periferico del "
        "nord della città.",
        "An innovation centre open to social innovation in Barriera di Milano, an outlying district in the north of "
        "the city.",
        [],
    ),
    (
        "citizens-rights",
        "progetti/facilito-giovani",
        "Un bando per chi ha tra i 18 e i 40 anni: l'impresa sociale come occasione di lavoro per i giovani.",
        "A call for people aged 18 to 40: social enterprise as a way into work for young people.",
        [],
    ),
]  # fmt: skip

# --- the dossier pages ----------------------------------------------------------------------------

DOSSIER_IT = {
    "slug": "dossier-candidatura",
    "title": "Dossier di candidatura",
    "introduction": (
        "Per la giuria del premio Capitale europea dell'innovazione: i sei criteri dell'edizione 2024 e, per "
        "ciascuno, i programmi e i progetti con cui Torino lo soddisfa, con dati verificabili, fonti e luoghi."
    ),
    "body": [
        it.heading("Come leggere il dossier"),
        it.para(
            "<p>La tabella «In sintesi» incrocia i criteri con i programmi: ogni numero conta le prove di un "
            "programma e dei suoi progetti e porta direttamente a quelle prove. Ogni sezione spiega poi che cosa "
            "chiede il criterio, perché ciascun programma o progetto lo soddisfa e dove si trova in città.</p>"
            "<p>Ogni cifra riporta la fonte e la data a cui si riferisce. Lo stesso dossier si scarica in PDF.</p>"
        ),
    ],
}

DOSSIER_EN = {
    "slug": "candidacy-dossier",
    "title": "Candidacy dossier",
    "introduction": (
        "For the jury of the European Capital of Innovation award: the six criteria of the 2024 edition and, for "
        "each one, the programmes and projects through which Turin meets it, with figures you can check, their "
        "sources and the places on the map."
    ),
    "body": [
        it.heading("How to read this dossier"),
        it.para(
            "<p>The “At a glance” table sets the criteria against the programmes: each number counts the evidence "
            "from a programme and its projects, and takes you straight to it. Each section then explains what the "
            "criterion asks for, why each programme or project meets it, and where it is in the city.</p>"
            "<p>Every figure gives its source and the date it refers to. The same dossier can be downloaded as a "
            "PDF.</p>"
        ),
    ],
}

# --- the ranking chart ----------------------------------------------------------------------------

CHART_TEXT = {
    "it": {
        "caption": "Le posizioni di Torino nelle classifiche, 2015–2024",
        "summary": (
            "In ICity Rate Torino sale dall'undicesimo al quinto posto tra il 2015 e il 2019; nel premio europeo "
            "iCapital passa dal secondo posto del 2016 alla vittoria del 2024."
        ),
        "icapital": "iCapital, Capitale europea dell'innovazione",
        "icity": "FPA ICity Rate, capoluoghi italiani",
        "points": {
            ("icapital", 2016): ("2ª", "su 9 finaliste e 36 città candidate"),
            ("icapital", 2024): ("Vincitrice", "premio di 1 milione €"),
            ("icity", 2015): ("11ª", "3ª per la governance, 82ª per l'ambiente"),
            ("icity", 2017): ("7ª", ""),
            ("icity", 2018): ("6ª", ""),
            ("icity", 2019): ("5ª", ""),
        },
    },
    "en": {
        "caption": "Turin's positions in the rankings, 2015–2024",
        "summary": (
            "In ICity Rate Turin climbed from eleventh to fifth place between 2015 and 2019; in the European "
            "iCapital award it went from second place in 2016 to winner in 2024."
        ),
        "icapital": "iCapital, European Capital of Innovation",
        "icity": "FPA ICity Rate, Italian provincial capitals",
        "points": {
            ("icapital", 2016): ("2nd", "of 9 finalists and 36 applicant cities"),
            ("icapital", 2024): ("Winner", "€1 million prize"),
            ("icity", 2015): ("11th", "3rd for governance, 82nd for the environment"),
            ("icity", 2017): ("7th", ""),
            ("icity", 2018): ("6th", ""),
            ("icity", 2019): ("5th", ""),
        },
    },
}

# (series, year, position, source key, reference date). iCapital's editions are years apart: no line.
CHART_POINTS = [
    ("icapital", 2016, 2, "icapital2016", ICAPITAL_2016),
    ("icapital", 2024, 1, "icapital2024", ICAPITAL_2024),
    ("icity", 2015, 11, "icity2015", ICITY[2015]),
    ("icity", 2017, 7, "icity2017", ICITY[2017]),
    ("icity", 2018, 6, "icity2018", ICITY[2018]),
    ("icity", 2019, 5, "icity2019", ICITY[2019]),
]


def ranking_chart(language):
    """The raw value of the ranking chart block, in "it" or "en"."""
    text = CHART_TEXT[language]
    sources = it.SOURCES if language == "it" else en.SOURCES
    series = []
    for key, join_points in (("icapital", False), ("icity", True)):
        points = []
        for series_key, year, position, source, date in CHART_POINTS:
            if series_key != key:
                continue
            label, note = text["points"][(key, year)]
            name, url = sources[source]
            points.append(
                {
                    "year": year,
                    "position": position,
                    "label": label,
                    "note": note,
                    "source_name": name,
                    "source_url": url,
                    **it.source_date(date),
                }
            )
        series.append({"name": text[key], "join_points": join_points, "points": points})
    return {
        "type": "ranking_chart",
        "value": {"caption": text["caption"], "summary": text["summary"], "series": series},
    }


def with_ranking_chart(body, language):
    """The ranking page's body with the chart after its opening heading and paragraph."""
    return [*body[:2], ranking_chart(language), *body[2:]]


# --- what the loader calls ------------------------------------------------------------------------


def ensure_criteria(loader):
    """The Italian criteria of every edition, found by edition and code or created."""
    loader.criteria = {}
    for edition, criteria in CRITERIA.items():
        for order, (code, name, description, _en_name, _en_description) in enumerate(criteria, start=1):
            criterion = AwardCriterion.objects.filter(edition=edition, code=code, locale=loader.locale).first()
            created = criterion is None
            if created:
                criterion = create_checked(
                    AwardCriterion,
                    edition=edition,
                    code=code,
                    name=name,
                    description=description,
                    order=order,
                    locale=loader.locale,
                )
            loader._count("award criteria", created, "it")
            loader.criteria[(edition, code)] = criterion


def translate_criteria(loader):
    for edition, criteria in CRITERIA.items():
        for code, _name, _description, en_name, en_description in criteria:
            criterion = loader.criteria.get((edition, code))
            if criterion is not None:
                loader._translate_snippet("award criteria", criterion, name=en_name, description=en_description)


def evidence_for(loader, path):
    """The 2024 evidence of the Italian page at ``path``, as unsaved child objects to save with it."""
    model = ProgrammeEvidence if path.startswith("programmi/") else ProjectEvidence
    items = []
    for code, page_path, text, _en_text, figures in EVIDENCE:
        criterion = loader.criteria.get((DOSSIER_EDITION, code))
        if page_path != path or criterion is None:
            continue
        items.append(
            model(
                criterion=criterion,
                justification=text,
                key_figures=[{"type": "figure", "value": figure["it"]} for figure in figures],
                locale=loader.locale,
                sort_order=len(items),
            )
        )
    return items


def fill_english_evidence(loader, page, source):
    """Write the English text and figures of a translated page's evidence (its stand-in, see localize.py)."""
    english = {}
    for code, page_path, _text, en_text, figures in EVIDENCE:
        if page_path.rsplit("/", 1)[1] == source.slug:
            english[code] = (en_text, [{"type": "figure", "value": figure["en"]} for figure in figures])
    items = list(page.evidence.all())
    for item in items:
        if item.criterion.code in english:
            item.justification, figures = english[item.criterion.code]
            # The English figures take the ids of the Italian ones, which wagtail-localize pairs them by.
            field = type(item)._meta.get_field("key_figures")
            figures = localize.normalised_stream(field, figures)
            localize.copy_block_ids(localize.normalised_stream(field, item.key_figures), figures)
            item.key_figures = figures
    # The criteria follow the page into English through home/signals.py (LOCALISED_RELATIONS).
    page.evidence = items


def ensure_dossier_page(loader, home):
    data = DOSSIER_IT
    loader.ensure_page(
        data["slug"],
        home,
        DossierPage(
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            search_description=data["introduction"],
            edition=DOSSIER_EDITION,
            hero_image=loader.images["europa"],
            show_in_menus=True,
        ),
        streams={"body": data["body"]},
    )


def translate_dossier_page(loader):
    loader.translate_page(DOSSIER_IT["slug"], DOSSIER_EN, _fill_dossier_page)


def _fill_dossier_page(page, source, data):
    page.introduction = data["introduction"]
    page.search_description = data["introduction"]
    page.body = data["body"]
