/*
 * The view after a draw (see locator_map.js): the searched place and its nearest clinic always,
 * then the next nearest clinics (and the search radius, and the other sites of the organizations
 * found) while the map need not zoom out more than CONTEXT_LEVELS further, and never below
 * CONTEXT_ZOOM for them; each with its mirror image across the searched place too, so that the
 * place sits in the middle rather than at an edge, or half of it where the whole one does not
 * fit (_mirrored): a point whose mirror image costs more than a zoom level is left out, with the
 * farther ones, and so is one that would zoom out until the searched place's marker covers its
 * nearest clinic's ring. Padding keeps every fitted point
 * clear of the controls (legend, note, zoom buttons, scale, attribution): for each corner the
 * cheaper side is padded, in whole pixels. A clinic left out but drawn cut by an edge or a
 * control is then brought in whole by a small pan, where one keeps the rest clear (_uncut).
 * Until the user moves the map, the view is fitted
 * again when a control changes size (the legend opened, the scale after a move) or the map is
 * resized (the offline note, or a question under the map, appears).
 */
(function (LocatorMap) {
  "use strict";

  var MAX_FIT_ZOOM = 12;
  var CONTEXT_ZOOM = 5;
  var CONTEXT_LEVELS = 4;
  var EMPTY_ZOOM = 8; /* a search that found nothing: the towns around the place, by name */
  /* one point (a one-clinic list, a clinic on the searched place's centre): close enough to
     tell the clinic's town, far enough out for the towns around it to be named */
  var ALONE_ZOOM = 9;
  var MARKER_ROOM = LocatorMap.MARKER_ROOM;
  /* px between the searched place and its nearest clinic for the selected clinic's ring to
     show beside the searched place's marker rather than under it */
  var RING_CLEAR = 2 * MARKER_ROOM;
  /* how far the other way a fitted point's mirror image goes: the whole way, else half */
  var MIRRORS = [1, 0.5];

  LocatorMap.MAX_FIT_ZOOM = MAX_FIT_ZOOM;

  /* The boxes of the map's controls, in pixels from the map's top left corner. */
  LocatorMap.prototype.controlRects = function () {
    var container = this.map.getContainer(), box = container.getBoundingClientRect();
    var nodes = container.querySelectorAll(".leaflet-control");
    var rects = [];
    Array.prototype.forEach.call(nodes, function (node) {
      var r = node.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        rects.push({
          name: node.className, left: r.left - box.left, top: r.top - box.top,
          right: r.right - box.left, bottom: r.bottom - box.top
        });
      }
    });
    return rects;
  };

  /* How far each corner's controls reach into the map: {corner: [from the side, from the edge]}. */
  LocatorMap.prototype._cornerReach = function () {
    var size = this.map.getSize(), reach = [];
    this.controlRects().forEach(function (r) {
      var left = r.left + r.right < size.x, top = r.top + r.bottom < size.y;
      reach.push({
        side: left ? "left" : "right", edge: top ? "top" : "bottom",
        /* whole pixels: a view is placed to the pixel, and a ring half a pixel short of
           clear is still under the control */
        across: Math.ceil(left ? r.right : size.x - r.left) + MARKER_ROOM,
        down: Math.ceil(top ? r.bottom : size.y - r.top) + MARKER_ROOM
      });
    });
    return reach;
  };

  /* Every way of padding the map that keeps points clear of the controls: each control is
     avoided either by padding its side (left/right) or its edge (top/bottom). */
  LocatorMap.prototype._padChoices = function () {
    var reach = this._cornerReach(), choices = [];
    for (var choice = 0; choice < (1 << reach.length); choice++) {
      var pad = { left: MARKER_ROOM, top: MARKER_ROOM, right: MARKER_ROOM, bottom: MARKER_ROOM };
      for (var i = 0; i < reach.length; i++) {
        var r = reach[i];
        if (choice & (1 << i)) { pad[r.side] = Math.max(pad[r.side], r.across); }
        else { pad[r.edge] = Math.max(pad[r.edge], r.down); }
      }
      choices.push(pad);
    }
    return choices;
  };

  /* Of the paddings, the one that lets ``bounds`` be drawn at the highest zoom, then with the
     most room. */
  LocatorMap.prototype._fitFor = function (bounds) {
    var map = this.map, size = map.getSize(), best = null;
    this._padChoices().forEach(function (pad) {
      var width = size.x - pad.left - pad.right, height = size.y - pad.top - pad.bottom;
      if (width < 1 || height < 1) { return; }
      var zoom = Math.min(MAX_FIT_ZOOM, map.getBoundsZoom(bounds, false,
        L.point(pad.left + pad.right, pad.top + pad.bottom)));
      var room = width * height;
      if (!best || zoom > best.zoom || (zoom === best.zoom && room > best.room)) {
        best = { zoom: zoom, room: room, pad: pad };
      }
    });
    if (!best) { /* a map too small for its controls: fit as well as it goes */
      best = { zoom: Math.min(MAX_FIT_ZOOM, map.getBoundsZoom(bounds)), room: 0,
        pad: { left: 0, top: 0, right: 0, bottom: 0 } };
    }
    return best;
  };

  LocatorMap.prototype._move = function (bounds, fit, maxZoom) {
    this._moving++;
    try {
      this.map.fitBounds(bounds, {
        paddingTopLeft: [fit.pad.left, fit.pad.top],
        paddingBottomRight: [fit.pad.right, fit.pad.bottom],
        maxZoom: Math.min(maxZoom, fit.zoom), animate: false
      });
    } finally {
      this._moving--;
    }
  };

  /* Fit the view to the last draw (see the top of this file). The controls' sizes are read
     again after the move (the scale's width follows the view): if they changed, the view is
     fitted once more, so that a search lands on the same view whatever was shown before. */
  LocatorMap.prototype._fit = function (again) {
    var plan = this._plan;
    if (!plan || !plan.required.length || !this.map.getSize().x) { return; }
    var bounds = L.latLngBounds(plan.required.map(function (p) { return p.at; }));
    var fit = this._fitFor(bounds);
    var kept = plan.required.slice(); /* the points the view holds */
    var floor = Math.min(fit.zoom, Math.max(fit.zoom - CONTEXT_LEVELS, CONTEXT_ZOOM));
    var origin = this._origin;
    for (var i = 0; i < plan.optional.length; i++) {
      var point = plan.optional[i];
      var wider = L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast()).extend(point.at);
      var widerFit = this._fitFor(wider);
      if (widerFit.zoom < floor) { break; }
      if (origin) {
        var centred = this._mirrored(wider, point, Math.max(widerFit.zoom - 1, floor), fit.zoom);
        /* else the point would push the searched place to the map's edge: it and the farther
           ones are left out */
        if (!centred) { break; }
        wider = centred.bounds;
        widerFit = centred.fit;
      }
      bounds = wider;
      fit = widerFit;
      kept.push(point);
    }
    var alone = bounds.getNorthEast().equals(bounds.getSouthWest());
    /* nothing found (a filter left every clinic out): the region, its towns named, not a blank
       street-level view */
    var cap = origin && plan.required.length === 1 ? EMPTY_ZOOM
      : alone ? ALONE_ZOOM : MAX_FIT_ZOOM;
    var reach = JSON.stringify(this._cornerReach());
    this._move(bounds, fit, Math.min(cap, this._fitCap || Infinity));
    kept = kept.concat(this._uncut(kept));
    this._fitted = kept.filter(function (p) { return p.id; }).map(function (p) { return p.id; });
    if (!again && JSON.stringify(this._cornerReach()) !== reach) { this._fit(true); }
  };

  /* ``bounds`` (which hold ``point``) with the point's mirror image across the searched place,
     so that the place sits mid-map, if that fits at ``lowest`` zoom or closer without the
     searched place's marker covering its nearest clinic's ring (at ``zoomBefore``): {bounds,
     fit}, or null. Where the whole mirror image does not, half of it is tried (the place a third
     of the way in): else a map a few pixels shorter would lose the point, and the view of a
     city would jump from its region to its streets. */
  LocatorMap.prototype._mirrored = function (bounds, point, lowest, zoomBefore) {
    var origin = this._origin;
    for (var i = 0; i < MIRRORS.length; i++) {
      var far = MIRRORS[i];
      var centred = L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast()).extend([
        origin.lat - far * (point.at.lat - origin.lat),
        origin.lng - far * (point.at.lng - origin.lng)
      ]);
      var centredFit = this._fitFor(centred);
      if (centredFit.zoom >= lowest && !this._hidesNearest(centredFit.zoom, zoomBefore)) {
        return { bounds: centred, fit: centredFit };
      }
    }
    return null;
  };

  /* The clinics the fit left out but drew cut by the map's edge or under a control, the view
     stopping just short of them (an organization's other sites north of a city): the view is
     panned, at its zoom, as little as shows them clear too, the points it holds staying clear;
     nearest first, one that cannot be is left as it is. Returns those brought in. */
  LocatorMap.prototype._uncut = function (kept) {
    var map = this.map, size = map.getSize(), rects = this.controlRects(), self = this;
    var cut = this._plan.optional.filter(function (p) {
      var at = map.latLngToContainerPoint(p.at);
      var drawn = at.x > -MARKER_ROOM && at.y > -MARKER_ROOM &&
        at.x < size.x + MARKER_ROOM && at.y < size.y + MARKER_ROOM;
      return p.id && kept.indexOf(p) < 0 && drawn && !self._clear(p.at, rects);
    });
    var held = kept.slice(), pan = null;
    cut.forEach(function (point) {
      var better = self._panHolding(held.concat([point]));
      if (better) {
        held.push(point);
        pan = better;
      }
    });
    if (pan && (pan.x || pan.y)) {
      this._moving++;
      try { map.panBy(pan, { animate: false }); } finally { this._moving--; }
    }
    return held.slice(kept.length);
  };

  /* The least pan, in whole pixels, that draws every point clear of the controls and edges, at
     the current zoom, or null. */
  LocatorMap.prototype._panHolding = function (points) {
    var map = this.map, size = map.getSize(), best = null;
    var at = points.map(function (p) { return map.latLngToContainerPoint(p.at); });
    this._padChoices().forEach(function (pad) {
      var x = [-Infinity, Infinity], y = [-Infinity, Infinity];
      at.forEach(function (p) {
        x = [Math.max(x[0], p.x - size.x + pad.right), Math.min(x[1], p.x - pad.left)];
        y = [Math.max(y[0], p.y - size.y + pad.bottom), Math.min(y[1], p.y - pad.top)];
      });
      x = [Math.ceil(x[0]), Math.floor(x[1])];
      y = [Math.ceil(y[0]), Math.floor(y[1])];
      if (x[0] > x[1] || y[0] > y[1]) { return; }
      var pan = L.point(Math.min(Math.max(0, x[0]), x[1]), Math.min(Math.max(0, y[0]), y[1]));
      if (!best || pan.distanceTo([0, 0]) < best.distanceTo([0, 0])) { best = pan; }
    });
    return best;
  };

  /* Whether zooming out to ``zoom`` would draw the searched place's marker over the ring of
     its nearest clinic, which the view at ``zoom_before`` kept clear: context is not worth
     hiding the clinic the patient is most likely to choose. */
  LocatorMap.prototype._hidesNearest = function (zoom, zoomBefore) {
    var plan = this._plan, nearest = plan.required[1], map = this.map;
    if (!nearest) { return false; }
    function apart(z) { return map.project(plan.required[0].at, z).distanceTo(
      map.project(nearest.at, z)); }
    return apart(zoom) < RING_CLEAR && apart(zoomBefore) >= RING_CLEAR;
  };

  LocatorMap.prototype.fittedIds = function () { return this._fitted.slice(); };

  /* Redo the last automatic view, unless the user has moved the map since. */
  LocatorMap.prototype._redo = function () {
    if (this._auto === "fit") { this._fit(); }
    else if (this._auto && this._auto.marker) { this._reveal(this._auto.marker); }
    else if (this._auto && this._auto.popup) { this._keepWhole(this._auto.popup); }
  };
})(window.LocatorMap);
