"""The admin form of a news item."""

from base.languages import LocalisedChoicesPageForm


class NewsPageForm(LocalisedChoicesPageForm):
    """A news item: its related programmes and projects are offered in the news item's language."""

    localised_choice_fields = {"related_programmes": ("title", "pk"), "related_projects": ("title", "pk")}
