"""A registry written by an attacker, and what the window shows of it: every text as written
(never bold, never an image, never an entity read), text that would turn itself around shown
in the order it is stored, and a website that names the host it opens.

Every text field of two clinics holds markup; the person searches, reads the results and the
details, compares, shortlists and opens the editor, and each tooltip, label, header, item and
dialog on the way is looked at."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTextEdit,
    QToolTip,
    QWidget,
)

from locator.data.vocabulary import Precision
from locator.geo.online import GeocodeCache
from locator.geo.place import Place
from locator.settings import OnlineProvider, Settings
from locator.shortlists import shortlists_path
from tests.helpers.browser import Browser
from tests.helpers.editor import choose_clinic, open_editor
from tests.helpers.registry_texts import VALID
from tests.helpers.user import MakeWindow, label_shows, plain

FOUND = "Clinics found, nearest first"
COMPARISON = "Comparison of the chosen clinics"
# What markup would do if read: bold, a screen-wide image from this computer, an entity.
HOSTILE = "<b>X</b> <img src=/etc/x.png width=30000> &lt;Z&gt;"
MARKUP = ("<b>X", "<img src=", "&lt;Z&gt;")  # present only where markup is read
TURNED = "Trusted Clinic \u202emoc.live\u202c"


def hostile_registry(path: Path) -> None:
    """Two clinics near Sandy, UT whose every text field holds markup."""
    h = f"'{HOSTILE}'"
    clinic = """\
  - id: {id}
    name: {name}
    organization: {org}
    affiliations: [{h}]
    address: {{street: {h}, city: Sandy, state: UT}}
    location: {{latitude: 40.59, longitude: -111.88, precision: address, source: {h}}}
    conditions: [depression]
    treatments: [iv_ketamine_infusion]
    typical_course: {h}
    providers: [{{name: {h}, title: {h}, credentials: {h}}}]
    driver_note: {h}
    phone: {h}
    website: https://example.org/<b>x</b>
    notes: {h}
    sources:
      - document: {h}
        quote: {h}
        covers: [name, organization, affiliations, address, conditions, treatments,
                 typical_course, providers, driver_note, phone, website]
    last_verified: 2026-01-15
"""
    path.write_text(
        "schema_version: 1\n"
        f"maintainer: {{name: {h}, url: 'https://example.org/fix'}}\n"
        "clinics:\n"
        + clinic.format(id="first", name=f"'{HOSTILE} one'", org=f"'{HOSTILE} 1'", h=h)
        + clinic.format(id="second", name=f'"{TURNED}"', org=f"'{HOSTILE} 2'", h=h),
        encoding="utf-8",
    )


def _read_as_markup(text: str) -> bool:
    """True when Qt would read ``text`` as markup and the registry's markup is in it unescaped."""
    return QtGuiQt.mightBeRichText(text) and any(m in text for m in MARKUP)


def _model_faults(view: QAbstractItemView) -> list[str]:
    """Each tooltip of a view's items and headers that shows the registry's markup as markup."""
    model: QAbstractItemModel | None = view.model()
    if model is None:
        return []
    tip = Qt.ItemDataRole.ToolTipRole
    root, found = QModelIndex(), []
    rows = model.rowCount(root)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for row in range(rows):
        found += [
            f"{view.accessibleName()} [{row},{column}] tooltip"
            for column in range(columns)
            if _read_as_markup(str(model.data(model.index(row, column), tip) or ""))
        ]
    for orientation, count in ((Qt.Orientation.Horizontal, columns),
                               (Qt.Orientation.Vertical, rows)):  # fmt: skip
        found += [
            f"{view.accessibleName()} header {section} tooltip"
            for section in range(count)
            if _read_as_markup(str(model.headerData(section, orientation, tip) or ""))
        ]
    return found


def markup_shown(root: QWidget) -> list[str]:
    """Where ``root`` and what it holds show the registry's markup as markup: a tooltip, a
    label, an item or header, an action's tip, a rich text view with an image in it."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.accessibleName() or widget.objectName()!r}"
        if _read_as_markup(widget.toolTip()):
            found.append(f"{name} tooltip: {widget.toolTip()!r}")
        found += [
            f"{name} action {action.text()!r} tooltip"
            for action in widget.actions()
            if _read_as_markup(action.toolTip())
        ]
        if (
            isinstance(widget, QLabel)
            and widget.textFormat() != Qt.TextFormat.PlainText
            and _read_as_markup(widget.text())
        ):
            found.append(f"{name} text: {widget.text()!r}")
        if isinstance(widget, QTextEdit) and "<img" in widget.toHtml():
            found.append(f"{name} shows an image")
        if isinstance(widget, QAbstractItemView):
            found += _model_faults(widget)
    return found


def shown(label: QLabel) -> str:
    """What ``label`` shows: rich text rendered; one tied to a field (its buddy) shows "&&" as
    "&" and takes a lone "&" as its Alt letter (a screen reader reads it without)."""
    text = label.text()
    if label.textFormat() != Qt.TextFormat.PlainText and QtGuiQt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return re.sub("&(&?)", r"\1", text) if label.buddy() is not None else text


def test_every_text_of_a_hostile_registry_is_shown_as_written(
    make_window: MakeWindow,
    registry_copy: Path,
    browser: Browser,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hostile_registry(registry_copy)
    # the person's own folder has a name that looks like markup: it is shown as a path
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / HOSTILE.replace("/", "\u2215")))
    # the searched place is named by the online geocoder (its answer cached, so nothing is
    # asked): the Compare window's intro names it, as every other surface does
    private = OnlineProvider(options={"domain": "127.0.0.1:9", "scheme": "http"})
    Settings(online_lookups=True, map_tiles=False, online_provider=private).save()
    address = "350 E Main St, Sandy, UT"
    answer = Place(address, HOSTILE, 40.59, -111.88, Precision.ADDRESS, source=private.name)
    GeocodeCache().put(private.name, address, [answer])
    user = make_window()
    user.search(address)
    names = user.column(FOUND, "Clinic")
    assert f"{HOSTILE} one" in names
    assert "Trusted Clinic \ufffdmoc.live\ufffd" in names  # read in the order it is stored
    assert markup_shown(user.window) == []

    user.click_cell(FOUND, names.index(f"{HOSTILE} one"), 2)
    details = user.named("Clinic details", QTextEdit)
    user.wait(lambda: HOSTILE in details.toPlainText())
    assert details.toPlainText().count(HOSTILE) >= 8  # name, street, quote, notes, …
    assert markup_shown(user.window) == []
    assert _read_as_markup(quote_tip(details)) is False  # a fact's quote number, hovered
    assert HOSTILE in shown_tip(quote_tip(details))
    website = user.button("Open website")
    assert plain(website.text()) == "Open website (example.org)"
    user.click("Open website")
    user.wait(lambda: browser.opened == ["https://example.org/%3Cb%3Ex%3C/b%3E"])

    for row in range(2):
        user.tick_box(FOUND, row)
    user.click("Compare 2 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    table: QTableWidget = user.named(COMPARISON, QTableWidget)
    dialog = table.window()
    assert markup_shown(dialog) == []
    assert any(f"from {HOSTILE}" in shown(label) for label in dialog.findChildren(QLabel))
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert any(HOSTILE in header for header in headers), headers
    user.click_widget(table.viewport())  # a cell: its quotes shown below
    assert markup_shown(dialog) == []
    dialog.close()

    seen: list[list[str]] = []

    def name_it(dialog: QWidget) -> None:
        seen.append(markup_shown(dialog))
        seen.append([shown(label) for label in dialog.findChildren(QLabel)])
        user.press("Ctrl+A")
        user.type(HOSTILE)
        user.press("Return")

    with user.answering(name_it):
        user.menu("Shortlists", "Add ticked or selected clinics to a shortlist…")
    assert seen[0] == []
    assert any(HOSTILE in text for text in seen[1]), seen[1]
    user.wait(lambda: any(HOSTILE in shown(label) for label in user.visible_labels()))
    assert markup_shown(user.window) == []

    def look(dialog: QWidget) -> None:
        seen.append(markup_shown(dialog))
        user.press("Escape")

    with user.answering(look):
        user.menu("Shortlists", "Open a shortlist…")
    assert seen[2] == []

    menus = (
        ("Help", "About locator"),
        ("File", "Export comparison…"),
        ("File", "Referral summary (PDF)…"),
        ("Shortlists", "Rename a shortlist…"),
        ("Shortlists", "Delete a shortlist…"),
    )
    for menu in menus:  # each dialog looked at, then closed with Escape
        with user.answering(look):
            user.menu(*menu)
    assert seen[3:] == [[] for _menu in menus]

    def clear_shortlists(dialog: QWidget) -> None:
        seen.append(markup_shown(dialog))
        with user.answering(look):  # it asks first, naming the list: No
            user.click("Clear shortlists", within=dialog)
        user.press("Escape")

    with user.answering(clear_shortlists):
        user.menu("Tools", "Privacy and stored data…")
    assert seen[-2:] == [[], []]
    assert markup_shown(user.window) == []

    editor = open_editor(user)
    assert markup_shown(editor) == []
    listed = user.named("Clinics in the registry", QListWidget)
    titles = [listed.item(row).text() for row in range(listed.count())]
    assert "Trusted Clinic \ufffdmoc.live\ufffd\nsecond" in titles, titles
    site = user.named("Website", QLineEdit)
    user.click_widget(site)
    user.press("Ctrl+A")
    user.type(f"https://{HOSTILE}@evil.example/")
    user.wait(lambda: "evil.example" in " ".join(label_shows(e) for e in _errors(editor)))
    assert markup_shown(editor) == []
    assert not user.button("Save", within=editor).isEnabled()  # the host it would open, refused


def quote_tip(details: QTextEdit) -> str:
    """The tooltip the mouse brings up resting on the first quote number in ``details``."""
    viewport = details.viewport()
    spot = next(
        QPoint(x, y)
        for y in range(0, viewport.height(), 2)
        for x in range(0, viewport.width(), 2)
        if details.anchorAt(QPoint(x, y)) == "#source-1"
    )
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, spot, viewport.mapToGlobal(spot))
    )
    return QToolTip.text()


def shown_tip(tip: str) -> str:
    """What a tooltip shows: Qt renders one that looks like markup as rich text."""
    if not QtGuiQt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def _errors(editor: QWidget) -> list[QLabel]:
    """The editor's labels that say what is wrong with a value (shown, non-empty)."""
    return [
        label
        for label in editor.findChildren(QLabel)
        if label.isVisible() and label.text() and not label.accessibleName()
    ]


# text that would turn itself around, where the window quotes a file rather than a clinic ------

SHOWN_TURNED = "Trusted Clinic \ufffdmoc.live\ufffd"  # read in the order it is stored
TURNED_KEY = "evil \u202etxt.exe\u202c <b>K</b>"


def _turned_problems(path: Path) -> None:
    """A clinic named :data:`TURNED` with a latitude out of range and a key no one knows
    that would turn itself around too."""
    text = VALID.replace("name: First Clinic", 'name: "Trusted Clinic \\u202emoc.live\\u202c"')
    text = text.replace("latitude: 40.59161", "latitude: 95")
    text = text.replace(
        "    conditions: [depression, anxiety]\n",
        '    conditions: [depression, anxiety]\n    "evil \\u202etxt.exe\\u202c <b>K</b>": 1\n',
    )
    path.write_text(text, encoding="utf-8")


def test_the_registry_problems_banner_reads_each_name_as_stored(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    registry = tmp_path / "clinics.yaml"
    _turned_problems(registry)
    user = make_window(registry, wait_ready=False)
    user.wait(lambda: "The registry has problems" in user.texts())
    banner = unescape(user.texts())
    assert f"({SHOWN_TURNED})" in banner  # the clinic the problem is in
    assert "“evil \\u202etxt.exe\\u202c <b>K</b>”: unknown field" in banner  # each said
    assert not any(mark in banner for mark in "\u202e\u202c")


def test_the_editors_save_line_reads_the_clinic_as_stored(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    hostile_registry(registry_copy)  # the second clinic is named TURNED
    user = make_window()
    editor = open_editor(user)
    choose_clinic(user, 1)
    latitude = user.named("Latitude", QLineEdit)
    user.click_widget(latitude)
    user.press("Ctrl+A")
    user.type("95")
    user.wait(lambda: "Cannot save yet" in user.texts())
    status = user.texts().split("Cannot save yet", 1)[1]
    assert SHOWN_TURNED in status
    assert "\u202e" not in status
    assert "\u202e" not in user.button("Save", within=editor).toolTip()
    assert "\u202e" not in "".join(label.text() for label in _errors(editor))


def test_a_shortlist_name_reads_as_stored_wherever_it_is_shown(
    make_window: MakeWindow,
) -> None:
    name = f"Trusted list {TURNED_KEY}"
    shortlists_path().parent.mkdir(parents=True, exist_ok=True)
    shortlists_path().write_text(
        json.dumps({name: ["nervana-medical-south-jordan"]}), encoding="utf-8"
    )
    user = make_window()
    listed: list[str] = []

    def choose(dialog: QWidget) -> None:
        names = dialog.findChild(QListWidget)
        listed.extend(names.item(row).text() for row in range(names.count()))
        user.press("Return")  # open it

    with user.answering(choose):
        user.press("Ctrl+L")
    shown = "Trusted list evil \ufffdtxt.exe\ufffd <b>K</b>"
    assert listed == [shown]
    user.wait(lambda: shown in user.named("Search summary").text())
    assert "Showing the shortlist “Trusted list evil \ufffdtxt.exe\ufffd" in user.texts()
    assert "\u202e" not in user.texts()
    assert json.loads(shortlists_path().read_text(encoding="utf-8")) == {
        name: ["nervana-medical-south-jordan"]
    }  # kept as typed

    offered: list[str] = []

    def add_to_it(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox)
        offered.extend(combo.itemText(row) for row in range(combo.count()))
        user.press("Return")  # the list offered first: the one on screen

    user.search("Sandy, UT")
    user.click_cell(FOUND, 0)
    with user.answering(add_to_it):
        user.menu("Shortlists", "Add ticked or selected clinics to a shortlist…")
    assert offered == [shown]
    kept = json.loads(shortlists_path().read_text(encoding="utf-8"))
    assert list(kept) == [name]  # added to that list, never to a new one named as shown


def test_the_editors_quote_cell_is_drawn_as_stored_and_kept_as_written(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    registry = tmp_path / "clinics.yaml"
    written = VALID.replace(
        'quote: "It treats depression and anxiety."', 'quote: "Quote \\u202ekcilc"'
    )
    registry.write_text(written, encoding="utf-8")
    user = make_window(registry)
    editor = open_editor(user)
    cells = [
        (table, table.item(row, column))
        for table in editor.findChildren(QTableWidget)
        for row in range(table.rowCount())
        for column in range(table.columnCount())
        if table.item(row, column) is not None
    ]
    ((table, cell),) = [(t, c) for t, c in cells if "kcilc" in c.text()]
    drawn = table.itemDelegateForIndex(table.indexFromItem(cell)).displayText(
        cell.text(), QLocale()
    )
    assert drawn == "Quote \ufffdkcilc"  # what is painted: never "Quote click"
    assert "\u202e" not in shown_tip(cell.toolTip())
    assert cell.text() == "Quote \u202ekcilc"  # the value, edited and saved as written
