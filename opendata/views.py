"""Project data for reuse: GeoJSON for maps, CSV for spreadsheets.

Both list the same live, public projects in the active language with the same fields, described
once in PROJECT_FIELDS (the open data page documents them from there too).
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from base.languages import request_locale
from projects.models import ProjectPage

# (name, description): the properties of each GeoJSON feature and the columns of the CSV.
PROJECT_FIELDS = [
    ("title", _("Name of the project.")),
    ("url", _("Address of the project's page on this site.")),
    ("summary", _("One or two sentences on what the project does.")),
    ("programme", _("The programme it belongs to, if any.")),
    ("themes", _("Its themes (in the CSV, separated by semicolons).")),
    ("district", _("The Turin neighbourhood where it takes place.")),
    ("status", _('"planned", "running" or "completed".')),
    ("status_label", _("The status in words, in the language of the file.")),
    ("address", _("Street address.")),
]
# Only in the CSV: in GeoJSON the point is the feature's geometry.
COORDINATE_FIELDS = [
    ("latitude", _("Latitude, WGS84 (EPSG:4326), decimal degrees.")),
    ("longitude", _("Longitude, WGS84 (EPSG:4326), decimal degrees.")),
]


def project_properties(project, request):
    """The PROJECT_FIELDS of one project, as plain values."""
    return {
        "title": project.title,
        "url": project.get_full_url(request),
        "summary": project.summary,
        "programme": project.programme.title if project.programme else None,
        "themes": [theme.name for theme in project.public_themes],
        "district": project.public_district.name if project.public_district else None,
        "status": project.status,
        "status_label": str(project.get_status_display()),
        "address": project.address,
    }


# A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(value):
    """The value as a CSV cell that a spreadsheet shows as text: a leading formula sign gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _open_data_headers(response):
    # Open data: any web page may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def projects_geojson(request):
    """Every live, public project in the active language, as a GeoJSON FeatureCollection.

    Coordinates follow RFC 7946: [longitude, latitude] in WGS84.
    """
    features = []
    for project in ProjectPage.objects.mappable(request_locale(request)):
        if not project.has_place:
            continue
        features.append(
            {
                "type": "Feature",
                "id": project.pk,
                "geometry": {"type": "Point", "coordinates": [project.lng, project.lat]},
                "properties": project_properties(project, request),
            }
        )
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Content-Type"] = "application/geo+json"
    return _open_data_headers(response)


@require_safe
def projects_csv(request):
    """Every live, public project in the active language, as CSV (RFC 4180, UTF-8, a header row).

    Projects without a location are included, with empty coordinates.
    """
    filename = pgettext("CSV file name", "torino-innovation-projects.csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    names = [name for name, _description in PROJECT_FIELDS + COORDINATE_FIELDS]
    writer.writerow(["id", *names])
    for project in ProjectPage.objects.listed(request_locale(request)):
        properties = project_properties(project, request)
        properties["themes"] = "; ".join(properties["themes"])
        properties["latitude"] = project.lat if project.has_place else ""
        properties["longitude"] = project.lng if project.has_place else ""
        writer.writerow([project.pk, *(_spreadsheet_safe(properties[name]) for name in names)])
    return _open_data_headers(response)
