"""wagtail-geo-widget panels that use our own copy of Leaflet.

The library's LeafletField loads Leaflet from unpkg; the admin must work on a network
that reaches no CDN, so the widget's media points at the files js_lib_leaflet ships.
"""

from django import forms
from django.utils.functional import cached_property
from wagtailgeowidget.panels import LeafletPanel
from wagtailgeowidget.widgets import LeafletField

LEAFLET_CSS = "js_lib_leaflet/leaflet.css"
LEAFLET_JS = "js_lib_leaflet/leaflet.js"


class LocalLeafletField(LeafletField):
    @cached_property
    def media(self):
        return forms.Media(
            css={"all": ("wagtailgeowidget/css/leaflet-field.css", LEAFLET_CSS)},
            js=(
                LEAFLET_JS,
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
            ),
        )


class LocalLeafletPanel(LeafletPanel):
    def widget_overrides(self):
        overrides = super().widget_overrides()
        widget = overrides[self.field_name]
        overrides[self.field_name] = LocalLeafletField(
            address_field=widget.address_field,
            zoom_field=widget.zoom_field,
            hide_latlng=widget.hide_latlng,
            zoom=widget.zoom,
            srid=widget.srid,
            id_prefix=widget.id_prefix,
        )
        return overrides
