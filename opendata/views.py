"""Project data for reuse: GeoJSON for maps, CSV for spreadsheets.

Both list the same live, public projects in the active language with the same fields, described
once in PROJECT_FIELDS (the open data page documents them from there too). The GeoJSON takes the
project index's filters, so the index's map can show every project matching them.
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from base.languages import request_locale
from base.spreadsheets import spreadsheet_safe

# ProjectFilterForm is the project index's own filter form (projects/filters.py), which projects.models uses.
from projects.models import ProjectFilterForm, ProjectPage

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
        "programme": project.public_programme.title if project.public_programme else None,
        "themes": [theme.name for theme in project.public_themes],
        "district": project.public_district.name if project.public_district else None,
        "status": project.status,
        "status_label": str(project.get_status_display()),
        "address": project.address,
    }


# Excel (Windows and Mac) reads a CSV file without a byte-order mark in the system's legacy code page, so
# "Città" shows as "CittÃ ": the mark makes it read UTF-8. LibreOffice, Google Sheets, Numbers, pandas, R's
# readr and Python's "utf-8-sig" codec skip it; a program decoding plain "utf-8" keeps it as the first character
# of the first column's name, "id". Documented on the open data page and in the README.
CSV_BOM = "\ufeff"


def _open_data_headers(response):
    # Open data: any web page may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


# The project index's filters, with the same names and values (slugs): ?programme=…&theme=…&district=…
FILTER_PARAMETERS = ("programme", "theme", "district")


def filtered_projects(request, projects, locale):
    """``projects`` narrowed by the index's filters in the query string, as the index narrows its list.

    An unknown value is ignored, as the index ignores it (it says so on the page; a feed can only leave it
    out). A value holding a NUL character can name nothing, and PostgreSQL would refuse the query: it is
    ignored before it reaches the database.
    """
    data = {name: value for name in FILTER_PARAMETERS if (value := request.GET.get(name)) and "\x00" not in value}
    if not data:
        return projects
    return ProjectFilterForm(data, locale=locale).filter(projects)


@require_safe
def projects_geojson(request):
    """Every live, public project in the active language, as a GeoJSON FeatureCollection.

    Coordinates follow RFC 7946: [longitude, latitude] in WGS84. The project index's filters
    (FILTER_PARAMETERS) narrow it to the projects the index lists with them.
    """
    locale = request_locale()
    features = []
    for project in filtered_projects(request, ProjectPage.objects.mappable(locale), locale):
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

    Projects without a location are included, with empty coordinates. The file starts with a
    byte-order mark (CSV_BOM). The project index's filters narrow it, as they narrow the GeoJSON.
    """
    filename = pgettext("CSV file name", "torino-innovation-projects.csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(CSV_BOM)
    writer = csv.writer(response)
    names = [name for name, _description in PROJECT_FIELDS + COORDINATE_FIELDS]
    writer.writerow(["id", *names])
    locale = request_locale()
    for project in filtered_projects(request, ProjectPage.objects.listed(locale), locale):
        properties = project_properties(project, request)
        properties["themes"] = "; ".join(properties["themes"])
        properties["latitude"] = project.lat if project.has_place else ""
        properties["longitude"] = project.lng if project.has_place else ""
        writer.writerow([project.pk, *(spreadsheet_safe(properties[name]) for name in names)])
    return _open_data_headers(response)
