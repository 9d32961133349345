from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Admin sign-in: two factors, throttling, password reset off the request path."""

    name = "accounts"
    verbose_name = _("Admin sign-in")
