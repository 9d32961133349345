from django.conf import settings


def site_chrome(request):
    """Values the base layout needs on every page."""
    return {
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
