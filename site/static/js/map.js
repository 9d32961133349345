/*
 * Turns each map fragment (templates/includes/map.html) into a Leaflet map.
 *
 * The fragment is already a list of links to the places, which stays on the page: the
 * map is drawn above it. Leaflet is loaded from our own static files, and only when the
 * page has a map. If Leaflet or the tiles cannot be loaded, the list still works and
 * nothing is thrown.
 */
(function () {
    "use strict";

    var script = document.currentScript;
    var wrappers = document.querySelectorAll("[data-place-map]");
    if (!script || !wrappers.length || !("querySelector" in document)) {
        return;
    }

    function loadLeaflet(callback) {
        if (window.L && window.L.map) {
            callback();
            return;
        }
        var pending = 2;
        var failed = false;
        function done(ok) {
            failed = failed || !ok;
            pending -= 1;
            if (pending === 0 && !failed && window.L) {
                callback();
            }
        }
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = script.getAttribute("data-leaflet-css");
        css.onload = function () { done(true); };
        css.onerror = function () { done(false); };
        document.head.appendChild(css);

        var js = document.createElement("script");
        js.src = script.getAttribute("data-leaflet-js");
        js.onload = function () { done(true); };
        js.onerror = function () { done(false); };
        document.head.appendChild(js);
    }

    function readPlaces(wrapper) {
        var places = [];
        var items = wrapper.querySelectorAll("[data-lat][data-lng]");
        for (var i = 0; i < items.length; i++) {
            var lat = parseFloat(items[i].getAttribute("data-lat"));
            var lng = parseFloat(items[i].getAttribute("data-lng"));
            if (isFinite(lat) && isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
                places.push({ lat: lat, lng: lng, item: items[i] });
            }
        }
        return places;
    }

    function popupContent(item) {
        var box = document.createElement("div");
        box.className = "map-popup";
        var title = item.getAttribute("data-title") || "";
        var url = item.getAttribute("data-url");
        var heading = document.createElement(url ? "a" : "strong");
        heading.className = "map-popup__title";
        heading.textContent = title;
        if (url) {
            heading.href = url;
        }
        box.appendChild(heading);
        var meta = item.querySelector("[data-place-meta]");
        if (meta && meta.textContent.trim()) {
            var text = document.createElement("p");
            text.className = "map-popup__meta";
            text.textContent = meta.textContent.trim();
            box.appendChild(text);
        }
        return box;
    }

    function drawMap(wrapper) {
        var places = readPlaces(wrapper);
        if (!places.length) {
            return;
        }
        var data = wrapper.dataset;
        if (places.length === 1) {
            wrapper.classList.add("place-map--single");
        }
        var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

        var canvas = document.createElement("div");
        canvas.className = "place-map__canvas";
        canvas.setAttribute("role", "region");
        canvas.setAttribute("aria-label", data.mapLabel || "Map");
        var list = wrapper.querySelector("[data-place-map-list]");
        wrapper.insertBefore(canvas, list);

        var map = L.map(canvas, {
            zoomControl: false,
            scrollWheelZoom: false,
            fadeAnimation: !reduceMotion,
            zoomAnimation: !reduceMotion,
            markerZoomAnimation: !reduceMotion
        });
        L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
        // Wheel zoom only once the reader has chosen the map, so the page scrolls normally.
        map.once("focus click", function () { map.scrollWheelZoom.enable(); });

        if (data.tileUrl) {
            var tiles = L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 });
            tiles.once("tileerror", function () {
                if (!data.tilesFailed || wrapper.querySelector(".place-map__notice")) {
                    return;
                }
                var notice = document.createElement("p");
                notice.className = "place-map__notice";
                notice.textContent = data.tilesFailed;
                wrapper.insertBefore(notice, canvas.nextSibling);
            });
            tiles.addTo(map);
        }

        var icon = L.icon({
            iconUrl: data.markerIcon,
            iconRetinaUrl: data.markerIcon2x,
            shadowUrl: data.markerShadow,
            iconSize: [25, 41],
            iconAnchor: [12, 41],
            popupAnchor: [1, -34],
            tooltipAnchor: [16, -28],
            shadowSize: [41, 41]
        });
        var points = [];
        places.forEach(function (place) {
            var title = place.item.getAttribute("data-title") || "";
            L.marker([place.lat, place.lng], { icon: icon, title: title, alt: title, keyboard: true, riseOnHover: true })
                .bindPopup(popupContent(place.item))
                .addTo(map);
            points.push([place.lat, place.lng]);
        });

        if (points.length === 1) {
            map.setView(points[0], parseInt(data.zoom, 10) || 15);
        } else {
            map.fitBounds(L.latLngBounds(points), { padding: [32, 32], maxZoom: 16 });
        }
        wrapper.classList.add("place-map--ready");
        wrapper.setAttribute("data-map-ready", String(points.length));
    }

    loadLeaflet(function () {
        for (var i = 0; i < wrappers.length; i++) {
            try {
                drawMap(wrappers[i]);
            } catch (error) {
                // The list of places is still there: leave the page as it is.
                var canvas = wrappers[i].querySelector(".place-map__canvas");
                if (canvas) {
                    canvas.parentNode.removeChild(canvas);
                }
            }
        }
    });
})();
