"""Every page type renders for a visitor, with realistic content built by the factories."""

import pytest

from base.blocks import RankingTableBlock
from tests import factories
from tests.demo_database import kept
from tests.page_types import PAGE_TYPES, name


@kept
def rich_tree(home_page, programme, project, news_index, ranking_page, image, criteria):
    """A site with content in every block the editors can use."""
    contact = factories.ContactFactory(name="Ufficio stampa", role="Città di Torino")
    home_page.hero_image = image
    home_page.featured_programmes.create(programme=programme)
    home_page.body = [
        factories.heading("La città laboratorio"),
        factories.paragraph(),
        factories.map_block(heading_text="Tutti i progetti"),
    ]
    home_page.save_revision().publish()

    programme.hero_image = image
    programme.body = [factories.paragraph(), factories.map_block("programmes", programmes=[programme])]
    programme.save_revision().publish()

    project.hero_image = image
    project.gallery = [{"type": "image", "value": {"image": image.pk, "alt_text": "Il cantiere", "decorative": False}}]
    project.save_revision().publish()

    standard = factories.StandardPageFactory(
        parent=home_page,
        title="Contatti per la stampa",
        slug="stampa",
        hero_image=image,
        body=[
            factories.heading("Chi contattare"),
            factories.contacts_block(contact),
            factories.figure_block(image),
            factories.key_figures_block(factories.key_figure(value="8", label="Circoscrizioni")),
            factories.map_block("projects", projects=[project]),
        ],
    )
    news = factories.NewsPageFactory(
        parent=news_index,
        title="Aperto il laboratorio in Barriera",
        hero_image=image,
        body=[factories.paragraph(), factories.figure_block(image)],
    )
    news.tags.add("quartieri")
    news.related_programmes.add(programme)
    news.related_projects.add(project)
    news.save_revision().publish()
    return {
        "home": home_page,
        "standard": standard,
        "ranking": ranking_page,
        "programme_index": programme.get_parent().specific,
        "programme": programme,
        "project_index": project.get_parent().specific,
        "project": project,
        "news_index": news_index,
        "news": news,
        "dossier": factories.DossierPageFactory(parent=home_page),
        "press_room": factories.PressRoomPageFactory(parent=home_page),
        "open_data": factories.OpenDataPageFactory(parent=home_page),
        "contact": contact,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=name)
def test_every_page_type_renders(client, rich_tree, model):
    [page] = [page for page in rich_tree.values() if type(page) is model]
    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert page.title in html
    assert html.count("<h1") == 1
    assert '<html lang="it"' in html


@pytest.mark.django_db
def test_home_page_shows_its_content(client, rich_tree):
    html = client.get("/").content.decode()

    assert "Torino è una città che sperimenta" in html
    assert "Torino Social Innovation" in html  # featured programme
    assert rich_tree["project"].url in html  # on the map's list
    assert "Aperto il laboratorio in Barriera" in html  # latest news
    assert "Commissione europea" in html  # the key figure's source


@pytest.mark.django_db
def test_project_page_shows_its_case_study(client, rich_tree):
    project = rich_tree["project"]
    html = client.get(project.url).content.decode()

    for text in ("Spazi vuoti", "Un laboratorio aperto con scuole", "Trenta iniziative", "Barriera di Milano"):
        assert text in html
    assert "Torino Social Innovation" in html
    assert 'data-lat="45.0906"' in html and 'data-lng="7.6996"' in html


@pytest.mark.django_db
def test_ranking_page_shows_a_table_with_caption(client, rich_tree):
    html = client.get(rich_tree["ranking"].url).content.decode()

    table = RankingTableBlock.example()  # what the factory's ranking page holds
    assert "<table" in html
    assert "<caption" in html
    assert table["caption"] in html
    for row in table["rows"]:
        assert row["value"]["city"] in html


@pytest.mark.django_db
def test_standard_page_shows_contacts_and_figures(client, rich_tree):
    html = client.get(rich_tree["standard"].url).content.decode()

    assert rich_tree["contact"].email in html
    assert "Circoscrizioni" in html
    assert "https://research-and-innovation.ec.europa.eu/" in html  # the figure's source link
    assert "Il laboratorio di quartiere" in html  # the figure's caption


@pytest.mark.django_db
def test_news_page_links_related_pages(client, rich_tree):
    html = client.get(rich_tree["news"].url).content.decode()

    assert rich_tree["programme"].url in html
    assert rich_tree["project"].url in html


@pytest.mark.django_db
def test_unknown_url_is_a_404_page(client, home_page):
    response = client.get("/non-esiste/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_draft_pages_are_not_served(client, project_index):
    draft = factories.ProjectPageFactory(parent=project_index, title="Bozza", slug="bozza", live=False)

    assert draft.url == "/progetti/bozza/"
    assert client.get("/progetti/bozza/").status_code == 404
