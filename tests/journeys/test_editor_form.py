"""A maintainer works in the registry editor's form at a small screen: a typo in the file is
fixed in one click, a new clinic starts without red, the list is searched, the wheel scrolls
the form, the sections are one click away, and closing never drops the work by Enter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QWidget

from tests.helpers.editor import editor_window, new_clinic, open_editor
from tests.helpers.user import MakeWindow, User, plain, tooltip_shows, visible


def in_sight(user: User, widget: QWidget) -> bool:
    """The widget's top is inside the form's visible part (not scrolled away)."""
    area = user.named("Fields of the selected clinic")
    top = widget.mapTo(area, QPoint()).y()
    return visible(widget) and 0 <= top < area.height()


def red_lines(user: User, editor: QWidget) -> list[str]:
    """The problems shown under the form's fields."""
    form = user.named("Fields of the selected clinic")
    return [
        label.text()
        for label in form.findChildren(QLabel)
        if visible(label) and label.text() and "color" in label.styleSheet()
    ]


def test_a_misspelled_condition_is_fixed_in_one_click_and_saved(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    good = registry_copy.read_text(encoding="utf-8")
    broken = good.replace(
        "conditions: [depression, anxiety]", "conditions: [depresion, anxiety]", 1
    )
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    form_height = user.named("Fields of the selected clinic").height()
    user.click("Close", within=editor)
    registry_copy.write_text(broken, encoding="utf-8")  # a hand edit while locator runs
    user.wait(lambda: "The registry has problems" in user.texts())
    editor = open_editor(user)
    treats = user.named("Treats")
    assert treats.isEnabled()  # the rest of the list stays usable
    assert "unknown condition “depresion”; did you mean “Depression”?" in user.texts()
    in_editor = "\n".join(label.text() for label in editor.findChildren(QLabel) if visible(label))
    assert "treatment_resistant_depression" not in in_editor  # labels, never keys
    # the long reason Save is refused scrolls in its two lines: the form keeps its height
    assert user.named("Fields of the selected clinic").height() == form_height
    problem = next(
        label for label in editor.findChildren(QLabel) if label.text().startswith("Treats, item 1")
    )
    assert problem.height() >= problem.heightForWidth(problem.width())  # shown whole
    assert not user.button("Save", within=editor).isEnabled()
    user.click("Replace “depresion” with “Depression”", within=editor)  # or Alt+E
    user.wait(lambda: user.button("Save", within=editor).isEnabled())
    user.click("Save", within=editor)
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    assert registry_copy.read_text(encoding="utf-8") == good  # that word, and nothing else
    user.wait(lambda: "The registry has problems" not in user.texts())
    user.click("Close", within=editor)


def test_show_it_on_a_problem_brings_its_field_into_sight(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    good = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(
        good.replace("conditions: [depression, anxiety]", "conditions: [depresion, anxiety]", 1),
        encoding="utf-8",
    )
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    treats = user.named("Treats")
    problem = next(
        label for label in editor.findChildren(QLabel) if label.text().startswith("Treats, item 1")
    )
    assert not in_sight(user, treats)  # the form opens at its top, Treats far below
    user.click_link("Cannot save yet", "Show it")
    user.wait(lambda: in_sight(user, treats) and in_sight(user, problem))
    assert editor.focusWidget() is treats  # the keys go to the field at fault
    user.click("Close", within=editor)


def test_enter_in_the_close_question_saves_the_work(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    notes = user.named("Notes")
    user.click_widget(notes)
    user.press("Ctrl+End")
    user.type(" Called on Monday.")
    asked: list[str] = []

    def press_enter(dialog: QWidget) -> None:
        asked.append("\n".join(label.text() for label in dialog.findChildren(QLabel)))
        offered.extend(plain(b.text()) for b in dialog.findChildren(QAbstractButton))
        user.press("Return")

    def press_escape(dialog: QWidget) -> None:
        user.press("Escape")  # Cancel: back to the edits

    with user.answering(press_escape):
        user.press("Escape", editor)  # Escape in the editor asks too, never drops the work
    assert editor.isVisible()
    assert "Called on Monday." in notes.toPlainText()
    offered: list[str] = []
    with user.answering(press_enter):
        user.click("Close", within=editor)
    user.wait(lambda: not editor.isVisible())
    assert "Save them before closing?" in asked[0]
    assert {"Save", "Discard", "Cancel"} <= set(offered)
    assert "Called on Monday." in registry_copy.read_text(encoding="utf-8")


def test_a_new_clinic_starts_without_red_and_the_list_is_searched(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    new_clinic(user, editor)
    assert red_lines(user, editor) == []  # nothing typed yet: nothing wrong yet
    status = user.texts()
    assert "the new clinic (no id yet), not in the file yet" in status
    assert "line " not in status.split("Cannot save yet", 1)[1]  # in no line of the file
    user.click_link("Go to:", "Contact")
    user.click_widget(user.named("Website", QLineEdit))
    user.type("sandyketamine")  # a field filled in is judged at once
    user.wait(lambda: any("Website: " in line for line in red_lines(user, editor)))
    assert not any("Id:" in line for line in red_lines(user, editor))

    clinics = user.named("Clinics in the registry", QListWidget)
    user.click_widget(user.named("Find a clinic", QLineEdit))
    user.type("buena")
    shown = [
        clinics.item(i).text() for i in range(clinics.count()) if not clinics.item(i).isHidden()
    ]
    assert shown == [
        "Ketamine provider, Buena Park (name not given in source)\nketamine-provider-buena-park"
    ]
    user.click("Remove", within=editor)  # the new clinic, still selected, goes again
    user.press("Ctrl+Z")
    user.press("Ctrl+Z")
    user.press("Ctrl+Z")
    user.wait(lambda: not user.button("Undo", within=editor).isEnabled())
    user.click("Close", within=editor)


def test_the_wheel_over_a_checklist_scrolls_the_form(make_window: MakeWindow) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    treats = user.named("Treats")
    form = user.named("Fields of the selected clinic")
    while not in_sight(user, treats):
        user.wheel(form.viewport(), -1)  # over the labels, down to the list
    top = treats.mapTo(editor, QPoint()).y()
    for _ in range(3):
        user.wheel(treats.viewport(), -1)  # the pointer stays over the list as the form moves
    user.wait(lambda: treats.mapTo(editor, QPoint()).y() < top)
    assert not user.button("Save", within=editor).isEnabled()  # nothing was ticked
    user.click("Close", within=editor)


def test_sources_and_save_are_one_click_away_at_800_by_600(make_window: MakeWindow) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    editor.resize(800, 560)
    sources = user.named("Sources")
    assert not in_sight(user, sources)
    user.click_link("Go to:", "Sources")
    user.wait(lambda: in_sight(user, sources))
    assert editor.focusWidget() is sources  # the keyboard is there too
    save = user.button("Save", within=editor)
    assert QRect(QPoint(), editor.size()).contains(save.geometry())  # in the window
    user.click_link("Go to:", "Clinic")
    user.wait(lambda: in_sight(user, user.named("Id", QLineEdit)))
    user.click("Close", within=editor_window(user))


def test_after_add_the_keys_go_into_the_new_clinics_first_field(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    editor = open_editor(user)
    new_clinic(user, editor)
    user.type("boise-ketamine-care")  # no Tab first: the Add button keeps no focus
    assert user.named("Id", QLineEdit).text() == "boise-ketamine-care"


def test_ctrl_s_saves_in_the_editor_as_the_button_says(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    user.wait(lambda: user.active_window() is editor)  # it takes the keys once it shows
    user.press("Ctrl+S")  # nothing to save yet: said, not silently ignored
    user.wait(lambda: "Nothing to save: no edits yet." in user.texts())
    notes = user.named("Notes")
    user.click_widget(notes)
    user.press("Ctrl+End")
    user.type(" Called on Tuesday.")
    user.wait(lambda: user.button("Save", within=editor).isEnabled())
    assert "(Ctrl+S)" in tooltip_shows(user.button("Save", within=editor))
    user.press("Ctrl+S")
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    assert "Called on Tuesday." in registry_copy.read_text(encoding="utf-8")
    assert editor.focusWidget() is notes  # the keys stay in the field typed in
    user.click("Close", within=editor)


def test_undoing_the_last_edit_keeps_the_keys_in_the_field(
    make_window: MakeWindow,
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    notes = user.named("Notes")
    user.click_widget(notes)
    before = notes.toPlainText()
    user.type(" Called")
    user.click("Undo", within=editor)  # nothing left to undo after it
    user.wait(lambda: not user.button("Undo", within=editor).isEnabled())
    assert notes.toPlainText() == before
    assert editor.focusWidget() is notes  # not Close, where Enter would close the editor
    user.click("Close", within=editor)


def test_a_new_source_row_starts_without_red_until_it_is_typed_in(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    user.click_link("Go to:", "Sources")
    user.click("Add a source", within=editor)
    row = len(user.table("Sources"))
    assert red_lines(user, editor) == []  # nothing typed in it yet: nothing wrong yet
    status = user.texts().split("Cannot save yet", 1)[1]
    assert "a new source, not in the file yet" in status
    assert "line " not in status  # the row is in no line of the file
    user.click_cell("Sources", row - 1, 1)
    user.press("F2")
    user.type("We are open on Sundays.")
    user.press("Return")  # a cell typed in: the row is judged at once
    user.wait(
        lambda: f"Sources, row {row}: document: is empty; fill it in" in red_lines(user, editor)
    )
    user.click("Remove the selected source", within=editor)
    user.click("Add a source", within=editor)
    assert red_lines(user, editor) == []
    user.press("Ctrl+S")  # a save tried: every problem is shown
    user.wait(
        lambda: f"Sources, row {row}: document: is empty; fill it in" in red_lines(user, editor)
    )
    assert "Saved" not in user.texts()
    while user.button("Undo", within=editor).isEnabled():
        user.press("Ctrl+Z")
    user.click("Close", within=editor)


def test_an_edit_taken_back_in_the_field_leaves_nothing_to_save(
    make_window: MakeWindow,
) -> None:
    """Typed, then erased in the field: the file would not change, so Save is off, and
    there is nothing to undo nor to ask about on closing."""
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    notes = user.named("Notes")
    user.click_widget(notes)
    user.press("Ctrl+End")
    user.type("ab")
    user.wait(lambda: user.button("Save", within=editor).isEnabled())
    user.press("Backspace")
    user.press("Backspace")
    user.wait(lambda: not user.button("Save", within=editor).isEnabled())
    assert not user.button("Undo", within=editor).isEnabled()
    user.click("Close", within=editor)  # nothing to ask about
    user.wait(lambda: not editor.isVisible())
