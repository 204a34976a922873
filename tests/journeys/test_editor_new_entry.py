"""A maintainer adds and duplicates clinics in the registry editor: the keys go to the new
entry, and what it still needs is said in the form's words until, and only until, it is
there."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from tests.helpers.editor import add_clinic, open_editor, tick
from tests.helpers.user import MakeWindow


def test_a_new_clinic_needs_a_source_only_until_it_has_one(make_window: MakeWindow) -> None:
    user = make_window()
    editor = open_editor(user)
    add_clinic(user, editor, "boise-ketamine-care", "Boise Ketamine Care")
    assert "Sources: needs at least one entry" in user.texts()
    said = []
    user.click("Add a source")  # an empty row: its empty cells are named, not "Sources"
    said.append(user.texts())
    for column, text in enumerate(("phone-call.txt", "Boise Ketamine Care, call us.")):
        user.click_widget(user.named("Sources"))
        user.click_cell("Sources", 0, column)
        user.press("F2")
        user.type(text)
        user.press("Return")
        user.wait(lambda c=column, t=text: user.table("Sources")[0][c] == t)
        said.append(user.texts())
    # what is missing is named as the form shows it, never by the file's keys
    assert "Sources, row 1: document: is empty; fill it in" in said[0]
    assert "Sources: " not in said[0]  # a row is there
    assert "Sources, row 1: exact quote: is empty; fill it in" in said[1]
    assert not any("missing required field" in text for text in said)
    assert "Sources: " not in said[2]  # the entry has a source: nothing says it has none
    assert "Sources, row 1: exact quote" not in said[2]
    tick(user, "What the selected quote supports", "Name")
    user.wait(lambda: user.button("Save", within=editor).isEnabled())
    user.click("Add a source")  # one too many: taken out again, not left to block Save
    user.wait(lambda: "Sources, row 2: document: is empty; fill it in" in user.texts())
    user.click("Remove the selected source")
    user.wait(lambda: len(user.table("Sources")) == 1)
    assert user.table("Sources")[0][0] == "phone-call.txt"
    user.wait(lambda: user.button("Save", within=editor).isEnabled())
    assert "Sources, row 2" not in user.texts()
    while user.button("Undo", within=editor).isEnabled():
        user.press("Ctrl+Z")
    user.click("Close", within=editor)


def test_after_duplicate_the_keys_go_into_the_copys_id(make_window: MakeWindow) -> None:
    user = make_window()
    editor = open_editor(user)
    first_id = user.named("Id", QLineEdit).text()
    user.click("Duplicate", within=editor)
    user.wait(lambda: user.named("Id", QLineEdit).text() == f"{first_id}-2")
    user.press("Ctrl+A")  # no Tab first: the Duplicate button keeps no focus
    user.type("nervana-medical-draper")
    assert user.named("Id", QLineEdit).text() == "nervana-medical-draper"
    user.click("Remove", within=editor)
    user.press("Ctrl+Z")
    user.press("Ctrl+Z")
    user.press("Ctrl+Z")
    user.wait(lambda: not user.button("Undo", within=editor).isEnabled())
    user.click("Close", within=editor)
