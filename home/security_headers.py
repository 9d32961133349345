"""Response headers that Django does not set by itself: which Content-Security-Policy, and CORP.

The policies are in config/settings/base.py; README.md ("Response headers and the
Content-Security-Policy") says why each exception exists.
"""

from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings


def tile_origin():
    """The origin the map tiles come from (MAP_TILE_URL), or None if it names none."""
    parts = urlsplit(settings.MAP_TILE_URL)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def is_admin_path(path):
    return path.startswith(settings.CSP_ADMIN_PATH_PREFIXES)


def shows_userbar(request):
    """Whether Wagtail may put its userbar on this response: only for people who may use the admin."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by who asks for what.

    - Public pages get CONTENT_SECURITY_POLICY: no inline code and no nonce, so a shared cache may
      keep them and hand the same bytes (and header) to everyone.
    - Wagtail's admin (its previews included) gets CONTENT_SECURITY_POLICY_ADMIN, measured in Chromium.
    - A public page for someone who may use the admin carries Wagtail's userbar: the public policy
      plus CONTENT_SECURITY_POLICY_USERBAR. Those responses vary on the session and are never cached.
    The map tiles' origin (MAP_TILE_URL) is added to img-src here, so that it follows the setting.
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
        if is_admin_path(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        elif response.get("Content-Type", "").startswith("text/html") and shows_userbar(request):
            for directive, sources in settings.CONTENT_SECURITY_POLICY_USERBAR["DIRECTIVES"].items():
                update[directive] = [*update.get(directive, []), *sources]
        origin = tile_origin()
        if origin:
            update["img-src"] = [*update.get("img-src", []), origin]
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
