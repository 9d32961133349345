from django.apps import AppConfig


class CandidacyConfig(AppConfig):
    name = "candidacy"
    verbose_name = "Candidacy"

    def ready(self):
        from . import signals  # noqa: F401 (connects the dossier PDF's publish trigger)
