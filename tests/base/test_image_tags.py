"""Our ``{% picture %}`` (base/templatetags/image_tags.py) writes Wagtail's markup itself, faster: the same bytes as
Wagtail's own tag for every shape of markup it makes."""

import pytest
from django.apps import apps
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from tests import factories

pytestmark = pytest.mark.django_db

TAGS = [
    # What our templates write: two widths in two formats, lazy loading, an empty alt.
    'fill-{400x225,800x450} format-{webp,jpeg} sizes="(min-width: 64rem) 23rem, 100vw" alt="" loading="lazy"',
    # Three formats (two <source>s), the fallback the least modern; a class, fetchpriority.
    'width-{320,640} format-{webp,png,jpeg} sizes="50vw" class="hero" fetchpriority="high"',
    # One format: a plain <img> in <picture>, with its srcset; the image's own alt text, escaped.
    "max-{400x300,800x600} format-webp",
    # One rendition: no srcset descriptors, no <source>.
    "width-200",
    # Two formats of one width each: a srcset of one address, no width descriptor.
    "width-300 format-{webp,jpeg}",
    # A value that needs escaping (from the context, not marked safe), one set to nothing, a boolean attribute.
    "width-{100,200} format-{webp,jpeg} sizes=label data-x=None hidden=True data-off=False",
    # The tag's own address, size and srcset win over the renditions'.
    'width-{100,200} format-{webp,jpeg} srcset="a.webp 1w" src="a.jpg" width=5 alt=label',
]
LABEL = 'a<b & "c"'


def render(library, tag, image):
    template = Template(f"{{% load {library} %}}{{% picture image {tag} %}}")
    return template.render(Context({"image": image, "label": LABEL, "request": RequestFactory().get("/")}))


@pytest.mark.parametrize("tag", TAGS)
def test_the_markup_is_wagtails_to_the_byte(tag):
    image = factories.ImageFactory(description='Il "laboratorio" <Barriera> & co')
    ours = render("image_tags", tag, image)
    assert ours == render("wagtailimages_tags", tag, image)
    assert ours.startswith("<picture>") and ours.endswith("</picture>")
    assert LABEL not in ours and "<Barriera>" not in ours


def test_an_image_whose_file_is_missing_gives_wagtails_markup_too():
    image = factories.ImageFactory()
    image.file.storage.delete(image.file.name)
    tag = TAGS[0]
    ours = render("image_tags", tag, image)
    assert ours == render("wagtailimages_tags", tag, image)
    assert "not-found" in ours


def test_no_image_renders_nothing_and_as_gives_wagtails_picture():
    assert render("image_tags", TAGS[0], None) == ""
    image = factories.ImageFactory()
    template = (
        "{% load TAGS %}{% picture image width-{100,200} format-{webp,jpeg} as pic %}{{ pic.formats.webp.0.width }}"
    )
    for library in ("image_tags", "wagtailimages_tags"):
        rendered = Template(template.replace("TAGS", library)).render(Context({"image": image}))
        assert rendered == "100"


def test_wagtails_default_attributes_come_between_the_renditions_and_the_tags(monkeypatch):
    config = apps.get_app_config("wagtailimages")
    monkeypatch.setattr(config, "default_attrs", {"decoding": "async", "loading": "eager", "alt": "predefinito"})
    image = factories.ImageFactory()
    tag = 'width-{100,200} format-{webp,jpeg} loading="lazy"'
    ours = render("image_tags", tag, image)
    assert ours == render("wagtailimages_tags", tag, image)
    assert 'decoding="async"' in ours and 'loading="lazy"' in ours and 'alt="predefinito"' in ours


def test_a_lazy_value_is_escaped_as_django_escapes_it():
    image = factories.ImageFactory()
    safe_when_read = lazy(lambda: mark_safe("a &amp; b"), str)()
    tag = "width-{100,200} format-{webp,jpeg} alt=value"
    rendered = {
        library: Template(f"{{% load {library} %}}{{% picture image {tag} %}}").render(
            Context({"image": image, "value": safe_when_read})
        )
        for library in ("image_tags", "wagtailimages_tags")
    }
    assert rendered["image_tags"] == rendered["wagtailimages_tags"]
    assert 'alt="a &amp; b"' in rendered["image_tags"]
