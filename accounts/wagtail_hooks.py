from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.views import (
    DeviceCreateView,
    DeviceDeleteView,
    DeviceQRCodeView,
    TwoFactorLoginView,
    device_update,
    recovery_codes,
)


# Before wagtail-2fa's own URLs (order), so that the addresses and names of its code form, device set-up and
# removal lead to ours (the same patterns as wagtail-2fa's urlpatterns).
@hooks.register("register_admin_urls", order=-1)
def register_urls():
    return [
        path("2fa/auth", TwoFactorLoginView.as_view(), name="wagtail_2fa_auth"),
        path("2fa/devices/new", DeviceCreateView.as_view(), name="wagtail_2fa_device_new"),
        re_path(r"^2fa/devices/(?P<pk>\d+)/update$", device_update, name="wagtail_2fa_device_update"),
        re_path(r"^2fa/devices/(?P<pk>\d+)/remove$", DeviceDeleteView.as_view(), name="wagtail_2fa_device_remove"),
        re_path(r"^2fa/devices/qr-code$", DeviceQRCodeView.as_view(), name="wagtail_2fa_device_qrcode"),
        path("2fa/recovery-codes/", recovery_codes, name="accounts_recovery_codes"),
    ]


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    return {
        "url": reverse("accounts_recovery_codes"),
        "label": _("Recovery codes"),
        "help_text": _("Single-use codes to sign in when your phone is not at hand."),
    }
