"""The one list of page types (tests/page_types.py) holds every page type of the site and nothing else."""

import inspect
from pathlib import Path

from django.conf import settings
from wagtail.models import Page, get_page_models

from tests.page_types import PAGE_TYPES, factory_for


def test_the_list_holds_every_page_type_defined_in_the_project_and_no_other():
    project = Path(settings.BASE_DIR).resolve()
    for model in get_page_models():
        source = Path(inspect.getfile(model)).resolve()
        defined_here = source.is_relative_to(project) and "site-packages" not in source.parts
        assert (model in PAGE_TYPES) is defined_here, f"{model.__name__} ({source})"
    assert Page not in PAGE_TYPES


def test_every_page_type_has_its_factory():
    for model in PAGE_TYPES:
        assert factory_for(model)._meta.model is model
