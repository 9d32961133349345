"""Every page type of the site, as one list found in Wagtail's page model registry.

The tests of "every page type" (renders, opens in the editor, previews, tree rules, API fields, demo content) are
parametrized over PAGE_TYPES, so a new page type is tested as soon as its model exists, whichever app defines it,
and fails until it has a factory, a place in the tree and the content those tests need.
"""

from pathlib import Path

from django.conf import settings
from factory.django import DjangoModelFactory
from wagtail.models import get_page_models

from tests import factories


def _defined_here(model):
    """A model of one of the site's own apps (a folder of the project), not of Wagtail or another package."""
    return Path(model._meta.app_config.path).parent == Path(settings.BASE_DIR)


PAGE_TYPES = sorted((model for model in get_page_models() if _defined_here(model)), key=lambda model: model.__name__)


def name(model):
    """The parametrize id of a page type."""
    return model.__name__


def factory_for(model):
    """The factory of tests/factories.py that makes pages of ``model``."""
    found = [
        value
        for value in vars(factories).values()
        if isinstance(value, type) and issubclass(value, DjangoModelFactory) and value._meta.model is model
    ]
    assert len(found) == 1, f"tests/factories.py should have one factory for {model.__name__}, not {len(found)}"
    return found[0]


def one_page_of_each_type(home):
    """One live page of every type below ``home`` (a HomePage), each under the first page already made that its tree
    rules allow as a parent; {model: page}, the home page included."""
    pages = {type(home): home}
    while len(pages) < len(PAGE_TYPES):
        made = len(pages)
        for model in PAGE_TYPES:
            parent = next((page for page in pages.values() if model.can_create_at(page)), None)
            if model not in pages and parent is not None:
                pages[model] = factory_for(model)(parent=parent)
        missing = [model.__name__ for model in PAGE_TYPES if model not in pages]
        assert len(pages) > made, f"no parent below the home page allows {missing}"
    return pages
