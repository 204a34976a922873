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
 *   LocatorClusters.ring(map, c, ms, o) put markers ms on a ring around pixel c, each to be
 *                                       clicked, turned away from the pixels o
 *
 * A cluster is made as Leaflet.markercluster makes one: a point joins the cluster whose first
 * point is nearest, if one is within RADIUS pixels at the map's zoom, or starts one; the
 * cluster is drawn at its points' mean. Clusters so never overlap each other or a clinic shown
 * alone, nor line up in the lattice a grid's squares drew (points either side of a square's
 * edge were never merged). They are counted for the zoom shown alone, in one pass over the
 * points (each looks at the clusters in the squares of twice RADIUS by it), when it is
 * first shown (and kept for a zoom back). Their look is Leaflet.markercluster's (its style
 * sheet), and a click on one zooms in until it splits, or spreads it where it never does.
 */
(function () {
  "use strict";

  var RADIUS = 80; /* px from a cluster's first point to the others: Leaflet.markercluster's */
  /* zooms whose clusters are kept, the last counted: a zoom back costs nothing, and memory
     stays bounded (at street zooms 100,000 clinics make near 100,000 clusters a zoom) */
  var KEPT = 4;
  /* px from a ring's centre to each of its markers, at least: a marker's width and half the
     searched place's dot, which may be there, so the spot stays seen */
  var SPREAD = 20;
  var APART = 22; /* px between the centres of markers next on a ring: clear of each other */
  var TURNS = 12; /* the ring's turns tried, across the angle between two of its markers */
  var WIDEST = 3; /* a ring turned clear of no neighbour is tried wider, up to this many times */

  function icon(count) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    return L.divIcon({ html: "<div><span>" + count + "</span></div>",
      className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
  }

  /* What both cluster layers below do alike: when the layer leaves the map, a spread cluster's
     points back at their own places and everything drawn let go of. */
  var Spreads = {
    onRemove: function (map) {
      this._gather();
      L.FeatureGroup.prototype.onRemove.call(this, map);
      this.clearLayers();
      this._icons = new Map();
    },

    _gather: function () {
      if (!this._spread) { return; }
      this._spread.points.forEach(function (p) { p.marker.setLatLng(p.at); });
      this._spread = null;
    }
  };

  var LocatorClusters = L.FeatureGroup.extend({
    includes: Spreads,

    initialize: function (lat, lon, make) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      var n = lat.length, crs = L.CRS.EPSG3857;
      this._make = make;
      this._lat = lat;
      this._lon = lon;
      /* each point in pixels at zoom 0, where the world is 256 wide */
      this._x = new Float64Array(n);
      this._y = new Float64Array(n);
      this._left = Infinity; /* their box at zoom 0: the squares are numbered from it */
      this._top = Infinity;
      this._right = -Infinity;
      for (var i = 0; i < n; i++) {
        var p = crs.latLngToPoint(L.latLng(lat[i], lon[i]), 0);
        this._x[i] = p.x;
        this._y[i] = p.y;
        this._left = Math.min(this._left, p.x);
        this._top = Math.min(this._top, p.y);
        this._right = Math.max(this._right, p.x);
      }
      /* the last KEPT zooms' clusters, oldest first: zoom -> {cells, of (each point's)} */
      this._counted = new Map();
      this._icons = new Map(); /* the clusters' circles drawn, by cluster */
      this._spread = null; /* {cell, zoom, points: [{marker, at (its own place)}]} */
    },

    /* Leaflet listens for these while the layer is on the map. A zoom's clusters are drawn by
       its zoomend, before the names placed at its moveend keep clear of them; Leaflet's
       viewreset, which only ever follows a moveend, would draw them a third time. */
    getEvents: function () {
      return { zoomend: this._update, moveend: this._update };
    },

    onAdd: function () {
      this._update();
    },


    /* The clusters at ``zoom``: {cells: [{key (its place in cells), count, first, x, y (their
       sums at zoom 0)}], of: each point's cluster's key}. The clusters' first points are
       looked up by squares of twice RADIUS, numbered from the points' own corner (small whole
       numbers, quick as keys while there are under 2^30 of them): a point's nearest clusters
       are in the 2 x 2 squares on its side, its own looked in first. */
    _count: function (zoom) {
      var counted = this._counted.get(zoom);
      if (counted) { return counted; } /* counted before: a zoom back costs nothing */
      var n = this._x.length, of = new Int32Array(n);
      var scale = Math.pow(2, zoom) / (2 * RADIUS), within = 0.25; /* RADIUS², in squares */
      var cells = [], squares = new Map(), ax = [], ay = [];
      var left = this._left * scale - 1, top = this._top * scale - 1;
      var wide = Math.floor(this._right * scale - left) + 2;
      var px, py, best, nearest;
      function look(key) { /* the nearest cluster yet, with those in square ``key`` */
        var near = squares.get(key);
        if (near === undefined) { return; }
        for (var k = 0; k < near.length; k++) {
          var c = near[k], ex = ax[c] - px, ey = ay[c] - py, d = ex * ex + ey * ey;
          if (d < nearest) { nearest = d; best = c; }
        }
      }
      for (var i = 0; i < n; i++) {
        px = this._x[i] * scale - left;
        py = this._y[i] * scale - top;
        best = -1;
        nearest = within;
        var sx = Math.floor(px), sy = Math.floor(py), fx = px - sx, fy = py - sy;
        /* the square beside it across and down, and how far off they are (a square further
           off than the nearest cluster yet holds none nearer) */
        var nx = fx < 0.5 ? sx - 1 : sx + 1, ny = fy < 0.5 ? sy - 1 : sy + 1;
        var gx = fx < 0.5 ? fx * fx : (1 - fx) * (1 - fx);
        var gy = fy < 0.5 ? fy * fy : (1 - fy) * (1 - fy);
        look(sy * wide + sx);
        if (gx < nearest) { look(sy * wide + nx); }
        if (gy < nearest) { look(ny * wide + sx); }
        if (gx + gy < nearest) { look(ny * wide + nx); }
        if (best < 0) {
          best = cells.length;
          cells.push({ key: best, count: 0, first: i, x: 0, y: 0 });
          ax.push(px);
          ay.push(py);
          var here = squares.get(sy * wide + sx);
          if (here === undefined) { squares.set(sy * wide + sx, [best]); } else { here.push(best); }
        }
        var cell = cells[best];
        of[i] = best;
        cell.count++;
        cell.x += this._x[i];
        cell.y += this._y[i];
      }
      counted = { cells: cells, of: of };
      this._counted.set(zoom, counted);
      if (this._counted.size > KEPT) { this._counted.delete(this._counted.keys().next().value); }
      return counted;
    },

    /* The points of cluster ``cell`` at ``zoom``, by index. */
    _members: function (cell, zoom) {
      var of = this._count(zoom).of, members = [];
      for (var j = 0; j < of.length; j++) {
        if (of[j] === cell.key) { members.push(j); }
      }
      return members;
    },

    /* Draw what is in view, or a view's width or height from it (a pan shows it drawn). */
    _update: function () {
      var map = this._map;
      if (!map) { return; }
      var zoom = map.getZoom();
      if (this._spread && this._spread.zoom !== zoom) { this._gather(); }
      var spread = this._spread, scale = Math.pow(2, zoom), size = map.getSize();
      var topLeft = map.getPixelBounds().min;
      var left = topLeft.x - size.x, top = topLeft.y - size.y;
      var right = topLeft.x + 2 * size.x, bottom = topLeft.y + 2 * size.y;
      var wanted = [], icons = new Map(), self = this;
      this._count(zoom).cells.forEach(function (cell) {
        var x = cell.x / cell.count * scale, y = cell.y / cell.count * scale;
        if (x < left || x > right || y < top || y > bottom) { return; }
        if (spread && spread.cell === cell) {
          spread.points.forEach(function (p) { wanted.push(p.marker); });
          return;
        }
        if (cell.count === 1) {
          wanted.push(self._make(cell.first));
          return;
        }
        var drawn = self._icons.get(cell) || self._circle(cell, zoom);
        icons.set(cell, drawn);
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
      /* not in the tab order: the map is one control, left by Tab (see map_view.py) */
      var circle = L.marker(at, { icon: icon(cell.count), keyboard: false });
      circle.on("click", function () {
        var bounds = L.latLngBounds(self._members(cell, zoom).map(function (j) {
          return [self._lat[j], self._lon[j]];
        }));
        var oneSpot = bounds.getSouthWest().equals(bounds.getNorthEast());
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
      var zoom = map.getZoom(), scale = Math.pow(2, zoom), counted = this._count(zoom);
      var cell = counted.cells[counted.of[i]], self = this;
      if (cell.count < 2 || (this._spread && this._spread.cell === cell)) { return; }
      if (this._spread) { /* one at a time: the one spread before is gathered */
        this._gather();
        this._update();
      }
      if (this._icons.has(cell)) {
        this.removeLayer(this._icons.get(cell));
        this._icons.delete(cell);
      }
      var markers = this._members(cell, zoom).map(function (j) { return self._make(j); });
      var points = markers.map(function (marker) {
        return { marker: marker, at: marker.getLatLng() };
      });
      LocatorClusters.ring(map, L.point(cell.x, cell.y).divideBy(cell.count).multiplyBy(scale),
        markers);
      markers.forEach(function (marker) { self.addLayer(marker); });
      this._spread = { cell: cell, zoom: zoom, points: points };
    }
  });

  /* Put ``markers`` on a ring around ``centre`` (in pixels at the map's zoom), apart enough
     for each to be clicked, and no wider: a spread cluster's, and a search's clinics at one
     spot. ``others`` (pixels, optional): markers it is turned away from, the least turn that
     clears them all (at a wide zoom it covered a neighbouring clinic's marker); where none
     does (neighbours on every side, a few km away), the least wider ring that does, up to
     WIDEST times as wide, else the ring and turn leaving them most room. */
  LocatorClusters.ring = function (map, centre, markers, others) {
    var zoom = map.getZoom(), n = markers.length, step = 2 * Math.PI / n;
    var least = Math.max(SPREAD, APART / 2 / Math.sin(Math.PI / n));
    function at(k, turn, radius) {
      var angle = step * k + turn;
      return centre.add(L.point(radius * Math.cos(angle), radius * Math.sin(angle)));
    }
    var best = { radius: least, turn: 0, room: -Infinity };
    var near = others && others.length ? others : [];
    for (var radius = least; near.length && radius <= WIDEST * least && best.room < APART;
      radius += APART / 2) {
      for (var t = 0; t < TURNS && best.room < APART; t++) {
        var turn = step * t / TURNS, room = APART;
        for (var k = 0; k < n; k++) {
          for (var j = 0; j < near.length; j++) {
            room = Math.min(room, at(k, turn, radius).distanceTo(near[j]));
          }
        }
        if (room > best.room) { best = { radius: radius, turn: turn, room: room }; }
      }
    }
    markers.forEach(function (marker, k) {
      marker.setLatLng(map.unproject(at(k, best.turn, best.radius), zoom));
    });
  };

  /*
   * A large registry's map before any search, its clusters counted in Python a view at a time
   * (locator/mapping/clusters.py): each view change asks for the view's clusters and clinics
   * shown alone (a "locator-view" event the app answers with locatorMap.serve), the last asked
   * drawn. Its clusters look and act as those above: a click zooms in until one splits, or
   * spreads on a ring one that never does (it comes with its clinics' rows).
   *
   *   new LocatorServed(make, add, parts)  make(i) gives row i's marker; add(rows) keeps rows,
   *                                 giving their indexes; parts: answers given at once, by zoom
   *                                 (the whole map at the national zooms), drawn without asking
   *   served.show(part)             draw an answer (false for one to a view since left)
   */
  var LocatorServed = L.FeatureGroup.extend({
    includes: Spreads,

    initialize: function (make, add, parts) {
      L.FeatureGroup.prototype.initialize.call(this, []);
      this._make = make;
      this._add = add;
      this._parts = parts || {};
      this._asked = 0;
      this._drawn = 0;
      this._waiting = false;
      this.shown = false; /* an answer drawn: until then there is nothing on the map */
      this._icons = new Map(); /* the clusters' circles drawn, by zoom and place */
      this._spread = null; /* {key, zoom, points: [{marker, at (its own place)}]} */
    },

    getEvents: function () {
      return { zoomend: this._ask, moveend: this._ask };
    },

    onAdd: function () {
      this._ask();
    },


    /* Ask for what is in view, or a view's width or height from it (a pan shows it drawn),
       once for a zoom's zoomend and moveend together. */
    _ask: function () {
      var self = this, map = this._map, part = map && this._parts[map.getZoom()];
      if (part) { /* given at once: drawn now, and an answer still to come is for a view left */
        this._asked++;
        this.show(Object.assign({}, part, { ask: this._asked }));
        return;
      }
      if (this._waiting) { return; }
      this._waiting = true;
      setTimeout(function () {
        self._waiting = false;
        var map = self._map;
        if (!map) { return; }
        var zoom = map.getZoom(), size = map.getSize(), topLeft = map.getPixelBounds().min;
        var sw = map.unproject(L.point(topLeft.x - size.x, topLeft.y + 2 * size.y), zoom);
        var ne = map.unproject(L.point(topLeft.x + 2 * size.x, topLeft.y - size.y), zoom);
        self._asked++;
        document.dispatchEvent(new CustomEvent("locator-view", { detail: JSON.stringify({
          ask: self._asked, zoom: zoom, max: map.getMaxZoom(), south: sw.lat, west: sw.lng, north: ne.lat, east: ne.lng
        }) }));
      }, 0);
    },

    show: function (part) {
      var map = this._map, self = this;
      if (!map || part.ask !== this._asked || part.zoom !== map.getZoom()) { return false; }
      var zoom = part.zoom, at = this._add(part.rows), wanted = [], icons = new Map();
      if (this._spread && this._spread.zoom !== zoom) { this._gather(); }
      part.alone.forEach(function (k) { wanted.push(self._make(at[k])); });
      part.clusters.forEach(function (c) {
        var key = zoom + ":" + c[1] + "," + c[2];
        if (self._spread && self._spread.key === key) {
          self._spread.points.forEach(function (p) { wanted.push(p.marker); });
          return;
        }
        var drawn = self._icons.get(key) || self._circle(c, key, zoom, at);
        icons.set(key, drawn);
        wanted.push(drawn);
      });
      var keep = new Set(wanted);
      this.eachLayer(function (layer) { if (!keep.has(layer)) { self.removeLayer(layer); } });
      wanted.forEach(function (layer) { if (!self.hasLayer(layer)) { self.addLayer(layer); } });
      this._icons = icons;
      this.shown = true;
      this._drawn = part.ask; /* the answer drawn last, by its number */
      return true;
    },

    /* A cluster's circle: a click zooms in until it splits, or spreads it. */
    _circle: function (c, key, zoom, at) {
      var map = this._map, self = this;
      var circle = L.marker([c[1], c[2]], { icon: icon(c[0]), keyboard: false });
      var members = c[7] ? c[7].map(function (k) { return at[k]; }) : null;
      circle.on("click", function () {
        var bounds = L.latLngBounds([c[3], c[4]], [c[5], c[6]]);
        if (members) {
          self._spreadOut(circle, key, zoom, members);
        } else if (map.getBoundsZoom(bounds) > zoom) {
          map.fitBounds(bounds, { animate: false });
        } else {
          map.setView(circle.getLatLng(), zoom + 1, { animate: false });
        }
      });
      return circle;
    },

    /* A cluster's clinics each on its own, on a ring around it, until the map zooms. */
    _spreadOut: function (circle, key, zoom, members) {
      var map = this._map, self = this, before = this._spread;
      if (before) { /* one at a time: the one spread before is a circle again */
        before.points.forEach(function (p) { self.removeLayer(p.marker); });
        this._gather();
        if (before.circle) { this.addLayer(before.circle); }
      }
      this.removeLayer(circle);
      var markers = members.map(function (i) { return self._make(i); });
      var points = markers.map(function (marker) {
        return { marker: marker, at: marker.getLatLng() };
      });
      LocatorClusters.ring(map, map.project(circle.getLatLng(), zoom), markers);
      markers.forEach(function (marker) { self.addLayer(marker); });
      this._spread = { key: key, zoom: zoom, points: points, circle: circle };
    },

    /* Row ``i``'s marker shown (a clinic selected): until the next view's answer. */
    spread: function (i) {
      this.addLayer(this._make(i));
    }
  });

  window.LocatorClusters = LocatorClusters;
  window.LocatorServed = LocatorServed;
})();
