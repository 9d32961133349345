"""The admin form of a news item."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from base.languages import LocalisedChoicesPageForm

from .embargo import ReleaseEmbargo, made_before_last_change


class NewsPageForm(LocalisedChoicesPageForm):
    """A news item: its related programmes and projects are offered in the news item's language; its embargo is
    the one its publication would give the release.

    Wagtail's editor shows the page's latest version, whose embargo may be older than the release's: a draft of
    the translation may have moved it later since (news/embargo.py). Published from the original unchanged, that
    old, earlier time would bring the release forward. So the form shows the version's embargo only when the
    version was made from the release's embargo as it stands (an editor's draft, a version submitted for
    moderation: what publishing or approving it would do), else the release's, with a note when the two differ.
    It remembers which change of the release's embargo it showed (``embargo_seen``, refreshed after each
    autosave): a form sent with another embargo than the release's, opened before someone changed the release's,
    comes back with the release's embargo in the field and a message instead of deciding over a time its editor
    never saw. A form that passes gives its version the change it was made from (``embargo_seen_at``).
    """

    localised_choice_fields = {"related_programmes": ("title", "pk"), "related_projects": ("title", "pk")}

    # No label: the hidden input's row must show nothing (NewsPage.content_panels hides it too).
    embargo_seen = forms.CharField(required=False, widget=forms.HiddenInput, label="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.release = None
        if self.instance.pk is not None:
            self.release = ReleaseEmbargo.objects.filter(translation_key=self.instance.translation_key).first()
        if self.release is None or "embargo_until" not in self.fields:
            return
        self.initial["embargo_seen"] = self.seen_token(self.release)
        if not self.is_bound:
            self.initial["embargo_until"] = self.shown_embargo()

    @staticmethod
    def seen_token(release):
        return release.changed_at.isoformat()

    def as_shown(self, value):
        """``value`` as the embargo's widget shows it (to the minute), the text posted back unchanged."""
        if value is None:
            return ""
        field = self.fields["embargo_until"]
        return field.widget.format_value(field.prepare_value(value))

    def shown_embargo(self):
        """The embargo the form opens with: the version's when it was made from the release's as it stands."""
        release, version = self.release, self.instance.embargo_until
        if self.as_shown(version) == self.as_shown(release.until):
            return release.until  # to the second: a time set by an import keeps its seconds
        seen = self.instance.embargo_seen_at
        current = seen is not None and not made_before_last_change(release, seen)
        values = {"release": self.when(release.until), "version": self.when(version)}
        if current:
            note = _(
                "The release's embargo is now %(release)s: this version has %(version)s, which is what publishing "
                "or approving it asks for."
            )
        else:
            note = _(
                "This version had %(version)s, set before the release's embargo last changed: the field shows "
                "the release's, %(release)s, which publishing or approving it keeps."
            )
        field = self.fields["embargo_until"]
        field.help_text = f"{note % values} {field.help_text}"
        return version if current else release.until

    @staticmethod
    def when(value):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else _("none")

    def current_release(self):
        """The release's record read again, locked until the save commits: the check and the save are one step.

        The editor's view saves in a transaction (editorial/admin_views.py); outside one there is no save to hold
        the lock for (SQLite ignores the lock and serialises writes)."""
        records = ReleaseEmbargo.objects.filter(pk=self.release.pk)
        if transaction.get_connection().in_atomic_block:
            records = records.select_for_update()
        return records.first()

    def clean(self):
        cleaned_data = super().clean()
        if self.release is None or "embargo_until" not in cleaned_data:
            return cleaned_data
        release = self.release = self.current_release() or self.release
        value = cleaned_data["embargo_until"]
        if self.as_shown(value) == self.as_shown(release.until):
            # Unchanged at the widget's precision: the release's time, seconds included, is no decision.
            cleaned_data["embargo_until"] = release.until
            self.instance.embargo_seen_at = release.changed_at
            return cleaned_data
        seen = self.data.get(self.add_prefix("embargo_seen"))
        # Absent: a submission not made from the editor's form (which always sends it), deciding in full knowledge.
        if seen is None or seen == self.seen_token(release):
            self.instance.embargo_seen_at = release.changed_at
            return cleaned_data
        # The field comes back with the release's embargo and the token now current, so that sending the form again
        # keeps it, and another time is a choice made knowing it; the editor's other changes stay in the form.
        self.data = self.data.copy()
        self.data[self.add_prefix("embargo_seen")] = self.seen_token(release)
        self.data[self.add_prefix("embargo_until")] = self.as_shown(release.until)
        self.add_error(
            "embargo_until",
            ValidationError(
                _(
                    "Someone changed this release's embargo after you opened this page: it is now %(when)s, as "
                    "the field shows again; yours, %(yours)s, was not saved. Your other changes are still in the "
                    "form: save again to keep the release's embargo, or enter yours again to replace it."
                ),
                code="embargo_changed",
                params={"when": self.when(release.until), "yours": self.when(value)},
            ),
        )
        return cleaned_data

    def get_field_updates_for_resave(self):
        """After an autosave, the open editor takes the change of the embargo this save left (its own included), so
        that the editor's next change is not refused as someone else's."""
        updates = super().get_field_updates_for_resave()
        release = ReleaseEmbargo.objects.filter(translation_key=self.instance.translation_key).first()
        if release is not None:
            updates.append((self.add_prefix("embargo_seen"), self.seen_token(release)))
        return updates
