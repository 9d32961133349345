"""The English demo content: the same facts as ``content``, written for international readers.

Every entry is keyed by the stable key of the Italian data it translates (a theme's or district's
Italian slug, a contact's key, a page's Italian slug), so the pairing is explicit and a missing or
misspelt key is easy to spot. The loader turns each entry into a wagtail-localize translation of its
Italian counterpart (home/demo/localize.py): the English strings go into wagtail-localize's
translation memory, string by string, so each entry must have the Italian entry's shape — the same
blocks in the same order, the same paragraphs and list items in each rich text.

What is not written here is taken from the Italian page, because wagtail-localize synchronises it:
location, address, zoom, dates, status, start year, website, hero image, tags (language-neutral
names: programmes, awards, places), and the links to programmes, themes, districts, contacts and
related pages, which point at their English translations.

Key figures keep the Italian figures' sources and reference dates; only the source's name may be
given in English. The city is "Turin" in running text; the names of programmes, places and
organisations stay as they are (Torino City Lab, Barriera di Milano, Innova.TO, Parco Dora).
"""

from . import content as it
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
    SELF,
    ImageRef,
    contacts,
    figures,
    heading,
    key_figures,
    map_block,
    para,
    quote,
)

# --- sources: the Italian URLs, with names in English where they have one -------------------

SOURCES = {
    key: (name, it.SOURCES[key][1])
    for key, name in {
        "icapital2016": "European Commission – European Capital of Innovation Awards 2016",
        "psf2016": "Public Spend Forum Europe",
        "icapital2024": "Innovation News Network",
        "citiestoday2024": "Cities Today",
        "innovato": "Metropolis – Use, Innova.TO case study",
        "tsi": "Torino Social Innovation",
        "socialfare": "SocialFare",
        "openincet": "Open Incet – Our history",
        "tcl": "Torino City Lab",
        "firstlife": "FirstLife",
        "icity2015": "TorinoToday – ICity Rate 2015",
        "icity2017": "Mole24 – ICity Rate 2017",
        "icity2018": "eNordovest – ICity Rate 2018",
        "icity2019": "Corriere della Sera – ICity Rate 2019",
    }.items()
}


def fig(value, label, source, date):
    name, url = SOURCES[source]
    return {"value": value, "label": label, "source_name": name, "source_url": url, **it.source_date(date)}


def picture(image_key, caption="", credit="Torino Innovation editorial team (illustration)"):
    return {
        "type": "figure",
        "value": {"image": ImageRef(image_key), "caption": caption, "credit": credit},
    }


def ranking_table(caption, indicators, rows, source, date, source_name=None):
    """Rows are (position, city, highlighted, notes): the highlighted row is Turin's."""
    name, url = SOURCES[source]
    return {
        "type": "ranking_table",
        "value": {
            "caption": caption,
            "indicators": list(indicators),
            "rows": [
                {"position": pos, "city": city, "highlight": highlight, "notes": list(notes)}
                for pos, city, highlight, notes in rows
            ],
            "source_name": source_name or name,
            "source_url": url,
            **it.source_date(date),
        },
    }


CITY_OF_TURIN = "City of Turin"
INNOVATO_R_CITIES = [
    ("Rotterdam", ""),
    ("Métropole du Grand Paris", ""),
    ("Porto", ""),
    ("Murcia", ""),
    ("Cluj-Napoca", ""),
    ("Veszprém", ""),
]
SOLE_24_ORE_QUOTE = (
    "Of all Italian cities, Turin is the one that has best assembled a coherent open-innovation strategy, "
    "with the City as the pivot that holds the players together."
)

# --- snippets: Italian slug or key -> English fields -------------------------------------------

# (English slug, name)
THEMES = {
    "mobilita": ("mobility", "Mobility"),
    "ambiente": ("environment", "Environment"),
    "innovazione-sociale": ("social-innovation", "Social innovation"),
    "partecipazione": ("participation", "Participation"),
    "manifattura-digitale": ("digital-manufacturing", "Digital manufacturing"),
    "turismo": ("tourism", "Tourism"),
    "pubblica-amministrazione": ("public-administration", "Public administration"),
    "dati-aperti": ("open-data", "Open data"),
    "impresa": ("business-and-start-ups", "Business and start-ups"),
    "rigenerazione-urbana": ("urban-regeneration", "Urban regeneration"),
}

# (English slug, name): neighbourhood names are proper names and stay as they are.
DISTRICTS = {
    "centro": ("city-centre", "City centre"),
    "crocetta": ("crocetta", "Crocetta"),
    "cenisia": ("cenisia", "Cenisia"),
    "campidoglio": ("campidoglio", "Campidoglio"),
    "parella": ("parella", "Parella"),
    "parco-dora": ("parco-dora", "Parco Dora"),
    "barriera-di-milano": ("barriera-di-milano", "Barriera di Milano"),
    "aurora": ("aurora", "Aurora"),
    "san-salvario": ("san-salvario", "San Salvario"),
    "lingotto": ("lingotto", "Lingotto"),
}

# Name and role; email and press flag are the Italian contact's.
CONTACTS = {
    "stampa": {"name": "Press office – City of Turin", "role": "Media relations"},
    "redazione": {"name": "Torino Innovation editorial team", "role": "Site content, data and corrections"},
}

# Alternative text for the illustrations where a content block shows them (galleries, figures).
IMAGE_ALT = {
    "home": (
        "Illustration: the outline of the Mole Antonelliana among Turin's buildings, with the hills and a large sun."
    ),
    "innova-to": "Abstract illustration: points of light joined by thin lines, like ideas meeting.",
    "social-innovation": "Abstract illustration: a network of connected nodes, some highlighted in yellow.",
    "open-incet": "Illustration: the saw-tooth roofs of a factory, crossed by coloured cables.",
    "living-lab": "Illustration: stylised city blocks seen from above, with concentric circles marking sensors.",
    "firstlife": "Illustration: a stylised map crossed by a river, with red and yellow pins.",
    "fablab": "Abstract illustration: a pattern of hexagons, some filled in yellow and orange.",
    "parco-dora": "Illustration: patches of green seen from above, crossed by the dotted flight paths of small drones.",
    "guida-autonoma": (
        "Illustration: a tree-lined avenue in perspective, with a centre line and signal waves over the road."
    ),
    "environment-park": "Illustration: stylised leaves above wavy lines that recall the course of the river Dora.",
    "ogr": "Illustration: a row of arches in perspective, like the bays of a great workshop.",
    "europa": "Abstract illustration: connected points enclosed by a large yellow circle.",
    "classifiche": "Illustration: a bar chart with one bar highlighted in yellow and a trend line.",
    "pagine": "Abstract illustration: diagonal bands in the site's colours.",
}

# --- home page --------------------------------------------------------------------------------

HOME = {
    # The English home page is a sibling of the Italian one under the root: Wagtail's own slug.
    "slug": "home-en",
    "title": "Torino Innovation",
    "introduction": (
        "Runner-up in Europe in 2016, European Capital of Innovation in 2024. These are the programmes, places "
        "and projects through which Turin develops and tests new services with businesses, universities and the "
        "people who live here."
    ),
    "key_figures": figures(
        fig("2nd", "place in Europe in the 2016 European Capital of Innovation award", "icapital2016", ICAPITAL_2016),
        fig("€100,000", "Turin's prize as runner-up in 2016", "icapital2016", ICAPITAL_2016),
        fig("36", "cities from 12 countries applied for the 2016 award", "icapital2016", ICAPITAL_2016),
        fig(
            "€1 million",
            "the prize that came with the 2024 European Capital of Innovation title",
            "icapital2024",
            ICAPITAL_2024,
        ),
    ),
    "body": [
        heading("The City as convenor"),
        para(
            "<p>What links the programmes on this site is a way of working. The City does more than fund or "
            "regulate: it connects the people who have ideas with those who have resources and those who live in "
            "the neighbourhoods, and it opens its streets, parks and other public spaces to real-world trials.</p>"
            "<p>That approach earned Turin second place, behind Amsterdam, in the European iCapital award in 2016. "
            "In 2024 it won the city the title of European Capital of Innovation.</p>"
        ),
    ],
}

# --- programmes -------------------------------------------------------------------------------

PROGRAMME_INDEX = {
    "slug": "programmes",
    "title": "Programmes",
    "introduction": (
        "Six programmes, launched in different years and led by different organisations. Together they show how "
        "Turin innovates: inside its own administration, with social enterprises, in its neighbourhoods and in its "
        "workshops."
    ),
}

PROGRAMMES = {
    "innova-to": {
        "slug": "innova-to",
        "title": "Innova.TO",
        "summary": (
            "Since 2014, a competition in which City of Turin employees put forward projects to cut waste and "
            "improve services. Winner of the 2016 Place Marketing Awards and recognised by URBACT as a Good "
            "Practice."
        ),
        "lead_organisation": CITY_OF_TURIN,
        "partners": INNOVATO_R_CITIES,
        "key_figures": figures(
            fig("71", "proposals submitted in the first round", "innovato", INNOVATO_FIRST_ROUND),
            fig("111", "City employees behind those proposals", "innovato", INNOVATO_FIRST_ROUND),
            fig("10", "projects given an award in the first round", "innovato", INNOVATO_FIRST_ROUND),
        ),
        "body": [
            heading("The best ideas come from the people who run the services"),
            para(
                "<p>Innova.TO starts from a simple observation: the people who keep the city administration "
                "running every day know where time and money are lost. Since 2014 the competition has invited the "
                "City's employees to turn that knowledge into projects: new services, products or solutions that "
                "create economic and social value and make public money go further.</p>"
            ),
            para("<p>The first round drew 71 proposals from 111 members of staff. Ten of them won an award.</p>"),
            heading("From an award to a European network"),
            para(
                "<p>In 2016 Innova.TO won the Place Marketing Awards, an international prize then in its third "
                "edition, judged by specialist journalists and industry professionals. In 2017 the European URBACT "
                "programme recognised it as a Good Practice.</p>"
                "<p>From 2018 to 2021 Turin went on to lead <b>Innovato-R</b>, the URBACT transfer network that "
                "took the model to Rotterdam, the Métropole du Grand Paris, Porto, Murcia, Cluj-Napoca and "
                "Veszprém.</p>"
            ),
            map_block("Innova.TO projects on the map", show="programmes", programmes=[SELF]),
        ],
    },
    "torino-social-innovation": {
        "slug": "torino-social-innovation",
        "title": "Torino Social Innovation",
        "summary": (
            "Since 2012, the platform through which the City brings together more than 40 public and private "
            "partners to launch and grow businesses with a social purpose, from the FaciliTo Giovani call to the "
            "FOUNDAMENTA accelerator."
        ),
        "lead_organisation": CITY_OF_TURIN,
        "partners": [("Rinascimenti Sociali", "")],
        "key_figures": figures(
            fig("40+", "public and private partners in the platform", "tsi", FACILITO),
            fig("200+", "applications to the FaciliTo Giovani call", "tsi", FACILITO),
            fig("50+", "business-development programmes selected and supported", "tsi", FACILITO),
        ),
        "body": [
            heading("The City as orchestrator"),
            para(
                "<p>Torino Social Innovation is not a single call for proposals but a piece of infrastructure. It "
                "brings to one table the organisations that fund, train and help people start businesses, together "
                "with the local foundations: more than 40 partners, public and private. The City convenes "
                "them and sets the direction, so that entrepreneurial ideas that meet social needs find the "
                "skills and the capital they need.</p>"
            ),
            quote(
                "Turin has built open-innovation models that support social-innovation start-ups and create new "
                "markets for urban solutions.",
                "Jury of the 2016 European Capital of Innovation award",
                "European Commission (editorial summary)",
            ),
            heading("FaciliTo Giovani"),
            para(
                "<p>The platform's first real test was FaciliTo Giovani, a call that ran from 2014 to mid-2016 for "
                "people aged 18 to 40. It received more than 200 applications, and over 50 business-development "
                "programmes were selected and supported.</p>"
            ),
            key_figures(
                "FaciliTo Giovani in detail",
                fig("€2 million", "budget of the call", "tsi", FACILITO),
                fig("255", "business ideas submitted", "tsi", FACILITO),
                fig("71", "ideas that received support", "tsi", FACILITO),
                fig("46", "start-ups backed", "tsi", FACILITO),
                fig("≈ €420,000", "in public grants awarded", "tsi", FACILITO),
                fig("≈ €1.69 million", "of private investment leveraged by those grants", "tsi", FACILITO),
            ),
            heading("FOUNDAMENTA"),
            para(
                "<p>Later the platform teamed up with Rinascimenti Sociali on FOUNDAMENTA, a free acceleration "
                "programme for young local businesses.</p>"
            ),
            map_block("Torino Social Innovation projects on the map", show="programmes", programmes=[SELF]),
        ],
    },
    "open-incet": {
        "slug": "open-incet",
        "title": "Open Incet",
        "summary": (
            "The City's open-innovation centre, opened in 2015 in the former Incet cable factory in Barriera di "
            "Milano: businesses, social innovators, creative communities and public administrations under one roof."
        ),
        "lead_organisation": CITY_OF_TURIN,
        "partners": [],
        "key_figures": figures(
            fig("≈ 1,000 m²", "floor area of the centre", "openincet", OPEN_INCET_2022),
            fig("+3,000 m²", "approximately, planned in the extension", "openincet", OPEN_INCET_2022),
            fig("15", "organisations based there in 2022", "openincet", OPEN_INCET_2022),
            fig("≈ 150", "people working at the centre in 2022", "openincet", OPEN_INCET_2022),
        ),
        "body": [
            heading("A factory with a new trade"),
            para(
                "<p>Where electrical cables were once made, people now work on ideas. Open Incet occupies part of "
                "the converted Incet plant in Barriera di Milano, an outlying district in the north of the "
                "city.</p>"
            ),
            picture("open-incet", "The saw-tooth roofs recall the building's industrial past."),
            para(
                "<p>The centre serves four groups: businesses, social-innovation ventures, digital creative "
                "communities, and public administrations that are rethinking their social, cultural and welfare "
                "policies. For all of them the aim is the same: to help innovations find funding, scale up and "
                "reach international markets.</p>"
            ),
            heading("The space and the people in it"),
            para(
                "<p>The centre covers about 1,000 square metres, and a planned extension will add around 3,000 "
                "more. In 2022 it was home to 15 organisations, with about 150 people working there.</p>"
            ),
            map_block("Open Incet on the map", show="programmes", programmes=[SELF]),
        ],
    },
    "torino-living-lab": {
        "slug": "torino-living-lab",
        "title": "Torino Living Lab",
        "summary": (
            "In 2016 the City opened the Campidoglio neighbourhood to companies that wanted to test smart-city "
            "solutions in real conditions. In October 2018 the scheme became Torino City Lab and was extended to "
            "the whole city."
        ),
        "lead_organisation": CITY_OF_TURIN,
        "partners": [],
        "key_figures": figures(
            fig("29", "trials in Campidoglio, in environment, mobility and tourism", "tcl", LIVING_LAB),
            fig("≈ 130 km²", "of the city open to Torino City Lab trials", "tcl", CITY_LAB),
            fig("32", "proposals in Torino City Lab's first year", "tcl", CITY_LAB),
            fig("18", "proposals taken forward in the first year", "tcl", CITY_LAB),
            fig("40", "partners in Torino City Lab's first year", "tcl", CITY_LAB),
        ),
        "body": [
            heading("A neighbourhood as a test bed"),
            para(
                "<p>Many smart-city solutions work in the lab and stumble in the street. With Torino Living Lab the "
                "City offered companies a real place, the Campidoglio neighbourhood, to put products and services "
                "to the test before taking them to market. Residents were not bystanders: the neighbourhood worked "
                "as an open, participatory laboratory.</p>"
                "<p>To keep its partnerships with companies transparent, the administration adopted new "
                "administrative tools. The outcome: 29 trials in environment, mobility and tourism.</p>"
            ),
            heading("From Campidoglio to the whole city"),
            para(
                "<p>In October 2018 the scheme grew into Torino City Lab, and the entire municipal area, some 130 "
                "square kilometres, became an open-air laboratory. In its first year it received 32 proposals, took "
                "18 of them forward and worked with 40 partners.</p>"
                "<p>Field trials included drone flights over Parco Dora and autonomous vehicles on corso Galileo "
                "Ferraris.</p>"
            ),
            para(
                "<p>When the jury named Turin European Capital of Innovation in 2024, Torino City Lab was one of "
                "the initiatives it singled out.</p>"
            ),
            map_block("The trials on the map", show="programmes", programmes=[SELF]),
        ],
    },
    "firstlife": {
        "slug": "firstlife",
        "title": "FirstLife",
        "summary": (
            "A map-based social network developed by the University of Turin's Department of Computer Science: open "
            "data and residents' contributions on the same map, so that neighbourhoods can be understood, and "
            "changed, together."
        ),
        "lead_organisation": "University of Turin – Department of Computer Science",
        "partners": [("University of Turin", ""), ("City of Turin – WeGovNow project", "")],
        "key_figures": [],
        "body": [
            heading("The map as a public square"),
            para(
                "<p>FirstLife puts two kinds of information that usually live apart on the same interactive map: "
                "the open data published by institutions and what residents know. Anyone can correct or add "
                "content. The result is a georeferenced picture of neighbourhood life that grows with the "
                "contributions of the people who live there.</p>"
                "<p>It works at the scale of the neighbourhood. In Turin the platform has been used to identify, "
                "together with residents, the places, resources, problems and processes of change in the city's "
                "outer districts.</p>"
            ),
            heading("Chosen by WeGovNow"),
            para(
                "<p>FirstLife was selected by WeGovNow, a European project won by the City of Turin. A tool born in "
                "a university department thus became part of the dialogue between the administration and its "
                "citizens.</p>"
            ),
            map_block("FirstLife on the map", show="programmes", programmes=[SELF]),
        ],
    },
    "fablab-e-coworking": {
        "slug": "fablabs-and-co-working",
        "title": "Fablabs and co-working spaces",
        "summary": (
            "Toolbox, FabLab Torino and Officine Arduino: within a few years these co-working spaces and digital "
            "fabrication workshops became national and international reference points, and helped regenerate whole "
            "parts of the city."
        ),
        "lead_organisation": "Toolbox, FabLab Torino and Officine Arduino",
        "partners": [("Toolbox", ""), ("FabLab Torino", ""), ("Officine Arduino", "")],
        "key_figures": [],
        "body": [
            heading("Where ideas take shape"),
            para(
                "<p>Alongside the City's own programmes, Turin has grown an ecosystem of shared spaces: co-working "
                "spaces where freelancers and small firms share desks and skills, and fablabs where anyone with a "
                "project can find digital fabrication machines, and someone to show them how to use them.</p>"
            ),
            para(
                "<p>Within a few years Toolbox, FabLab Torino and Officine Arduino became reference points in Italy "
                "and abroad. Their effect shows in the city itself: whole stretches of the urban fabric around them "
                "have been regenerated.</p>"
            ),
        ],
    },
}

# --- projects ---------------------------------------------------------------------------------

PROJECT_INDEX = {
    "slug": "projects",
    "title": "Projects",
    "introduction": (
        "Real cases, place by place. Filter by programme, theme or district and find each project on the map, "
        "with the problem it set out to solve, what was done and what came of it."
    ),
}

PROJECTS = {
    "innova-to-concorso-dipendenti": {
        "slug": "innova-to-staff-competition",
        "title": "Innova.TO: ideas from the City's own staff",
        "summary": (
            "Since 2014, a competition in which City employees propose ways to cut waste and use resources better. "
            "The first round brought in 71 proposals from 111 staff, and ten of them won awards."
        ),
        "partners": [(CITY_OF_TURIN, "")],
        "challenge": (
            "<p>A large administration loses time and money in steps nobody ever designed on purpose: duplicated "
            "forms, slow procedures, resources only half used. Its employees are the first to notice, yet they "
            "rarely have a channel for proposing an alternative.</p>"
        ),
        "approach": (
            "<p>In 2014 the City of Turin launched Innova.TO, a competition open only to its own staff. "
            "Participants submit projects that improve how the administration works and cut waste, turning ideas "
            "into services, products and solutions with economic and social value.</p>"
        ),
        "results": (
            "<p>The first round attracted 71 proposals from a total of 111 employees, and ten were given an award. "
            "In 2016 the programme won the Place Marketing Awards, and in 2017 the European URBACT network "
            "recognised it as a Good Practice.</p>"
        ),
        "key_figures": figures(
            fig("71", "proposals in the first round", "innovato", INNOVATO_FIRST_ROUND),
            fig("111", "employees behind the proposals", "innovato", INNOVATO_FIRST_ROUND),
            fig("10", "projects given an award", "innovato", INNOVATO_FIRST_ROUND),
        ),
    },
    "innovato-r-rete-urbact": {
        "slug": "innovato-r-urbact-network",
        "title": "Innovato-R: taking the Turin model to six European cities",
        "summary": (
            "From 2018 to 2021 Turin led Innovato-R, the URBACT transfer network that took the Innova.TO model to "
            "Rotterdam, the Métropole du Grand Paris, Porto, Murcia, Cluj-Napoca and Veszprém."
        ),
        "partners": INNOVATO_R_CITIES,
        "challenge": (
            "<p>A good practice proves its worth when others can reproduce it. After the URBACT recognition in "
            "2017, the question was whether a competition born in Turin's municipal offices could work in "
            "administrations with different histories, sizes and rules.</p>"
        ),
        "approach": (
            "<p>Through Innovato-R the City of Turin coordinated a transfer network of the URBACT programme with "
            "Rotterdam, the Métropole du Grand Paris, Porto, Murcia, Cluj-Napoca and Veszprém. The partners "
            "studied how Innova.TO works in order to adapt it to their own organisations.</p>"
        ),
        "results": (
            "<p>The network ran from 2018 to 2021. Innova.TO went from a local experiment to a reference point for "
            "a group of seven European administrations, Turin included.</p>"
        ),
        "key_figures": figures(
            fig("7", "administrations in the network, led by Turin", "innovato", INNOVATO_R),
        ),
    },
    "facilito-giovani": {
        "slug": "facilito-giovani",
        "title": "FaciliTo Giovani: a call for businesses started by under-40s",
        "summary": (
            "Between 2014 and mid-2016 this Torino Social Innovation call received more than 200 applications from "
            "people aged 18 to 40 and supported over 50 business-development programmes."
        ),
        "partners": [("City of Turin – Torino Social Innovation", "http://www.torinosocialinnovation.it/")],
        "challenge": (
            "<p>People aged 18 to 40 with an idea for a business that does social good often do not know where to "
            "turn. Funding, training and advice exist, but they are scattered across many different "
            "organisations.</p>"
        ),
        "approach": (
            "<p>FaciliTo Giovani brought these tools together in a single pathway, backed by Torino Social "
            "Innovation's network of more than 40 partners. With a budget of €2 million, the call selected the "
            "strongest ideas and guided them towards becoming businesses, combining public grants with private "
            "capital.</p>"
        ),
        "results": (
            "<p>Of the 255 ideas submitted, 71 received support and 46 start-ups were backed. Around €420,000 of "
            "grants leveraged about €1.69 million of private investment.</p>"
        ),
        "key_figures": figures(
            fig("200+", "applications received", "tsi", FACILITO),
            fig("50+", "business-development programmes supported", "tsi", FACILITO),
            fig("€2 million", "budget of the call", "tsi", FACILITO),
            fig("46", "start-ups backed", "tsi", FACILITO),
            fig("≈ €1.69 million", "of private investment leveraged by about €420,000 of grants", "tsi", FACILITO),
        ),
    },
    "foundamenta": {
        "slug": "foundamenta",
        "title": "FOUNDAMENTA: free acceleration for young businesses",
        "summary": (
            "Torino Social Innovation and Rinascimenti Sociali offer young local businesses an acceleration "
            "programme with no participation fee."
        ),
        "partners": [("Rinascimenti Sociali", ""), ("City of Turin – Torino Social Innovation", "")],
        "challenge": (
            "<p>Once past the start-up phase, many young businesses stall: the product is there, but the method and "
            "the contacts needed to grow are not. An acceleration programme can make the difference, provided its "
            "cost does not shut out the smallest firms.</p>"
        ),
        "approach": (
            "<p>With FOUNDAMENTA the Torino Social Innovation platform joined forces with Rinascimenti Sociali to "
            "offer a free acceleration programme designed for young businesses in the Turin area.</p>"
        ),
        "results": (
            "<p>After FaciliTo Giovani, which focused on getting businesses started, the platform now also covers "
            "the next stage: the point at which a young company needs to consolidate and grow.</p>"
        ),
        "key_figures": [],
    },
    "open-incet-barriera-di-milano": {
        "slug": "open-incet-barriera-di-milano",
        "title": "Open Incet: open innovation in Barriera di Milano",
        "summary": (
            "Since 2015 the former Incet cable factory has housed the City's open-innovation centre. In 2022, 15 "
            "organisations and about 150 people worked there."
        ),
        "partners": [(CITY_OF_TURIN, "")],
        "challenge": (
            "<p>Barriera di Milano is an outlying district in the north of Turin. The former Incet plant, where "
            "cables used to be made, was a large industrial building waiting for a new purpose.</p>"
        ),
        "approach": (
            "<p>In 2015 the City opened its open-innovation centre there. Open Incet works with businesses, "
            "social-innovation ventures, digital creative communities and public administrations that are "
            "rethinking their social, cultural and welfare policies, and helps them find funding, grow and reach "
            "international markets.</p>"
        ),
        "results": (
            "<p>The centre covers about 1,000 square metres, with roughly 3,000 more planned in an extension. In "
            "2022 it housed 15 organisations, with about 150 people in all.</p>"
        ),
        "key_figures": figures(
            fig("≈ 1,000 m²", "floor area of the centre", "openincet", OPEN_INCET_2022),
            fig("+3,000 m²", "approximately, planned in the extension", "openincet", OPEN_INCET_2022),
            fig("15", "organisations based there", "openincet", OPEN_INCET_2022),
            fig("≈ 150", "people working at the centre", "openincet", OPEN_INCET_2022),
        ),
    },
    "living-lab-campidoglio": {
        "slug": "living-lab-campidoglio",
        "title": "Living Lab Campidoglio: 29 trials in one neighbourhood",
        "summary": (
            "From 2016 the Campidoglio neighbourhood was the test bed for smart-city solutions not yet on the "
            "market: 29 trials in environment, mobility and tourism, with residents taking part."
        ),
        "partners": [(CITY_OF_TURIN, "")],
        "challenge": (
            "<p>A sensor, an app or a mobility service can be designed in an office, but only the street, with "
            "real people, shows whether it works. Companies lacked a place to try out their solutions before "
            "selling them; the administration lacked clear rules for working with them.</p>"
        ),
        "approach": (
            "<p>In 2016 the City issued an open call to companies and made the Campidoglio neighbourhood available "
            "as a test area. New administrative tools kept the relationship with the companies transparent, while "
            "residents took part in the trials as they would in an open laboratory.</p>"
        ),
        "results": (
            "<p>There were 29 trials, covering environment, mobility and tourism. The experience was the starting "
            "point for Torino City Lab, which has applied the same approach to the whole city since October "
            "2018.</p>"
        ),
        "key_figures": figures(
            fig("29", "trials in environment, mobility and tourism", "tcl", LIVING_LAB),
        ),
    },
    "torino-city-lab": {
        "slug": "torino-city-lab",
        "title": "Torino City Lab: the whole city as an open-air laboratory",
        "summary": (
            "Since October 2018 the entire municipal area, about 130 km², has been open to anyone who wants to test "
            "new urban solutions. In the first year: 32 proposals, 18 taken forward, 40 partners."
        ),
        "partners": [(CITY_OF_TURIN, "https://torinocitylab.com/")],
        "challenge": (
            "<p>The Living Lab in Campidoglio had worked, but many solutions need space that a single neighbourhood "
            "cannot offer: a large park, a multi-lane avenue, areas with different uses. Keeping the trials to one "
            "neighbourhood meant turning some ideas away.</p>"
        ),
        "approach": (
            "<p>In October 2018 the City launched Torino City Lab, which makes the whole urban area, about 130 "
            "square kilometres, available as an open-air laboratory for anyone developing new solutions.</p>"
        ),
        "results": (
            "<p>In its first year it received 32 proposals; 18 were taken forward, with 40 partners involved. Field "
            "trials included drone flights over Parco Dora and autonomous vehicles on corso Galileo Ferraris. In "
            "2024 the jury of the European Capital of Innovation award singled out Torino City Lab.</p>"
        ),
        "key_figures": figures(
            fig("≈ 130 km²", "of the city open to trials", "tcl", CITY_LAB),
            fig("32", "proposals in the first year", "tcl", CITY_LAB),
            fig("18", "proposals taken forward", "tcl", CITY_LAB),
            fig("40", "partners in the first year", "tcl", CITY_LAB),
        ),
    },
    "droni-parco-dora": {
        "slug": "drones-over-parco-dora",
        "title": "Drones over Parco Dora",
        "summary": (
            "One of Torino City Lab's trials: drone flights over Parco Dora, in the north-west of the city, with a "
            "public park used as the test area."
        ),
        "partners": [("City of Turin – Torino City Lab", "https://torinocitylab.com/")],
        "challenge": (
            "<p>Drones promise new services, but flying them in a city raises questions of safety and of sharing "
            "public space with the people who use it. Before any large-scale use, they need to be tried out in real "
            "conditions.</p>"
        ),
        "approach": (
            "<p>Torino City Lab designated Parco Dora as a test area: a large open space where companies could see "
            "how their drones behave in an urban setting.</p>"
        ),
        "results": (
            "<p>The Parco Dora trials show how a public space, under clear rules, can host the testing of "
            "technologies that are still being developed.</p>"
        ),
        "key_figures": [],
    },
    "guida-autonoma-corso-galileo-ferraris": {
        "slug": "autonomous-driving-corso-galileo-ferraris",
        "title": "Autonomous driving on corso Galileo Ferraris",
        "summary": (
            "A major city avenue as a test track: on corso Galileo Ferraris, Torino City Lab hosted trials of "
            "autonomous vehicles."
        ),
        "partners": [("City of Turin – Torino City Lab", "https://torinocitylab.com/")],
        "challenge": (
            "<p>Autonomous vehicles have to learn to find their way through real traffic, with junctions, traffic "
            "lights, pedestrians and cyclists. Closed test tracks cannot show how they will behave in a city.</p>"
        ),
        "approach": (
            "<p>As part of Torino City Lab, corso Galileo Ferraris was chosen as the stretch of city street for the "
            "trials: the City provided the road, and the companies brought the vehicles and technologies to be "
            "tested.</p>"
        ),
        "results": (
            "<p>It is one of the trials that shaped Torino City Lab: a public street used as a laboratory, under "
            "rules agreed between the administration and the companies.</p>"
        ),
        "key_figures": [],
    },
    "firstlife-mappa-periferie": {
        "slug": "firstlife-civic-map",
        "title": "FirstLife: a civic map of the city's outer districts",
        "summary": (
            "The University of Turin's map-based social network helps residents and institutions identify, "
            "together, the places, resources and problems of outlying neighbourhoods. It was selected by the "
            "European project WeGovNow."
        ),
        "partners": [
            ("University of Turin – Department of Computer Science", "https://www.firstlife.org/"),
            ("City of Turin – WeGovNow project", ""),
        ],
        "challenge": (
            "<p>The people who live in a neighbourhood know things no database records: the courtyard where "
            "neighbours meet, the pavement that is always blocked, the association that opens its doors in the "
            "evening. That knowledge rarely reaches the people who take decisions.</p>"
        ),
        "approach": (
            "<p>The University of Turin's Department of Computer Science developed FirstLife, an interactive map "
            "where open data sits alongside information gathered by residents, who can edit it and add to it. The "
            "platform works at the scale of the neighbourhood and has been used to map, with the people who live "
            "there, the places, resources, problems and changes of Turin's outer districts.</p>"
        ),
        "results": (
            "<p>FirstLife was selected by WeGovNow, a European project won by the City of Turin. A tool born at "
            "the university thus became part of the administration's work with residents.</p>"
        ),
        "key_figures": [],
    },
    "toolbox-fablab-officine-arduino": {
        "slug": "toolbox-fablab-officine-arduino",
        "title": "Toolbox, FabLab Torino and Officine Arduino",
        "summary": (
            "Co-working and digital fabrication workshops in the Lingotto area: within a few years they became "
            "national and international reference points for people who design and make things."
        ),
        "partners": [("Toolbox", ""), ("FabLab Torino", ""), ("Officine Arduino", "")],
        "challenge": (
            "<p>Turning an idea into an object takes expensive equipment and a range of skills that a single "
            "designer or a small firm will find hard to bring together.</p>"
        ),
        "approach": (
            "<p>Toolbox, FabLab Torino and Officine Arduino answered with shared spaces: co-working desks, digital "
            "fabrication machines and a community of people who swap skills.</p>"
        ),
        "results": (
            "<p>Within a few years these places became reference points in Italy and abroad, and they helped "
            "regenerate whole parts of the city.</p>"
        ),
        "key_figures": [],
    },
    "environment-park": {
        "slug": "environment-park",
        "title": "Environment Park: the technology park on the Dora",
        "summary": (
            "On via Livorno, a few hundred metres from Parco Dora: Turin's science and technology park for "
            "environmental technologies."
        ),
        "partners": [],
        "challenge": (
            "<p>Environmental technologies need places where solutions can be developed and tested before they go "
            "to market, close to the companies that might adopt them.</p>"
        ),
        "approach": (
            "<p>On via Livorno, Environment Park brings together offices, laboratories and space for companies "
            "working on environmental technologies, in the redevelopment area along the river Dora.</p>"
        ),
        "results": (
            "<p>The park is part of the ecosystem with which Turin presented itself to Europe as a city open to "
            "innovation, alongside the City's own programmes and spaces that grew from the grassroots.</p>"
        ),
        "key_figures": [],
    },
    "ogr-cerimonia-capitali-innovazione-2025": {
        "slug": "ogr-european-capital-of-innovation-ceremony-2025",
        "title": "The European Capital of Innovation ceremony at the OGR",
        "summary": (
            "A year after winning the title, Turin hosted the ceremony for the next edition of the European "
            "innovation award at the OGR on 3 and 4 December 2025."
        ),
        "partners": [(CITY_OF_TURIN, "")],
        "challenge": (
            "<p>On 13 November 2024, in Lisbon, Turin was named European Capital of Innovation. A year later it "
            "was the city's turn to host the ceremony for the award's next edition.</p>"
        ),
        "approach": (
            "<p>The ceremony took place on 3 and 4 December 2025 at the OGR, the former Officine Grandi Riparazioni "
            "railway workshops on corso Castelfidardo.</p>"
        ),
        "results": (
            "<p>Within ten years Turin had gone from finalist to winner of the award, and then to host of its "
            "ceremony.</p>"
        ),
        "key_figures": figures(
            fig(
                "€1 million",
                "the prize that came with the 2024 European Capital of Innovation title",
                "icapital2024",
                ICAPITAL_2024,
            ),
        ),
    },
}

# --- news -------------------------------------------------------------------------------------

NEWS_INDEX = {
    "slug": "news",
    "title": "News",
    "introduction": "Awards, rankings and milestones on Turin's path as a city of innovation, from 2016 to today.",
}

NEWS = {
    "torino-seconda-capitale-europea-innovazione-2016": {
        "slug": "turin-runner-up-european-capital-of-innovation-2016",
        "title": "Turin is runner-up for European Capital of Innovation 2016",
        "summary": (
            "In Brussels the European Commission presents its 2016 iCapital award: Amsterdam wins, and Turin comes "
            "second, ahead of Paris, with a prize of €100,000."
        ),
        "body": [
            para(
                "<p>Brussels, 8 April 2016. The second edition of the European Capital of Innovation award "
                "(iCapital), run by the European Commission, ends with Turin on the podium. Amsterdam wins and "
                "takes €950,000; Turin is second, with €100,000; Paris is third, with €50,000.</p>"
                "<p>The competition opened with 36 applications from 12 countries. Nine cities reached the final: "
                "besides the three prize-winners, Berlin, Eindhoven, Glasgow, Milan, Oxford and Vienna.</p>"
            ),
            heading("Why Turin"),
            para(
                "<p>The jury praised the open-innovation models through which Turin supports social-innovation "
                "start-ups and creates new markets for urban solutions: two strengths that point to programmes such "
                "as Torino Social Innovation and Open Incet.</p>"
            ),
            key_figures(
                "The award in figures",
                fig("2nd", "place among 9 finalist cities", "icapital2016", ICAPITAL_2016),
                fig("€100,000", "prize for second place", "icapital2016", ICAPITAL_2016),
                fig("36", "cities applied", "icapital2016", ICAPITAL_2016),
                fig("12", "countries represented", "icapital2016", ICAPITAL_2016),
            ),
        ],
    },
    "perche-il-modello-torinese-ha-convinto-europa": {
        "slug": "why-turins-model-won-europe-over",
        "title": "Why Turin's model won Europe over",
        "summary": (
            "Citizens first, broadband, digital services and a City able to bring the players together: what lies "
            "behind Turin's second place in the 2016 iCapital award."
        ),
        "body": [
            para(
                "<p>Two weeks after the Brussels ceremony, it is worth asking what weighed most with the jury. The "
                "idea of a smart city behind the award has less to do with technology than one might think: "
                "citizens come first, and broadband and digital services are the means of serving them better.</p>"
            ),
            heading("Three capacities under scrutiny"),
            para(
                "<p>The assessment looked at three capacities: that of the institutions to invest in services for "
                "citizens; that of the infrastructure to absorb change; and that of the community to equip itself "
                "with integrated, effective platforms for delivering services.</p>"
            ),
            heading("Beyond the university–industry axis"),
            para(
                "<p>At the time, the City's councillor for the Environment and Innovation was Enzo Lavolta. In its "
                "application Turin did not present itself simply as a city of universities and industry, but as one "
                "open to new combinations of creativity, knowledge and economic models, put to work on the real "
                "problems of urban life.</p>"
            ),
            quote(
                SOLE_24_ORE_QUOTE,
                "Il Sole 24 Ore",
                "Quotidiano Enti Locali & PA, “Innovazione aperta, modelli italiani a confronto con l'Europa” "
                "(editorial summary)",
            ),
            para(
                "<p>That is what sets Turin apart: not a single flagship project, but a system in which the "
                "administration is the glue between businesses, universities, foundations and citizens.</p>"
            ),
        ],
    },
    "icity-rate-2017-torino-settima": {
        "slug": "icity-rate-2017-turin-seventh",
        "title": "ICity Rate 2017: Turin climbs to seventh place",
        "summary": (
            "In FPA's ranking of Italy's smart cities Turin is seventh, four places higher than in 2015, when it "
            "was eleventh."
        ),
        "body": [
            para(
                "<p>In the 2017 edition of ICity Rate, the ranking in which FPA compares Italy's provincial capitals "
                "as smart cities, Turin is in seventh place.</p>"
                "<p>A comparison with 2015 shows how far the city has come. Two years earlier it was eleventh, with "
                "a very uneven profile: third for governance, 82nd for the environment.</p>"
            ),
            key_figures(
                "Turin in ICity Rate",
                fig("7th", "place in 2017", "icity2017", ICITY[2017]),
                fig("11th", "place in 2015", "icity2015", ICITY[2015]),
                fig("3rd", "for governance in 2015", "icity2015", ICITY[2015]),
                fig("82nd", "for the environment in 2015", "icity2015", ICITY[2015]),
            ),
        ],
    },
    "nasce-torino-city-lab": {
        "slug": "torino-city-lab-launched",
        "title": "Torino City Lab launches: the whole city becomes a laboratory",
        "summary": (
            "After the trials in the Campidoglio neighbourhood, the City opens its entire municipal area to "
            "companies: about 130 square kilometres for testing urban solutions in real conditions."
        ),
        "body": [
            para(
                "<p>In Campidoglio, Torino Living Lab showed that a neighbourhood can be a test bed for urban "
                "technologies: 29 trials in environment, mobility and tourism, with residents involved. With Torino "
                "City Lab, launched in October 2018, the same approach extends to the whole city.</p>"
            ),
            heading("How it works"),
            para(
                "<p>Companies with a solution to test in real conditions can propose it to the City, which makes "
                "streets, parks and public spaces available. Transparent rules and the involvement of residents, "
                "both tried out in Campidoglio, remain the guiding principles.</p>"
            ),
            key_figures(
                "From one neighbourhood to the whole city",
                fig("29", "Living Lab trials in Campidoglio", "tcl", LIVING_LAB),
                fig("≈ 130 km²", "of the city open to Torino City Lab", "tcl", CITY_LAB),
            ),
        ],
    },
    "icity-rate-2019-torino-quinta": {
        "slug": "icity-rate-2019-turin-fifth",
        "title": "ICity Rate 2019: Turin is fifth among Italy's smart cities",
        "summary": (
            "Turin gains another place in FPA's smart-city ranking and comes fifth, after eleventh place in 2015, "
            "seventh in 2017 and sixth in 2018."
        ),
        "body": [
            para(
                "<p>The 2019 edition of ICity Rate confirms the trend of recent years: Turin rises to fifth place "
                "among Italy's provincial capitals.</p>"
                "<p>Read as a series, the ranking shows steady progress: from eleventh in 2015 to seventh in 2017, "
                "then sixth in 2018 and fifth in 2019. In 2015 the city was already third for governance, but 82nd "
                "for the environment.</p>"
            ),
            key_figures(
                "Four editions compared",
                fig("11th", "in 2015", "icity2015", ICITY[2015]),
                fig("7th", "in 2017", "icity2017", ICITY[2017]),
                fig("6th", "in 2018", "icity2018", ICITY[2018]),
                fig("5th", "in 2019", "icity2019", ICITY[2019]),
            ),
            para("<p>The full series, with every source, is on the Rankings page.</p>"),
        ],
    },
    "torino-capitale-europea-innovazione-2024": {
        "slug": "turin-european-capital-of-innovation-2024",
        "title": "Turin is European Capital of Innovation 2024",
        "summary": (
            "At Web Summit in Lisbon Turin wins the European title and a €1 million prize. Espoo comes second and "
            "the West Midlands third."
        ),
        "body": [
            para(
                "<p>Lisbon, 13 November 2024. Eight years after coming second in Brussels, Turin wins the title of "
                "European Capital of Innovation. The announcement is made on stage at Web Summit: the city receives "
                "a €1 million prize, ahead of Espoo, in Finland, and the West Midlands, in the United Kingdom.</p>"
            ),
            heading("What convinced the jury"),
            para(
                "<p>The jury highlighted three initiatives: Torino City Lab, which since 2018 has turned the city "
                "into an open-air laboratory for new technologies; CTE Next, Turin's House of Emerging "
                "Technologies; and Torino Social Impact.</p>"
            ),
            heading("New rules, same city"),
            para(
                "<p>The criteria have changed since 2016, and there are now six: experimentation; accelerating "
                "start-ups and small and medium-sized enterprises; building ecosystems that link the public sector, "
                "industry, academia and citizens; becoming a model for other cities; an innovative vision; and "
                "citizens' rights. Applications were limited to 30 pages and had to be endorsed by the mayor, and "
                "they were followed by hearings before the jury.</p>"
            ),
            key_figures(
                "The title in figures",
                fig("1st", "European Capital of Innovation 2024", "icapital2024", ICAPITAL_2024),
                fig("€1 million", "prize awarded to Turin", "icapital2024", ICAPITAL_2024),
            ),
        ],
    },
    "cerimonia-capitali-innovazione-ogr-2025": {
        "slug": "european-capital-of-innovation-ceremony-ogr-2025",
        "title": "The European Capital of Innovation ceremony comes to the OGR",
        "summary": (
            "On 3 and 4 December 2025 Turin, European Capital of Innovation 2024, hosts the ceremony for the "
            "award's new edition at the OGR."
        ),
        "body": [
            para(
                "<p>A year after its win in Lisbon, Turin moves from prize-winner to host. On 3 and 4 December 2025 "
                "the OGR on corso Castelfidardo hosts the ceremony for the new edition of the European Capital of "
                "Innovation award.</p>"
                "<p>It closes a circle that opened in 2016, when Turin came second in Brussels: in less than ten "
                "years the city has gone from finalist to winner, and then to host of the ceremony.</p>"
            ),
        ],
    },
}

# --- ranking page -----------------------------------------------------------------------------

RANKING = {
    "slug": "rankings",
    "title": "Rankings",
    "introduction": (
        "A European award and a national index measure urban innovation in different ways. Taken together, "
        "they trace Turin's path: second in Europe in 2016, fifth in Italy in 2019, European Capital of Innovation "
        "in 2024."
    ),
    "key_figures": figures(
        fig("2nd", "in Europe in the 2016 iCapital award", "icapital2016", ICAPITAL_2016),
        fig("5th", "among Italian cities in ICity Rate 2019", "icity2019", ICITY[2019]),
        fig("1st", "European Capital of Innovation 2024", "icapital2024", ICAPITAL_2024),
    ),
    "body": [
        heading("What a smart-city ranking measures"),
        para(
            "<p>In the language of these awards, a smart city is not simply a matter of technology. What counts is "
            "attention to citizens, broadband networks and digital services. In 2016 the assessment looked at three "
            "capacities: investing in services for people, having infrastructure able to absorb change, and giving "
            "the community integrated, effective platforms for delivering services.</p>"
        ),
        heading("iCapital 2016: second in Europe"),
        para(
            "<p>The European Commission examined 36 applications from 12 countries, covering initiatives launched "
            "since 1 January 2012. There were five criteria:</p>"
            "<ul>"
            "<li><b>Innovative</b>: new concepts, processes and tools;</li>"
            "<li><b>Inspiring</b>: the ability to attract talent, resources, funding and investment;</li>"
            "<li><b>Integrated</b>: an approach that covers the whole innovation ecosystem;</li>"
            "<li><b>Interactive</b>: genuine involvement of citizens;</li>"
            "<li><b>Impactful</b>: the ability to deliver the impact the prize looks for, with sustainable plans to "
            "scale up.</li>"
            "</ul>"
        ),
        ranking_table(
            "European Capital of Innovation (iCapital) 2016: the nine finalists",
            ["Prize"],
            [
                ("1st", "Amsterdam", False, ["€950,000"]),
                ("2nd", "Turin", True, ["€100,000"]),
                ("3rd", "Paris", False, ["€50,000"]),
                ("Finalist", "Berlin", False, ["—"]),
                ("Finalist", "Eindhoven", False, ["—"]),
                ("Finalist", "Glasgow", False, ["—"]),
                ("Finalist", "Milan", False, ["—"]),
                ("Finalist", "Oxford", False, ["—"]),
                ("Finalist", "Vienna", False, ["—"]),
            ],
            "icapital2016",
            ICAPITAL_2016,
        ),
        quote(SOLE_24_ORE_QUOTE, "Il Sole 24 Ore", "Quotidiano Enti Locali & PA (editorial summary)"),
        heading("ICity Rate: the climb in Italy"),
        para(
            "<p>At national level the benchmark is ICity Rate, FPA's ranking of Italy's provincial capitals. Turin "
            "was eleventh in 2015, with a two-speed profile: third for governance, 82nd for the environment. In the "
            "years that followed it rose to seventh (2017), sixth (2018) and fifth (2019).</p>"
        ),
        ranking_table(
            "Turin in FPA's ICity Rate ranking of Italian provincial capitals, 2015–2019",
            ["Edition", "Notes", "Source"],
            [
                ("11th", "Turin", False, ["2015", "3rd for governance, 82nd for the environment", "TorinoToday"]),
                ("7th", "Turin", False, ["2017", "—", "Mole24"]),
                ("6th", "Turin", False, ["2018", "—", "eNordovest"]),
                ("5th", "Turin", True, ["2019", "—", "Corriere della Sera"]),
            ],
            "icity2019",
            ICITY[2019],
            source_name="FPA ICity Rate, as reported by TorinoToday, Mole24, eNordovest and Corriere della Sera",
        ),
        heading("iCapital 2024: the title"),
        para(
            "<p>Meanwhile the European award changed its rules. From 2017 to 2020 there were four criteria: "
            "Experimenting, Engaging, Expanding and Empowering. Since 2023 there have been six: experimentation; "
            "accelerating start-ups and SMEs; building ecosystems across the public sector, industry, academia and "
            "citizens; becoming a model for other cities; an innovative vision; and citizens' rights.</p>"
            "<p>Under these rules, on 13 November 2024 Turin won the title of European Capital of Innovation. The "
            "jury highlighted Torino City Lab, CTE Next and Torino Social Impact.</p>"
        ),
        ranking_table(
            "European Capital of Innovation 2024: the podium",
            ["Result", "Notes"],
            [
                (
                    "1st",
                    "Turin",
                    True,
                    [
                        "European Capital of Innovation, with a €1 million prize",
                        "The jury highlighted Torino City Lab, CTE Next and Torino Social Impact",
                    ],
                ),
                ("2nd", "Espoo", False, ["Runner-up", "—"]),
                ("3rd", "West Midlands", False, ["Third place", "—"]),
            ],
            "icapital2024",
            ICAPITAL_2024,
        ),
        map_block("Where innovation happens in Turin", show="all"),
    ],
}

# --- standard pages ---------------------------------------------------------------------------

STANDARD_PAGES = {
    "chi-siamo": {
        "slug": "about",
        "title": "About",
        "introduction": (
            "Torino Innovation brings together, on one site, the programmes, places and results that took Turin "
            "from European finalist to European Capital of Innovation."
        ),
        "body": [
            heading("What you will find here"),
            para(
                "<ul>"
                "<li><b>Programmes</b>: the initiatives of the City and its partners, from Innova.TO to Torino City "
                "Lab;</li>"
                "<li><b>Projects</b>: real cases, each one on the map, which you can filter by programme, theme and "
                "district;</li>"
                "<li><b>News</b>: awards, rankings and milestones along the way;</li>"
                "<li><b>Rankings</b>: how Turin has fared in European and national comparisons.</li>"
                "</ul>"
            ),
            heading("Every figure has a source"),
            para(
                "<p>Every figure on this site comes with its source, linked to the original document, and the date "
                "it refers to. If you spot a figure that is out of date or inaccurate, please tell us: we will check "
                "it and, if necessary, correct it.</p>"
            ),
            picture("home", "Turin and its Mole: the illustration that opens the site."),
            heading("Who runs the site"),
            para(
                "<p>The site is run by the City of Turin. The texts are written by the editorial team from public "
                "sources; the illustrations are original artwork.</p>"
            ),
            contacts("Write to the editorial team", "redazione"),
        ],
    },
    "contatti-stampa": {
        "slug": "press-contacts",
        "title": "Press contacts",
        "introduction": "For journalists' enquiries about the programmes, projects and data published on this site.",
        "body": [
            para(
                "<p>Please write to the press office with the name of your publication, your subject and your "
                "deadline. To check a figure, quote the page on which it appears: every figure on the site gives "
                "its source and the date it refers to.</p>"
            ),
            contacts("Contacts", "stampa", "redazione"),
            heading("Images and background material"),
            para(
                "<p>For project images and background material, please contact the press office, which will put you "
                "in touch with the people responsible for each programme.</p>"
            ),
        ],
    },
    "accessibilita": {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "introduction": (
            "The City of Turin is committed to making this website accessible to everyone, as required by Italian "
            "Law 4/2004 and by the accessibility guidelines of AgID, the Agency for Digital Italy."
        ),
        "body": [
            heading("Compliance status"),
            para(
                "<p>The site is designed to meet the EN 301 549 standard and WCAG 2.1 at level AA. An assessment "
                "of its conformity is under way, and this statement will be updated with the outcome.</p>"
            ),
            heading("How the site is built"),
            para(
                "<ul>"
                "<li>every page has a single main heading, and its headings follow a logical order;</li>"
                "<li>a link at the top of every page lets you skip straight to the content;</li>"
                "<li>everything can be done from the keyboard, and the element in focus is always "
                "highlighted;</li>"
                "<li>every map comes with a text list of the same places, which can be read without "
                "JavaScript;</li>"
                "<li>every figure states its source and the date it refers to.</li>"
                "</ul>"
            ),
            heading("Content that is not accessible"),
            para(
                "<p>The background images of the maps, the OpenStreetMap tiles, have no text alternative. The "
                "information that matters, where the projects are, is always available in the list that accompanies "
                "each map.</p>"
            ),
            heading("Feedback"),
            para(
                "<p>If you come across a barrier, write to us with the page and the problem, and we will reply "
                "within 30 days. If our reply is unsatisfactory, or you receive none, you can turn to the Digital "
                "Ombudsman (Difensore civico per il digitale) at AgID.</p>"
            ),
            contacts("Reporting a problem", "redazione"),
        ],
    },
    "privacy": {
        "slug": "privacy-and-cookies",
        "title": "Privacy and cookies",
        "introduction": "How this site handles visitors' data, and which cookies it uses.",
        "body": [
            heading("Cookies"),
            para(
                "<p>The public pages of Torino Innovation leave no cookies in your browser. We use no profiling "
                "cookies and no third-party analytics or advertising tools, which is why we do not ask for your "
                "consent. The cookie notice gives the details.</p>"
                "<p>The editors' private area uses session and security cookies to recognise who signs in and to "
                "protect its forms.</p>"
            ),
            heading("Maps"),
            para(
                "<p>The project maps show OpenStreetMap tiles, which your browser downloads directly from the "
                "OpenStreetMap Foundation's servers; in doing so it sends them your IP address, as it would for any "
                "web resource. The site passes no other data to third parties. Even without these images, the maps "
                "can still be read as a list of places.</p>"
            ),
            heading("Browsing data"),
            para(
                "<p>Like any web server, the servers that host this site record technical data about requests (IP "
                "address, page requested, date and time). This data is used only to keep the service secure and "
                "working properly, and is kept no longer than strictly necessary.</p>"
            ),
            heading("Data controller and your rights"),
            para(
                "<p>The data controller is the City of Turin, piazza Palazzo di Città 1, 10122 Torino. You can "
                "exercise the rights set out in Articles 15–22 of Regulation (EU) 2016/679, the GDPR, at any time, "
                "including the rights of access, rectification, erasure and objection, by writing to the editorial "
                "team. You also have the right to lodge a complaint with the Italian Data Protection Authority "
                "(Garante per la protezione dei dati personali).</p>"
            ),
            contacts("Contacts", "redazione"),
        ],
    },
    "note-legali": {
        "slug": "legal-notice",
        "title": "Legal notice",
        "introduction": "The terms on which the content of Torino Innovation may be used.",
        "body": [
            heading("Content"),
            para(
                "<p>The texts, illustrations and data on this site are published by the City of Turin for "
                "information. Each figure comes from the source shown next to it; please refer to those sources for "
                "official, up-to-date values.</p>"
            ),
            heading("Quoting"),
            para(
                "<p>You may quote the content, citing the source (“Torino Innovation – City of Turin”) and linking "
                "to the page. For any other use, please write to the editorial team.</p>"
            ),
            heading("External links"),
            para(
                "<p>The site links to third-party websites so that sources can be checked. The City of Turin is not "
                "responsible for their content or for how they handle data.</p>"
            ),
        ],
    },
}
