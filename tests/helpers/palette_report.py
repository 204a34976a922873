"""Print, as JSON, the contrast of each text colour the app draws on the palette it starts
with, in the colour scheme named on the command line ("light" or "dark").

Run in a process of its own (tests/unit/test_contrast.py does): the desktop's palette comes from
Qt's platform theme, chosen when the application starts. The "dark" run switches the scheme
after start-up, as a desktop does when its user turns dark mode on, so the app's reaction to
the switch is measured too.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette

from locator.ui.app import prepare_qt
from locator.ui.compare_dialog import DIFFERS
from locator.ui.contrast import GROUPS, SELECTION, TEXT_ON, contrast_ratio, error_colour


def main() -> None:
    scheme = sys.argv[1]
    app = prepare_qt()
    if scheme == "dark":
        app.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        for _ in range(5):  # the switch, then the app's reaction to it (a queued call)
            QCoreApplication.processEvents()
    palette = app.palette()
    role = QPalette.ColorRole
    pairs = {}
    for group in GROUPS:
        for text, background in (*TEXT_ON, SELECTION):
            name = f"{group.name} {text.name} on {background.name}"
            pairs[name] = contrast_ratio(
                palette.color(group, text), palette.color(group, background)
            )
    window = palette.color(role.Window)
    pairs["error text on Window"] = contrast_ratio(QColor(error_colour(palette)), window)
    pairs["black on the comparison's differing cells"] = contrast_ratio(QColor("black"), DIFFERS)
    sys.stdout.write(json.dumps({"window_lightness": window.lightness(), "contrast": pairs}))


if __name__ == "__main__":
    main()
