from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from base.languages import LanguageLimitedIndexView

from .models import AwardCriterion


class AwardCriterionViewSet(SnippetViewSet):
    """The criteria of each award edition: what the candidacy dossiers are organised by."""

    model = AwardCriterion
    index_view_class = LanguageLimitedIndexView
    icon = "list-ol"
    menu_label = _("Award criteria")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["name", "edition", "order", "code"]
    list_filter = ["edition"]  # the language filter is Wagtail's own (by language code)
    search_fields = ["name", "description", "code"]
    ordering = ["-edition", "order", "code"]
    # Names the pages that give evidence for the criterion, instead of a delete button.
    delete_template_name = "wagtailsnippets/snippets/candidacy/awardcriterion/delete.html"


register_snippet(AwardCriterionViewSet)


@hooks.register("before_delete_snippet")
def keep_criteria_that_pages_give_evidence_for(request, instances):
    """Refuse, with a message, to delete award criteria that programme or project pages give evidence for.

    The evidence protects its criterion (``on_delete=PROTECT``), so that deleting one cannot take the
    justifications off live pages. Wagtail checks that through its reference index, which lags behind
    data written without saving a page: this asks the evidence itself, for the delete page and the bulk
    action alike, so a refused delete is a message and never a server error. The delete page
    (wagtailsnippets/snippets/candidacy/awardcriterion/delete.html) names the pages to change first.
    """
    if request.method != "POST" or not all(isinstance(instance, AwardCriterion) for instance in instances):
        return None
    evidenced = [criterion for criterion in instances if criterion.evidence_pages]
    if not evidenced:
        return None
    messages.error(
        request,
        _("Nothing has been deleted: pages give evidence for %(criteria)s. Remove that evidence from them first.")
        % {"criteria": ", ".join(f"“{criterion}”" for criterion in evidenced)},
    )
    viewset = AwardCriterion.snippet_viewset
    if len(instances) == 1:  # back to its delete page, which lists the pages
        return redirect(viewset.get_url_name("delete"), quote(instances[0].pk))
    return redirect(viewset.get_url_name("list"))
