/*
 * locator's map page: draws the search results on the Leaflet map that folium made, and
 * takes new results without reloading the page.
 *
 *   locatorMap.setResults(payload)  draw a search (see locator/mapping/payload.py for the shape)
 *   locatorMap.serve(part)          draw a served map's view (locator/mapping/clusters.py)
 *   locatorMap.waiting()            true while a served map waits for its first view's answer
 *   locatorMap.select(id)           highlight a clinic's marker, keeping the searched place in
 *                                   view; an id without a marker closes the popup
 *   locatorMap.openPopup(id)        open a clinic's popup (what a click on its marker does)
 *   locatorMap.selectedId()         the clinic highlighted now, or null
 *   locatorMap.markerCount()        clinics on the map now (the results'), in markers or
 *                                   clusters
 *   locatorMap.marker(id)           a clinic's Leaflet marker (made when first asked for: a
 *                                   clustered map makes those in view), or undefined
 *   locatorMap.otherSites()         the other sites of the organizations found, on the map:
 *                                   [{id, dimmed (outside the search), shown (not clustered)}]
 *   locatorMap.preview(lat, lon, s) show a located but unsaved clinic
 *   locatorMap.onSelect = fn        called with a clinic id when its marker is clicked
 *   locatorMap.controlRects()       the boxes of the map's controls, in map pixels
 *   locatorMap.fittedIds()          the clinics the last draw fitted into the view
 *   locatorMap.popupRect()          the open popup's box, in map pixels, or null
 *   locatorMap.showFocus(on)        mark the map as having the keyboard focus, or not
 *   locatorMap.baseMap              the offline base map (locator_basemap.js): shown(),
 *                                   counts(), labels()
 *
 * The base map is drawn until the tiles (when there are any) have loaded every tile in view,
 * and again as soon as one fails; the note then says that the street map needs internet.
 * A payload with keep_view true redraws without moving the map (a reload of the same search);
 * one with fit_max_zoom never fits closer than that zoom (an exported map's overview).
 *
 * The note that the street map needs internet sits in a strip above the map, where no popup
 * ever reaches: a popup opened after every search would otherwise cover it.
 *
 * The page's code is in six scripts, loaded in this order (locator/mapping/assets.py):
 * locator_map_cluster.js (clusters made for the view), locator_map_text.js (the words, and a
 * clinic's popup as HTML), this one (the map, its controls, drawing a search),
 * locator_map_fit.js (the view after a draw), locator_map_popup.js (selecting a clinic) and
 * locator_map_focus.js (the keyboard and screen readers). The later ones add methods to
 * LocatorMap.
 */
(function (Text) {
  "use strict";

  var esc = Text.esc, fmt = Text.fmt;
  /* px: a marker's radius with the selected clinic's ring round it, kept clear of controls and
     edges */
  var MARKER_ROOM = 16;
  var MARKER_BOX = 12; /* px: a marker's radius and border with some room, kept clear of names */
  var LABEL_GAP = 12; /* px from the searched place to its name: clear of a clinic there */
  /* px from the searched place to its name at most, past the clinics drawn round it (ten on a
     ring at its spot): farther, the name would seem to be another spot's */
  var LABEL_REACH = 60;
  var NO_FRAME = { x: 0, y: 0 }; /* any overlap counts (see LocatorMap.cuts) */
  /* where the searched place's name may go, in this order: right, left, above, below, then
     the corners (across, down) */
  var LABEL_SIDES = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1]];
  var SMALL_MAP = { width: 600, height: 450 }; /* below either, the legend starts closed */

  function control(position, className) {
    var Box = L.Control.extend({
      onAdd: function () {
        var div = L.DomUtil.create("div", className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Box({ position: position });
  }

  function LocatorMap(map, tiles, texts) {
    var self = this;
    this.map = map;
    this.onSelect = null;
    this.markers = Object.create(null); /* the markers made, by clinic id (any id) */
    this.clinicLayer = null;
    this.texts = texts || {};
    this._fitted = [];
    this._others = []; /* the other sites of the organizations found: {id, dimmed} */
    this._auto = null; /* what to redo when the controls or the map size change */
    this._moving = 0;
    this._closing = false; /* a popup closed by a new selection or draw: see _closeQuietly */
    this._beforePopup = null; /* the view the open popup opened on: see _popupClosed */
    this._switching = false; /* a click on a marker, closing a popup to open its own */
    this._clicked = []; /* clinics whose marker was clicked, the window's answer not yet in */
    this._hovered = null; /* the marker whose name showed last, the pointer on it */
    this._together = []; /* a search's clinics at one spot: [{at, markers}] */
    if (map.getMaxZoom() === Infinity) { map.setMaxZoom(19); } /* clustering needs one; tiles
                                                                  usually bring it */
    /* the searched place and its name: above the markers, beneath popups (700), which they
       never cover (the dot sat over a popup's link) */
    map.createPane("locatorOrigin").style.zIndex = 650;
    this._originRenderer = L.svg({ pane: "locatorOrigin" });
    map.createPane("locatorOriginLabel").style.zIndex = 660;
    map.createPane("locatorSelected").style.zIndex = 640; /* above markers, beneath popups */
    this._selectedRenderer = L.svg({ pane: "locatorSelected" });
    this._selected = null; /* the highlighted clinic: {id, ring} */
    this.originLayer = L.layerGroup().addTo(map);
    this._tileNote = null; /* the offline note, once shown */
    this._legend = control("bottomleft", "locator-legend").addTo(map);
    this._legendToggled = false;
    this._legend.getContainer().addEventListener("click", function (event) {
      if (event.target.closest("summary")) { self._legendToggled = true; }
    });
    this._legend.getContainer().addEventListener("toggle", function () {
      self._redo();
      self._uncover();
    }, true);
    this._writeControls();
    this.baseMap = new LocatorBaseMap(map, function () { return self._obstacles(); });
    this.baseMap.show();
    if (tiles) { /* they replace the base map once every tile in view has loaded */
      tiles.on("tileerror", function (event) {
        event.tile.setAttribute("data-locator-failed", "");
        self.baseMap.show();
        self.showTileNote();
      });
      tiles.on("load", function () {
        if (!tiles.getContainer().querySelector("[data-locator-failed]")) { self.baseMap.hide(); }
      });
    }
    if (!navigator.onLine) { self.showTileNote(); }
    this._zoomOneLevelOnPlus();
    map.on("popupopen", function (event) {
      self._nameClose(event.popup);
      self._popupOpened();
    });
    map.on("popupclose", function (event) { self._popupClosed(event.popup); });
    map.on("dragstart", function () { self._auto = null; });
    /* the rings are drawn again for each zoom: a pan keeps their pixels, and Leaflet's
       viewreset only ever follows a zoomend or a pan (as for the clusters) */
    map.on("zoomend", function () { self._spreadTogether(); });
    /* a clinic's name, shown while the pointer rests on its marker, goes when the view moves
       under a still pointer (Escape, a zoom): it stayed, over the selected clinic's ring */
    map.on("movestart zoomstart", function () {
      if (self._hovered) { self._hovered.closeTooltip(); }
    });
    map.getContainer().addEventListener("keydown", function (event) {
      if (event.keyCode >= 37 && event.keyCode <= 40) { self._auto = null; } /* an arrow: moved */
    });
    map.on("zoomstart", function () { if (!self._moving) { self._auto = null; } });
    map.on("resize", function () { self._fitLegend(); self._redo(); });
    map.on("popupopen popupclose moveend zoomend resize", function (event) {
      if (event.type === "popupopen") { self._popup = event.popup; }
      if (event.type === "popupclose" && self._popup === event.popup) { self._popup = null; }
      self._uncover();
      var moved = self._placeOriginLabel(); /* the searched place's name makes way */
      if (moved || event.type === "popupopen" || event.type === "popupclose") {
        self.baseMap.relabel();
      }
    });
    this._fitLegend();
    this._titleCredits();
    this._forAssistiveTech();
  }

  LocatorMap.prototype._writeControls = function () {
    var t = this.texts, legend = this._legend.getContainer();
    var open = legend.querySelector("details") ? legend.querySelector("details").open : true;
    legend.innerHTML = "<details" + (open ? " open" : "") + "><summary>" +
      esc(t.legend_title) + "</summary>" +
      "<div><span class='sym origin'></span> " + esc(t.legend_origin) + "</div>" +
      "<div><span class='sym clinic'></span> " + esc(t.legend_exact) + "</div>" +
      "<div><span class='sym approximate'></span> " + esc(t.legend_approximate) + "</div>" +
      "<div><span class='sym unnamed'></span> " + esc(t.legend_unnamed) + "</div>" +
      "<div><span class='sym other'></span> " + esc(t.legend_other) + "</div>" +
      "<div class='small'>" + esc(t.legend_note) + "</div></details>";
    if (this._tileNote) { this._tileNote.textContent = t.offline || ""; }
    this._nameLeafletControls();
  };

  /* The legend starts closed on a small map; once the user opens or closes it, it stays so. */
  LocatorMap.prototype._fitLegend = function () {
    if (!this._legendToggled) {
      var size = this.map.getSize();
      var details = this._legend.getContainer().querySelector("details");
      var open = size.x >= SMALL_MAP.width && size.y >= SMALL_MAP.height;
      if (details && details.open !== open) { details.open = open; }
    }
    this._clearZoomButtons();
  };

  /* A map made short (the bar above the details dragged up) keeps its zoom buttons whole: the
     legend, then the scale, drawn below them in the same corner, step aside rather than cover
     them, and come back once there is room. */
  LocatorMap.prototype._clearZoomButtons = function () {
    var container = this.map.getContainer();
    var zoom = container.querySelector(".leaflet-control-zoom");
    var below = [this._legend.getContainer(), container.querySelector(".leaflet-control-scale")];
    below.forEach(function (node) { if (node) { node.style.display = ""; } });
    if (!zoom) { return; }
    var limit = zoom.getBoundingClientRect().bottom;
    below.forEach(function (node) {
      if (node && node.getBoundingClientRect().top < limit) { node.style.display = "none"; }
    });
  };

  LocatorMap.prototype.showTileNote = function () {
    if (!this._tileNote) {
      var container = this.map.getContainer();
      this._tileNote = document.createElement("div");
      this._tileNote.className = "locator-note";
      this._tileNote.setAttribute("role", "status");
      this._tileNote.textContent = this.texts.offline || "";
      container.parentNode.insertBefore(this._tileNote, container);
      container.parentNode.classList.add("locator-with-note");
      this.map.invalidateSize(); /* the map is shorter now; its "resize" refits the view */
    }
  };

  /* What place names keep clear of: the clinics and the selected clinic's ring (boxes marked
     ``marker``: a town under one is named beside it), their clusters (marked ``cluster``), the
     searched place (marked ``origin``: the base map's own name for it is left out) and its
     name, the controls and the open popup (marked ``covers``: drawn above the names), as boxes
     in map pixels. ``forOriginName``: what the searched place's own name keeps clear of (all
     but itself and its place). */
  LocatorMap.prototype._obstacles = function (forOriginName) {
    var map = this.map, boxes = this.controlRects().map(function (r) {
      r.covers = r.control = true; /* drawn above names: a name under it is cut */
      return r;
    });
    function around(latlng, reach, origin) {
      var at = map.latLngToContainerPoint(latlng);
      boxes.push({ left: at.x - reach, top: at.y - reach, right: at.x + reach,
        bottom: at.y + reach, origin: origin, marker: !origin });
    }
    /* the markers on the map, not every clinic: of 10,000 clustered, a few dozen are */
    map.eachLayer(function (layer) {
      if (layer.locatorId !== undefined) { around(layer.getLatLng(), MARKER_BOX); }
    });
    var ring = this._selected && this._selected.ring;
    if (ring) { around(ring.getLatLng(), ring.getRadius() + ring.options.weight / 2 + 1); }
    if (this._origin && !forOriginName) { around(this._origin, MARKER_BOX, true); }
    var popup = this.popupRect();
    if (popup) {
      popup.covers = true;
      boxes.push(popup);
    }
    var box = map.getContainer().getBoundingClientRect();
    var named = Array.prototype.slice.call(
      map.getContainer().querySelectorAll(".marker-cluster"));
    var origin = this._originMarker;
    if (origin && origin.isTooltipOpen() && !forOriginName) {
      named.push(origin.getTooltip().getElement());
    }
    named.forEach(function (node) {
      var r = node.getBoundingClientRect();
      boxes.push({ left: r.left - box.left, top: r.top - box.top, right: r.right - box.left,
        bottom: r.bottom - box.top, cluster: node.classList.contains("marker-cluster") });
    });
    return boxes;
  };

  /* How far into the box of the searched place's name (``element``) something may reach, in
     pixels across and down, and leave its letters whole: the name's padding and border. */
  LocatorMap.prototype._nameFrame = function (element) {
    var style = getComputedStyle(element);
    return { x: parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth),
      y: parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth) };
  };

  /* Whether box ``a`` reaches into box ``b`` further than ``frame`` (see _nameFrame). */
  LocatorMap.cuts = function (a, b, frame) {
    var across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return across > frame.x && down > frame.y;
  };

  /* Where the searched place's name (``size``: its width and height) may go on ``side`` (of
     LABEL_SIDES) of the place, at ``at``, nearest first: beside it, or just past one of
     ``clinics`` (their boxes) on that side, up to LABEL_REACH: [{gap, box}]. */
  LocatorMap.nameBoxes = function (side, at, size, clinics) {
    var gaps = [LABEL_GAP];
    clinics.forEach(function (b) {
      if (side[0]) { gaps.push(side[0] > 0 ? b.right - at.x : at.x - b.left); }
      if (side[1]) { gaps.push(side[1] > 0 ? b.bottom - at.y : at.y - b.top); }
    });
    return gaps.filter(function (gap) { return gap >= LABEL_GAP && gap <= LABEL_REACH; })
      .sort(function (a, b) { return a - b; })
      .map(function (gap) {
        var x = at.x + side[0] * (gap + size.x / 2) - size.x / 2;
        var y = at.y + side[1] * (gap + size.y / 2) - size.y / 2;
        return { gap: gap, box: { left: x, top: y, right: x + size.x, bottom: y + size.y } };
      });
  };

  /* Whether ``box`` is clear of every one of ``clinics`` (boxes). */
  LocatorMap.clearOf = function (box, clinics) {
    return !clinics.some(function (b) { return LocatorMap.cuts(box, b, NO_FRAME); });
  };

  /* The clinics' markers, clusters and the selected clinic's ring, as boxes in map pixels:
     what the searched place's name never covers. */
  LocatorMap.prototype._clinicBoxes = function () {
    return this._obstacles(true).filter(function (b) { return b.marker || b.cluster; });
  };

  /* The searched place's name's size in whole pixels, as Leaflet places it (to a pixel). */
  LocatorMap.nameSize = function (element) {
    var r = element.getBoundingClientRect();
    return L.point(Math.ceil(r.width) + 1, Math.ceil(r.height) + 1);
  };

  /* The searched place's name, beside its marker, whole inside the map, never over a clinic's
     marker, a cluster or the selected clinic's ring (it is drawn above them, and each must be
     seen and clicked): on the first side of LABEL_SIDES, nearest the place, where it is clear
     of them, of the controls and of the popup; where the clinics round the place (a ring of
     those at its spot) take every side, just past them, up to LABEL_REACH. Where nothing is
     clear, the spot meeting the fewest controls or popup (one that would cut it counts three,
     one that would only graze its frame, its letters whole, one), then nearest the place,
     moved inside the map; where a control would cut its letters even on one line, and where
     every spot covers a clinic, hidden until one does not. True
     when it moved: the base map's names make room for it. */
  LocatorMap.prototype._placeOriginLabel = function () {
    var marker = this._originMarker, tooltip = marker && marker.getTooltip();
    var element = tooltip && tooltip.isOpen() && tooltip.getElement();
    var map = this.map;
    if (!element || !map.getSize().x) { return false; }
    /* where every spot in two lines is cut by a control (a small map), one line cut short
       with "…"; where that is cut too, no name: the results' heading names the place */
    element.classList.remove("locator-one-line");
    var best = this._originSpot(element);
    if (best && best.cut) {
      element.classList.add("locator-one-line");
      best = this._originSpot(element);
    }
    /* a name cut short shows its whole text on hover */
    if (element.scrollHeight > element.clientHeight || element.scrollWidth > element.clientWidth) {
      element.title = element.textContent;
    } else { element.removeAttribute("title"); }
    /* where the open popup cuts it, only the name's end showed at its edge ("…O"): hidden
       until the popup closes or the map moves it clear */
    var popup = this.popupRect();
    var hidden = !best || best.cut ||
      (Boolean(popup) && LocatorMap.cuts(best.box, popup, this._nameFrame(element)));
    element.style.visibility = hidden ? "hidden" : "";
    if (!best) { return false; }
    /* Leaflet centres the name by its offsetWidth and offsetHeight, rounding its corner */
    var at = map.latLngToContainerPoint(this._origin);
    var offset = [Math.round(best.box.left + element.offsetWidth / 2 - at.x),
      Math.round(best.box.top + element.offsetHeight / 2 - at.y)];
    var before = tooltip.options.offset;
    if (before && before[0] === offset[0] && before[1] === offset[1]) { return false; }
    tooltip.options.offset = offset;
    tooltip.update(); /* Leaflet shows it again as it does */
    element.style.visibility = hidden ? "hidden" : "";
    return true;
  };

  /* The best spot for the searched place's name (``element``) as _placeOriginLabel chooses
     it, or null where every spot covers a clinic: {cost, box, cut}, ``cut`` when a control
     covers some of its letters there. */
  LocatorMap.prototype._originSpot = function (element) {
    var map = this.map, size = map.getSize();
    var at = map.latLngToContainerPoint(this._origin), blocks = this._obstacles(true);
    var clinics = this._clinicBoxes(), name = LocatorMap.nameSize(element), best = null;
    var frame = this._nameFrame(element);
    LABEL_SIDES.forEach(function (side, rank) {
      LocatorMap.nameBoxes(side, at, name, clinics).forEach(function (spot) {
        var x = Math.max(0, Math.min(spot.box.left, size.x - name.x));
        var y = Math.max(0, Math.min(spot.box.top, size.y - name.y));
        var box = { left: x, top: y, right: x + name.x, bottom: y + name.y }, cut = false;
        if (!LocatorMap.clearOf(box, clinics)) { return; }
        var cost = (x !== spot.box.left || y !== spot.box.top ? 1000 : 0) + rank + spot.gap -
          LABEL_GAP;
        blocks.forEach(function (b) {
          if (b.covers && LocatorMap.cuts(box, b, NO_FRAME)) {
            var letters = LocatorMap.cuts(box, b, frame);
            cost += letters ? 300 : 100; /* more than any gap */
            cut = cut || (letters && b.control);
          }
        });
        if (!best || cost < best.cost) { best = { cost: cost, box: box, cut: cut }; }
      });
    });
    return best;
  };

  /* A search's redraw moves the map more than once (the fit, a pan that brings a cut clinic
     in, the fit again once the scale has taken its width): the names are placed once, after. */
  LocatorMap.prototype.setResults = function (payload) {
    var self = this;
    return this.baseMap.batch(function () { return self._draw(payload); });
  };

  LocatorMap.prototype._draw = function (payload) {
    var map = this.map, self = this;
    this._fitCap = payload.fit_max_zoom || null; /* an exported overview opens no closer */
    if (payload.texts && JSON.stringify(payload.texts) !== JSON.stringify(this.texts)) {
      this.texts = payload.texts;
      this._writeControls();
      this._fitLegend();
    }
    this._closeQuietly();
    if (this.clinicLayer) { map.removeLayer(this.clinicLayer); }
    this.originLayer.clearLayers();
    this.markers = Object.create(null);
    this._selected = null; /* its ring goes with the origin layer's other shapes */
    this._origin = null;
    this._originMarker = null;
    var rows = payload.rows || [], at = {};
    (payload.fields || []).forEach(function (name, i) { at[name] = i; });
    var points = [];
    var sites = {}; /* an organization's rows, by its name, for the popups' lists */
    this._others = [];
    this._rows = rows;
    this._ids = new Map();
    this._sites = sites;
    this._payload = payload;
    this._at = at; /* a field's place in a row, by its name */
    rows.forEach(function (row, i) {
      var id = row[at.id], site = row[at.site];
      self._ids.set(id, i);
      if (row[at.org]) { (sites[row[at.org]] = sites[row[at.org]] || []).push(i); }
      if (site) { self._others.push({ id: id, dimmed: site === 2 }); }
      points.push({ id: id, at: L.latLng(row[at.lat], row[at.lon]), km: row[at.km],
        result: !site });
    });
    this._clustered = Boolean(payload.cluster);
    this._together = []; /* a clustered map spreads such clinics on a click */
    this._served = payload.served || null;
    if (this._served) { /* a large registry's: each view's clusters come from the app */
      this.clinicLayer = new LocatorServed(function (i) { return self._markerAt(i); },
        function (more) { return self._keep(more); }, this._served.parts);
      var box = this._served.box;
      points = box ? [{ id: null, at: L.latLng(box[0], box[1]) },
        { id: null, at: L.latLng(box[2], box[3]) }] : [];
    } else if (this._clustered) { /* markers made for what is in view, as it comes into view */
      this.clinicLayer = new LocatorClusters(
        rows.map(function (row) { return row[at.lat]; }),
        rows.map(function (row) { return row[at.lon]; }),
        function (i) { return self._markerAt(i); });
    } else {
      this.clinicLayer = L.featureGroup();
      /* other sites drawn first: where markers overlap, the result is on top, taking the
         click */
      var batch = [];
      rows.forEach(function (row, i) {
        if (row[at.site]) { batch.unshift(self._markerAt(i)); }
        else { batch.push(self._markerAt(i)); }
      });
      batch.forEach(function (m) { self.clinicLayer.addLayer(m); });
      this._together = this._atOneSpot(batch);
    }
    this.clinicLayer.on("preclick", function () { self._markerPreclick(); });
    this.clinicLayer.addTo(map);
    this._spreadTogether();
    var origin = payload.origin;
    var plan = { required: points, optional: [] };
    if (origin) {
      this._origin = L.latLng(origin.lat, origin.lon);
      this._originMarker = L.circleMarker(this._origin, {
        radius: 7, weight: 3, color: "#ffffff", fillColor: "#c62828", fillOpacity: 1,
        pane: "locatorOrigin", renderer: this._originRenderer, interactive: false
      }).bindTooltip(esc(origin.label), { /* placed by _placeOriginLabel */
        permanent: true, direction: "center", offset: [0, 0], className: "locator-origin-label",
        pane: "locatorOriginLabel"
      }).addTo(this.originLayer);
      var byDistance = points.slice().sort(function (a, b) {
        return (a.km == null ? Infinity : a.km) - (b.km == null ? Infinity : b.km);
      });
      var nearest = byDistance.filter(function (p) { return p.result; }).slice(0, 1);
      byDistance = byDistance.filter(function (p) { return p !== nearest[0]; });
      plan = { required: [{ id: null, at: this._origin }].concat(nearest), optional: [] };
      if (payload.radius_m) {
        var circle = L.circle(this._origin, {
          radius: payload.radius_m, color: "#c62828", weight: 1, fill: false, dashArray: "6 4",
          interactive: false /* Leaflet would take a click anywhere inside it as its own */
        }).addTo(this.originLayer);
        var b = circle.getBounds();
        plan.optional.push({ id: null, at: b.getSouthWest() }, { id: null, at: b.getNorthEast() });
      }
      plan.optional = plan.optional.concat(byDistance);
    }
    this._plan = plan;
    if (payload.keep_view) {
      /* the same search on reloaded data: the user's pan and zoom stay */
      this._auto = null;
    } else {
      this._auto = "fit";
      this._fit();
    }
    this._placeOriginLabel(); /* the base map's names then make room for the new markers */
    return this.markerCount();
  };

  /* A served map's answer for its view (see LocatorServed): drawn unless the view has moved
     on since it was asked. */
  LocatorMap.prototype.serve = function (part) {
    var self = this, layer = this.clinicLayer;
    if (!this._served || !layer || !layer.show) { return false; }
    return this.baseMap.batch(function () {
      var shown = layer.show(part);
      if (shown) { self._placeOriginLabel(); }
      return shown;
    });
  };

  /* True while a served map waits for its view's answer: nothing of it is drawn yet. */
  LocatorMap.prototype.waiting = function () {
    return Boolean(this._served && !this.clinicLayer.shown);
  };

  /* Rows a served map was given, kept with those it had (once each): their indexes. */
  LocatorMap.prototype._keep = function (more) {
    var rows = this._rows, ids = this._ids, id = this._at.id;
    return more.map(function (row) {
      var i = ids.get(row[id]);
      if (i === undefined) {
        i = rows.length;
        rows.push(row);
        ids.set(row[id], i);
      }
      return i;
    });
  };

  /* The groups of ``markers`` at the very same spot (an unclustered search draws them all):
     [{at, markers}], groups of two or more. */
  LocatorMap.prototype._atOneSpot = function (markers) {
    var spots = new Map();
    markers.forEach(function (marker) {
      var at = marker.getLatLng(), key = at.lat + "," + at.lng, group = spots.get(key);
      if (group) { group.markers.push(marker); }
      else { spots.set(key, { at: at, markers: [marker] }); }
    });
    return Array.from(spots.values()).filter(function (group) {
      return group.markers.length > 1;
    });
  };

  /* Clinics at one spot, one marker on another, took one click, the top one's: each is drawn
     on a ring around the spot (as a spread cluster is), again at every zoom, turned away from
     the clinics shown alone; the selected clinic's ring follows its marker. */
  LocatorMap.prototype._spreadTogether = function () {
    var map = this.map, selected = this._selected, zoom = map.getZoom();
    if (!this._together.length || !map.getSize().x) { return; }
    var ringed = new Set(), alone = [];
    this._together.forEach(function (group) {
      group.markers.forEach(function (marker) { ringed.add(marker); });
    });
    this.clinicLayer.eachLayer(function (marker) {
      if (!ringed.has(marker)) { alone.push(map.project(marker.getLatLng(), zoom)); }
    });
    this._together.forEach(function (group) {
      LocatorClusters.ring(map, map.project(group.at, zoom), group.markers, alone);
    });
    var marker = selected && this.markers[selected.id];
    if (marker) { selected.ring.setLatLng(marker.getLatLng()); }
  };

  /* Row ``i``'s marker, made the first time it is asked for, with its popup built when it
     opens. */
  LocatorMap.prototype._markerAt = function (i) {
    var self = this, row = this._rows[i], payload = this._payload, id = row[this._at.id];
    if (this.markers[id]) { return this.markers[id]; }
    var clinic = Text.decodeRow(payload, this.texts, row);
    var exact = clinic.precision === "address";
    /* another site of an organization found: dimmed when the search left it out */
    var dim = clinic.site === 2 ? 0.45 : 1;
    /* an unnamed provider reported in an area is no clinic to contact: small, grey, dotted */
    var marker = clinic.kind === "unnamed_provider"
      ? L.circleMarker([clinic.lat, clinic.lon], {
        radius: 6, weight: 2, color: "#5f6368", fillColor: "#dadce0", fillOpacity: 0.9 * dim,
        dashArray: "1 3", opacity: dim
      })
      : L.circleMarker([clinic.lat, clinic.lon], {
        radius: 8, weight: 2, color: "#0b4f9c", opacity: dim,
        fillColor: exact ? "#1f6feb" : "#ffffff", fillOpacity: (exact ? 0.9 : 0.8) * dim,
        dashArray: exact ? null : "3 2"
      });
    marker.bindPopup(function () {
      var others = (self._sites[clinic.org] || []).filter(function (j) { return j !== i; })
        .map(function (j) { return Text.decodeRow(payload, self.texts, self._rows[j]); });
      return Text.popupHtml(clinic, self.texts, others);
    }, { maxWidth: 300, autoPan: false });
    marker.bindTooltip(esc(clinic.name), { className: "locator-clinic-tip" });
    marker.on("tooltipopen", function () { self._hovered = marker; });
    marker.locatorId = id;
    marker.locatorIndex = i;
    marker.locatorSite = clinic.site;
    marker.on("click", function () { self.openPopup(id); self._notify(id); });
    this.markers[id] = marker;
    return marker;
  };

  /* A clinic's marker, made if it was not yet (a clustered map makes those in view), or
     undefined for a clinic the map does not draw. */
  LocatorMap.prototype.marker = function (id) {
    var i = this._ids ? this._ids.get(id) : undefined;
    return i === undefined ? undefined : this._markerAt(i);
  };

  LocatorMap.prototype._notify = function (id) {
    this._clicked.push(id);
    if (typeof this.onSelect === "function") { this.onSelect(id); }
    document.dispatchEvent(new CustomEvent("locator-select", { detail: id }));
  };

  /* A place not yet saved in the registry (the editor's Locate), shown until the next draw. */
  LocatorMap.prototype.preview = function (lat, lon, label) {
    L.circleMarker([lat, lon], {
      radius: 10, weight: 3, color: "#2e7d32", fillColor: "#a5d6a7", fillOpacity: 0.6,
      dashArray: "4 3"
    }).bindTooltip(fmt(this.texts.not_saved, { label: label }), { permanent: true })
      .addTo(this.originLayer);
    this._auto = null;
    this.map.setView([lat, lon], 11, { animate: false });
    return true;
  };

  LocatorMap.prototype.markerCount = function () {
    var layer = this.clinicLayer;
    if (!layer || !this.map.hasLayer(layer)) { return 0; }
    if (this._served) { return layer.shown ? this._served.total : 0; }
    return this._rows.length - this._others.length;
  };

  LocatorMap.prototype.otherSites = function () {
    var map = this.map, self = this;
    return this._others.map(function (site) {
      return { id: site.id, dimmed: site.dimmed, shown: map.hasLayer(self.marker(site.id)) };
    });
  };

  LocatorMap.MARKER_ROOM = MARKER_ROOM; /* the later scripts keep markers clear too */
  LocatorMap.LABEL_GAP = LABEL_GAP; /* and make room for the searched place's name */
  LocatorMap.NO_FRAME = NO_FRAME;
  window.LocatorMap = LocatorMap;
})(window.LocatorMapText);
