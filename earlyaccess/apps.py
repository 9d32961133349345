from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyAccessConfig(AppConfig):
    name = "earlyaccess"
    verbose_name = _("Early access")
