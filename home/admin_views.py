"""Wagtail's page editor, with one guard added: a stale form cannot silently replace a newer version.

What Wagtail 7.4 does by itself when two people edit the same page:

- every open editor pings the server (WAGTAIL_EDITING_SESSION_PING_INTERVAL) and shows who else has
  the page open and when one of them saves a newer version; with JavaScript, saving over that newer
  version first asks for confirmation;
- autosave (JSON requests) refuses to save over a newer version ("Saving will overwrite a newer
  version");
- but a plain form submission (JavaScript off or failed, or the confirmation skipped by a script)
  is saved as the latest version on top of the newer one. Nothing is deleted — the newer version
  stays in the history — but the page now shows the stale content and nobody is told.

This view closes that last gap on the server. The editor form carries the id and time of the
version it was opened on (Wagtail's ``loaded_revision_id`` and ``loaded_revision_created_at``);
when a newer version has been saved since, the submission is not saved: the form comes back with
the editor's changes in it and a message saying who saved what, when. The returned form is marked
as based on the newer version, so saving it again is a deliberate choice to replace it.

Served at Wagtail's own address for the editor (config/urls.py), so every link to it lands here.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages.edit import EditView
from wagtail.utils.timestamps import render_timestamp


class EditPageView(EditView):
    def post(self, request, *args, **kwargs):
        if self.expects_json_response or self.page.alias_of_id or not self.is_out_of_date:
            return super().post(request, *args, **kwargs)

        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        self.form.is_valid()  # so that the returned form also shows any other problem
        messages.error(
            request,
            _(
                "%(user)s saved a newer version of this page at %(time)s, after you opened it. Your changes have "
                "not been saved: they are still in the form. Compare with the newer version in the page history, "
                "then save again if yours should replace it."
            )
            % {
                "user": get_user_display_name(self.latest_revision.user) if self.latest_revision.user else _("Someone"),
                "time": render_timestamp(self.latest_revision.created_at),
            },
        )
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())
