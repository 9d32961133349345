from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.documents import urls as wagtaildocs_urls
from wagtail_localize.views import convert as localize_convert_views
from wagtail_localize.views import edit_translation as localize_edit_views

from accounts.views import password_reset
from base.views import security_txt
from home.admin_views import EditPageView, RevertPageView, for_translation_managers
from home.translation_guards import checked_override, checked_string_translation
from opendata.api import api_router
from projects.views import projects_csv, projects_geojson
from search.views import robots_txt, search, sitemap

# One 404 for every address not found, an embargoed news item included (base/views.py).
handler404 = "base.views.page_not_found"
# The database out of reach is a 503 with Retry-After, any other server error the 500 page (config/db_errors.py).
handler500 = "config.db_errors.server_error"

urlpatterns = [
    # Wagtail's page editor and its form restoring an older version, at their own addresses, refusing stale
    # forms (home/admin_views.py); wrapped as Wagtail wraps its admin views: login required, never cached, and
    # the admin's own 404 page for a missing page.
    path(
        "admin/pages/<int:page_id>/edit/",
        never_cache(display_custom_404(require_admin_access(EditPageView.as_view()))),
    ),
    path(
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
        never_cache(display_custom_404(require_admin_access(RevertPageView.as_view()))),
    ),
    # wagtail-localize's "Stop synced translation" and "Convert to alias", at their own addresses, for Moderators only.
    path(
        "admin/localize/translate/<int:translation_id>/disable/",
        require_admin_access(for_translation_managers(localize_edit_views.stop_translation)),
    ),
    path(
        "admin/localize/page/<int:page_id>/convert_to_alias/",
        never_cache(require_admin_access(for_translation_managers(localize_convert_views.convert_to_alias))),
    ),
    # Wagtail's password reset, limited per e-mail and per address (accounts/views.py).
    path("admin/password_reset/", password_reset),
    # wagtail-localize's endpoints saving a translated string or an overridden value, at their own addresses,
    # refusing what the page editor would refuse (home/translation_guards.py). Wrapped as Wagtail's admin
    # URLs are: login required, never cached.
    path(
        "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        never_cache(require_admin_access(checked_string_translation(localize_edit_views.edit_string_translation))),
    ),
    path(
        "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        never_cache(require_admin_access(checked_override(localize_edit_views.edit_override))),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Italian at "/", English at "/en/". The search page's address is translated: /cerca/, /en/search/.
urlpatterns += i18n_patterns(
    path("projects.geojson", projects_geojson, name="projects_geojson"),
    path("projects.csv", projects_csv, name="projects_csv"),
    path(pgettext_lazy("URL of the search page", "search/"), search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
