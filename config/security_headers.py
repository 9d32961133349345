"""Response headers that Django does not set by itself: which Content-Security-Policy, and CORP.

The policies are in config/settings/base.py; README.md ("Response headers and the
Content-Security-Policy") says why each exception exists.
"""

from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings


def origin(url):
    """The origin of a URL template such as a tile server's, or None if it names none."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def tile_origins(admin):
    """Where map tiles come from: the public maps' server, and in the admin the geo widget's."""
    urls = [settings.MAP_TILE_URL]
    if admin:
        urls.append(getattr(settings, "GEO_WIDGET_LEAFLET_TILE_LAYER", None))
    return list(dict.fromkeys(o for o in map(origin, urls) if o))


def is_admin_path(path):
    return path.startswith(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by what is asked for.

    - Public pages get CONTENT_SECURITY_POLICY: no inline code and no nonce, so a shared cache may
      keep them and hand the same bytes (and header) to everyone.
    - Wagtail's admin (its previews included) gets CONTENT_SECURITY_POLICY_ADMIN, measured in Chromium.
    - Wagtail's userbar, on public pages for people who may use the admin, works under the public
      policy (measured: tests/browser/test_browser_csp.py), so it needs no policy of its own.
    The map tiles' origin (MAP_TILE_URL; in the admin also GEO_WIDGET_LEAFLET_TILE_LAYER) is added to
    img-src here, so that it follows the setting.
    A view's own policy (django-csp's decorators) wins over all of this.
    """

    def process_response(self, request, response):
        # Wagtail renders a preview by running a request for the page's public address through the
        # middleware: that inner response already has the public policy, whose frame-ancestors 'none'
        # would keep the preview out of the editor's iframe. Under /admin/ the admin's policy applies.
        if is_admin_path(request.path_info) and HEADER in response:
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        update = dict(parts.update or {})
        admin = is_admin_path(request.path_info)
        if admin:
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        update["img-src"] = [*update.get("img-src", []), *tile_origins(admin)]
        parts.update = update
        return parts


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy on every response Django makes (SECURE_CROSS_ORIGIN_RESOURCE_POLICY).

    Django has a setting for the opener policy but none for CORP. "same-origin" keeps other sites from
    embedding our responses; a view that must be embeddable elsewhere sets its own header first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "SECURE_CROSS_ORIGIN_RESOURCE_POLICY", None)
        if policy and "Cross-Origin-Resource-Policy" not in response:
            response["Cross-Origin-Resource-Policy"] = policy
        return response
