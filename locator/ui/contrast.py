"""Text people can read: at least 4.5:1 against its background (WCAG 2.1 AA, 1.4.3), whatever
palette the desktop gives — light or dark.

Qt's own Fusion palette falls short in places (white on its selection blue is 3.7:1, the
placeholder text is half-transparent black, 4.0:1); this module measures each pair of roles the
app draws text with and moves the colour that falls short just far enough, keeping its hue.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette

MIN_TEXT_CONTRAST = 4.5

_Role = QPalette.ColorRole
# (text, background) pairs the app draws; the first colour of each is the one adjusted, except
# for a selection, where the background moves so that selected rows keep their text colour.
TEXT_ON = (
    (_Role.WindowText, _Role.Window),
    (_Role.Text, _Role.Base),
    (_Role.Text, _Role.AlternateBase),  # alternate rows; the message bar's background
    (_Role.WindowText, _Role.AlternateBase),
    (_Role.ButtonText, _Role.Button),
    (_Role.PlaceholderText, _Role.Base),
    (_Role.Link, _Role.Window),
    (_Role.Link, _Role.Base),
    (_Role.Link, _Role.AlternateBase),
    (_Role.LinkVisited, _Role.Base),
    (_Role.ToolTipText, _Role.ToolTipBase),
)
SELECTION = (_Role.HighlightedText, _Role.Highlight)
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def _luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def flattened(colour: QColor, background: QColor) -> QColor:
    """``colour`` as seen over ``background`` (a half-transparent placeholder is grey)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG's contrast ratio, 1 to 21, of ``foreground`` (alpha included) on ``background``."""
    lighter, darker = sorted(
        (_luminance(flattened(foreground, background)), _luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def readable_against(colour: QColor, background: QColor) -> QColor:
    """``colour``, opaque, moved towards black or white (whichever the background is further
    from) in small steps until it reaches 4.5:1 on ``background``; unchanged if it does."""
    colour = flattened(colour, background)
    target = QColor("black") if _luminance(background) > 0.18 else QColor("white")
    step = 0
    while contrast_ratio(colour, background) < MIN_TEXT_CONTRAST and step < 20:
        step += 1
        share = step / 20
        colour = QColor.fromRgbF(
            colour.redF() * (1 - share) + target.redF() * share,
            colour.greenF() * (1 - share) + target.greenF() * share,
            colour.blueF() * (1 - share) + target.blueF() * share,
        )
    return colour


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with every text pair the app draws at 4.5:1 or more (active and inactive
    windows; disabled controls are exempt in WCAG and left as the style draws them)."""
    fixed = QPalette(palette)
    for group in GROUPS:
        for text, background in TEXT_ON:
            back = fixed.color(group, background)
            fixed.setColor(group, text, readable_against(fixed.color(group, text), back))
        text_colour = fixed.color(group, SELECTION[0])
        fixed.setColor(
            group, SELECTION[1], readable_against(fixed.color(group, SELECTION[1]), text_colour)
        )
    return fixed


ERROR_RED = "#b00020"  # an error's red on a light palette; error_colour adapts it


def error_colour(palette: QPalette, background: _Role = _Role.Window) -> str:
    """The red of an error message, readable on this palette's ``background`` (lighter when
    the palette is dark)."""
    return readable_against(QColor(ERROR_RED), palette.color(background)).name()


def keep_readable(app: QGuiApplication) -> None:
    """Make the app's palette readable now and again whenever the desktop's colour scheme
    changes (light to dark), starting each time from the desktop's own palette."""

    def apply() -> None:
        app.setPalette(QPalette())  # an empty palette: the desktop's own again
        app.setPalette(readable_palette(app.palette()))

    apply()
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: QTimer.singleShot(0, apply))
