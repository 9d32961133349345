"""The recipients' personal addresses: /anteprima/<token>/, optionally with a language, the dossier's print view
and PDF, and the documents and images the page uses.

Outside the language prefixes: the link is the recipient's, whatever the language; the page's own language
comes from the page (a language in the address picks another translation).
"""

from django.conf import settings
from django.urls import re_path

from . import views
from .models import TOKEN_PATTERN

app_name = "earlyaccess"

LANGUAGE = "|".join(code for code, _name in settings.LANGUAGES)
LINK = rf"^anteprima/(?P<token>{TOKEN_PATTERN})/"

urlpatterns = [
    # The address e-mailed: a button that opens the page (mail scanners fetch it, and must not count as an opening).
    re_path(LINK + "$", views.open_confirm, name="open"),
    re_path(LINK + rf"(?P<language>{LANGUAGE})/$", views.open_link, name="open_language"),
    re_path(LINK + rf"(?P<language>{LANGUAGE})/print/$", views.open_print, name="print"),
    re_path(LINK + rf"(?P<language>{LANGUAGE})/pdf/$", views.open_pdf, name="pdf"),
    # The documents the page links to, named as Wagtail names them (/documents/<id>/<file name>).
    re_path(LINK + r"documents/(?P<document_id>[0-9]+)/(?P<filename>[^/]+)$", views.open_document, name="document"),
    # The renditions of the images the page uses, by rendition and file name: their public addresses are not given.
    re_path(LINK + r"images/(?P<rendition_id>[0-9]+)/(?P<filename>[^/]+)$", views.open_image, name="image"),
]
