from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers the SITE_URL checks)

        signals.connect()
