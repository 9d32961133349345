"""The block picker in the admin shows each content block filled with an example, not an empty box."""

import pytest
from django.urls import reverse

from candidacy.models import RankingPage

# Blocks whose preview needs no database object (images and snippets have none to show in a fresh site).
PREVIEWED = ["heading", "quote", "key_figures", "ranking_table", "map", "ranking_chart"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PREVIEWED)
def test_block_picker_preview_shows_an_example(admin_client, name):
    block = RankingPage.body.field.stream_block.child_blocks[name]
    assert block.is_previewable, f"{name} has no preview"

    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    html = response.content.decode()
    example = block.get_preview_value()
    first_text = next(v for v in example.values() if isinstance(v, str) and v and v not in {"all", "h2"})
    assert first_text.replace("'", "&#x27;") in html
