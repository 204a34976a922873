"""A maintainer edits, in the app, what each quote of the registry locator ships says value by
value: a quote supports the values it says and no other, a value no quote says is named at its
row, and what the editor saves `locator validate` passes. In Spanish, Locate writes the
registry's note of where the coordinates came from in English, and shows it in Spanish."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget

from locator.i18n import _
from tests.helpers.cli import CliRunner
from tests.helpers.editor import CLINICS, choose_clinic, open_editor, tick
from tests.helpers.language import search, wait_ready
from tests.helpers.paths import REPO
from tests.helpers.user import MakeWindow, User, plain

SUPPORTS = "What the selected quote supports"
CONSULTATION = 4  # NorTex's "Schedule your consultation today …", the fifth quote
SAYS_DEPRESSION = (
    "Ketamine therapy has become an innovative approach to treating mental health disorders "
    "such as depression, anxiety, and PTSD."
)


def ticked(user: User) -> list[str]:
    """What the Supports list shows ticked for the selected quote."""
    view = user.named(SUPPORTS, QListWidget)
    items = [view.item(i) for i in range(view.count())]
    return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]


def shipped_copy(tmp_path: Path) -> Path:
    """A maintainer's copy of the registry locator ships (its documents are found beside the
    shipped one)."""
    path = tmp_path / "mine" / "clinics.yaml"
    path.parent.mkdir()
    shutil.copyfile(REPO / "clinics.yaml", path)
    return path


def choose(user: User, clinic_id: str) -> None:
    clinics = user.named(CLINICS, QListWidget)
    rows = [i for i in range(clinics.count()) if clinics.item(i).text().endswith(clinic_id)]
    choose_clinic(user, rows[0])


def type_cell(user: User, row: int, column: int, text: str) -> None:
    """Type into a cell of the Sources table as the keyboard does: F2, type, Return."""
    user.click_widget(user.named("Sources"))
    user.click_cell("Sources", row, column)
    user.press("F2")
    user.type(text)
    user.press("Return")
    user.wait(lambda: user.table("Sources")[row][column] == text)


def test_each_quote_supports_the_values_it_says_and_a_new_value_needs_its_own(
    make_window: MakeWindow, tmp_path: Path, run_cli: CliRunner
) -> None:
    registry = shipped_copy(tmp_path)
    before = registry.read_text("utf-8")
    user = make_window(registry)
    editor = open_editor(user)
    choose(user, "nortex-psychiatry-allen")
    # its office is not listed: the form shows the place it serves that it stands at
    served = user.named("Stands at a place it serves ('City, ST'; office not listed)", QLineEdit)
    assert served.text() == "Allen, TX"
    assert "served_place" not in user.texts()  # not "kept as written": the form edits it
    user.click_link("Go to:", "Sources")
    user.click_cell("Sources", CONSULTATION, 0)
    assert user.table("Sources")[CONSULTATION][2] == "Offers (Consultation)"
    user.wait(lambda: ticked(user) == ["Offers: Consultation"])
    view = user.named(SUPPORTS, QListWidget)
    offered = [view.item(i).text() for i in range(view.count())]
    for each in ("Name", "Serves", "Serves: Allen, TX", "Offers", "Providers: Brittany Huckaby"):
        assert each in offered  # each fact, and each value of a list
    # a new value of Treats: no quote says it yet, and the form says so on that value
    tick(user, "Treats", "Depression", within=editor)
    said = (
        "Treats, item 1: no quote says “Depression”: under Sources, select the quote that says "
        "it and tick 'Treats: Depression', or remove it"
    )
    user.wait(lambda: said in user.texts())
    assert not user.button("Save", within=editor).isEnabled()
    # the consultation quote does not say it: ticked there, it is refused in words
    user.click_cell("Sources", CONSULTATION, 0)
    tick(user, SUPPORTS, "Treats: Depression")
    refused = (
        "Sources, row 5: supports: the quote does not name depression / depressive, so it does "
        "not support 'Treats: Depression'"
    )
    user.wait(lambda: refused in user.texts())
    assert not user.button("Save", within=editor).isEnabled()
    tick(user, SUPPORTS, "Treats: Depression")  # untick: the quote says the consultation only
    user.wait(lambda: ticked(user) == ["Offers: Consultation"])
    # a quote that says it, cited for that value alone
    user.click("Add a source", within=editor)
    row = CONSULTATION + 1
    type_cell(user, row, 0, "002_3c1ef8357489690f.txt")
    type_cell(user, row, 1, SAYS_DEPRESSION)
    tick(user, SUPPORTS, "Treats: Depression")
    user.wait(lambda: user.table("Sources")[row][2] == "Treats (Depression)")
    user.wait(lambda: said not in user.texts() and refused not in user.texts())
    user.click("Save", within=editor)
    user.wait(lambda: f"Saved {registry}" in user.texts())
    result = run_cli("validate", str(registry))
    assert result.returncode == 0, result.stderr
    changed = [
        line
        for line in difflib.unified_diff(
            before.splitlines(), registry.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [  # the new value and its quote; every other byte as it was
        "+    conditions: [depression]",
        "+      - document: 002_3c1ef8357489690f.txt",
        f'+        quote: "{SAYS_DEPRESSION}"',
        "+        covers:",
        "+          - conditions: [depression]",
    ], changed
    user.click("Close", within=editor)


def test_a_whole_list_ticked_where_each_value_is_cited_is_refused(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    user = make_window(shipped_copy(tmp_path))
    editor = open_editor(user)
    choose(user, "nortex-psychiatry-allen")
    user.click_link("Go to:", "Sources")
    user.click_cell("Sources", CONSULTATION, 0)
    user.wait(lambda: ticked(user) == ["Offers: Consultation"])
    tick(user, SUPPORTS, "Offers")
    refused = (
        "Sources, row 5: supports: this entry cites each value: untick 'Offers' and tick the "
        "values this quote says ('Offers: Consultation')"
    )
    user.wait(lambda: refused in user.texts())
    assert not user.button("Save", within=editor).isEnabled()
    user.press("Ctrl+Z")
    user.wait(lambda: refused not in user.texts())
    assert not user.button("Save", within=editor).isEnabled()  # nothing left to save
    user.click("Close", within=editor)


def test_locate_in_spanish_writes_where_the_coordinates_came_from_in_english(
    make_window: MakeWindow, speak: Callable[[str], None], registry_copy: Path
) -> None:
    speak("es_US")
    user = make_window(wait_ready=False)
    wait_ready(user)
    user.press("Ctrl+Shift+E")
    title = _("Edit registry — {path}").format(path=registry_copy)
    user.wait(lambda: any(w.windowTitle() == title for w in user.top_levels()))
    editor = next(w for w in user.top_levels() if w.windowTitle() == title)
    user.click_cell(_(CLINICS), 1, 0)  # Nervana Medical in Sandy, UT: located in Sandy
    user.wait(lambda: user.named(_("Id"), QLineEdit).text() == "nervana-medical-sandy")
    postal = user.named(_("Address: postal code"), QLineEdit)
    user.click_widget(postal)
    user.type("84070")
    user.click(plain(_("&Locate from the address")), within=editor)
    written = user.named(_("Coordinates from"), QLineEdit)
    user.wait(lambda: written.text() != "" and not written.text().startswith("GeoNames"))
    assert written.text().startswith("offline gazetteer (US ZIP codes, GeoNames): ")
    user.click_widget(postal)  # the ZIP code would need a quote of its own: only located
    user.press("Ctrl+A")
    user.press("Delete")
    user.click(plain(_("&Save")), within=editor)
    user.wait(lambda: "offline gazetteer (US ZIP codes, GeoNames): " in registry_copy.read_text())
    user.click(plain(_("&Close")), within=editor)
    search(user, "Sandy, UT")
    details = user.named("Detalles de la clínica")
    shown = "nomenclátor sin conexión (códigos postales de EE. UU., GeoNames): "
    user.wait(lambda: shown in details.toPlainText())
    assert "offline gazetteer" not in details.toPlainText()
