"""The admin form of a news item."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from base.languages import LocalisedChoicesPageForm

from .embargo import ReleaseEmbargo


class NewsPageForm(LocalisedChoicesPageForm):
    """A news item: its related programmes and projects are offered in the news item's language; its embargo is
    the release's, as it stands now.

    Wagtail's editor shows the page's latest version, whose embargo may be older than the release's: a draft of
    the translation may have moved it later since (news/embargo.py). Published from the original unchanged, that
    old, earlier time would bring the release forward. So the form shows the release's embargo, and remembers which
    change of it the editor saw (``embargo_seen``): a form sent with another embargo than the release's, opened
    before someone changed the release's, is returned with a message instead of deciding over a time its editor
    never saw.
    """

    localised_choice_fields = {"related_programmes": ("title", "pk"), "related_projects": ("title", "pk")}

    embargo_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.release = None
        if self.instance.pk is not None:
            self.release = ReleaseEmbargo.objects.filter(translation_key=self.instance.translation_key).first()
        if self.release is None:
            return
        self.initial["embargo_seen"] = self.seen_token(self.release)
        if not self.is_bound:
            self.initial["embargo_until"] = self.release.until

    @staticmethod
    def seen_token(release):
        return release.changed_at.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        release = self.release
        if release is None or "embargo_until" not in cleaned_data:
            return cleaned_data
        if cleaned_data["embargo_until"] == release.until:
            self.instance.embargo_seen_at = release.changed_at
            return cleaned_data
        seen = self.data.get(self.add_prefix("embargo_seen"))
        # Absent: a submission not made from the editor's form (which always sends it), deciding in full knowledge.
        if seen is None or seen == self.seen_token(release):
            # The version is made from the release's embargo as it stands (news/embargo.py).
            self.instance.embargo_seen_at = release.changed_at
            return cleaned_data
        # The field comes back with what the editor typed; the token, now current, makes sending it again a choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("embargo_seen")] = self.seen_token(release)
        when = formats.date_format(timezone.localtime(release.until), "DATETIME_FORMAT") if release.until else _("none")
        self.add_error(
            "embargo_until",
            _(
                "Someone changed this release's embargo after you opened this page: it is now %(when)s. Check the "
                "embargo, then save again if yours should replace it."
            )
            % {"when": when},
        )
        return cleaned_data
