from django.conf import settings
from django.utils.translation import gettext as _


def site_chrome(request):
    """Values the base layout needs on every page."""
    return {
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        # OpenStreetMap's credit (its guidelines accept it in the reader's language), unless the provider's is set.
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION
        or _('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
    }
