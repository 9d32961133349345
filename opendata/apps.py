from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    """The open data page and Wagtail's read-only API."""

    name = "opendata"
    verbose_name = "Open data"
