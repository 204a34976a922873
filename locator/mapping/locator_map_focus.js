/*
 * The map for the keyboard and for screen readers (see locator_map.js): a ring while it has
 * the focus, "+" zooming one level as "-" does, Leaflet's own words (the zoom buttons,
 * a popup's close button, the Leaflet link) in the user's language, and the credits' whole
 * text as their tooltip.
 */
(function (LocatorMap, Text) {
  "use strict";

  /* For screen readers the map is one named control (arrow keys pan, + and - zoom) with its
     legend, popups and zoom buttons; what it draws (markers on a canvas, the base map and its
     names, the searched place) is hidden: the results table beside it lists the same clinics,
     row by row, and selecting a row highlights the clinic here. */
  LocatorMap.prototype._forAssistiveTech = function () {
    var map = this.map, container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", this.texts.map_label || "");
    ["tilePane", "overlayPane", "shadowPane", "markerPane", "locatorBase", "locatorBaseLabels",
      "locatorSelected", "locatorOrigin", "locatorOriginLabel"].forEach(function (name) {
      var pane = map.getPane(name);
      if (pane) { pane.setAttribute("aria-hidden", "true"); }
    });
  };

  /* "+" is Shift+= on most keyboards, and Leaflet zooms three levels with Shift: one level,
     as "-" does (caught before Leaflet's own handler on the same element) */
  LocatorMap.prototype._zoomOneLevelOnPlus = function () {
    var map = this.map;
    map.getContainer().addEventListener("keydown", function (event) {
      if (event.key === "+" && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
        map.zoomIn(1);
      }
    }, true);
  };

  /* Leaflet's own words in the user's language: the zoom buttons' names, and the Leaflet
     link's title (its description for screen readers). */
  LocatorMap.prototype._nameLeafletControls = function () {
    var t = this.texts, esc = Text.esc;
    var container = this.map.getContainer();
    [[".leaflet-control-zoom-in", t.zoom_in], [".leaflet-control-zoom-out", t.zoom_out]]
      .forEach(function (pair) {
        var button = container.querySelector(pair[0]);
        if (button && pair[1]) {
          button.title = pair[1];
          button.setAttribute("aria-label", pair[1]);
        }
      });
    var credit = this.map.attributionControl;
    if (credit && typeof credit.options.prefix === "string" && t.leaflet_title) {
      credit.setPrefix(credit.options.prefix.replace(
        /title="[^"]*"/, 'title="' + esc(t.leaflet_title) + '"'));
    }
  };

  /* The credits' whole text as the tooltip of their one line (locator_map.css cuts it short on
     a narrow map), kept up to date as layers bring their own. */
  LocatorMap.prototype._titleCredits = function () {
    var credit = this.map.attributionControl, node = credit && credit.getContainer();
    if (!node) { return; }
    var title = function () { node.title = node.textContent.replace(/\s+/g, " ").trim(); };
    new MutationObserver(title).observe(node, { childList: true, subtree: true,
      characterData: true });
    title();
  };

  /* A popup's close button, named in the user's language (Leaflet's own name is English). */
  LocatorMap.prototype._nameClose = function (popup) {
    var element = popup.getElement();
    var close = element && element.querySelector(".leaflet-popup-close-button");
    if (close && this.texts.close_popup) {
      close.setAttribute("aria-label", this.texts.close_popup);
    }
  };

  /* A ring around the map while it has the keyboard focus (arrow keys pan, +/- zoom). */
  LocatorMap.prototype.showFocus = function (on) {
    this.map.getContainer().classList.toggle("locator-focused", Boolean(on));
    return true;
  };
})(window.LocatorMap, window.LocatorMapText);
