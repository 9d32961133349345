"""The editorial views answer at Wagtail's and wagtail-localize's own addresses, not the libraries' views.

editorial/urls.py is included before Wagtail's admin URLs, and Django serves the first pattern that matches.
Should an upgrade of Wagtail or wagtail-localize move one of these addresses, or config/urls.py come to list
Wagtail's admin first, the library's own view would answer again and the guard would be gone without any
other test noticing the address: here, every address the libraries link to must resolve to ours.
"""

import pytest
from django.urls import resolve, reverse

from editorial.admin_views import EditPageView
from editorial.urls import urlpatterns

# (the library's URL name, its arguments, our URL name in editorial/urls.py)
REPLACED = [
    ("wagtailadmin_pages:edit", [7], "edit_page"),
    ("wagtailadmin_pages:revisions_revert", [7, 12], "revert_page"),
    ("wagtail_localize:stop_translation", [3], "stop_translation"),
    ("wagtail_localize:convert_to_alias", [7], "convert_to_alias"),
    ("wagtail_localize:edit_string_translation", [3, 41], "edit_string_translation"),
    ("wagtail_localize:edit_override", [3, 41], "edit_override"),
    ("wagtail_localize:update_translations", [5], "update_translations"),
    ("wagtailadmin_pages:workflow_action", [7, "approve", 12], "page_workflow_action"),
    ("wagtailsnippets_projects_theme:workflow_action", [7, "approve", 12], "snippet_workflow_action"),
    ("wagtailsnippets_candidacy_awardcriterion:workflow_action", [7, "reject", 12], "snippet_workflow_action"),
    ("wagtailadmin_pages:collect_workflow_action_data", [7, "approve", 12], "page_collect_workflow_action_data"),
    (
        "wagtailsnippets_projects_theme:collect_workflow_action_data",
        [7, "approve", 12],
        "snippet_collect_workflow_action_data",
    ),
]
# Ours serves every snippet model's address, so it names the model where the library's view is one per model.
OUR_ARGS = {
    "wagtailsnippets_projects_theme:workflow_action": ["projects", "theme", 7, "approve", 12],
    "wagtailsnippets_candidacy_awardcriterion:workflow_action": ["candidacy", "awardcriterion", 7, "reject", 12],
    "wagtailsnippets_projects_theme:collect_workflow_action_data": ["projects", "theme", 7, "approve", 12],
}


@pytest.mark.parametrize(("library_name", "args", "ours"), REPLACED)
def test_the_librarys_address_is_served_by_the_editorial_view(library_name, args, ours):
    address = reverse(library_name, args=args)  # where Wagtail's and wagtail-localize's links point

    match = resolve(address)

    assert (match.namespace, match.url_name) == ("editorial", ours)
    assert address == reverse(f"editorial:{ours}", args=OUR_ARGS.get(library_name, args))


def test_every_editorial_view_replaces_a_library_view():
    """A view added to editorial/urls.py is listed above, so that the check covers it."""
    assert sorted(pattern.name for pattern in urlpatterns) == sorted({ours for _name, _args, ours in REPLACED})


@pytest.mark.django_db
def test_the_page_editor_is_the_stale_form_guard(admin_client, home_page):
    """Through the whole request stack: the edit page's form is rendered by our view (EditPageView)."""
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))

    assert response.status_code == 200
    assert isinstance(response.context["view"], EditPageView)
