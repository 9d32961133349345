from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .languages import LanguageLimitedIndexView
from .models import Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    index_view_class = LanguageLimitedIndexView
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "email", "phone", "is_press"]
    list_filter = ["is_press"]  # the language filter is Wagtail's own (by language code)
    search_fields = ["name", "role"]


register_snippet(ContactViewSet)
