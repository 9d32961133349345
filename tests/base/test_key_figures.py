"""Every key figure carries its source and the date it refers to; the admin refuses one without."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from base.blocks import KeyFigureBlock, KeyFiguresBlock
from base.models import StandardPage
from projects.models import ProjectPage
from tests import admin_forms, factories


def figure(**overrides):
    return KeyFigureBlock().to_python(factories.key_figure(**overrides))


def test_complete_figure_is_accepted():
    value = KeyFigureBlock().clean(figure())

    assert value["source_name"] == "Commissione europea"
    assert value["reference_date"] == datetime.date(2016, 4, 8)


@pytest.mark.parametrize("missing", ["source_name", "source_url", "reference_date", "value", "label"])
def test_figure_without_source_or_date_is_refused(missing):
    with pytest.raises(ValidationError) as error:
        KeyFigureBlock().clean(figure(**{missing: None if missing == "reference_date" else ""}))

    assert missing in error.value.block_errors


def test_source_url_must_be_a_url():
    with pytest.raises(ValidationError) as error:
        KeyFigureBlock().clean(figure(source_url="Commissione europea"))

    assert "source_url" in error.value.block_errors


def test_figure_about_the_far_future_is_refused():
    far = datetime.date.today() + datetime.timedelta(days=800)

    with pytest.raises(ValidationError) as error:
        KeyFigureBlock().clean(figure(reference_date=far.isoformat()))

    assert "reference_date" in error.value.block_errors


def test_figures_in_a_row_need_their_sources_too():
    block = KeyFiguresBlock()
    value = block.to_python({"heading": "Torino in cifre", "figures": [factories.key_figure(source_url="")]})

    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.django_db
@pytest.mark.parametrize("missing", ["source_name", "source_url", "reference_date"])
def test_admin_refuses_a_key_figure_without_its_source(admin_client, client, ranking_page, missing):
    """The editor publishes a ranking page whose figure lacks its source: refused, nothing changes."""
    data = admin_forms.ranking_page_form(
        title="Classifica aggiornata",
        slug=ranking_page.slug,
        key_figures=admin_forms.streamfield([("figure", admin_forms.key_figure_form(**{missing: ""}))]),
    )

    response = admin_client.post(admin_forms.edit_url(ranking_page), data)

    assert response.status_code == 200
    assert "key_figures" in response.context["form"].errors
    ranking_page.refresh_from_db()
    assert ranking_page.title == "La classifica"
    assert not ranking_page.revisions.exists()
    assert "Classifica aggiornata" not in client.get(ranking_page.url).content.decode()


@pytest.mark.django_db
def test_admin_refuses_a_new_project_whose_figure_has_no_source(admin_client, project_index):
    data = admin_forms.project_page_form(
        slug="senza-fonte",
        key_figures=admin_forms.streamfield([("figure", admin_forms.key_figure_form(source_name="", source_url=""))]),
    )

    response = admin_client.post(admin_forms.add_url(ProjectPage, project_index), data)

    assert response.status_code == 200
    assert "key_figures" in response.context["form"].errors
    assert not ProjectPage.objects.filter(slug="senza-fonte").exists()


@pytest.mark.django_db
def test_admin_refuses_a_figure_without_source_inside_the_body(admin_client, home_page):
    data = admin_forms.standard_page_form(
        slug="cifre",
        body=admin_forms.streamfield(
            [
                (
                    "key_figures",
                    {
                        "heading": "In cifre",
                        "figures": {
                            "count": "1",
                            "0": {"value": admin_forms.key_figure_form(reference_date=""), "deleted": "", "order": "0"},
                        },
                    },
                )
            ]
        ),
    )

    response = admin_client.post(admin_forms.add_url(StandardPage, home_page), data)

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not StandardPage.objects.filter(slug="cifre").exists()


@pytest.mark.django_db
def test_a_figure_never_wraps_between_number_and_unit(client, home_page):
    """On a phone "1 milione €" must not leave the "€" alone on the next line."""
    factories.StandardPageFactory(
        parent=home_page,
        slug="cifre",
        body=[factories.key_figures_block(factories.key_figure(value="≈ 1,69 milioni €"))],
    )

    html = client.get("/cifre/").content.decode()

    # Non-breaking spaces, and one unit (white-space: nowrap) that a narrow card cannot cut either.
    assert '"><span class="nowrap">≈\u00a01,69\u00a0milioni\u00a0€</span></p>' in html
    assert 'class="key-figure__value key-figure__value--longer"' in html  # drawn smaller, to fit its box


@pytest.mark.django_db
@pytest.mark.parametrize(
    "precision, shown, machine",
    [("year", "2014", "2014"), ("month", "giugno 2016", "2016-06"), ("day", "8 aprile 2016", "2016-04-08")],
)
def test_a_reference_date_reads_as_precisely_as_it_is_known(client, home_page, precision, shown, machine):
    """A figure known only for a year must not read as if it were measured on 1 January."""
    date = {"year": "2014-01-01", "month": "2016-06-01", "day": "2016-04-08"}[precision]
    factories.StandardPageFactory(
        parent=home_page,
        slug="cifre",
        body=[factories.key_figures_block(factories.key_figure(reference_date=date, reference_precision=precision))],
    )

    time = BeautifulSoup(client.get("/cifre/").content, "html.parser").select_one(".key-figure .source time")

    assert (time.get_text(), time["datetime"]) == (shown, machine)


@pytest.mark.django_db
def test_a_figure_saved_before_precision_existed_keeps_its_day(client, home_page):
    figure = factories.key_figure()
    assert "reference_precision" not in figure
    factories.StandardPageFactory(parent=home_page, slug="cifre", body=[factories.key_figures_block(figure)])

    time = BeautifulSoup(client.get("/cifre/").content, "html.parser").select_one(".key-figure .source time")

    assert (time.get_text(), time["datetime"]) == ("8 aprile 2016", "2016-04-08")
