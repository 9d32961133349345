from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail_2fa import forms as wagtail_2fa_forms

from accounts.background import run_later


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's reset form, sending its mail after the response.

    The request does the same work whatever the address: one query for matching users. Making the token,
    rendering and sending the mail (the slow, measurable part) happen in a background thread, so a known
    address answers as fast as an unknown one.
    """

    def get_users(self, email):
        if hasattr(self, "_users"):
            return iter(self._users)
        return super().get_users(email)

    def save(self, **kwargs):
        self._users = list(super().get_users(self.cleaned_data["email"]))
        run_later(super().save, **kwargs)  # also for no user: the same work either way


class TokenForm(wagtail_2fa_forms.TokenForm):
    """wagtail-2fa's code form, naming the device the code belongs to, as django-otp ≥ 1.7.5 requires.

    Six digits are a code from the authenticator app; anything else is tried as a recovery code. Trying a
    code on one device only also keeps a mistyped app code from counting against the recovery codes.
    """

    def clean(self):
        token = (self.cleaned_data.get("otp_token") or "").strip().replace(" ", "")
        self.cleaned_data["otp_token"] = token
        if len(token) == 6 and token.isdigit():
            device = TOTPDevice.objects.devices_for_user(self.user, confirmed=True).first()
        else:
            device = StaticDevice.objects.devices_for_user(self.user, confirmed=True).first()
        if device is not None:
            self.cleaned_data["otp_device"] = device.persistent_id
        return super().clean()


class PasswordConfirmationForm(forms.Form):
    """The signed-in user's password, asked again before something that outlives the session (recovery codes).

    Checked with authenticate() and the request, as wagtail-2fa's device form does, so that django-axes counts a
    wrong password against the sign-in lockout and refuses every password once it is reached.
    """

    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        username = self.request.user.get_username()
        if authenticate(self.request, username=username, password=password) is None:
            raise forms.ValidationError(_("Wrong password."), code="invalid")
        return password
