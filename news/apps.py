from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"

    def ready(self):
        from . import embargo, models, release_documents

        # Every save of a news item and of its drafts keeps the release's one embargo (news/embargo.py), and writes
        # down the documents it links, hidden while the release is under embargo (news/release_documents.py).
        embargo.connect(models.NewsPage)
        release_documents.connect(models.NewsPage)
