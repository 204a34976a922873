"""Text contrast of at least 4.5:1 (WCAG 2.1 AA, 1.4.3): in the window, on the light palette
and on a dark one, and on the map page (legend, popups, notes, the base map's names)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from locator.data.loader import load_registry
from locator.mapping.page import build_map_page
from locator.mapping.payload import map_payload, result_payload
from locator.search import ClinicIndex
from locator.ui.contrast import MIN_TEXT_CONTRAST, contrast_ratio, readable_palette
from tests.helpers.map_support import NO_TILES, SANDY, evaluate_json, load, map_view, open_popup
from tests.helpers.paths import REPO, TEST_REGISTRY

needs_display = pytest.mark.skipif(
    not os.environ.get("DISPLAY"), reason="a desktop palette needs an X11 display (make test)"
)


def palette_report(scheme: str) -> dict[str, Any]:
    """tests/helpers/palette_report.py's measures of the app's palette in ``scheme``, as the
    app starts (Qt's GTK platform theme: the one that follows the desktop's dark mode on Linux)."""
    environment = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_QPA_PLATFORMTHEME="gtk3")
    finished = subprocess.run(
        [sys.executable, str(REPO / "tests" / "helpers" / "palette_report.py"), scheme],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    report: dict[str, Any] = json.loads(finished.stdout)
    return report


@needs_display
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_windows_text_is_readable_in_light_and_dark(scheme: str) -> None:
    report = palette_report(scheme)
    dark = report["window_lightness"] < 128
    assert dark == (scheme == "dark"), f"the {scheme} run did not get a {scheme} palette"
    poor = {what: round(ratio, 2) for what, ratio in report["contrast"].items() if ratio < 4.5}
    assert not poor, f"below {MIN_TEXT_CONTRAST}:1 on the {scheme} palette: {poor}"


def test_a_palette_that_falls_short_is_corrected_only_where_it_does() -> None:
    """Qt's Fusion palette: white on its selection blue (3.7:1) and half-transparent black
    placeholder text (4.0:1) fall short; black on white stays as it is."""
    palette = QPalette(QColor("#efefef"))  # a light palette made from its button colour
    role = QPalette.ColorRole
    palette.setColor(role.Highlight, QColor("#308cc6"))
    palette.setColor(role.HighlightedText, QColor("white"))
    palette.setColor(role.Base, QColor("white"))
    palette.setColor(role.Text, QColor("black"))
    palette.setColor(role.PlaceholderText, QColor(0, 0, 0, 128))
    assert contrast_ratio(palette.color(role.HighlightedText), palette.color(role.Highlight)) < 4
    fixed = readable_palette(palette)
    for text, background in [
        (role.HighlightedText, role.Highlight),
        (role.PlaceholderText, role.Base),
    ]:
        assert contrast_ratio(fixed.color(text), fixed.color(background)) >= MIN_TEXT_CONTRAST
    assert fixed.color(role.HighlightedText) == QColor("white")  # the text keeps its colour
    assert fixed.color(role.Text) == QColor("black")


# The map page ------------------------------------------------------------------------------

# Every element with text of its own in the map's controls, popups and base map: its colour, and
# what it is read against (the first opaque background behind it; for the base map's names, the
# halo drawn around their letters). A translucent background is taken over black, the worst case.
MEASURE = """
(function () {
  var out = [];
  var selectors = ".locator-legend *, .locator-popup, .locator-popup *, .locator-note, " +
    ".leaflet-control-attribution, .leaflet-control-attribution *, .leaflet-control-scale-line, " +
    ".leaflet-control-zoom a, .leaflet-popup-close-button, .locator-base-label";
  document.querySelectorAll(selectors).forEach(function (el) {
    var own = Array.prototype.some.call(el.childNodes, function (n) {
      return n.nodeType === 3 && n.textContent.trim();
    });
    var style = getComputedStyle(el);
    if (!own || style.visibility === "hidden" || style.display === "none") { return; }
    var behind = [];
    var halo = el.classList.contains("locator-base-label") && style.textShadow;
    if (halo) {
      behind.push(halo.match(/rgba?\\([^)]*\\)/)[0]);
    } else {
      for (var node = el; node && node.nodeType === 1; node = node.parentElement) {
        var bg = getComputedStyle(node).backgroundColor;
        if (bg && bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") {
          behind.push(bg);
          if (!/rgba/.test(bg)) { break; }
        }
      }
    }
    var areas = ["locator-popup", "locator-legend", "locator-note", "locator-base-label",
      "leaflet-control-attribution", "leaflet-control-scale", "leaflet-control-zoom",
      "leaflet-popup-close-button"];
    var area = areas.filter(function (a) { return el.closest("." + a); })[0];
    out.push({what: area, text: el.textContent.trim().slice(0, 40), color: style.color,
              behind: behind});
  });
  return out;
})()
"""


def css_colour(text: str) -> QColor:
    """A computed CSS colour: rgb(r, g, b) or rgba(r, g, b, a)."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    colour = QColor(int(numbers[0]), int(numbers[1]), int(numbers[2]))
    if len(numbers) == 4:
        colour.setAlphaF(numbers[3])
    return colour


def backdrop(layers: list[str]) -> QColor:
    """The colour of translucent layers (nearest first) over the first opaque one, or black."""
    colour = QColor("black")
    for layer in reversed(layers):
        top = css_colour(layer)
        alpha = top.alphaF()
        colour = QColor.fromRgbF(
            top.redF() * alpha + colour.redF() * (1 - alpha),
            top.greenF() * alpha + colour.greenF() * (1 - alpha),
            top.blueF() * alpha + colour.blueF() * (1 - alpha),
        )
    return colour


def test_the_maps_words_are_readable(qtbot: QtBot) -> None:
    registry = load_registry(TEST_REGISTRY, use_cache=False)
    result = ClinicIndex.of(registry).nearest(SANDY, limit=10)
    clinic_id = result.matches[0].clinic.id
    with map_view(qtbot, 1000, 700) as view:
        load(qtbot, view, build_map_page(map_payload([]), inline=False, tiles_url=NO_TILES))
        view.set_results(result_payload(result))
        open_popup(qtbot, view, clinic_id)
        view.evaluate("locatorMap.showTileNote(); true")
        measured = evaluate_json(view, MEASURE)
        view.evaluate("locatorMap.map.closePopup(); locatorMap.map.setZoom(4); true")
        states = "document.querySelectorAll('.locator-base-label.state').length"
        qtbot.waitUntil(lambda: view.evaluate(states) > 0, timeout=10_000)  # the nation's names
        measured += evaluate_json(view, MEASURE)
    kinds = " ".join(str(m["what"]) for m in measured)
    for part in ("locator-popup", "locator-legend", "locator-note", "locator-base-label"):
        assert part in kinds, f"nothing measured in {part}: {kinds}"
    poor = []
    for item in measured:
        ratio = contrast_ratio(css_colour(item["color"]), backdrop(item["behind"]))
        if ratio < MIN_TEXT_CONTRAST:
            poor.append(
                f"{item['what']} {item['text']!r}: {ratio:.2f} ({item['color']} on "
                f"{item['behind']})"
            )
    assert not poor, "map text below 4.5:1:\n" + "\n".join(poor)
