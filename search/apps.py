from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search, and what search engines and social networks read about each page."""

    name = "search"
    verbose_name = "Search and search engines"
