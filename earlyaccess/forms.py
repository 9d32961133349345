from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from .models import Grant, Recipient


class GrantForm(forms.Form):
    """Give chosen recipients their own link to a release (journalists) or a dossier (jurors)."""

    recipients = forms.ModelMultipleChoiceField(
        label=_("Recipients"),
        queryset=Recipient.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Approved, active recipients of the right kind who have no valid link to this page yet."),
    )
    expires_at = forms.DateTimeField(
        label=_("Valid until"),
        widget=AdminDateTimeInput,
        help_text=_("Rome time. For a press release, the end of its embargo unless you choose otherwise."),
    )
    send_email = forms.BooleanField(
        label=_("Send each recipient their link by e-mail now"), required=False, initial=True
    )

    def __init__(self, *args, page, subject, **kwargs):
        super().__init__(*args, **kwargs)
        kind = Recipient.JOURNALIST if subject == Grant.RELEASE else Recipient.JUROR
        with_link = Grant.objects.for_release(page).valid().values("recipient_id")
        self.fields["recipients"].queryset = Recipient.objects.filter(live=True, active=True, kind=kind).exclude(
            pk__in=with_link
        )
        if subject == Grant.RELEASE:
            self.fields["expires_at"].initial = page.release_embargo_until
        else:
            self.fields["expires_at"].initial = timezone.localtime() + timezone.timedelta(days=30)
            self.fields["expires_at"].help_text = _("Rome time. Choose until when the jury may read this draft.")

    def clean_expires_at(self):
        value = self.cleaned_data["expires_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return value
