from django.apps import AppConfig


class CandidacyConfig(AppConfig):
    name = "candidacy"
    verbose_name = "Candidacy"
