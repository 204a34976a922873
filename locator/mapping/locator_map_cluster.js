/*
 * Clusters drawn at the cost of the view, not of the registry: a search of 100,000 clinics
 * makes a marker only for a clinic shown on its own in or near the view, and a cluster's
 * circle only for a cluster there. Loaded before locator_map.js, which draws with it from
 * CLUSTER_FROM clinics (locator/mapping/payload.py) on.
 *
 *   new LocatorClusters(lat, lon, make)  a layer of the points (arrays of their latitudes and
 *                                       longitudes); make(i) gives point i's marker, made once
 *   clusters.spread(i)                  show every point of point i's cluster on its own,
 *                                       around it (points at the very same place)
 *
 * A cluster is the points in one square of CELL pixels at the map's zoom: a square holds the
 * four of the zoom above it, so a cluster splits as the map zooms in. The squares are counted
 * for the zoom shown alone, in one pass over the points, when it is first shown. Its look is
 * Leaflet.markercluster's (its style sheet), and a click on it zooms in until it splits, or
 * spreads it where it never does.
 */
(function () {
  "use strict";

  var CELL = 80; /* px: a cluster's square, Leaflet.markercluster's radius */
  var SPREAD = 28; /* px from a spread cluster's centre to each of its points */

  function icon(count) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return L.divIcon({ html: "<div><span>" + count + "</span></div>",
      className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
  }

  var LocatorClusters = L.FeatureGroup.extend({
    initialize: function (lat, lon, make) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      var n = lat.length, crs = L.CRS.EPSG3857;
      this._make = make;
      this._lat = lat;
      this._lon = lon;
      /* each point in pixels at zoom 0, where the world is 256 wide */
      this._x = new Float64Array(n);
      this._y = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var p = crs.latLngToPoint(L.latLng(lat[i], lon[i]), 0);
        this._x[i] = p.x;
        this._y[i] = p.y;
      }
      this._zoom = null; /* the zoom whose squares are counted */
      this._cells = null; /* their clusters, by square */
      this._icons = {}; /* the clusters' circles drawn, by square */
      this._spread = null; /* {key, points: [{marker, at (its own place)}]} */
    },

    onAdd: function (map) {
      this._map = map;
      map.on("zoomend moveend viewreset", this._update, this);
      this._update();
    },

    onRemove: function (map) {
      map.off("zoomend moveend viewreset", this._update, this);
      this._gather();
      L.FeatureGroup.prototype.onRemove.call(this, map);
      this.clearLayers();
      this._icons = {};
      this._map = null;
    },

    _key: function (i, scale) {
      return Math.floor(this._x[i] * scale / CELL) * 1e8 + Math.floor(this._y[i] * scale / CELL);
    },

    /* The clusters at ``zoom``: {key: {count, first, x, y (their mean at zoom 0), bounds}}. */
    _count: function (zoom) {
      if (this._zoom === zoom) { return this._cells; }
      var scale = Math.pow(2, zoom), cells = new Map();
      for (var i = 0; i < this._x.length; i++) {
        var key = this._key(i, scale), cell = cells.get(key);
        if (!cell) {
          cell = { key: key, count: 0, first: i, x: 0, y: 0, south: 90, north: -90, west: 180,
            east: -180 };
          cells.set(key, cell);
        }
        cell.count++;
        cell.x += this._x[i];
        cell.y += this._y[i];
        cell.south = Math.min(cell.south, this._lat[i]);
        cell.north = Math.max(cell.north, this._lat[i]);
        cell.west = Math.min(cell.west, this._lon[i]);
        cell.east = Math.max(cell.east, this._lon[i]);
      }
      this._zoom = zoom;
      this._cells = cells;
      return cells;
    },

    /* Draw what is in view, or a view's width or height from it (a pan shows it drawn). */
    _update: function () {
      var map = this._map;
      if (!map) { return; }
      var zoom = map.getZoom(), spread = this._spread;
      if (spread && spread.zoom !== zoom) { this._gather(); }
      spread = this._spread;
      var scale = Math.pow(2, zoom), size = map.getSize();
      var topLeft = map.getPixelBounds().min;
      var left = topLeft.x - size.x, top = topLeft.y - size.y;
      var right = topLeft.x + 2 * size.x, bottom = topLeft.y + 2 * size.y;
      var wanted = [], icons = {}, self = this;
      this._count(zoom).forEach(function (cell) {
        var x = cell.x / cell.count * scale, y = cell.y / cell.count * scale;
        if (x < left || x > right || y < top || y > bottom) { return; }
        if (spread && spread.key === cell.key) {
          spread.points.forEach(function (p) { wanted.push(p.marker); });
          return;
        }
        if (cell.count === 1) {
          wanted.push(self._make(cell.first));
          return;
        }
        var drawn = self._icons[cell.key] || self._circle(cell, zoom);
        icons[cell.key] = drawn;
        wanted.push(drawn);
      });
      var keep = new Set(wanted);
      this.eachLayer(function (layer) { if (!keep.has(layer)) { self.removeLayer(layer); } });
      /* another site drawn first: where markers overlap, a result is on top, taking the click */
      wanted.sort(function (a, b) { return (b.locatorSite ? 1 : 0) - (a.locatorSite ? 1 : 0); });
      wanted.forEach(function (layer) { if (!self.hasLayer(layer)) { self.addLayer(layer); } });
      this._icons = icons;
    },

    /* A cluster's circle: a click zooms in until it splits, or spreads it; clinics all at
       one spot never split, so they are spread at once (zoomed in, the map was blank). */
    _circle: function (cell, zoom) {
      var map = this._map, self = this;
      var at = map.unproject(L.point(cell.x / cell.count, cell.y / cell.count), 0);
      var bounds = L.latLngBounds([cell.south, cell.west], [cell.north, cell.east]);
      var oneSpot = cell.south === cell.north && cell.west === cell.east;
      /* not in the tab order: the map is one control, left by Tab (see map_view.py) */
      var circle = L.marker(at, { icon: icon(cell.count), keyboard: false });
      circle.on("click", function () {
        if (!oneSpot && zoom < map.getMaxZoom() && map.getBoundsZoom(bounds) > zoom) {
          map.fitBounds(bounds, { animate: false });
        } else {
          self.spread(cell.first);
        }
      });
      return circle;
    },

    /* Show each point of point ``i``'s cluster on its own, on a ring around the cluster's
       place, until the map zooms. */
    spread: function (i) {
      var map = this._map;
      if (!map) { return; }
      var zoom = map.getZoom(), scale = Math.pow(2, zoom), key = this._key(i, scale);
      var cell = this._count(zoom).get(key);
      if (!cell || cell.count < 2 || (this._spread && this._spread.key === key)) { return; }
      if (this._spread) { /* one at a time: the one spread before is gathered */
        this._gather();
        this._update();
      }
      var members = [];
      for (var j = 0; j < this._x.length; j++) {
        if (this._key(j, scale) === key) { members.push(j); }
      }
      var centre = L.point(cell.x / cell.count * scale, cell.y / cell.count * scale);
      var radius = Math.max(SPREAD, SPREAD * members.length / (2 * Math.PI) * 0.9);
      var points = [], self = this;
      if (this._icons[key]) {
        this.removeLayer(this._icons[key]);
        delete this._icons[key];
      }
      members.forEach(function (j, k) {
        var angle = 2 * Math.PI * k / members.length;
        var marker = self._make(j);
        points.push({ marker: marker, at: marker.getLatLng() });
        marker.setLatLng(map.unproject(centre.add(
          L.point(radius * Math.cos(angle), radius * Math.sin(angle))), zoom));
        self.addLayer(marker);
      });
      this._spread = { key: key, zoom: zoom, points: points };
    },

    /* A spread cluster's points back at their own places. */
    _gather: function () {
      if (!this._spread) { return; }
      this._spread.points.forEach(function (p) { p.marker.setLatLng(p.at); });
      this._spread = null;
    }
  });

  window.LocatorClusters = LocatorClusters;
})();
