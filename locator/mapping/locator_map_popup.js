/*
 * Selecting a clinic (a row, or its marker) highlights its marker with a ring and opens no
 * popup: the details pane beside the map says what a popup would, and a popup opened on every
 * selection covered a third of the map or more, often the searched place. A popup opens when
 * the user clicks a marker; a selection without a marker (a clinic with no location) closes it
 * and takes the ring away.
 *
 * A selection moves the map only if the clinic or the searched place is out of view or under a
 * control: the view taken is, at the current zoom or the least zoom change, one where both are
 * clear of the controls. A click on a marker keeps the view the person is looking at, at its
 * zoom, also when the searched place is out of it (the selection of the clinic's row that
 * follows the click moves nothing): the popup, at most two thirds of the map wide and scrolling
 * inside once it is taller than the map allows, is opened where it is, and the map is only
 * panned as far as it takes to show the popup whole, then again whenever the map is resized
 * (Leaflet's autoPan is off: it pans by the popup alone, ignoring the controls). Closing the
 * popup takes that pan back, unless the person has moved the map meanwhile.
 * The searched place's marker and its name are drawn beneath the popups, never over a popup's
 * text: the pan that shows a popup whole makes room beside the place for the name where it
 * can. Controls an open popup runs under (they are
 * drawn above popups) are hidden until it closes. With clustering (200 clinics or more) a
 * clinic inside a cluster is zoomed in to first.
 */
(function (LocatorMap) {
  "use strict";

  var MAX_FIT_ZOOM = LocatorMap.MAX_FIT_ZOOM;
  var MARKER_ROOM = LocatorMap.MARKER_ROOM;
  var LABEL_GAP = LocatorMap.LABEL_GAP;
  /* px a popup needs besides its text: its frame, its tip, the clinic's marker, an edge */
  var POPUP_ROOM = 72;
  var POPUP_FRAME = 44; /* px a popup is wider than its text: Leaflet's margins */
  var POPUP_WIDTH = 300; /* px of text at most */
  var MIN_POPUP = 60; /* px: a popup's text is never cut shorter, scrolling instead */
  var RING = "#e8710a"; /* the selected clinic's ring: orange, apart from every marker's blue */

  function inside(point, rect) {
    return point.x >= rect.left && point.x <= rect.right &&
      point.y >= rect.top && point.y <= rect.bottom;
  }

  function overlap(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /* Controls are drawn above popups: hide those an open popup runs under, until it closes. */
  LocatorMap.prototype._uncover = function () {
    var popup = this._popup && this._popupRect(this._popup);
    var container = this.map.getContainer(), box = container.getBoundingClientRect();
    Array.prototype.forEach.call(container.querySelectorAll(".leaflet-control"), function (node) {
      var r = node.getBoundingClientRect();
      var under = Boolean(popup) && overlap(popup, {
        left: r.left - box.left, top: r.top - box.top, right: r.right - box.left,
        bottom: r.bottom - box.top
      });
      node.classList.toggle("locator-under-popup", under);
    });
  };

  /* True when a point's marker, with its ring, is on the map, clear of the edges and of every
     control. */
  LocatorMap.prototype._clear = function (latlng, rects) {
    var size = this.map.getSize(), at = this.map.latLngToContainerPoint(latlng);
    var room = MARKER_ROOM;
    if (at.x < room || at.y < room || at.x > size.x - room || at.y > size.y - room) {
      return false;
    }
    return !rects.some(function (r) {
      return inside(at, { left: r.left - room, top: r.top - room, right: r.right + room,
        bottom: r.bottom + room });
    });
  };

  /* The open popup's box (without its tip) in map pixels, or null. */
  LocatorMap.prototype._popupRect = function (popup) {
    var element = popup.isOpen() && popup.getElement();
    if (!element) { return null; }
    var box = this.map.getContainer().getBoundingClientRect();
    var r = element.getBoundingClientRect(); /* the tip hangs outside it */
    return { left: r.left - box.left, top: r.top - box.top, right: r.right - box.left,
      bottom: r.bottom - box.top };
  };

  /* The open popup's box (without its tip) in map pixels, or null. */
  LocatorMap.prototype.popupRect = function () {
    return this._popup ? this._popupRect(this._popup) : null;
  };

  /* True when a selected clinic or the searched place is out of view or under a control. */
  LocatorMap.prototype._revealFault = function (marker) {
    var rects = this.controlRects();
    return !this._clear(marker.getLatLng(), rects) ||
      Boolean(this._origin && !this._clear(this._origin, rects));
  };

  /* Bring a selected clinic into view with the searched place (see the top of this file). */
  LocatorMap.prototype._reveal = function (marker) {
    var map = this.map;
    this._auto = { marker: marker };
    if (!map.hasLayer(marker) || !map.getSize().x || !this._revealFault(marker)) { return; }
    var view = this._revealView(marker, true) || this._revealView(marker, false);
    if (view) {
      this._moving++;
      try {
        map.setView(view.center, view.zoom, { animate: false });
      } finally {
        this._moving--;
      }
    }
  };

  /*
   * The view with the clinic (and ``withOrigin``, the searched place) clear of the controls:
   * at the current zoom the least pan; else at the highest zoom below it that allows it, else
   * the least zoom in, the middle of the room there. With clustering, never a zoom out, which
   * would hide the clinic in a cluster again.
   */
  LocatorMap.prototype._revealView = function (marker, withOrigin) {
    var map = this.map, size = map.getSize(), current = map.getZoom();
    var origin = withOrigin ? this._origin : null, pads = this._padChoices();
    var low = this._clustered ? current : map.getMinZoom();
    var views = [];
    for (var zoom = Math.max(current, MAX_FIT_ZOOM); zoom >= low; zoom--) {
      var m = map.project(marker.getLatLng(), zoom), o = origin && map.project(origin, zoom);
      var want = map.project(map.getCenter(), zoom).subtract(size.divideBy(2));
      var best = null;
      pads.forEach(function (pad) {
        /* where the view's top left corner may be, across and down */
        var x = [-Infinity, Infinity], y = [-Infinity, Infinity];
        [m, o].forEach(function (p) {
          if (!p) { return; }
          x = [Math.max(x[0], p.x - size.x + pad.right), Math.min(x[1], p.x - pad.left)];
          y = [Math.max(y[0], p.y - size.y + pad.bottom), Math.min(y[1], p.y - pad.top)];
        });
        if (x[0] > x[1] || y[0] > y[1]) { return; }
        /* at the same zoom the least pan; at another, the middle of what fits */
        var corner = zoom === current
          ? L.point(Math.min(Math.max(want.x, x[0]), x[1]), Math.min(Math.max(want.y, y[0]), y[1]))
          : L.point((x[0] + x[1]) / 2, (y[0] + y[1]) / 2);
        var cost = corner.distanceTo(want);
        if (!best || cost < best.cost) { best = { corner: corner, cost: cost }; }
      });
      if (best) {
        views.push({ zoom: zoom,
          center: map.unproject(best.corner.add(size.divideBy(2)), zoom) });
      }
    }
    var below = views.filter(function (v) { return v.zoom <= current; });
    if (below.length) { return below[0]; }
    return views.length ? views[views.length - 1] : null;
  };

  /* Highlight a clinic's marker and bring it into view with the searched place; an id without
     a marker (a clinic with no location, or null) closes the popup and clears the highlight.
     True when the clinic has a marker. */
  LocatorMap.prototype.select = function (id) {
    var marker = id == null ? null : this.marker(id) || null;
    if (this._answersAnEarlierClick(id)) { return Boolean(marker); }
    if (this._popup && (!marker || this._popup !== marker.getPopup())) { this._closeQuietly(); }
    if (!marker) {
      this._highlight(null);
      return false;
    }
    this._show(marker);
    this._highlight(marker);
    if (this._popup) { /* its own popup, opened by the click that selected it */
      this._auto = { popup: this._popup }; /* the view kept, the popup whole in it */
      this._keepWhole(this._popup);
      return true;
    }
    this._bringClear(marker);
    return true;
  };

  /* True when selecting ``id`` is the window's late answer to a marker click the person has
     since followed with a click on another marker: the window selects each clicked clinic's
     row and answers each in turn, and the earlier answer would close the popup just opened.
     A selection of a clinic not clicked (a row chosen in the list) is never one. */
  LocatorMap.prototype._answersAnEarlierClick = function (id) {
    var at = this._clicked.indexOf(id);
    if (at < 0) { return false; }
    this._clicked.splice(0, at + 1);
    return this._clicked.length > 0;
  };

  /* Bring a selected clinic clear with the searched place. One the last fit placed in view
     keeps the fit, not the clinic, as what is redone when the map is resized (a message
     appeared under it), keeping every fitted clinic in view. */
  LocatorMap.prototype._bringClear = function (marker) {
    var fitted = this._auto === "fit" && this._fitted.indexOf(marker.locatorId) >= 0;
    this._reveal(marker);
    if (fitted) { this._auto = "fit"; }
  };

  /* Close the open popup without bringing its clinic back clear (a new selection or draw
     takes its own view). */
  LocatorMap.prototype._closeQuietly = function () {
    this._closing = true;
    try { this.map.closePopup(); } finally { this._closing = false; }
  };

  /* The view a popup opens on, for its close to go back to (see _popupClosed); a popup opened
     by a click on another marker keeps the first one's. */
  LocatorMap.prototype._popupOpened = function () {
    if (this._switching && this._beforePopup) { return; }
    this._beforePopup = { center: this.map.getCenter(), zoom: this.map.getZoom(),
      auto: this._auto };
  };

  /* A click on a marker closes the open popup (Leaflet's preclick) on its way to opening the
     marker's own: that close moves nothing, the new popup opening in the view it closed in.
     The click is handled before anything else runs: the flag lasts as long. */
  LocatorMap.prototype._markerPreclick = function () {
    var self = this;
    this._switching = true;
    setTimeout(function () { self._switching = false; }, 0);
  };

  /* A popup the person closed (Escape, its ×, a click on the map): showing it whole panned
     the map, often taking the selected clinic's ring to an edge or by the credits. Unless the
     person has moved the map since, the view it opened on comes back (the search's own frame,
     if it was that); then the selected clinic's ring is brought clear, with the searched
     place, as a selection would. */
  LocatorMap.prototype._popupClosed = function (popup) {
    if (this._switching) { return; }
    var before = this._beforePopup, marker = this._selected && this.marker(this._selected.id);
    this._beforePopup = null;
    if (this._closing) { return; }
    if (before && this._auto && this._auto.popup === popup) {
      this._auto = before.auto;
      if (this._auto === "fit") { this._fit(); }
      else {
        this._moving++;
        try { this.map.setView(before.center, before.zoom, { animate: false }); }
        finally { this._moving--; }
      }
    }
    if (marker) { this._bringClear(marker); }
  };

  /* Open a clinic's popup (a click on its marker) in the view the person is looking at (see
     the top of this file). */
  LocatorMap.prototype.openPopup = function (id) {
    var marker = this.marker(id);
    if (!marker) { return false; }
    var popup = marker.getPopup(), size = this.map.getSize();
    this._show(marker);
    var at = this.map.latLngToContainerPoint(marker.getLatLng());
    if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) {
      this._reveal(marker); /* out of view (opened from code, not by a click): brought in */
    }
    popup.options.minWidth = 0;
    popup.options.maxWidth = Math.max(100, Math.min(POPUP_WIDTH,
      Math.floor(size.x * 2 / 3) - POPUP_FRAME));
    /* whole, unless the map is too short for it: then it scrolls */
    popup.options.maxHeight = Math.max(MIN_POPUP, size.y - POPUP_ROOM);
    if (popup.isOpen()) {
      popup.setLatLng(marker.getLatLng());
      popup.update();
    } else {
      marker.openPopup();
    }
    this._auto = { popup: popup }; /* kept whole if the map is resized */
    this._keepWhole(popup);
    return true;
  };

  /* A popup is shown whole by panning the map, at its zoom; one taller than the map is first
     made shorter, its text scrolling: its title is never cut off, though the clinic's marker
     may then sit by a control or the edge. The pan never pushes a searched place in view
     towards the bottom controls, where its name would be cut: the popup is made shorter
     instead, down to MIN_POPUP. */
  LocatorMap.prototype._keepWhole = function (popup) {
    var size = this.map.getSize(), edge = 2;
    var content = popup.getElement() && popup.getElement().querySelector(".leaflet-popup-content");
    if (!this._popupRect(popup) || !content) { return; }
    this._shorten(popup, content, this._popupRect(popup).bottom -
      this._popupRect(popup).top - (size.y - 2 * edge));
    var pan = this._panFor(this._popupRect(popup), edge);
    var origin = this._origin && this.map.latLngToContainerPoint(this._origin);
    if (origin && origin.x >= 0 && origin.x <= size.x && origin.y >= 0 && origin.y <= size.y) {
      var lowest = Math.max(origin.y, size.y - this._bottomReach(origin));
      if (this._shorten(popup, content, origin.y - pan.y - lowest)) {
        pan = this._panFor(this._popupRect(popup), edge);
      }
      pan.x = this._panForName(this._popupRect(popup), origin, pan, edge);
    }
    if (pan.x || pan.y) {
      this._moving++;
      try { this.map.panBy([pan.x, pan.y], { animate: false }); }
      finally { this._moving--; }
    }
  };

  /* The pan across, nearest ``pan``'s, that leaves the popup (``box``) whole and room for the
     searched place (at ``at``) to be named beside it, right or left (past the clinics there),
     on the map and clear of the popup and the controls once the map is panned: the popup,
     above the clinic, often runs over the spot above the place, and the name would be beneath
     it. ``pan``'s own when there is no such room, or the popup covers the place (its dot and
     name both). */
  LocatorMap.prototype._panForName = function (box, at, pan, edge) {
    var panX = pan.x;
    var tooltip = this._originMarker && this._originMarker.getTooltip();
    var element = tooltip && tooltip.getElement();
    if (!element || inside(at, box)) { return panX; }
    var size = this.map.getSize(), clinics = this._clinicBoxes();
    var frame = this._nameFrame(element), controls = this.controlRects(), best = null;
    [[1, 0], [-1, 0]].forEach(function (side) {
      /* the spot nearest the place clear of the clinics (of a ring round it, say) */
      var spot = LocatorMap.nameBoxes(side, at, LocatorMap.nameSize(element), clinics)
        .filter(function (s) { return LocatorMap.clearOf(s.box, clinics); })[0];
      var name = spot && spot.box;
      if (!name || LocatorMap.cuts(name, box, frame)) { return; }
      var low = Math.ceil(Math.max(box.right, name.right) - size.x + edge);
      var high = Math.floor(Math.min(box.left, name.left) - edge);
      /* the pans to try: the least, and those putting the name just beside a control */
      var tries = [Math.min(Math.max(panX, low), high)];
      controls.forEach(function (r) {
        tries.push(Math.ceil(name.left - r.right + frame.x),
          Math.floor(name.right - r.left - frame.x));
      });
      tries.forEach(function (x) {
        var moved = { left: name.left - x, top: name.top - pan.y, right: name.right - x,
          bottom: name.bottom - pan.y };
        var clear = x >= low && x <= high && !controls.some(function (r) {
          return LocatorMap.cuts(moved, r, frame);
        });
        if (clear && (best === null || Math.abs(x - panX) < Math.abs(best - panX))) { best = x; }
      });
    });
    return best === null ? panX : best;
  };

  /* Make an open popup ``by`` pixels shorter (its text scrolls), never below MIN_POPUP; true
     when it changed. */
  LocatorMap.prototype._shorten = function (popup, content, by) {
    if (by <= 0) { return false; }
    var height = Math.max(MIN_POPUP, content.offsetHeight - Math.ceil(by));
    if (height >= content.offsetHeight) { return false; }
    popup.options.maxHeight = height;
    popup.update();
    return true;
  };

  /* The pan, in pixels, that brings a popup's box whole into the map, ``edge`` from its sides. */
  LocatorMap.prototype._panFor = function (box, edge) {
    var size = this.map.getSize();
    return {
      x: box.left < edge ? box.left - edge
        : box.right > size.x - edge ? box.right - size.x + edge : 0,
      y: box.top < edge ? box.top - edge
        : box.bottom > size.y - edge ? box.bottom - size.y + edge : 0
    };
  };

  /* How far up from the map's bottom the searched place (at ``at``) must stay for its name to
     fit beside it, right or left, above the bottom controls (the scale, the credits), with a
     marker's room. */
  LocatorMap.prototype._bottomReach = function (at) {
    var tooltip = this._originMarker && this._originMarker.getTooltip();
    var element = tooltip && tooltip.getElement();
    var width = (element ? element.offsetWidth : 0) + LABEL_GAP;
    var reach = this._cornerReach(), mapWidth = this.map.getSize().x;
    return Math.min.apply(null, [[at.x, at.x + width], [at.x - width, at.x]].map(function (band) {
      return reach.reduce(function (most, r) {
        var across = r.side === "left" ? [0, r.across] : [mapWidth - r.across, mapWidth];
        var beside = across[0] < band[1] && band[0] < across[1];
        return r.edge === "bottom" && beside ? Math.max(most, r.down) : most;
      }, MARKER_ROOM);
    }));
  };

  /* The clinic the map highlights now, or null. */
  LocatorMap.prototype.selectedId = function () {
    return this._selected ? this._selected.id : null;
  };

  /* Make a marker drawable: hidden in a cluster, zoom in until it shows; on a served map (its
     clusters the app's), shown on its own until the next view's answer. */
  LocatorMap.prototype._show = function (marker) {
    if (this.map.hasLayer(marker)) { return; }
    if (this._served) { this.clinicLayer.spread(marker.locatorIndex); }
    else if (this._clustered) { this._uncluster(marker); }
  };

  /* A ring around the selected clinic's marker, in a pane above the markers and beneath the
     popups, or none; the names keep clear of it. */
  LocatorMap.prototype._highlight = function (marker) {
    if (this._selected) {
      this.originLayer.removeLayer(this._selected.ring);
      this._selected = null;
    }
    if (marker) {
      var ring = L.circleMarker(marker.getLatLng(), {
        radius: marker.getRadius() + 5, weight: 3, color: RING, fill: false, opacity: 1,
        interactive: false, pane: "locatorSelected", renderer: this._selectedRenderer
      }).addTo(this.originLayer);
      this._selected = { id: marker.locatorId, ring: ring };
    }
    this._placeOriginLabel();
    this.baseMap.relabel();
  };

  /* Zoom in on a clinic hidden in a cluster until it shows; spread a cluster it never leaves
     (clinics at the very same place). */
  LocatorMap.prototype._uncluster = function (marker) {
    var map = this.map, at = marker.getLatLng();
    this._moving++;
    try {
      for (var zoom = map.getZoom() + 1; zoom <= map.getMaxZoom() && !map.hasLayer(marker);
        zoom++) {
        map.setView(at, zoom, { animate: false });
      }
      if (!map.hasLayer(marker)) { this.clinicLayer.spread(marker.locatorIndex); }
    } finally {
      this._moving--;
    }
  };
})(window.LocatorMap);
