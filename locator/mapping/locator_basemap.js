/*
 * locator's own base map: land and water, the borders with Canada and Mexico, state lines,
 * county lines from a regional zoom on, and place names, drawn from data shipped with locator
 * (basemap/geometry.js, basemap/places.js) so that the map says where things are offline.
 *
 *   var base = new LocatorBaseMap(map, obstacles)  obstacles(): boxes labels must keep clear of
 *   base.show() / base.hide() / base.shown()        the map's tiles replace it while they load
 *   base.relabel()                                  place the names again (markers changed)
 *   base.counts()                                   drawn parts in view, by layer, and labels
 *   base.labels()                                   the names shown now, with their boxes
 *
 * Shapes are drawn by one Leaflet canvas renderer in a pane beneath the tiles, so a tile that
 * fails shows the base map through its hole. Names are placed largest first (states and
 * countries, then cities by population, each from the zoom the data gives it); a place's name
 * goes beside its dot where it fits, and a name that would overlap another, a clinic or the
 * searched place in every spot is left out. A town under a clinic's marker is named beside the
 * marker; the searched place's own name is left to its label.
 */
(function () {
  "use strict";

  var COUNTY_ZOOM = 7; /* regional: a few states across */
  var STATE_NAMES = [4, 8]; /* zooms at which states are named (countries up to the second) */
  var LABEL_GAP = 3; /* px kept between names */
  var DOT = 2.5; /* px: a place's dot, as a radius (locator_map.css draws it 5 px wide) */
  var MARKER = 12; /* px: a clinic's marker, as a radius with its border and some room */
  var SPACING = 0.12; /* em between the letters of state and country names (locator_map.css) */
  var WATER = "#d4e2ec", SHORE = "#a9c1d3";
  var STYLES = {
    land: { fillColor: "#efeee9", fillOpacity: 1, color: SHORE, weight: 0.8 },
    lakes_under: { fillColor: WATER, fillOpacity: 1, color: SHORE, weight: 0.7 },
    us: { fillColor: "#fbfaf6", fillOpacity: 1, color: SHORE, weight: 0.8 },
    lakes_over: { fillColor: WATER, fillOpacity: 1, color: SHORE, weight: 0.7 },
    counties: { color: "#d9d5cc", weight: 0.7, fill: false },
    states: { color: "#a7a39b", weight: 1.1, fill: false },
    borders: { color: "#8f8b84", weight: 1.6, fill: false, dashArray: "7 3 2 3" }
  };
  /* A layer the data leaves out (a page built without the base map, to measure its cost). */
  var NOTHING = { type: "MultiPolygon", coordinates: [] };
  /* Drawn in this order: county lines stop at lakes; state and national lines cross them. */
  var ORDER = ["land", "lakes_under", "us", "counties", "lakes_over", "states", "borders"];
  var FONTS = {
    country: "600 13px system-ui, sans-serif",
    state: "600 11px system-ui, sans-serif",
    big: "600 12px system-ui, sans-serif",
    city: "12px system-ui, sans-serif",
    town: "11px system-ui, sans-serif"
  };

  /* The bounds of each part of a GeoJSON geometry, to count the parts in view. */
  function partBounds(geometry) {
    return geometry.coordinates.map(function (part) {
      var outer = geometry.type === "MultiPolygon" ? part[0] : part;
      return L.latLngBounds(outer.map(function (c) { return [c[1], c[0]]; }));
    });
  }

  function LocatorBaseMap(map, obstacles) {
    var self = this;
    var data = window.LOCATOR_BASEMAP, places = window.LOCATOR_PLACES;
    this.map = map;
    this.obstacles = obstacles || function () { return []; };
    map.createPane("locatorBase").style.zIndex = 150; /* beneath the tiles (200) */
    map.createPane("locatorBaseLabels").style.zIndex = 160;
    var renderer = L.canvas({ pane: "locatorBase", padding: 0.5 });
    this.layers = {};
    this._parts = {};
    /* Each layer is made when first drawn: the county lines, most of the points, only once the
       map is zoomed in that far, so a page that never is loads faster. */
    this._make = function (name) {
      if (!self.layers[name]) {
        var geometry = data.layers[name] || NOTHING;
        self.layers[name] = L.geoJSON(geometry, {
          style: STYLES[name], renderer: renderer, pane: "locatorBase", interactive: false
        });
        self._parts[name] = partBounds(geometry);
      }
      return self.layers[name];
    };
    this.group = L.layerGroup([], {
      attribution: esc(data.attribution + (places ? ", " + places.attribution : ""))
    });
    ORDER.forEach(function (name) {
      if (name !== "counties") { self.group.addLayer(self._make(name)); }
    });
    this._places = (places ? places.rows : []).map(function (row) {
      return { name: row[0], at: L.latLng(row[1], row[2]), zoom: row[3], kind: "place" };
    });
    this._regions = data.labels.map(function (row) {
      return { name: row[0], at: L.latLng(row[1], row[2]), kind: row[3] };
    });
    this._labelBox = L.DomUtil.create("div", "locator-base-labels leaflet-zoom-hide",
      map.getPane("locatorBaseLabels"));
    this._shown = [];
    this._measure = document.createElement("canvas").getContext("2d");
    this._on = false;
    map.on("zoomend viewreset", function () { self._counties(); });
    map.on("moveend resize", function () { self.relabel(); });
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  LocatorBaseMap.prototype.shown = function () { return this._on; };

  LocatorBaseMap.prototype.show = function () {
    if (this._on) { return; }
    this._on = true;
    this.group.addTo(this.map);
    this.map.getContainer().classList.add("locator-basemap");
    this._counties();
    this._stack();
    this.relabel();
  };

  LocatorBaseMap.prototype.hide = function () {
    if (!this._on) { return; }
    this._on = false;
    this.map.removeLayer(this.group);
    this.map.getContainer().classList.remove("locator-basemap");
    this.relabel();
  };

  /* County lines from a regional zoom on: at national zooms they would be a grey smear. */
  LocatorBaseMap.prototype._counties = function () {
    var want = this._on && this.map.getZoom() >= COUNTY_ZOOM;
    var counties = this.layers.counties, has = Boolean(counties) && this.group.hasLayer(counties);
    if (want && !has) {
      this.group.addLayer(this._make("counties"));
      this._stack();
    } else if (!want && has) {
      this.group.removeLayer(counties);
    }
  };

  /* Draw the layers in ORDER: a layer added later (the counties) would go on top. */
  LocatorBaseMap.prototype._stack = function () {
    var group = this.group, layers = this.layers;
    ORDER.forEach(function (name) {
      if (layers[name] && group.hasLayer(layers[name])) { layers[name].bringToFront(); }
    });
  };

  /* Names in view that this zoom shows, in the order they are placed. */
  LocatorBaseMap.prototype._candidates = function () {
    var zoom = this.map.getZoom(), bounds = this.map.getBounds().pad(0.05), found = [];
    this._regions.forEach(function (region) {
      var upTo = region.kind === "country" ? STATE_NAMES[1] - 2 : STATE_NAMES[1];
      var from = region.kind === "country" ? 3 : STATE_NAMES[0];
      if (zoom >= from && zoom <= upTo && bounds.contains(region.at)) { found.push(region); }
    });
    this._places.forEach(function (place) {
      if (place.zoom <= zoom && bounds.contains(place.at)) { found.push(place); }
    });
    return found;
  };

  /* Larger places in larger type: the zoom a place is first named at says how large it is. */
  function fontOf(item) {
    if (item.kind !== "place") { return FONTS[item.kind]; }
    return item.zoom <= 4 ? FONTS.big : item.zoom <= 6 ? FONTS.city : FONTS.town;
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /* Where a name may go, as its box's top left corner: a region's centred on its point; a
     place's ``beside`` px from its point (its dot, or the clinic's marker on it), right first,
     then left, above and below. */
  function spots(item, at, width, height, beside) {
    if (item.kind !== "place") { return [[at.x - width / 2, at.y - height / 2]]; }
    return [
      [at.x + beside, at.y - height / 2], [at.x - beside - width, at.y - height / 2],
      [at.x - width / 2, at.y - beside - height], [at.x - width / 2, at.y + beside]
    ];
  }

  /* Place the names for the current view (see the top of this file). */
  LocatorBaseMap.prototype.relabel = function () {
    var map = this.map, box = this._labelBox, self = this;
    box.textContent = "";
    this._shown = [];
    if (!this._on || !map.getSize().x) { return; }
    var size = map.getSize(), taken = this.obstacles().slice();
    var free = function (rect) {
      var padded = { left: rect.left - LABEL_GAP, top: rect.top - LABEL_GAP,
        right: rect.right + LABEL_GAP, bottom: rect.bottom + LABEL_GAP };
      return rect.left >= 0 && rect.top >= 0 && rect.right <= size.x &&
        rect.bottom <= size.y && !taken.some(function (other) { return overlaps(padded, other); });
    };
    this._candidates().forEach(function (item) {
      var font = fontOf(item), place = item.kind === "place";
      var text = place ? item.name : item.name.toUpperCase();
      var px = parseInt(/(\d+)px/.exec(font)[1], 10);
      self._measure.font = font;
      var width = self._measure.measureText(text).width + (place ? 0 : text.length * SPACING * px);
      var height = px + 2, at = map.latLngToContainerPoint(item.at);
      var dot = { left: at.x - DOT, top: at.y - DOT, right: at.x + DOT, bottom: at.y + DOT };
      var under = place ? taken.filter(function (other) { return overlaps(dot, other); }) : [];
      /* the searched place is named by its own label; a town under a clinic's marker is
         named beside the marker, without a dot (a name left out there hid the very city) */
      if (under.some(function (other) { return other.origin; })) { return; }
      var marked = under.length > 0;
      if (marked && !under.every(function (other) { return other.marker; })) { return; }
      var rect = null;
      spots(item, at, width, height, marked ? MARKER + LABEL_GAP + 1 : DOT + 2).some(function (corner) {
        var r = { left: corner[0], top: corner[1], right: corner[0] + width,
          bottom: corner[1] + height };
        if (free(r)) { rect = r; }
        return rect !== null;
      });
      if (!rect) { return; }
      taken.push(rect);
      if (place && !marked) {
        taken.push(dot);
        var mark = L.DomUtil.create("div", "locator-base-dot", box);
        L.DomUtil.setPosition(mark, map.containerPointToLayerPoint(L.point(dot.left, dot.top)));
      }
      var label = L.DomUtil.create("div", "locator-base-label " + item.kind, box);
      label.textContent = text;
      label.style.font = font;
      L.DomUtil.setPosition(label, map.containerPointToLayerPoint(L.point(rect.left, rect.top)));
      self._shown.push({ name: item.name, kind: item.kind, left: rect.left, top: rect.top,
        right: rect.right, bottom: rect.bottom });
    });
  };

  LocatorBaseMap.prototype.labels = function () { return this._shown.slice(); };

  /* How many parts of each layer on the map are in view now, and how many names are shown. */
  LocatorBaseMap.prototype.counts = function () {
    var bounds = this.map.getBounds(), group = this.group, counts = {}, self = this;
    ORDER.forEach(function (name) {
      var drawn = self._on && Boolean(self.layers[name]) && group.hasLayer(self.layers[name]);
      counts[name] = drawn ? self._parts[name].filter(function (b) {
        return bounds.intersects(b);
      }).length : 0;
    });
    counts.labels = this._shown.length;
    return counts;
  };

  window.LocatorBaseMap = LocatorBaseMap;
})();
