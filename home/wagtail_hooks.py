from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "email", "phone", "is_press"]
    list_filter = ["is_press", "locale"]
    search_fields = ["name", "role"]


register_snippet(ContactViewSet)
