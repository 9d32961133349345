from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.account import PasswordResetView
from wagtail_2fa import views as wagtail_2fa_views

from accounts.forms import TokenForm
from accounts.throttling import CannotCount, password_reset_allowed

RECOVERY_DEVICE_NAME = "recovery"

_password_reset = PasswordResetView.as_view()


@never_cache
def password_reset(request, *args, **kwargs):
    """Wagtail's password reset, limited per address and per e-mail (PASSWORD_RESET_LIMIT_PER_*).

    While the limits cannot be counted (Redis down) no reset mail is sent: a 503 asks to come back in a minute.
    """
    if request.method == "POST":
        try:
            allowed = password_reset_allowed(request)
        except CannotCount:
            response = TemplateResponse(request, "accounts/password_reset_unavailable.html", status=503)
            response["Retry-After"] = "60"
            return response
        if not allowed:
            return TemplateResponse(
                request,
                "accounts/password_reset_throttled.html",
                {"window_minutes": settings.PASSWORD_RESET_WINDOW // 60},
                status=429,
            )
    return _password_reset(request, *args, **kwargs)


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()


@sensitive_variables("codes")
@never_cache
def recovery_codes(request):
    """Ten single-use codes that stand in for the authenticator app; shown once, when generated.

    Generating new codes replaces the old ones. Only a user with a confirmed authenticator may have them:
    codes alone would count as a second factor that was never set up.
    """
    user = request.user
    has_authenticator = TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
    device = recovery_device(user)
    codes = None
    if request.method == "POST":
        if not has_authenticator:
            messages.error(request, _("Set up an authenticator app before generating recovery codes."))
            return redirect("accounts_recovery_codes")
        if device is None:
            device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _i in range(settings.OTP_RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "remaining": device.token_set.count() if device else 0,
            "has_authenticator": has_authenticator,
        },
    )


class TwoFactorLoginView(wagtail_2fa_views.LoginView):
    """wagtail-2fa's code form, with the app code or a recovery code (accounts.forms.TokenForm)."""

    form_class = TokenForm
