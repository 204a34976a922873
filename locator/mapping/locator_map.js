/*
 * locator's map page: draws the search results on the Leaflet map that folium made, and
 * takes new results without reloading the page.
 *
 *   locatorMap.setResults(payload)  draw a search (see locator/mapping/page.py for the shape)
 *   locatorMap.select(id)           pan to a clinic and open its popup
 *   locatorMap.markerCount()        clinic markers on the map now
 *   locatorMap.preview(lat, lon, s) show a located but unsaved clinic
 *   locatorMap.onSelect = fn        called with a clinic id when its marker is clicked
 *
 * A payload with keep_view true redraws without moving the map (a reload of the same search).
 *
 * Every text from the registry is escaped before it reaches HTML.
 */
(function () {
  "use strict";

  function esc(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function popupHtml(clinic) {
    var lines = ["<div class='locator-popup'><b>" + esc(clinic.name) + "</b>"];
    if (clinic.distance) {
      lines.push("<div>" + esc(clinic.distance) + " away (straight-line)" +
        (clinic.serves_origin ? " · serves the place you searched" : "") + "</div>");
    }
    lines.push("<div><i>" + esc(clinic.precision_note) + "</i></div>");
    lines.push("<div><span class='k'>Treats:</span> " + esc(clinic.treats) + "</div>");
    lines.push("<div><span class='k'>Offers:</span> " + esc(clinic.offers) + "</div>");
    var contact = [];
    if (clinic.phone) {
      contact.push("<a href='tel:" + esc(clinic.phone.replace(/[^0-9+]/g, "")) + "'>" +
        esc(clinic.phone) + "</a>");
    }
    var website = safeUrl(clinic.website);
    if (website) {
      contact.push("<a href='" + esc(website) + "' target='_blank' rel='noopener'>website</a>");
    }
    lines.push("<div>" + (contact.length ? contact.join(" · ") : "contact not listed") + "</div>");
    var directions = safeUrl(clinic.directions);
    if (directions) {
      lines.push("<div><a href='" + esc(directions) +
        "' target='_blank' rel='noopener'>directions</a></div>");
    }
    lines.push("</div>");
    return lines.join("");
  }

  function termLabels(mask, labels) {
    var found = [];
    for (var i = 0; i < labels.length; i++) {
      if (mask & (1 << i)) { found.push(labels[i]); }
    }
    return found.length ? found.join(", ") : "not listed";
  }

  /* Distances as locator.search.Unit.format writes them: "4.2 mi", "31 mi". */
  function formatDistance(km, unit) {
    var value = unit === "km" ? km : km / 1.609344;
    return (value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString("en-US")) +
      " " + unit;
  }

  /* The payload's rows are arrays in the order of payload.fields: make them objects. */
  function decode(payload) {
    var fields = payload.fields || [];
    var notes = payload.precision_notes || {};
    return (payload.rows || []).map(function (row) {
      var clinic = {};
      fields.forEach(function (name, i) { clinic[name] = row[i]; });
      clinic.precision = (payload.precisions || [])[clinic.precision] || clinic.precision;
      clinic.serves_origin = Boolean(clinic.serves_origin);
      clinic.treats = termLabels(clinic.conditions, payload.conditions || []);
      clinic.offers = termLabels(clinic.treatments, payload.treatments || []);
      clinic.distance = clinic.km == null ? null : formatDistance(clinic.km, payload.unit);
      clinic.precision_note = (notes[clinic.precision] || "") +
        (clinic.precision !== "address" && clinic.area ? "; serves " + clinic.area : "");
      clinic.directions = clinic.precision === "address" && payload.directions_url
        ? payload.directions_url + encodeURIComponent(clinic.lat + "," + clinic.lon) : null;
      return clinic;
    });
  }

  function control(position, className, html) {
    var Box = L.Control.extend({
      onAdd: function () {
        var div = L.DomUtil.create("div", className);
        div.innerHTML = html;
        L.DomEvent.disableClickPropagation(div);
        return div;
      }
    });
    return new Box({ position: position });
  }

  function LocatorMap(map, tiles) {
    this.map = map;
    this.onSelect = null;
    this.markers = {};
    this.clinicLayer = null;
    this.originLayer = L.layerGroup().addTo(map);
    this._tileNote = control("bottomright", "locator-note",
      "The base map needs an internet connection; clinic markers are shown without it.");
    var self = this;
    if (tiles) {
      tiles.on("tileerror", function () { self.showTileNote(); });
    }
    if (!navigator.onLine) { self.showTileNote(); }
    control("bottomleft", "locator-legend",
      "<div><span class='sym origin'></span> searched place</div>" +
      "<div><span class='sym clinic'></span> clinic at its street address</div>" +
      "<div><span class='sym approximate'></span> clinic placed approximately</div>" +
      "<div class='small'>Distances are straight-line.</div>").addTo(map);
  }

  LocatorMap.prototype.showTileNote = function () {
    if (!this._tileNoteShown) {
      this._tileNoteShown = true;
      this._tileNote.addTo(this.map);
    }
  };

  LocatorMap.prototype.setResults = function (payload) {
    var map = this.map, self = this;
    if (this.clinicLayer) { map.removeLayer(this.clinicLayer); }
    this.originLayer.clearLayers();
    this.markers = {};
    var clinics = decode(payload);
    this.clinicLayer = payload.cluster
      ? L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false })
      : L.featureGroup();
    var points = [];
    var batch = [];
    clinics.forEach(function (clinic) {
      var exact = clinic.precision === "address";
      var marker = L.circleMarker([clinic.lat, clinic.lon], {
        radius: 8, weight: 2, color: "#0b4f9c",
        fillColor: exact ? "#1f6feb" : "#ffffff", fillOpacity: exact ? 0.9 : 0.8,
        dashArray: exact ? null : "3 2"
      });
      marker.bindPopup(function () { return popupHtml(clinic); }, { maxWidth: 320 });
      marker.bindTooltip(esc(clinic.name));
      marker.on("click", function () { self._notify(clinic.id); });
      self.markers[clinic.id] = marker;
      batch.push(marker);
      points.push([clinic.lat, clinic.lon]);
    });
    if (payload.cluster) { this.clinicLayer.addLayers(batch); }
    else { batch.forEach(function (m) { self.clinicLayer.addLayer(m); }); }
    this.clinicLayer.addTo(map);
    var origin = payload.origin;
    if (origin) {
      L.circleMarker([origin.lat, origin.lon], {
        radius: 7, weight: 3, color: "#ffffff", fillColor: "#c62828", fillOpacity: 1
      }).bindTooltip(esc(origin.label), { permanent: false }).addTo(this.originLayer);
      points.push([origin.lat, origin.lon]);
      if (payload.radius_m) {
        var circle = L.circle([origin.lat, origin.lon], {
          radius: payload.radius_m, color: "#c62828", weight: 1, fill: false, dashArray: "6 4"
        }).addTo(this.originLayer);
        var b = circle.getBounds();
        points.push(b.getSouthWest(), b.getNorthEast());
      }
    }
    if (payload.keep_view) {
      /* the same search on reloaded data: the user's pan and zoom stay */
    } else if (points.length > 1) {
      map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 12, animate: false });
    } else if (points.length === 1) {
      map.setView(points[0], 11, { animate: false });
    }
    return this.markerCount();
  };

  LocatorMap.prototype._notify = function (id) {
    if (typeof this.onSelect === "function") { this.onSelect(id); }
    document.dispatchEvent(new CustomEvent("locator-select", { detail: id }));
  };

  LocatorMap.prototype.select = function (id) {
    var marker = this.markers[id];
    if (!marker) { return false; }
    var layer = this.clinicLayer;
    var open = function () { marker.openPopup(); };
    if (layer.zoomToShowLayer) { layer.zoomToShowLayer(marker, open); }
    else { this.map.panTo(marker.getLatLng(), { animate: false }); open(); }
    return true;
  };

  /* A place not yet saved in the registry (the editor's Locate), shown until the next draw. */
  LocatorMap.prototype.preview = function (lat, lon, label) {
    L.circleMarker([lat, lon], {
      radius: 10, weight: 3, color: "#2e7d32", fillColor: "#a5d6a7", fillOpacity: 0.6,
      dashArray: "4 3"
    }).bindTooltip(esc(label) + " (not saved yet)", { permanent: true }).addTo(this.originLayer);
    this.map.setView([lat, lon], 11, { animate: false });
    return true;
  };

  LocatorMap.prototype.markerCount = function () {
    var layer = this.clinicLayer;
    if (!layer || !this.map.hasLayer(layer)) { return 0; }
    return layer.getLayers().length;
  };

  window.LocatorMap = LocatorMap;
})();
