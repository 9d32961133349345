"""The admin speaks the visitor's language before anyone signs in."""

from django.urls import reverse
from django.utils import translation


class AdminLanguageMiddleware:
    """Choose the admin's language from the browser (cookie, then Accept-Language) on /admin/ addresses.

    The public site's URLs carry no prefix for Italian (i18n_patterns with prefix_default_language=False),
    and for such a set-up Django's LocaleMiddleware gives every unprefixed address LANGUAGE_CODE. The
    admin is unprefixed too, so its sign-in, password-reset and second-factor pages were always Italian,
    even for an English-speaking juror or editor. Once someone is signed in, Wagtail applies the language
    chosen in their account; with none chosen, this one stays.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if request.path_info.startswith(self.admin_prefix):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
