from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import ProjectPage


@require_GET
def projects_geojson(request):
    """Every live, public project in the active language, as a GeoJSON FeatureCollection.

    Coordinates follow RFC 7946: [longitude, latitude] in WGS84.
    """
    features = []
    for project in ProjectPage.objects.mappable():
        if not project.has_location:
            continue
        features.append(
            {
                "type": "Feature",
                "id": project.pk,
                "geometry": {"type": "Point", "coordinates": [project.lng, project.lat]},
                "properties": {
                    "title": project.title,
                    "url": project.get_full_url(request),
                    "summary": project.summary,
                    "programme": project.programme.title if project.programme else None,
                    "themes": [theme.name for theme in project.themes.all()],
                    "district": project.district.name if project.district else None,
                    "status": project.status,
                    "status_label": project.get_status_display(),
                    "address": project.address,
                },
            }
        )
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Content-Type"] = "application/geo+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response
