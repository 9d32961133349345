from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.views import TwoFactorLoginView, recovery_codes


# Before wagtail-2fa's own URLs (order), so that its code form's address and name lead to ours.
@hooks.register("register_admin_urls", order=-1)
def register_urls():
    return [
        path("2fa/auth", TwoFactorLoginView.as_view(), name="wagtail_2fa_auth"),
        path("2fa/recovery-codes/", recovery_codes, name="accounts_recovery_codes"),
    ]


@hooks.register("register_account_menu_item")
def recovery_codes_menu_item(request):
    return {
        "url": reverse("accounts_recovery_codes"),
        "label": _("Recovery codes"),
        "help_text": _("Single-use codes to sign in when your phone is not at hand."),
    }
