"""modelcluster's child relations, kept per model (base/child_relations.py): the same lists as modelcluster draws,
drawn again when Django rebuilds a model's fields, and a page still takes its children as keyword arguments."""

import pytest
from django.apps import apps
from modelcluster import models as modelcluster_models
from modelcluster.models import ClusterableModel

from projects.models import ProjectPage
from tests import factories

FUNCTIONS = ("get_all_child_relations", "get_all_child_m2m_relations")


@pytest.mark.django_db  # a new page looks its content type up
@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_clusterable_model_gets_modelclusters_own_lists(name):
    kept = getattr(modelcluster_models, name)
    assert kept.kept_per_model
    models = [model for model in apps.get_models() if issubclass(model, ClusterableModel)]
    assert ProjectPage in models
    for model in models:
        assert list(kept(model)) == kept.__wrapped__(model), model
        assert list(kept(model(pk=None))) == kept.__wrapped__(model), model


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_lists_are_drawn_again_when_django_rebuilds_the_fields(name):
    kept = getattr(modelcluster_models, name)
    before = kept(ProjectPage)
    assert kept(ProjectPage) is before
    ProjectPage._meta._expire_cache()
    after = kept(ProjectPage)
    assert after is not before
    assert list(after) == kept.__wrapped__(ProjectPage)


@pytest.mark.django_db
def test_a_page_takes_its_parental_many_to_many_children_as_keyword_arguments(project_index):
    theme = factories.ThemeFactory()
    project = ProjectPage(title="Orti urbani", slug="orti", summary="Orti in città.", themes=[theme])
    assert list(project.themes.all()) == [theme]
    project_index.add_child(instance=project)
    assert list(ProjectPage.objects.get(pk=project.pk).themes.all()) == [theme]
