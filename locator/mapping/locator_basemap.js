/*
 * locator's own base map: land and water, the borders with Canada and Mexico, state lines,
 * county lines from a regional zoom on, and place names, drawn from data shipped with locator
 * (basemap/geometry.js, basemap/places.js) so that the map says where things are offline.
 *
 *   var base = new LocatorBaseMap(map, obstacles)  obstacles(): boxes labels must keep clear of
 *   base.show() / base.hide() / base.shown()        the map's tiles replace it while they load
 *   base.relabel()                                  place the names again (markers changed)
 *   base.batch(work)                                run work(), placing the names once after
 *   base.counts()                                   drawn parts in view, by layer, and labels
 *   base.labels()                                   the names shown now, with their boxes
 *
 * Shapes are drawn into canvas tiles of their own (a Leaflet GridLayer) in a pane beneath the
 * map's tiles, so a tile that fails shows the base map through its hole. As vector tiles are,
 * the shapes are generalised per zoom (coarse at a national zoom, whole only near the street)
 * and each tile is drawn once: a pan draws only the tiles it brings into view, and no frame
 * strokes the whole map again. Names are placed largest first (states and
 * countries, then cities by population, each from the zoom the data gives it); a place's name
 * goes beside its dot where it fits, and a name that would overlap another, a clinic or the
 * searched place in every spot is left out. A town under a clinic's marker is named beside the
 * marker; the searched place's own name is left to its label.
 */
(function () {
  "use strict";

  var COUNTY_ZOOM = 7; /* regional: a few states across */
  var FULL_DETAIL = 12; /* from this zoom on a screen pixel is finer than the data's own */
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
    borders: { color: "#8f8b84", weight: 1.6, fill: false, dash: [7, 3, 2, 3] }
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

  /* Web Mercator at zoom 0 (a 256 px world), as Leaflet's EPSG:3857 projects: the shapes are
     projected once, and a zoom only scales them. */
  var D = Math.PI / 180, MAX_LAT = 85.0511287798;

  function projected(ring) {
    var out = new Float64Array(ring.length * 2);
    for (var i = 0; i < ring.length; i++) {
      var lat = Math.max(Math.min(ring[i][1], MAX_LAT), -MAX_LAT), sin = Math.sin(lat * D);
      out[2 * i] = 256 * (0.5 + ring[i][0] / 360);
      out[2 * i + 1] = 256 * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
    }
    return out;
  }

  function boxOf(rings) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    rings.forEach(function (a) {
      for (var i = 0; i < a.length; i += 2) {
        if (a[i] < box[0]) { box[0] = a[i]; }
        if (a[i] > box[2]) { box[2] = a[i]; }
        if (a[i + 1] < box[1]) { box[1] = a[i + 1]; }
        if (a[i + 1] > box[3]) { box[3] = a[i + 1]; }
      }
    });
    return box;
  }

  /* Douglas-Peucker with ``tolerance`` in zoom-0 pixels: Leaflet's own generalisation of a
     path (its smoothFactor, one screen pixel), done once per zoom instead of every frame. */
  function simplified(a, tolerance) {
    var n = a.length / 2;
    if (n <= 2) { return a; }
    var keep = new Uint8Array(n), stack = [0, n - 1], sq = tolerance * tolerance, kept = 2;
    keep[0] = keep[n - 1] = 1;
    while (stack.length) {
      var last = stack.pop(), first = stack.pop(), worst = 0, index = 0;
      var ax = a[2 * first], ay = a[2 * first + 1], dx = a[2 * last] - ax, dy = a[2 * last + 1] - ay;
      var length = dx * dx + dy * dy;
      for (var i = first + 1; i < last; i++) {
        var px = a[2 * i] - ax, py = a[2 * i + 1] - ay, t = length ? (px * dx + py * dy) / length : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        var ex = px - t * dx, ey = py - t * dy, d = ex * ex + ey * ey;
        if (d > worst) { worst = d; index = i; }
      }
      if (worst > sq) {
        keep[index] = 1;
        kept++;
        stack.push(first, index, index, last);
      }
    }
    var out = new Float64Array(kept * 2);
    for (var j = 0, k = 0; j < n; j++) {
      if (keep[j]) { out[k++] = a[2 * j]; out[k++] = a[2 * j + 1]; }
    }
    return out;
  }

  /* A ring or line in tile pixels, in ``buffers[0]``; its number of points. */
  var buffers = [new Float64Array(1024), new Float64Array(1024)];
  function place(a, scale, left, top) {
    if (buffers[0].length < 2 * a.length + 16) {
      buffers = [new Float64Array(2 * a.length + 16), new Float64Array(2 * a.length + 16)];
    }
    var out = buffers[0];
    for (var i = 0; i < a.length; i += 2) {
      out[i] = a[i] * scale - left;
      out[i + 1] = a[i + 1] * scale - top;
    }
    return a.length / 2;
  }

  /* One side of ``rect`` (Sutherland-Hodgman): the ring's part on the inner side of the line
     coordinate ``axis`` (0: x, 1: y) = ``limit``, ``sign`` 1 keeping what is above it. */
  function clipSide(n, axis, limit, sign) {
    var src = buffers[0], dst = buffers[1], m = 0, other = 1 - axis;
    var px = src[2 * n - 2], py = src[2 * n - 1], pIn = sign * ((axis ? py : px) - limit) >= 0;
    for (var i = 0; i < n; i++) {
      var cx = src[2 * i], cy = src[2 * i + 1], cIn = sign * ((axis ? cy : cx) - limit) >= 0;
      if (cIn !== pIn) {
        var p = [px, py], c = [cx, cy], t = (limit - p[axis]) / (c[axis] - p[axis]), hit = [];
        hit[axis] = limit;
        hit[other] = p[other] + t * (c[other] - p[other]);
        dst[m++] = hit[0];
        dst[m++] = hit[1];
      }
      if (cIn) { dst[m++] = cx; dst[m++] = cy; }
      px = cx; py = cy; pIn = cIn;
    }
    buffers = [dst, src];
    return m / 2;
  }

  /* A ring cut to the tile (with a margin wider than its stroke, so that the cut's own edges
     are never seen): a tile then costs what its own part of a coast costs, not the coast. */
  function ring(ctx, n, rect) {
    n = clipSide(n, 0, rect[0], 1);
    if (n) { n = clipSide(n, 0, rect[2], -1); }
    if (n) { n = clipSide(n, 1, rect[1], 1); }
    if (n) { n = clipSide(n, 1, rect[3], -1); }
    if (n < 3) { return; }
    var a = buffers[0];
    ctx.moveTo(a[0], a[1]);
    for (var i = 1; i < n; i++) { ctx.lineTo(a[2 * i], a[2 * i + 1]); }
    ctx.closePath();
  }

  /* A line with the stretches wholly off one side of the tile left out. */
  function line(ctx, n, rect) {
    var a = buffers[0], pen = false;
    for (var i = 1; i < n; i++) {
      var px = a[2 * i - 2], py = a[2 * i - 1], cx = a[2 * i], cy = a[2 * i + 1];
      var off = (px < rect[0] && cx < rect[0]) || (px > rect[2] && cx > rect[2]) ||
        (py < rect[1] && cy < rect[1]) || (py > rect[3] && cy > rect[3]);
      if (off) { pen = false; continue; }
      if (!pen) { ctx.moveTo(px, py); pen = true; }
      ctx.lineTo(cx, cy);
    }
  }

  /* One layer's shapes, projected once: parts of rings (or lines) with their boxes, and their
     generalised forms, each made the first time a tile at its zoom is drawn. */
  function Shapes(geometry) {
    this.polygon = geometry.type === "MultiPolygon";
    this.parts = geometry.coordinates.map(function (part) {
      var rings = (geometry.type === "MultiPolygon" ? part : [part]).map(projected);
      return { rings: rings, box: boxOf(rings) };
    });
    this._levels = {};
  }

  Shapes.prototype.at = function (zoom) {
    if (zoom >= FULL_DETAIL) { return this.parts; }
    var tolerance = 1 / Math.pow(2, zoom), least = this.polygon ? 6 : 4;
    if (!this._levels[zoom]) {
      this._levels[zoom] = this.parts.map(function (part) {
        var rings = part.rings.map(function (a) { return simplified(a, tolerance); });
        return { box: part.box, rings: rings.filter(function (a) { return a.length >= least; }) };
      });
    }
    return this._levels[zoom];
  };

  /* The tiles: Leaflet keeps those drawn while the map pans and asks for the new ones. */
  var BaseTiles = L.GridLayer.extend({
    createTile: function (coords) {
      var tile = document.createElement("canvas"), size = this.getTileSize();
      var ratio = L.Browser.retina ? 2 : 1; /* as Leaflet's own canvas renderer */
      tile.width = size.x * ratio;
      tile.height = size.y * ratio;
      this.options.draw(tile.getContext("2d"), coords, size, ratio);
      return tile;
    }
  });

  function LocatorBaseMap(map, obstacles) {
    var self = this;
    var data = window.LOCATOR_BASEMAP, places = window.LOCATOR_PLACES;
    this.map = map;
    this.obstacles = obstacles || function () { return []; };
    map.createPane("locatorBase").style.zIndex = 150; /* beneath the tiles (200) */
    map.createPane("locatorBaseLabels").style.zIndex = 160;
    /* Each layer is projected when first drawn: the county lines only once the map is zoomed
       in that far, so a page that never is loads faster. */
    this._data = data;
    this._shapes = {};
    this._parts = {};
    /* 512-px tiles: a search's view takes 7 rather than 18, and each tile costs its own
       canvas, its own pass over every coast that reaches into it, and a prune of the rest */
    this.tiles = new BaseTiles({
      pane: "locatorBase", noWrap: true, keepBuffer: 1, updateWhenZooming: false, tileSize: 512,
      attribution: esc(data.attribution + (places ? ", " + places.attribution : "")),
      draw: function (ctx, coords, size, ratio) { self._draw(ctx, coords, size, ratio); }
    });
    /* a tile left behind gives its pixels back now, not when the page next collects garbage */
    this.tiles.on("tileunload", function (event) { event.tile.width = event.tile.height = 0; });
    this._places = (places ? places.rows : []).map(function (row) {
      return { name: row[0], at: L.latLng(row[1], row[2]), zoom: row[3], kind: "place" };
    });
    this._regions = data.labels.map(function (row) {
      return { name: row[0], at: L.latLng(row[1], row[2]), kind: row[3] };
    });
    this._labelBox = L.DomUtil.create("div", "locator-base-labels leaflet-zoom-hide",
      map.getPane("locatorBaseLabels"));
    this._shown = [];
    this._elements = {}; /* the names and dots on the map, by what and where they are */
    this._measure = document.createElement("canvas").getContext("2d");
    /* a name's width in its font, by font and name: measured once per page, as measuring is
       most of what placing the names costs and the same names come back with every move */
    this._widths = new Map();
    this._on = false;
    this._held = 0; /* batches running: names are placed after the last */
    map.on("moveend resize", function () { self.relabel(); });
  }

  LocatorBaseMap.prototype._layer = function (name) {
    if (!this._shapes[name]) { this._shapes[name] = new Shapes(this._data.layers[name] || NOTHING); }
    return this._shapes[name];
  };

  /* Whether a layer is drawn at ``zoom``: county lines from a regional zoom on (at national
     zooms they would be a grey smear). */
  function drawnAt(name, zoom) { return name !== "counties" || zoom >= COUNTY_ZOOM; }

  /* One tile: each layer in ORDER, its parts that reach into the tile as one path, filled and
     stroked as Leaflet's canvas renderer would. */
  LocatorBaseMap.prototype._draw = function (ctx, coords, size, ratio) {
    var zoom = coords.z, scale = Math.pow(2, zoom), self = this;
    var left = coords.x * size.x, top = coords.y * size.y;
    ctx.scale(ratio, ratio);
    ctx.lineCap = ctx.lineJoin = "round";
    ORDER.forEach(function (name) {
      if (!drawnAt(name, zoom)) { return; }
      var style = STYLES[name], shapes = self._layer(name), margin = style.weight + 1;
      var x0 = (left - margin) / scale, y0 = (top - margin) / scale;
      var x1 = (left + size.x + margin) / scale, y1 = (top + size.y + margin) / scale;
      var any = false;
      var rect = [-margin, -margin, size.x + margin, size.y + margin];
      ctx.beginPath();
      shapes.at(zoom).forEach(function (part) {
        var box = part.box;
        if (box[0] > x1 || box[2] < x0 || box[1] > y1 || box[3] < y0) { return; }
        part.rings.forEach(function (a) {
          var n = place(a, scale, left, top);
          if (shapes.polygon) { ring(ctx, n, rect); } else { line(ctx, n, rect); }
        });
        any = true;
      });
      if (!any) { return; }
      if (style.fill !== false) {
        ctx.globalAlpha = style.fillOpacity;
        ctx.fillStyle = style.fillColor;
        ctx.fill("evenodd");
      }
      ctx.globalAlpha = 1;
      ctx.setLineDash(style.dash || []);
      ctx.lineWidth = style.weight;
      ctx.strokeStyle = style.color;
      ctx.stroke();
    });
  };

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  LocatorBaseMap.prototype.shown = function () { return this._on; };

  LocatorBaseMap.prototype.show = function () {
    if (this._on) { return; }
    this._on = true;
    if (Object.keys(this._data.layers).length) { this.tiles.addTo(this.map); }
    this.map.getContainer().classList.add("locator-basemap");
    this.relabel();
  };

  LocatorBaseMap.prototype.hide = function () {
    if (!this._on) { return; }
    this._on = false;
    this.map.removeLayer(this.tiles);
    this.map.getContainer().classList.remove("locator-basemap");
    this.relabel();
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
    if (this._held) { return; } /* placed once the batch is done */
    var map = this.map, self = this, before = this._elements, after = {};
    this._shown = [];
    /* A name placed where it already is keeps its element: a pan changes a few at the edges
       and leaves the rest of the page's layout alone. */
    function put(what, className, corner, text, font) {
      var point = map.containerPointToLayerPoint(corner);
      var key = what + " " + Math.round(point.x) + " " + Math.round(point.y);
      var element = before[key];
      delete before[key];
      if (!element) {
        element = L.DomUtil.create("div", className, self._labelBox);
        if (text) {
          element.textContent = text;
          element.style.font = font;
        }
        L.DomUtil.setPosition(element, point);
      }
      after[key] = element;
    }
    function done() {
      Object.keys(before).forEach(function (key) { L.DomUtil.remove(before[key]); });
      self._elements = after;
    }
    if (!this._on || !map.getSize().x) { return done(); }
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
      var width = self._width(text, font) + (place ? 0 : text.length * SPACING * px);
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
        put("dot", "locator-base-dot", L.point(dot.left, dot.top));
      }
      put(item.kind + " " + item.name, "locator-base-label " + item.kind,
        L.point(rect.left, rect.top), text, font);
      self._shown.push({ name: item.name, kind: item.kind, left: rect.left, top: rect.top,
        right: rect.right, bottom: rect.bottom });
    });
    done();
  };

  /* ``text``'s width in px, set in ``font`` (see _widths). */
  LocatorBaseMap.prototype._width = function (text, font) {
    var key = font + "\n" + text, width = this._widths.get(key);
    if (width === undefined) {
      this._measure.font = font;
      width = this._measure.measureText(text).width;
      this._widths.set(key, width);
    }
    return width;
  };

  /* Run ``work`` (which may move the map several times) and place the names once, after it. */
  LocatorBaseMap.prototype.batch = function (work) {
    this._held++;
    try {
      return work();
    } finally {
      this._held--;
      this.relabel();
    }
  };

  LocatorBaseMap.prototype.labels = function () { return this._shown.slice(); };

  /* How many parts of each layer on the map are in view now, and how many names are shown. */
  LocatorBaseMap.prototype.counts = function () {
    var bounds = this.map.getBounds(), zoom = this.map.getZoom(), counts = {}, self = this;
    ORDER.forEach(function (name) {
      var drawn = self._on && drawnAt(name, zoom);
      if (drawn && !self._parts[name]) {
        self._parts[name] = partBounds(self._data.layers[name] || NOTHING);
      }
      counts[name] = drawn ? self._parts[name].filter(function (b) {
        return bounds.intersects(b);
      }).length : 0;
    });
    counts.labels = this._shown.length;
    return counts;
  };

  window.LocatorBaseMap = LocatorBaseMap;
})();
