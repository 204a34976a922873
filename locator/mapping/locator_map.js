/*
 * locator's map page: draws the search results on the Leaflet map that folium made, and
 * takes new results without reloading the page.
 *
 *   locatorMap.setResults(payload)  draw a search (see locator/mapping/payload.py for the shape)
 *   locatorMap.select(id)           show a clinic's popup, keeping the searched place in view
 *   locatorMap.markerCount()        clinic markers on the map now
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
 * The view after a draw: the searched place and its nearest clinic always, then the next
 * nearest clinics (and the search radius) while the map need not zoom out more than
 * CONTEXT_LEVELS further, and never below CONTEXT_ZOOM for them. Padding keeps every fitted
 * point clear of the controls (legend, note, zoom buttons, scale, attribution): for each corner
 * the cheaper side is padded. Until the user moves the map, the view is fitted again when a
 * control changes size (the legend opened) or the map is resized (the offline note appears).
 *
 * The note that the street map needs internet sits in a strip above the map, where no popup
 * ever reaches: a popup opened after every search would otherwise cover it.
 *
 * Selecting a clinic (a row or a marker click) opens its popup without Leaflet's autoPan,
 * which pans by the popup alone and can push the searched place off the map. The map moves only
 * if the popup runs off the map, the clinic or the searched place is out of view or under a
 * control, or the popup covers the searched place; then it takes the view, at the current zoom
 * or the least zoom change, where the popup is whole and both places are clear of the controls
 * and, if any zoom allows it, uncovered. On a map too small for that, the searched place may sit
 * on the popup: it is drawn in a pane above the popups, so a popup never hides it. Controls an
 * open popup runs under (they are drawn above popups) are hidden until it closes. With
 * clustering (200 clinics or more) a clinic inside a cluster is zoomed in to first, and the map
 * then never zooms out for the searched place, which would hide the clinic again.
 *
 * Every word shown comes from the payload's ``texts`` (locator/presentation.py), and every
 * text from the registry is escaped before it reaches HTML.
 */
(function () {
  "use strict";

  var MAX_FIT_ZOOM = 12;
  var CONTEXT_ZOOM = 5;
  var CONTEXT_LEVELS = 4;
  var ORIGIN_NAMED_FROM = 8; /* zoom: towns named, states no longer */
  var MARKER_ROOM = 12; /* px: a marker's radius and border, kept clear of controls and edges */
  var SMALL_MAP = { width: 600, height: 450 }; /* below either, the legend starts closed */
  /* px a popup needs besides its text: its frame, its tip, the clinic's marker, an edge */
  var POPUP_ROOM = 72;

  function esc(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  /* A text from Python with its {name} fields filled in, as escaped HTML. */
  function fmt(template, values) {
    return esc(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? esc(values[name]) : whole;
    });
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function popupHtml(clinic, texts) {
    var lines = ["<div class='locator-popup'><b>" + esc(clinic.name) + "</b>"];
    var unnamed = clinic.kind === "unnamed_provider";
    if (unnamed) { lines.push("<div><i>" + esc(texts.unnamed_note) + "</i></div>"); }
    var where = clinic.here ? fmt(texts.same_place, { place: clinic.here })
      : clinic.distance ? fmt(texts.distance, { distance: clinic.distance }) : "";
    if (clinic.serves_origin) {
      where += (where ? " · " : "") + esc(texts.serves_origin);
    }
    if (clinic.street) { lines.push("<div>" + esc(clinic.street) + "</div>"); }
    if (where) { lines.push("<div>" + where + "</div>"); }
    if (clinic.drive) { lines.push("<div>" + esc(clinic.drive) + "</div>"); }
    lines.push("<div><i>" + esc(clinic.precision_note) + "</i></div>");
    lines.push("<div><span class='k'>" + esc(texts.treats) + "</span> " + esc(clinic.treats) +
      "</div>");
    lines.push("<div><span class='k'>" + esc(texts.offers) + "</span> " + esc(clinic.offers) +
      "</div>");
    var contact = [];
    if (clinic.phone) {
      contact.push("<a href='tel:" + esc(clinic.phone.replace(/[^0-9+]/g, "")) + "'>" +
        esc(clinic.phone) + "</a>");
    }
    var website = safeUrl(clinic.website);
    if (website) {
      contact.push("<a href='" + esc(website) + "' target='_blank' rel='noopener'>" +
        esc(texts.website) + "</a>");
    }
    var none = unnamed ? texts.no_one_to_contact : texts.contact_not_listed;
    lines.push("<div>" + (contact.length ? contact.join(" · ") : esc(none)) + "</div>");
    var directions = safeUrl(clinic.directions);
    if (directions) {
      lines.push("<div><a href='" + esc(directions) + "' target='_blank' rel='noopener'>" +
        esc(texts.directions) + "</a></div>");
    }
    lines.push("</div>");
    return lines.join("");
  }

  function termLabels(mask, labels, none) {
    var found = [];
    for (var i = 0; i < labels.length; i++) {
      if (mask & (1 << i)) { found.push(labels[i]); }
    }
    return found.length ? found.join(", ") : none;
  }

  /* Distances as locator.units.Unit.format writes them: "4.2 mi", "31 mi", in the user's
   * language (texts.unit_mi is "{distance} mi", translated). */
  function formatDistance(km, unit, texts) {
    var value = unit === "km" ? km : km / 1.609344;
    var number = value < 10 ? value.toLocaleString(texts.locale, {
      minimumFractionDigits: 1, maximumFractionDigits: 1
    }) : Math.round(value).toLocaleString(texts.locale);
    return (texts["unit_" + unit] || "{distance} " + unit).replace("{distance}", number);
  }

  /* The payload's rows are arrays in the order of payload.fields: make them objects. */
  function decode(payload, texts) {
    var fields = payload.fields || [];
    var notes = payload.precision_notes || {};
    return (payload.rows || []).map(function (row) {
      var clinic = {};
      fields.forEach(function (name, i) { clinic[name] = row[i]; });
      clinic.precision = (payload.precisions || [])[clinic.precision] || clinic.precision;
      clinic.serves_origin = Boolean(clinic.serves_origin);
      clinic.treats = termLabels(clinic.conditions, payload.conditions || [], texts.not_listed);
      clinic.offers = termLabels(clinic.treatments, payload.treatments || [], texts.not_listed);
      clinic.distance = clinic.km == null ? null
        : formatDistance(clinic.km, payload.unit, texts);
      clinic.precision_note = notes[clinic.precision] || "";
      if (clinic.precision !== "address" && clinic.area) {
        clinic.precision_note += "; " + texts.serves_area.replace("{area}", clinic.area);
      }
      return clinic;
    });
  }

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
    this.markers = {};
    this.clinicLayer = null;
    this.texts = texts || {};
    this._fitted = [];
    this._auto = null; /* what to redo when the controls or the map size change */
    this._moving = 0;
    if (map.getMaxZoom() === Infinity) { map.setMaxZoom(19); } /* clustering needs one; tiles
                                                                  usually bring it */
    map.createPane("locatorOrigin").style.zIndex = 750; /* above popups (700) */
    this._originRenderer = L.svg({ pane: "locatorOrigin" });
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
    /* "+" is Shift+= on most keyboards, and Leaflet zooms three levels with Shift: one level,
       as "-" does (caught before Leaflet's own handler on the same element) */
    map.getContainer().addEventListener("keydown", function (event) {
      if (event.key === "+" && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
        map.zoomIn(1);
      }
    }, true);
    map.on("popupopen", function (event) { self._nameClose(event.popup); });
    map.on("dragstart", function () { self._auto = null; });
    map.on("zoomstart", function () { if (!self._moving) { self._auto = null; } });
    map.on("resize", function () { self._fitLegend(); self._redo(); });
    map.on("zoomend", function () { if (self._nameOrigin()) { self.baseMap.relabel(); } });
    map.on("popupopen popupclose moveend zoomend resize", function (event) {
      if (event.type === "popupopen") { self._popup = event.popup; }
      if (event.type === "popupclose" && self._popup === event.popup) { self._popup = null; }
      self._uncover();
      if (event.type === "popupopen" || event.type === "popupclose") { self.baseMap.relabel(); }
    });
    this._fitLegend();
    this._forAssistiveTech();
  }

  /* For screen readers the map is one named control (arrow keys pan, + and - zoom) with its
     legend, popups and zoom buttons; what it draws (markers on a canvas, the base map and its
     names, the searched place) is hidden: the results table beside it lists the same clinics,
     row by row, and selecting a row opens the clinic's popup here. */
  LocatorMap.prototype._forAssistiveTech = function () {
    var map = this.map, container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", this.texts.map_label || "");
    ["tilePane", "overlayPane", "shadowPane", "markerPane", "locatorBase", "locatorBaseLabels",
      "locatorOrigin"].forEach(function (name) {
      var pane = map.getPane(name);
      if (pane) { pane.setAttribute("aria-hidden", "true"); }
    });
  };

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

  LocatorMap.prototype._writeControls = function () {
    var t = this.texts, legend = this._legend.getContainer();
    var open = legend.querySelector("details") ? legend.querySelector("details").open : true;
    legend.innerHTML = "<details" + (open ? " open" : "") + "><summary>" +
      esc(t.legend_title) + "</summary>" +
      "<div><span class='sym origin'></span> " + esc(t.legend_origin) + "</div>" +
      "<div><span class='sym clinic'></span> " + esc(t.legend_exact) + "</div>" +
      "<div><span class='sym approximate'></span> " + esc(t.legend_approximate) + "</div>" +
      "<div><span class='sym unnamed'></span> " + esc(t.legend_unnamed) + "</div>" +
      "<div class='small'>" + esc(t.legend_note) + "</div></details>";
    if (this._tileNote) { this._tileNote.textContent = t.offline || ""; }
    /* Leaflet's own words, the zoom buttons' names, in the user's language */
    var container = this.map.getContainer();
    [[".leaflet-control-zoom-in", t.zoom_in], [".leaflet-control-zoom-out", t.zoom_out]]
      .forEach(function (pair) {
        var button = container.querySelector(pair[0]);
        if (button && pair[1]) {
          button.title = pair[1];
          button.setAttribute("aria-label", pair[1]);
        }
      });
    /* the Leaflet link's title, which screen readers read as its description */
    var credit = this.map.attributionControl;
    if (credit && typeof credit.options.prefix === "string" && t.leaflet_title) {
      credit.setPrefix(credit.options.prefix.replace(
        /title="[^"]*"/, 'title="' + esc(t.leaflet_title) + '"'));
    }
  };

  /* A popup's close button, named in the user's language (Leaflet's own name is English). */
  LocatorMap.prototype._nameClose = function (popup) {
    var element = popup.getElement();
    var close = element && element.querySelector(".leaflet-popup-close-button");
    if (close && this.texts.close_popup) {
      close.setAttribute("aria-label", this.texts.close_popup);
    }
  };

  /* The legend starts closed on a small map; once the user opens or closes it, it stays so. */
  LocatorMap.prototype._fitLegend = function () {
    if (this._legendToggled) { return; }
    var size = this.map.getSize();
    var details = this._legend.getContainer().querySelector("details");
    var open = size.x >= SMALL_MAP.width && size.y >= SMALL_MAP.height;
    if (details && details.open !== open) { details.open = open; }
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

  /* What place names keep clear of: the clinics, their clusters, the searched place, the
     controls and the open popup, as boxes in map pixels. */
  LocatorMap.prototype._obstacles = function () {
    var map = this.map, boxes = this.controlRects();
    function around(latlng) {
      var at = map.latLngToContainerPoint(latlng);
      boxes.push({ left: at.x - MARKER_ROOM, top: at.y - MARKER_ROOM, right: at.x + MARKER_ROOM,
        bottom: at.y + MARKER_ROOM });
    }
    for (var id in this.markers) {
      if (map.hasLayer(this.markers[id])) { around(this.markers[id].getLatLng()); }
    }
    if (this._origin) { around(this._origin); }
    var popup = this.popupRect();
    if (popup) { boxes.push(popup); }
    var box = map.getContainer().getBoundingClientRect();
    var named = Array.prototype.slice.call(
      map.getContainer().querySelectorAll(".marker-cluster"));
    var origin = this._originMarker;
    if (origin && origin.isTooltipOpen()) { named.push(origin.getTooltip().getElement()); }
    named.forEach(function (node) {
      var r = node.getBoundingClientRect();
      boxes.push({ left: r.left - box.left, top: r.top - box.top, right: r.right - box.left,
        bottom: r.bottom - box.top });
    });
    return boxes;
  };

  /* The searched place's name beside its marker from ORIGIN_NAMED_FROM on, else hidden;
     true when that changed. */
  LocatorMap.prototype._nameOrigin = function () {
    var marker = this._originMarker;
    if (!marker || !this.map.hasLayer(marker)) { return false; }
    var named = this.map.getZoom() >= ORIGIN_NAMED_FROM;
    if (named === marker.isTooltipOpen()) { return false; }
    if (named) { marker.openTooltip(); } else { marker.closeTooltip(); }
    return true; /* the place names make room for it, or take its room back */
  };

  /* A ring around the map while it has the keyboard focus (arrow keys pan, +/- zoom). */
  LocatorMap.prototype.showFocus = function (on) {
    this.map.getContainer().classList.toggle("locator-focused", Boolean(on));
    return true;
  };

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
        across: (left ? r.right : size.x - r.left) + MARKER_ROOM,
        down: (top ? r.bottom : size.y - r.top) + MARKER_ROOM
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

  /* Fit the view to the last draw (see the top of this file). */
  LocatorMap.prototype._fit = function () {
    var plan = this._plan;
    if (!plan || !plan.required.length || !this.map.getSize().x) { return; }
    var bounds = L.latLngBounds(plan.required.map(function (p) { return p.at; }));
    var fit = this._fitFor(bounds);
    var fitted = plan.required.filter(function (p) { return p.id; }).map(function (p) {
      return p.id;
    });
    var floor = Math.min(fit.zoom, Math.max(fit.zoom - CONTEXT_LEVELS, CONTEXT_ZOOM));
    for (var i = 0; i < plan.optional.length; i++) {
      var point = plan.optional[i];
      var wider = L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast()).extend(point.at);
      var widerFit = this._fitFor(wider);
      if (widerFit.zoom < floor) { break; }
      bounds = wider;
      fit = widerFit;
      if (point.id) { fitted.push(point.id); }
    }
    this._fitted = fitted;
    var alone = bounds.getNorthEast().equals(bounds.getSouthWest()); /* one place: a town's view */
    this._move(bounds, fit, Math.min(alone ? 11 : MAX_FIT_ZOOM, this._fitCap || Infinity));
  };

  LocatorMap.prototype.fittedIds = function () { return this._fitted.slice(); };

  /* The open popup's box (without its tip) in map pixels, or null. */
  LocatorMap.prototype.popupRect = function () {
    return this._popup ? this._popupRect(this._popup) : null;
  };

  /* Redo the last automatic view, unless the user has moved the map since. */
  LocatorMap.prototype._redo = function () {
    if (this._auto === "fit") { this._fit(); }
    else if (this._auto && this._auto.marker) { this._reveal(this._auto.marker); }
  };

  LocatorMap.prototype.setResults = function (payload) {
    var map = this.map, self = this;
    this._fitCap = payload.fit_max_zoom || null; /* an exported overview opens no closer */
    if (payload.texts && JSON.stringify(payload.texts) !== JSON.stringify(this.texts)) {
      this.texts = payload.texts;
      this._writeControls();
      this._fitLegend();
    }
    var texts = this.texts;
    map.closePopup();
    if (this.clinicLayer) { map.removeLayer(this.clinicLayer); }
    this.originLayer.clearLayers();
    this.markers = {};
    this._origin = null;
    this._originMarker = null;
    var clinics = decode(payload, texts);
    this.clinicLayer = payload.cluster
      ? L.markerClusterGroup({
        chunkedLoading: true, showCoverageOnHover: false, animate: false,
        chunkProgress: function (done, total) { if (done === total) { self._loaded(); } }
      })
      : L.featureGroup();
    var points = [];
    var batch = [];
    clinics.forEach(function (clinic) {
      var exact = clinic.precision === "address";
      /* an unnamed provider reported in an area is no clinic to contact: small, grey, dotted */
      var marker = clinic.kind === "unnamed_provider"
        ? L.circleMarker([clinic.lat, clinic.lon], {
          radius: 6, weight: 2, color: "#5f6368", fillColor: "#dadce0", fillOpacity: 0.9,
          dashArray: "1 3"
        })
        : L.circleMarker([clinic.lat, clinic.lon], {
          radius: 8, weight: 2, color: "#0b4f9c",
          fillColor: exact ? "#1f6feb" : "#ffffff", fillOpacity: exact ? 0.9 : 0.8,
          dashArray: exact ? null : "3 2"
        });
      marker.bindPopup(function () { return popupHtml(clinic, self.texts); },
        { maxWidth: 320, autoPan: false });
      marker.bindTooltip(esc(clinic.name));
      marker.on("click", function () { self._reveal(marker); self._notify(clinic.id); });
      self.markers[clinic.id] = marker;
      batch.push(marker);
      points.push({ id: clinic.id, at: L.latLng(clinic.lat, clinic.lon), km: clinic.km });
    });
    this._clustered = Boolean(payload.cluster);
    this._afterLoading = null;
    this._loading = this._clustered && batch.length > 0;
    if (payload.cluster) { this.clinicLayer.addLayers(batch); }
    else { batch.forEach(function (m) { self.clinicLayer.addLayer(m); }); }
    this.clinicLayer.addTo(map);
    var origin = payload.origin;
    var plan = { required: points, optional: [] };
    if (origin) {
      this._origin = L.latLng(origin.lat, origin.lon);
      this._originMarker = L.circleMarker(this._origin, {
        radius: 7, weight: 3, color: "#ffffff", fillColor: "#c62828", fillOpacity: 1,
        pane: "locatorOrigin", renderer: this._originRenderer
      }).bindTooltip(esc(origin.label), {
        /* named at town zooms, where the base map's own name for it would sit under this
           marker; at state and national zooms the state names say where it is */
        permanent: true, direction: "right", offset: [8, 0], className: "locator-origin-label"
      }).addTo(this.originLayer);
      this._nameOrigin();
      var byDistance = points.slice().sort(function (a, b) {
        return (a.km == null ? Infinity : a.km) - (b.km == null ? Infinity : b.km);
      });
      plan = { required: [{ id: null, at: this._origin }].concat(byDistance.slice(0, 1)),
        optional: [] };
      if (payload.radius_m) {
        var circle = L.circle(this._origin, {
          radius: payload.radius_m, color: "#c62828", weight: 1, fill: false, dashArray: "6 4"
        }).addTo(this.originLayer);
        var b = circle.getBounds();
        plan.optional.push({ id: null, at: b.getSouthWest() }, { id: null, at: b.getNorthEast() });
      }
      plan.optional = plan.optional.concat(byDistance.slice(1));
    }
    this._plan = plan;
    if (payload.keep_view) {
      /* the same search on reloaded data: the user's pan and zoom stay */
      this._auto = null;
    } else {
      this._auto = "fit";
      this._fit();
    }
    this.baseMap.relabel(); /* the names make room for the new markers */
    return this.markerCount();
  };

  LocatorMap.prototype._loaded = function () {
    this._loading = false;
    this.baseMap.relabel();
    var after = this._afterLoading;
    this._afterLoading = null;
    if (after) { after(); }
  };

  LocatorMap.prototype._notify = function (id) {
    if (typeof this.onSelect === "function") { this.onSelect(id); }
    document.dispatchEvent(new CustomEvent("locator-select", { detail: id }));
  };

  function inside(point, rect) {
    return point.x >= rect.left && point.x <= rect.right &&
      point.y >= rect.top && point.y <= rect.bottom;
  }

  function overlap(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /* True when a point is on the map, clear of the edges and of every control. */
  LocatorMap.prototype._clear = function (latlng, rects) {
    var size = this.map.getSize(), at = this.map.latLngToContainerPoint(latlng);
    var room = MARKER_ROOM / 2;
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

  /* What is wrong with the view of a selected clinic: "" (nothing), "view" or "covered". */
  LocatorMap.prototype._revealFault = function (marker) {
    var rects = this.controlRects(), size = this.map.getSize();
    if (!this._clear(marker.getLatLng(), rects) ||
      (this._origin && !this._clear(this._origin, rects))) { return "view"; }
    var popup = this._popupRect(marker.getPopup());
    if (!popup) { return ""; }
    if (popup.left < 0 || popup.top < 0 || popup.right > size.x || popup.bottom > size.y) {
      return "view";
    }
    if (this._origin) { /* under the popup, its tip or the clinic's own marker */
      var at = this.map.latLngToContainerPoint(this._origin), room = MARKER_ROOM / 2;
      var clinic = this.map.latLngToContainerPoint(marker.getLatLng());
      if (inside(at, { left: popup.left - room, top: popup.top - room,
        right: popup.right + room, bottom: clinic.y + MARKER_ROOM })) { return "covered"; }
    }
    return "";
  };

  /* Show a clinic's open popup with the clinic and the searched place in view (see the top). */
  LocatorMap.prototype._reveal = function (marker) {
    var map = this.map, popup = marker.getPopup();
    this._auto = { marker: marker };
    if (!popup || !map.hasLayer(marker) || !map.getSize().x || !this._revealFault(marker)) {
      return;
    }
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
   * The view that shows the clinic's popup whole, with the clinic (and ``withOrigin``, the
   * searched place) clear of the controls: at the current zoom the least pan, at another zoom
   * the middle of the room there. Of the zooms at which that
   * is possible: the highest up to the current one at which the popup leaves the searched place
   * uncovered; else the least zoom in at which it does; else the highest up to the current one
   * (the searched place is drawn above the popup). With clustering, never a zoom out, which
   * would hide the clinic in a cluster again.
   */
  LocatorMap.prototype._revealView = function (marker, withOrigin) {
    var map = this.map, size = map.getSize(), current = map.getZoom();
    var at = map.latLngToContainerPoint(marker.getLatLng());
    var shown = this._popupRect(marker.getPopup());
    var popup = shown ? { up: at.y - shown.top, left: at.x - shown.left,
      right: shown.right - at.x } : { up: 0, left: 0, right: 0 };
    var origin = withOrigin ? this._origin : null, pads = this._padChoices(), edge = 2;
    var low = this._clustered ? current : map.getMinZoom();
    var views = [];
    for (var zoom = Math.max(current, MAX_FIT_ZOOM); zoom >= low; zoom--) {
      var m = map.project(marker.getLatLng(), zoom), o = origin && map.project(origin, zoom);
      var want = map.project(map.getCenter(), zoom).subtract(size.divideBy(2));
      var best = null;
      pads.forEach(function (pad) {
        /* where the view's top left corner may be, across and down */
        var x = [m.x + popup.right - size.x + edge, m.x - popup.left - edge];
        var y = [-Infinity, m.y - popup.up - edge];
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
      if (!best) { continue; }
      var room = MARKER_ROOM / 2;
      /* the popup, its tip and the clinic's own marker */
      var covered = Boolean(o) && o.x > m.x - popup.left - room && o.x < m.x + popup.right + room &&
        o.y > m.y - popup.up - room && o.y < m.y + MARKER_ROOM;
      views.push({ zoom: zoom, covered: covered,
        center: map.unproject(best.corner.add(size.divideBy(2)), zoom) });
    }
    var pick = function (test) {
      var found = views.filter(test);
      return found.length ? found : null;
    };
    var below = pick(function (v) { return v.zoom <= current && !v.covered; });
    if (below) { return below[0]; }
    var above = pick(function (v) { return v.zoom > current && !v.covered; });
    if (above) { return above[above.length - 1]; }
    var any = pick(function (v) { return v.zoom <= current; }) || views.slice().reverse();
    return any.length ? any[0] : null;
  };

  LocatorMap.prototype.select = function (id) {
    var marker = this.markers[id];
    if (!marker) { return false; }
    var self = this, size = this.map.getSize();
    if (this._loading && !marker.__parent) { /* still being clustered: select once it is */
      this._afterLoading = function () { self.select(id); };
      return true;
    }
    var popup = marker.getPopup();
    popup.options.maxWidth = Math.max(160, Math.min(320, size.x - 60));
    /* whole, unless the map is too short for it: then it scrolls */
    popup.options.maxHeight = Math.max(60, size.y - POPUP_ROOM);
    if (this._clustered && !this.map.hasLayer(marker)) { this._uncluster(marker); }
    if (!popup.isOpen()) { marker.openPopup(); }
    this._reveal(marker);
    return true;
  };

  /* Zoom in on a clinic hidden in a cluster until it shows; spread a cluster it never leaves
     (clinics at the very same place). The cluster's own zoomToShowLayer waits for marker icons,
     which circle markers do not have. */
  LocatorMap.prototype._uncluster = function (marker) {
    var map = this.map, at = marker.getLatLng();
    this._moving++;
    try {
      for (var zoom = map.getZoom() + 1; zoom <= map.getMaxZoom() && !map.hasLayer(marker);
        zoom++) {
        map.setView(at, zoom, { animate: false });
      }
      if (!map.hasLayer(marker) && marker.__parent) { marker.__parent.spiderfy(); }
    } finally {
      this._moving--;
    }
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
    return layer.getLayers().length;
  };

  window.LocatorMap = LocatorMap;
})();
