"""Wagtail's and wagtail-localize's admin views that the editorial rules replace, at the libraries' own addresses.

Included by config/urls.py before Wagtail's admin URLs, so that these patterns win and every link to the
page editor, to the form restoring an older version and to the translation editor's endpoints lands here.
Each view is wrapped as Wagtail wraps its admin views: login required, never cached, and (for the page views)
the admin's own 404 page for a missing page. tests/editorial/test_admin_urls.py checks that they win.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views.pages.workflow import CollectWorkflowActionData as PageCollectWorkflowActionData
from wagtail.admin.views.pages.workflow import WorkflowAction as PageWorkflowAction
from wagtail_localize.views import convert as localize_convert_views
from wagtail_localize.views import edit_translation as localize_edit_views

from .admin_views import (
    EditPageView,
    RevertPageView,
    checked_before_approval,
    for_translation_managers,
    on_its_own_task_state,
    snippet_collect_workflow_action_data,
    snippet_workflow_action,
)
from .translation_guards import UpdateTranslationsView, checked_override, checked_string_translation

urlpatterns = [
    # The page editor and its form restoring an older version, refusing stale forms (admin_views.py).
    path(
        "pages/<int:page_id>/edit/",
        never_cache(display_custom_404(require_admin_access(EditPageView.as_view()))),
        name="edit_page",
    ),
    path(
        "pages/<int:page_id>/revisions/<int:revision_id>/revert/",
        never_cache(display_custom_404(require_admin_access(RevertPageView.as_view()))),
        name="revert_page",
    ),
    # "Approve" outside the editor (dashboard, listings), refusing a version that cannot be published, and every
    # workflow action (and the dialog collecting its comment) on a task of the object in the address (admin_views.py).
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        never_cache(require_admin_access(on_its_own_task_state(checked_before_approval(PageWorkflowAction.as_view())))),
        name="page_workflow_action",
    ),
    path(
        "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        never_cache(require_admin_access(on_its_own_task_state(PageCollectWorkflowActionData.as_view()))),
        name="page_collect_workflow_action_data",
    ),
    path(
        "snippets/<slug:app_label>/<slug:model_name>/workflow/action/<str:pk>/<slug:action_name>/<int:task_state_id>/",
        never_cache(require_admin_access(on_its_own_task_state(checked_before_approval(snippet_workflow_action)))),
        name="snippet_workflow_action",
    ),
    path(
        "snippets/<slug:app_label>/<slug:model_name>/workflow/collect_action_data/<str:pk>/<slug:action_name>/"
        "<int:task_state_id>/",
        never_cache(require_admin_access(on_its_own_task_state(snippet_collect_workflow_action_data))),
        name="snippet_collect_workflow_action_data",
    ),
    # wagtail-localize's "Stop synced translation" and "Convert to alias", for Moderators only.
    path(
        "localize/translate/<int:translation_id>/disable/",
        require_admin_access(for_translation_managers(localize_edit_views.stop_translation)),
        name="stop_translation",
    ),
    path(
        "localize/page/<int:page_id>/convert_to_alias/",
        never_cache(require_admin_access(for_translation_managers(localize_convert_views.convert_to_alias))),
        name="convert_to_alias",
    ),
    # wagtail-localize's endpoints saving a translated string or an overridden value, refusing what the page
    # editor would refuse (translation_guards.py).
    path(
        "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        never_cache(require_admin_access(checked_string_translation(localize_edit_views.edit_string_translation))),
        name="edit_string_translation",
    ),
    path(
        "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        never_cache(require_admin_access(checked_override(localize_edit_views.edit_override))),
        name="edit_override",
    ),
    # wagtail-localize's "Update translations", saying which translation "Publish immediately" did not publish.
    path(
        "localize/update/<int:translation_source_id>/",
        never_cache(require_admin_access(UpdateTranslationsView.as_view())),
        name="update_translations",
    ),
]
