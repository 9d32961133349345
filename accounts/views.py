from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import rotate_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.account import PasswordResetView
from wagtail_2fa import utils as wagtail_2fa_utils
from wagtail_2fa import views as wagtail_2fa_views

from accounts.forms import PasswordConfirmationForm, TokenForm
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
@sensitive_post_parameters("password")
@never_cache
def recovery_codes(request):
    """Ten single-use codes that stand in for the authenticator app; shown once, when generated.

    Generating new codes replaces the old ones. Only a user with a confirmed authenticator may have them:
    codes alone would count as a second factor that was never set up. Generating them asks for the password
    again, as setting up the app does: a session left open on someone's desk must not hand out a second factor
    that outlives it. The password is checked through authenticate(), so django-axes counts the wrong ones
    against the sign-in lockout (same username, same address) and refuses any once it is reached.
    """
    user = request.user
    has_authenticator = TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
    device = recovery_device(user)
    codes = None
    form = PasswordConfirmationForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not has_authenticator:
            messages.error(request, _("Set up an authenticator app before generating recovery codes."))
            return redirect("accounts_recovery_codes")
        if form.is_valid():
            if device is None:
                device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
            device.token_set.all().delete()
            codes = [StaticToken.random_token() for _i in range(settings.OTP_RECOVERY_CODES)]
            StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
            form = PasswordConfirmationForm(request)  # the page showing the codes offers an empty field
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": codes,
            "form": form,
            "remaining": device.token_set.count() if device else 0,
            "has_authenticator": has_authenticator,
        },
    )


def verified_with(request, device):
    """Records in the session that the user passed the second factor with device, under a new session key.

    Passing the second factor raises what the session may do, as signing in does, and like Django's login() this
    gives it a new key (and a new CSRF secret): a key read or planted while only the password had been given (a
    shared computer, a proxy's log, a fixation) must not become a fully signed-in session.
    """
    request.session.cycle_key()
    rotate_token(request)
    otp_login(request, device)


class TwoFactorLoginView(wagtail_2fa_views.LoginView):
    """wagtail-2fa's code form, with the app code or a recovery code (accounts.forms.TokenForm), giving the
    session a new key once the code is right."""

    form_class = TokenForm

    def form_valid(self, form):
        # wagtail-2fa's form_valid calls django_otp.login() and redirects; the key changes first.
        verified_with(self.request, self.request.user.otp_device)
        return HttpResponseRedirect(self.get_success_url())


@method_decorator(sensitive_post_parameters("password", "otp_token"), name="dispatch")
class DeviceCreateView(wagtail_2fa_views.DeviceCreateView):
    """wagtail-2fa's set-up of an authenticator app, safe to send twice.

    Its GET makes an unconfirmed device (the QR code) and its POST confirms it. A POST that finds none (the
    button pressed twice, so the first POST confirmed it; the form sent again from the browser's history; a POST
    without the GET) built the form on a device with no user and answered 500, its report mailing the password
    typed (wagtail-2fa marks no field as sensitive). Such a POST now says what happened: with an app set up, the
    device list; without, the form again with a new QR code. In a browser, a second click sent before the first
    answer arrives carries the old session key, which the first POST retired (verified_with): it is signed out
    and sent to sign in, not a 500 either.
    """

    def post(self, request, *args, **kwargs):
        if self.device is None:
            if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
                messages.info(request, _("This form had already been sent: your authenticator app is set up."))
                return redirect(self.get_success_url())
            messages.warning(
                request,
                _(
                    "This set-up form is no longer valid. Scan the new QR code with your app and enter the code it "
                    "shows."
                ),
            )
            return redirect("wagtail_2fa_device_new")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # wagtail-2fa's, with the new session key when the new app is what verifies the user.
        form.save()
        wagtail_2fa_utils.delete_unconfirmed_devices(self.request.user)
        if not self.request.user.is_verified():
            verified_with(self.request, form.instance)
        return HttpResponseRedirect(self.get_success_url())


# Renaming an app asks for the password too; wagtail-2fa does not mark it as sensitive.
device_update = sensitive_post_parameters("password")(wagtail_2fa_views.DeviceUpdateView.as_view())


class DeviceQRCodeView(wagtail_2fa_views.DeviceQRCodeView):
    """The QR code of the app being set up; a 404, not a 500, when none is (the form was sent, or never opened)."""

    def get(self, request):
        if wagtail_2fa_utils.get_unconfirmed_device(request.user) is None:
            raise Http404
        return super().get(request)


class DeviceDeleteView(wagtail_2fa_views.DeviceDeleteView):
    """wagtail-2fa's removal of an authenticator app, with a 404 for an id that names no device and a return to
    its owner's device list.

    wagtail-2fa looked the device up with objects.get() (a 500 for an unknown id, GET or POST) and redirected to
    the list of the ``user_id`` sent with the form (a 500 when missing or not a number, another user's list when
    changed): the device's own user is the only one trusted here. Its permission rule is kept: one's own devices,
    or anyone's with the ``change_user`` permission (wagtail-2fa's check, "user.change_user", unchanged).
    """

    def dispatch(self, request, *args, **kwargs):
        self.device = get_object_or_404(TOTPDevice, pk=kwargs["pk"])
        if self.device.user_id != request.user.pk and not request.user.has_perm("user.change_user"):
            raise PermissionDenied
        # Past wagtail-2fa's dispatch (the same check, with objects.get()) to its mixin's second-factor check.
        return super(wagtail_2fa_views.DeviceDeleteView, self).dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return TOTPDevice.objects.devices_for_user(self.device.user_id, confirmed=True)

    def get_success_url(self):
        return reverse("wagtail_2fa_device_list", kwargs={"user_id": self.object.user_id})
