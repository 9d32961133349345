/*
 * Turns each map fragment (templates/includes/map.html) into a Leaflet map.
 *
 * The fragment is already a list of links to the places, which stays on the page: the
 * map is drawn above it. Its markers are the list's places, or, when the fragment names
 * a GeoJSON address (data-geojson-url: every project matching the page's filters, while
 * the list shows one page of them), the features of that file. Markers close together
 * are grouped by Leaflet.markercluster, so a thousand stay readable and five at the same
 * address do not hide each other: a group zooms in, or at one spot opens into its markers.
 * Leaflet and the plugin are loaded from our own static files, only when the page has a
 * map, and only once a map comes near the screen. If they, the GeoJSON or the tiles cannot be loaded, the list still works and
 * nothing is thrown.
 */
(function () {
    "use strict";

    var script = document.currentScript;
    var wrappers = document.querySelectorAll("[data-place-map]");
    if (!script || !wrappers.length || !("querySelector" in document)) {
        return;
    }

    // Room around the places when the map fits them: a pin stands 41 px above its point.
    var FIT_PADDING = { paddingTopLeft: [32, 56], paddingBottomRight: [32, 24], maxZoom: 16 };
    var MAX_ZOOM = 19;

    function loadFile(kind, url, callback) {
        if (!url) {
            callback(false);
            return;
        }
        var element = document.createElement(kind === "css" ? "link" : "script");
        if (kind === "css") {
            element.rel = "stylesheet";
            element.href = url;
        } else {
            element.src = url;
        }
        element.onload = function () { callback(true); };
        element.onerror = function () { callback(false); };
        document.head.appendChild(element);
    }

    // Leaflet first (the plugin extends it), then the plugin; callback(clustering available).
    function loadLibraries(wantClusters, callback) {
        var first = wrappers[0].dataset;
        function withLeaflet() {
            if (!wantClusters || (window.L && L.markerClusterGroup)) {
                callback(Boolean(window.L && L.markerClusterGroup));
                return;
            }
            var pending = 2;
            var ok = true;
            function done(loaded) {
                ok = ok && loaded;
                pending -= 1;
                if (pending === 0) {
                    callback(ok && Boolean(L.markerClusterGroup));
                }
            }
            loadFile("css", first.clusterCss, done);
            loadFile("js", first.clusterJs, done);
        }
        if (window.L && window.L.map) {
            withLeaflet();
            return;
        }
        var pending = 2;
        var failed = false;
        function done(ok) {
            failed = failed || !ok;
            pending -= 1;
            if (pending === 0 && !failed && window.L) {
                withLeaflet();
            }
        }
        loadFile("css", script.getAttribute("data-leaflet-css"), done);
        loadFile("js", script.getAttribute("data-leaflet-js"), done);
    }

    function validPoint(lat, lng) {
        return isFinite(lat) && isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
    }

    // The places of the HTML list: {lat, lng, title, url, meta}.
    function readPlaces(wrapper) {
        var places = [];
        var items = wrapper.querySelectorAll("[data-lat][data-lng]");
        for (var i = 0; i < items.length; i++) {
            var lat = parseFloat(items[i].getAttribute("data-lat"));
            var lng = parseFloat(items[i].getAttribute("data-lng"));
            if (validPoint(lat, lng)) {
                var meta = items[i].querySelector("[data-place-meta]");
                places.push({
                    lat: lat,
                    lng: lng,
                    title: items[i].getAttribute("data-title") || "",
                    url: items[i].getAttribute("data-url"),
                    meta: meta ? meta.textContent.trim() : ""
                });
            }
        }
        return places;
    }

    // The places of a GeoJSON FeatureCollection (opendata/views.py): points, [longitude, latitude].
    function featurePlaces(collection) {
        var places = [];
        var features = collection && collection.features;
        if (!features || !features.length) {
            return places;
        }
        for (var i = 0; i < features.length; i++) {
            var geometry = features[i] && features[i].geometry;
            var properties = (features[i] && features[i].properties) || {};
            if (!geometry || geometry.type !== "Point" || !geometry.coordinates) {
                continue;
            }
            var lng = Number(geometry.coordinates[0]);
            var lat = Number(geometry.coordinates[1]);
            if (validPoint(lat, lng)) {
                places.push({
                    lat: lat,
                    lng: lng,
                    title: String(properties.title || ""),
                    url: typeof properties.url === "string" ? properties.url : null,
                    meta: [properties.programme, properties.status_label].filter(Boolean).join(" · ")
                });
            }
        }
        return places;
    }

    function sameOrigin(url) {
        var link = document.createElement("a");
        link.href = url;
        return link.protocol + "//" + link.host === window.location.protocol + "//" + window.location.host;
    }

    // callback(places or null): the GeoJSON's places, or null if it could not be had.
    function fetchPlaces(url, callback) {
        if (!window.fetch || !sameOrigin(url)) {
            callback(null);
            return;
        }
        window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("GeoJSON answered " + response.status);
                }
                return response.json();
            })
            .then(function (collection) { callback(featurePlaces(collection)); }, function () { callback(null); });
    }

    function popupContent(place) {
        var box = document.createElement("div");
        box.className = "map-popup";
        var heading = document.createElement(place.url ? "a" : "strong");
        heading.className = "map-popup__title";
        heading.textContent = place.title;
        if (place.url) {
            heading.href = place.url;
        }
        box.appendChild(heading);
        if (place.meta) {
            var text = document.createElement("p");
            text.className = "map-popup__meta";
            text.textContent = place.meta;
            box.appendChild(text);
        }
        return box;
    }

    // One notice of each kind ("tiles", "geojson") under the map.
    function addNotice(wrapper, canvas, kind, text) {
        if (!text || wrapper.querySelector('.place-map__notice[data-notice="' + kind + '"]')) {
            return;
        }
        var notice = document.createElement("p");
        notice.className = "place-map__notice";
        notice.setAttribute("data-notice", kind);
        notice.textContent = text;
        wrapper.insertBefore(notice, canvas.nextSibling);
    }

    // A group's icon: a button whose accessible name says how many projects it holds.
    function clusterIconFactory(label) {
        var ClusterIcon = L.DivIcon.extend({
            createIcon: function (oldIcon) {
                var div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
                div.setAttribute("aria-label", this.options.label);
                div.setAttribute("title", this.options.label);
                return div;
            }
        });
        return function (cluster) {
            var count = cluster.getChildCount();
            var name = (label || "{count}").replace("{count}", String(count));
            return new ClusterIcon({
                html: "<span aria-hidden=\"true\">" + count + "</span>",
                className: "map-cluster",
                iconSize: L.point(44, 44),
                label: name
            });
        };
    }

    function drawMap(wrapper, places, clustering, geojsonFailed) {
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
            // Clustering needs a known deepest zoom, even when there are no tiles to say it.
            maxZoom: MAX_ZOOM,
            fadeAnimation: !reduceMotion,
            zoomAnimation: !reduceMotion,
            markerZoomAnimation: !reduceMotion
        });
        L.control.zoom({ zoomInTitle: data.zoomIn, zoomOutTitle: data.zoomOut }).addTo(map);
        // Leaflet writes two English strings of its own: the link to itself (its title) and the popups' close
        // button (its aria-label, which a screen reader reads out). In the page's language, or without words.
        map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
        map.on("popupopen", function (event) {
            var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
            if (close && data.closePopup) {
                close.setAttribute("aria-label", data.closePopup);
                close.setAttribute("title", data.closePopup);
            }
        });
        // Wheel zoom only once the reader has chosen the map, so the page scrolls normally.
        map.once("focus click", function () { map.scrollWheelZoom.enable(); });

        if (data.tileUrl) {
            var tiles = L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: MAX_ZOOM });
            tiles.once("tileerror", function () { addNotice(wrapper, canvas, "tiles", data.tilesFailed); });
            tiles.addTo(map);
        }
        if (geojsonFailed) {
            addNotice(wrapper, canvas, "geojson", data.geojsonFailed);
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
        var markers = [];
        var points = [];
        places.forEach(function (place) {
            markers.push(
                L.marker([place.lat, place.lng], {
                    icon: icon,
                    title: place.title,
                    alt: place.title,
                    keyboard: true,
                    riseOnHover: true
                }).bindPopup(popupContent(place))
            );
            points.push([place.lat, place.lng]);
        });

        if (points.length === 1) {
            map.setView(points[0], parseInt(data.zoom, 10) || 15);
        } else {
            map.fitBounds(L.latLngBounds(points), FIT_PADDING);
        }

        function ready() {
            // The number of places and the zoom, for the browser tests and whoever inspects the page.
            wrapper.setAttribute("data-map-zoom", String(map.getZoom()));
            wrapper.classList.add("place-map--ready");
            wrapper.setAttribute("data-map-ready", String(points.length));
        }
        map.on("zoomend", function () { wrapper.setAttribute("data-map-zoom", String(map.getZoom())); });

        if (clustering && markers.length > 1) {
            L.markerClusterGroup({
                // Markers nearer than this (px) share a group, so no pin overlaps another one.
                maxClusterRadius: 60,
                showCoverageOnHover: false,
                spiderfyOnMaxZoom: true,
                // Pins fanned out from one address stand twice the plugin's distance apart, so no two of
                // them (25 × 41 px each) overlap: each stays a target of its own.
                spiderfyDistanceMultiplier: 2,
                zoomToBoundsOnClick: true,
                // A thousand markers are added in slices, so the page stays responsive meanwhile.
                chunkedLoading: true,
                chunkProgress: function (done, total) {
                    if (done === total) {
                        // The plugin draws the groups right after this last report.
                        window.setTimeout(ready, 0);
                    }
                },
                animate: !reduceMotion,
                iconCreateFunction: clusterIconFactory(data.clusterLabel)
            }).addTo(map).addLayers(markers);
        } else {
            L.layerGroup(markers).addTo(map);
            ready();
        }
    }

    function drawSafely(wrapper, places, clustering, geojsonFailed) {
        try {
            drawMap(wrapper, places, clustering, geojsonFailed);
        } catch (error) {
            // The list of places is still there: leave the page as it is.
            var canvas = wrapper.querySelector(".place-map__canvas");
            if (canvas) {
                canvas.parentNode.removeChild(canvas);
            }
        }
    }

    var wantClusters = false;
    for (var i = 0; i < wrappers.length; i++) {
        if (wrappers[i].dataset.geojsonUrl || wrappers[i].querySelectorAll("[data-lat]").length > 1) {
            wantClusters = true;
        }
    }

    function draw(wrapper, clustering) {
        var listed = readPlaces(wrapper);
        var url = wrapper.dataset.geojsonUrl;
        if (!url) {
            drawSafely(wrapper, listed, clustering, false);
            return;
        }
        fetchPlaces(url, function (places) {
            // Without the file, the map shows what the list holds, and says so.
            drawSafely(wrapper, places || listed, clustering, places === null);
        });
    }

    // A map is drawn when it comes near the screen: Leaflet is loaded and run (the page's longest work) only for a
    // reader who scrolls to a map, not while the page above it is being read. The list of places is there before.
    var libraries = null;
    function whenLoaded(callback) {
        if (libraries === null) {
            libraries = [];
            loadLibraries(wantClusters, function (clustering) {
                var waiting = libraries;
                libraries = { clustering: clustering };
                waiting.forEach(function (next) { next(clustering); });
            });
        }
        if (Array.isArray(libraries)) {
            libraries.push(callback);
        } else {
            callback(libraries.clustering);
        }
    }

    function show(wrapper) {
        whenLoaded(function (clustering) { draw(wrapper, clustering); });
    }

    if (!("IntersectionObserver" in window)) {
        Array.prototype.forEach.call(wrappers, show);
        return;
    }
    var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (entry.isIntersecting) {
                observer.unobserve(entry.target);
                show(entry.target);
            }
        });
    }, { rootMargin: "400px 0px" });
    Array.prototype.forEach.call(wrappers, function (wrapper) { observer.observe(wrapper); });
})();
