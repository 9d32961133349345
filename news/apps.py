from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"

    def ready(self):
        from . import embargo, models

        # Every save of a news item and of its drafts keeps the release's one embargo (news/embargo.py).
        embargo.connect(models.NewsPage)
