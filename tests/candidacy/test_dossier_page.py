"""The candidacy dossier page: its sections and its matrix show exactly the evidence recorded in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, streamfield

from tests import admin_forms, factories

DOSSIER_URL = "/dossier/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_evidence(html, criterion):
    """{title of each evidence card in the criterion's section}."""
    section = html.find(id=criterion.anchor)
    assert section is not None, f"no section for {criterion.code}"
    return {card.find(["h3"]).get_text(strip=True) for card in section.select(".card--evidence")}


def matrix(html):
    """{(criterion name, column heading): count} for every cell that links to evidence, and the links."""
    table = html.select_one("table.dossier-matrix")
    if table is None:
        return {}, []
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    cells, links = {}, []
    for row in table.select("tbody tr"):
        name = row.find("th").get_text(strip=True)
        for column, td in zip(columns, row.find_all("td"), strict=True):
            link = td.find("a")
            if link:
                cells[(name, column)] = int(link.get_text(" ", strip=True).split()[1])
                links.append(link["href"])
    return cells, links


@pytest.fixture
def evidence_tree(dossier_page, programme_index, project_index, criteria):
    """Two programmes and three projects; evidence on some of them."""
    experimentation, ecosystems, _rights = criteria
    living_lab = factories.ProgrammePageFactory(parent=programme_index, title="Torino Living Lab")
    open_incet = factories.ProgrammePageFactory(parent=programme_index, title="Open Incet")
    drones = factories.ProjectPageFactory(parent=project_index, title="Droni al Parco Dora", programme=living_lab)
    shuttle = factories.ProjectPageFactory(parent=project_index, title="Navetta autonoma", programme=living_lab)
    park = factories.ProjectPageFactory(parent=project_index, title="Environment Park", programme=None)
    factories.add_evidence(living_lab, experimentation, "Prove in condizioni reali in tutta la città.")
    factories.add_evidence(drones, experimentation, "Un parco pubblico come area di prova.")
    factories.add_evidence(open_incet, ecosystems, "Imprese e comunità sotto lo stesso tetto.")
    factories.add_evidence(park, ecosystems, "Il parco tecnologico sulla Dora.")
    return {"living_lab": living_lab, "open_incet": open_incet, "drones": drones, "shuttle": shuttle, "park": park}


@pytest.mark.django_db
def test_sections_and_matrix_show_the_recorded_evidence(client, evidence_tree, criteria):
    experimentation, ecosystems, rights = criteria

    html = soup(client.get(DOSSIER_URL))

    assert section_evidence(html, experimentation) == {"Torino Living Lab", "Droni al Parco Dora"}
    assert section_evidence(html, ecosystems) == {"Open Incet", "Environment Park"}
    assert section_evidence(html, rights) == set()
    assert _("No evidence has been recorded for this criterion yet.") in html.find(id=rights.anchor).get_text()
    # The programme's own evidence comes first, then its projects'; the justification is on the card.
    section = html.find(id=experimentation.anchor)
    assert [h.get_text(strip=True) for h in section.select(".card--evidence h3")][0] == "Torino Living Lab"
    assert "Un parco pubblico come area di prova." in section.get_text()
    cells, links = matrix(html)
    assert cells == {
        ("Sperimentazione", "Torino Living Lab"): 2,
        ("Costruire ecosistemi", "Open Incet"): 1,
        ("Costruire ecosistemi", _("Other projects")): 1,
    }
    # Every cell leads to evidence on the page.
    for href in links:
        assert href.startswith("#") and html.find(id=href[1:]) is not None, href


@pytest.mark.django_db
def test_evidence_added_in_the_admin_appears(admin_client, client, evidence_tree, criteria):
    rights = criteria[2]
    shuttle = evidence_tree["shuttle"]
    data = admin_forms.project_page_form(
        programme=shuttle.programme,
        title=shuttle.title,
        slug=shuttle.slug,
        evidence=inline_formset(
            [
                {
                    "criterion": str(rights.pk),
                    "justification": "I residenti scelgono il percorso della navetta.",
                    "key_figures": streamfield([]),
                }
            ]
        ),
    )

    response = admin_client.post(admin_forms.edit_url(shuttle), data)

    assert response.status_code == 302
    html = soup(client.get(DOSSIER_URL))
    assert section_evidence(html, rights) == {"Navetta autonoma"}
    assert "I residenti scelgono il percorso della navetta." in html.find(id=rights.anchor).get_text()
    cells, _links = matrix(html)
    assert cells[("Diritti dei cittadini", "Torino Living Lab")] == 1


@pytest.mark.django_db
def test_unpublished_or_private_pages_disappear(admin_client, client, evidence_tree, criteria):
    experimentation, ecosystems, _rights = criteria

    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[evidence_tree["drones"].pk]))
    assert response.status_code == 302
    PageViewRestriction.objects.create(page=evidence_tree["open_incet"], restriction_type="login")

    html = soup(client.get(DOSSIER_URL))
    assert section_evidence(html, experimentation) == {"Torino Living Lab"}
    assert section_evidence(html, ecosystems) == {"Environment Park"}
    cells, _links = matrix(html)
    assert ("Sperimentazione", "Torino Living Lab") in cells and cells[("Sperimentazione", "Torino Living Lab")] == 1
    assert "Open Incet" not in html.select_one("table.dossier-matrix").get_text()


@pytest.mark.django_db
def test_a_private_programme_is_not_named_in_the_list_of_places(client, evidence_tree):
    """Its projects' evidence stays, among the other projects, and the map's list of places under it does not name
    the programme either (``ProjectPage.public_programme``)."""
    PageViewRestriction.objects.create(page=evidence_tree["living_lab"], restriction_type="password", password="x")

    html = soup(client.get(DOSSIER_URL))

    assert "Droni al Parco Dora" in html.select_one(".place-list").get_text()
    assert "Torino Living Lab" not in html.get_text()


@pytest.mark.django_db
def test_evidence_in_another_edition_or_language_is_left_out(client, evidence_tree, locale_en):
    other_edition = factories.AwardCriterionFactory(edition=2016, code="innovative", name="Innovative")
    factories.add_evidence(evidence_tree["shuttle"], other_edition, "Prova per l'edizione 2016.")

    html = soup(client.get(DOSSIER_URL))

    assert "Prova per l'edizione 2016." not in html.get_text()
    assert html.find(id=other_edition.anchor) is None


@pytest.mark.django_db
def test_matrix_is_an_accessible_table(client, evidence_tree, criteria):
    html = soup(client.get(DOSSIER_URL))
    table = html.select_one("table.dossier-matrix")

    assert table.find("caption").get_text(strip=True)
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    assert [th["scope"] for th in table.select("tbody th")] == ["row"] * len(criteria)
    # The scroll container is named by the caption, and each link says what it counts.
    region = table.find_parent(attrs={"role": "region"})
    assert region["aria-labelledby"] == table.find("caption")["id"]
    assert all(link.select_one(".visually-hidden") for link in table.select("td a"))
    # Contents link to every section.
    contents = [a["href"] for a in html.select(".dossier-contents a")]
    assert contents == ["#at-a-glance"] + [f"#{criterion.anchor}" for criterion in criteria]


@pytest.mark.django_db
def test_a_dossier_for_an_edition_without_criteria_explains_itself(client, home_page):
    factories.DossierPageFactory(parent=home_page, edition=2031)

    response = client.get(DOSSIER_URL)
    html = soup(response)

    assert "2031" in html.select_one(".notice").get_text()
    assert html.select_one("table.dossier-matrix") is None
    assert client.get(DOSSIER_URL + "print/").status_code == 200


@pytest.mark.django_db
def test_print_view_has_the_same_content_without_scripts(client, evidence_tree, criteria):
    html = soup(client.get(DOSSIER_URL + "print/"))

    assert html.find("script") is None
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert len(html.find_all("h1")) == 1
    assert section_evidence_print(html, criteria[0]) == {"Torino Living Lab", "Droni al Parco Dora"}
    # Every piece of evidence gives its full address, for paper.
    urls = [a["href"] for a in html.select(".dossier-evidence__url a")]
    assert urls and all(url.startswith("http://localhost/") for url in urls)
    # Nothing is loaded from another site.
    for tag in html.find_all(src=True) + html.find_all("link", href=True):
        assert not (tag.get("src") or tag["href"]).startswith(("http://", "https://", "//")) or tag.get("rel") == [
            "canonical"
        ], tag


def section_evidence_print(html, criterion):
    section = html.find(id=criterion.anchor)
    return {title.get_text(strip=True) for title in section.select(".dossier-evidence__title")}


@pytest.mark.slow
@pytest.mark.django_db
def test_queries_do_not_grow_with_criteria_programmes_and_projects(
    client, dossier_page, programme_index, project_index
):
    image = factories.ImageFactory()
    counter = iter(range(1000))

    def grow(criteria_count, programmes, projects_each):
        criteria = [factories.AwardCriterionFactory(order=100 + next(counter)) for _n in range(criteria_count)]
        for _n in range(programmes):
            programme = factories.ProgrammePageFactory(parent=programme_index, hero_image=image)
            for criterion in criteria:
                factories.add_evidence(programme, criterion, figures=[factories.key_figure()])
            for _m in range(projects_each):
                project = factories.ProjectPageFactory(parent=project_index, programme=programme, hero_image=image)
                factories.add_evidence(project, criteria[0], figures=[factories.key_figure()])

    def measure():
        for url in (DOSSIER_URL, DOSSIER_URL + "print/"):
            client.get(url)  # warm up: renditions, site root paths
        counts = []
        for url in (DOSSIER_URL, DOSSIER_URL + "print/"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(len(queries))
        return counts, response.content.count(b'class="dossier-evidence"')

    grow(1, 1, 1)
    small, small_items = measure()
    grow(3, 4, 3)
    large, large_items = measure()

    assert large_items > 3 * small_items
    assert large == small, f"queries with {small_items} pieces of evidence: {small}, with {large_items}: {large}"


@pytest.mark.django_db
def test_an_editor_creates_a_dossier_choosing_among_the_editions_with_criteria(
    admin_client, client, home_page, criteria
):
    from candidacy.models import DossierPage

    factories.AwardCriterionFactory(edition=2016, code="interactive", name="Interactive")
    url = admin_forms.add_url(DossierPage, home_page)
    form = BeautifulSoup(admin_client.get(url).content, "html.parser")
    editions = [option["value"] for option in form.select("select[name='edition'] option")]

    data = admin_forms.dossier_page_form(title="Dossier 2016", edition=2016)
    response = admin_client.post(url, data)

    assert editions == ["", "2024", "2016"]
    assert response.status_code == 302
    page = DossierPage.objects.get(slug="dossier-2016")
    assert page.edition == 2016 and page.live
    html = soup(client.get(page.url))
    assert html.find(id="criterion-interactive") is not None
    assert html.find(id=criteria[0].anchor) is None
    assert admin_client.get(admin_forms.edit_url(page)).status_code == 200
