from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts.views import password_reset
from base.views import authenticate_with_password, security_txt
from config.admin_guard import (
    checked_bulk_action,
    checked_image_preview,
    checked_page_copy,
    refuse_unreadable_query,
    superusers_only_error_test,
)
from config.document_cache import serve_document
from opendata.api import api_router
from opendata.views import projects_csv, projects_geojson
from search.views import robots_txt, search, sitemap

# Every error page is in the request's own language, even for an error raised before LocaleMiddleware has run
# (a bad Host header): config/error_pages.py.
handler400 = "config.error_pages.bad_request"
handler403 = "config.error_pages.permission_denied"
# One 404 for every address not found, an embargoed news item included (base/views.py).
handler404 = "config.error_pages.page_not_found"
# The database out of reach is a 503 with Retry-After, any other server error the 500 page (config/db_errors.py).
handler500 = "config.error_pages.server_error"

admin_urlpatterns = [
    # Wagtail's page editor, its form restoring an older version and wagtail-localize's views that the editorial
    # rules replace, at the libraries' own addresses: before Wagtail's admin, so that they win (editorial/urls.py).
    path("admin/", include(("editorial.urls", "editorial"))),
    # Wagtail's password reset, limited per e-mail and per address (accounts/views.py).
    path("admin/password_reset/", password_reset),
    # Wagtail's image preview, refusing a side of 0 or past 4000 px (config/admin_guard.py), wrapped as Wagtail
    # wraps its admin views: before Wagtail's admin, so that it wins.
    path(
        "admin/images/<int:image_id>/preview/<str:filter_spec>/",
        never_cache(display_custom_404(require_admin_access(checked_image_preview))),
    ),
    # Wagtail's bulk actions and page copy form, with the ids they are given read first (config/admin_guard.py).
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        never_cache(display_custom_404(require_admin_access(checked_bulk_action))),
    ),
    path(
        "admin/pages/<int:page_id>/copy/",
        never_cache(display_custom_404(require_admin_access(checked_page_copy))),
    ),
    # Wagtail's deliberate server error, for administrators only (config/admin_guard.py).
    path("admin/failwhale/", never_cache(display_custom_404(require_admin_access(superusers_only_error_test)))),
    path("admin/", include(wagtailadmin_urls)),
]

urlpatterns = [
    # Every admin view, those that hooks add included, answers a NUL in its query string with a 400 before
    # PostgreSQL sees it, and a parent_page_id that is not a number before Wagtail builds an address with it
    # (config/admin_guard.py).
    *decorate_urlpatterns(admin_urlpatterns, refuse_unreadable_query),
    # Wagtail's document view, saying how long a document may be kept (config/document_cache.py).
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    # Early-access links (/anteprima/<token>/…): one address per recipient, whatever the language.
    path("", include("earlyaccess.urls")),
]

if getattr(settings, "METRICS_ENABLED", False):
    from config.metrics import metrics

    urlpatterns += [path("metrics/", metrics, name="metrics")]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Under DEBUG (make run) a missing address shows Django's debug page: these two show the site's own 404 and 500
# pages, in either language, through the real handlers (README, "Error pages"). They do not exist with DEBUG off.
debug_error_pages = []
if settings.DEBUG:
    from django.http import Http404

    from base.views import page_not_found
    from config.db_errors import server_error

    debug_error_pages = [
        path("__404__/", lambda request: page_not_found(request, Http404())),
        path("__500__/", server_error),
    ]

# Italian at "/", English at "/en/". The search page's address is translated: /cerca/, /en/search/.
urlpatterns += i18n_patterns(
    path("projects.geojson", projects_geojson, name="projects_geojson"),
    path("projects.csv", projects_csv, name="projects_csv"),
    path(pgettext_lazy("URL of the search page", "search/"), search, name="search"),
    *debug_error_pages,
    # Wagtail's password form for a restricted page, answering 404 for any page not under the restriction
    # (base/views.py): before Wagtail's own, so that it wins.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
