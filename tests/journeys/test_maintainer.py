"""A registry maintainer opens the editor from the menu, edits, saves and sees the change; a
hand edit that breaks the file is reported with its line and column and loses nothing on
screen; fixing it on disk brings the app back by itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from locator.data import registry_cache
from locator.data.paths import shipped_registry
from tests.helpers.editor import choose_clinic, cite, editor_window, open_editor
from tests.helpers.user import MakeWindow, User, plain, tooltip_shows

FOUND = "Clinics found, nearest first"


def test_the_editor_opens_from_the_file_menu_and_its_shortcut(make_window: MakeWindow) -> None:
    user = make_window()
    assert "Edit registry…" in user.menu_texts()["File"]
    user.menu("File", "Edit registry…")
    user.click("Close", within=editor_window(user))
    user.click("Close", within=open_editor(user))


def test_an_edit_saved_in_the_app_shows_in_the_window(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    editor = open_editor(user)
    clinics = user.named("Clinics in the registry", QListWidget)
    row = next(
        i
        for i in range(clinics.count())
        if clinics.item(i).text().endswith("nervana-medical-sandy")
    )
    choose_clinic(user, row)
    phone = user.named("Phone", QLineEdit)
    user.click_widget(phone)
    user.type("(801) 555-0100")
    # a fact needs its quote, as `locator validate` says: Save waits for one
    assert not user.button("Save", within=editor).isEnabled()
    assert "Phone: no source quote covers this fact" in user.texts()
    cite(user, "Call us at (801) 555-0100.", "Phone")
    user.click("Save", within=editor)
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    assert "(801) 555-0100" in registry_copy.read_text(encoding="utf-8")
    user.wait(lambda: "(801) 555-0100" in user.named("Clinic details").toPlainText())
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"  # the search stayed
    user.click("Close", within=editor)


def test_a_broken_hand_edit_is_reported_and_the_last_good_data_stays(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    good = registry_copy.read_text(encoding="utf-8")
    broken = good.replace("latitude: 40.56217", "latitude: 95", 1)
    assert broken != good
    registry_copy.write_text(broken, encoding="utf-8")
    user.wait(lambda: "The registry has problems" in user.texts())
    text = user.texts()
    line = next(n for n, t in enumerate(broken.splitlines(), 1) if "latitude: 95" in t)
    assert f"{registry_copy}:{line}:" in text
    assert "out of range" in text
    assert "last good data stays" in text
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"
    registry_copy.write_text(good, encoding="utf-8")
    user.wait(lambda: "The registry has problems" not in user.texts())
    user.press("F5")
    user.wait_until_quiet()
    assert user.column(FOUND, "Clinic")[0] == "Nervana Medical"


def test_saving_the_shipped_registry_makes_the_users_own_copy(make_window: MakeWindow) -> None:
    from locator.data.paths import shipped_registry, user_registry

    before = shipped_registry().read_bytes()
    user = make_window(shipped=True)
    user.menu("File", "Edit registry…")
    editor = editor_window(user)
    notes = user.named("Notes", QPlainTextEdit)
    user.click_widget(notes)
    user.type("as the clinic decides")
    user.click("Save", within=editor)
    user.wait(lambda: "saved as your own copy" in user.texts())
    assert str(user_registry()) in user.texts()
    assert shipped_registry().read_bytes() == before  # never written
    assert "as the clinic decides" in user_registry().read_text(encoding="utf-8")
    user.click("Close", within=editor)
    assert str(user_registry()) in user.about()


def test_locate_previews_the_place_on_the_map(make_window: MakeWindow) -> None:
    user = make_window()
    map_view = user.named("Map of the clinics found")
    user.press("F8")  # Large details: the map hidden…
    user.wait(lambda: not map_view.isVisible())
    editor = open_editor(user)
    postal = user.named("Address: postal code", QLineEdit)
    user.click_widget(postal)
    user.type("84070")
    user.click("Locate from the address", within=editor)
    user.wait(lambda: "not saved yet" in user.map("document.body ? document.body.textContent : ''"))
    assert map_view.isVisible()  # …shown again for the preview
    latitude = user.named("Latitude", QLineEdit)
    assert latitude.text().startswith("40.5")
    assert "ZIP code" in user.texts() or "postal" in user.texts().lower()

    def lose_them(dialog: QWidget) -> None:
        assert "not saved" in "".join(label.text() for label in dialog.findChildren(QLabel))
        user.click("Discard", within=dialog)

    with user.answering(lose_them):
        user.click("Close", within=editor)
    user.wait(lambda: not editor.isVisible())


def save_by_rename(path: Path, text: str) -> None:
    """What vim and VS Code do: write a new file, then rename it over the old one."""
    temporary = path.with_name(".clinics.yaml.swp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def test_a_valid_change_on_disk_reloads_and_keeps_the_search_and_the_selection(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.click_cell(FOUND, 1)
    selected = user.column(FOUND, "Clinic")[1]
    good = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(good.replace("Nervana Medical", "Nervana (renamed)"), "utf-8")
    user.wait(lambda: "Nervana (renamed)" in user.column(FOUND, "Clinic"))
    assert user.named("Place to search near").text() == "Dallas, TX"
    shown = "Nervana (renamed)" if selected == "Nervana Medical" else selected
    # the details follow the list once the map has painted it
    user.wait(lambda: shown in user.named("Clinic details").toPlainText())
    assert user.column(FOUND, "Clinic")[user.named(FOUND).currentIndex().row()] == shown
    save_by_rename(registry_copy, good.replace("Nervana Medical", "Once"))
    user.wait(lambda: "Once" in user.column(FOUND, "Clinic"))
    save_by_rename(registry_copy, good.replace("Nervana Medical", "Twice"))
    user.wait(lambda: "Twice" in user.column(FOUND, "Clinic"))
    user.wait_until_quiet()
    assert user.map("locatorMap.markerCount()") == 4


def test_a_change_undone_on_disk_shows_the_registry_as_before_with_its_titles(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """Putting the file back as it was is answered from the cache of checked registries: the
    clinics come back, and each source is still named by its document's title."""
    registry = tmp_path / "mine" / "clinics.yaml"
    registry.parent.mkdir()
    original = shipped_registry().read_bytes()
    registry.write_bytes(original)
    user = make_window(registry)
    user.search("Dallas, TX")
    assert registry_cache.lookup(original) is not None  # the first load was checked and kept
    save_by_rename(registry, original.decode().replace("NorTex Psychiatry", "NorTex (renamed)"))
    user.wait(lambda: "NorTex (renamed)" in user.column(FOUND, "Clinic"))
    registry.write_bytes(original)
    user.wait(lambda: "NorTex Psychiatry" in user.column(FOUND, "Clinic"))
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index("NorTex Psychiatry"))
    details = " ".join(user.named("Clinic details").toPlainText().split())
    assert "NorTex Psychiatry" in details
    assert "Untitled article on ketamine and the brain that names NorTex Psychiatry" in details
    assert ".txt" not in details  # a document named by its title, never its file name


def test_a_registry_that_is_not_yaml_is_reported_when_the_editor_cannot_open_it(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    with registry_copy.open("a", encoding="utf-8") as file:
        file.write("  - id: broken\n    name: [unclosed\n")
    user.wait(lambda: "The registry has problems" in user.texts())
    assert "Edit it in locator" not in user.texts()  # offered only when it can open the file
    user.press("Ctrl+Shift+E")
    user.wait(lambda: "The editor cannot open the registry" in user.texts())
    text = user.texts()
    assert f"{registry_copy}:" in text  # file:line:column
    assert "YAML syntax error" in text
    assert "fixed in a text editor: fix this line" in text
    assert "Open the file at line" in text
    assert not any(w.windowTitle().startswith("Edit registry") for w in user.top_levels())


def focus_name(user: User) -> str:
    """What a person would call the control with the focus: its name, or a button's text."""
    widget = user.focused()
    while (
        widget is not None
        and not widget.accessibleName()
        and not isinstance(widget, QAbstractButton)
    ):
        widget = widget.parentWidget()  # a part of a control (the date's text) is the control
    assert widget is not None, "nothing has the keyboard focus"
    return widget.accessibleName() or plain(widget.text())


def test_tab_leaves_the_notes_and_reaches_every_button_of_the_editor(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    editor = open_editor(user)
    notes = user.named("Notes", QPlainTextEdit)
    user.click_widget(notes)
    user.type("Seen in person.")
    user.click_widget(user.named("Phone", QLineEdit))
    user.type("(801) 555-0100")
    user.press("Ctrl+Z")  # the phone goes; the note stays: Undo and Redo both have work
    user.wait(lambda: user.button("Redo", within=editor).isEnabled())
    user.click_widget(notes)
    visited: list[str] = []
    for _ in range(40):
        user.press("Tab")
        name = focus_name(user)
        if not visited or visited[-1] != name:
            visited.append(name)
        if name == "Close":
            break
    assert "\t" not in notes.toPlainText()  # Tab moved on: it typed nothing
    assert "Seen in person." in notes.toPlainText()
    order = ["Sources", "Last verified", "Undo", "Redo", "Save", "Close"]
    assert [name for name in visited if name in order] == order, visited
    user.press("Shift+Tab")
    assert focus_name(user) == "Save"  # and back again

    def lose_them(dialog: QWidget) -> None:
        user.click("Discard", within=dialog)

    with user.answering(lose_them):
        user.click("Close", within=editor)


def test_the_wheel_scrolls_the_form_and_changes_no_field(make_window: MakeWindow) -> None:
    user = make_window()
    editor = open_editor(user)
    precision = user.named("Location precision", QComboBox)
    verified = user.named("Last verified", QDateEdit)
    before = precision.currentText(), verified.date()
    top = precision.mapTo(editor, QPoint()).y()
    user.wheel(precision, -3)  # the pointer passes over the field as the form scrolls
    user.wait(lambda: precision.mapTo(editor, QPoint()).y() < top)  # the form scrolled
    user.wheel(verified, 2)
    assert (precision.currentText(), verified.date()) == before
    assert user.button("Save", within=editor).isEnabled() is False  # nothing was changed
    user.click("Close", within=editor)


def test_alt_s_with_nothing_to_save_types_nothing_and_says_why(make_window: MakeWindow) -> None:
    user = make_window()
    editor = open_editor(user)
    phone = user.named("Phone", QLineEdit)
    user.click_widget(phone)
    before = phone.text()
    assert not user.button("Save", within=editor).isEnabled()
    user.press("Alt+S")
    assert phone.text() == before
    user.wait(lambda: "Nothing to save" in user.texts())
    notes = user.named("Notes", QPlainTextEdit)
    user.click_widget(notes)
    user.press("Alt+S")
    assert "s" not in notes.toPlainText()[-1:]
    user.click("Close", within=editor)


def test_a_misspelled_key_is_shown_with_its_line_and_never_dropped_by_a_save(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    """The tour: latitude 95 and 'treatmnets:' in the first clinic. The editor names the
    misspelled key and its line, fixing the latitude in the form keeps it, and Save says which
    field at which line instead of deleting the line."""
    good = registry_copy.read_text(encoding="utf-8")
    broken = good.replace("latitude: 40.56217", "latitude: 95", 1).replace(
        "    treatments: [ketamine_route_not_stated]",
        "    treatmnets: [ketamine_route_not_stated]",
        1,
    )
    user = make_window()
    registry_copy.write_text(broken, encoding="utf-8")  # a hand edit while locator runs
    user.wait(lambda: "The registry has problems" in user.texts())
    user.click_link("The registry has problems", "Edit it in locator")
    editor = editor_window(user)
    line = next(n for n, t in enumerate(broken.splitlines(), 1) if "treatmnets" in t)
    kept = user.named("Kept as written", QLabel).text()
    assert f"line {line}: “treatmnets”" in kept
    assert "did you mean “treatments”?" in kept
    latitude = user.named("Latitude", QLineEdit)
    user.click_widget(latitude)
    user.press("Ctrl+A")
    user.type("40.56217")
    user.wait(lambda: "“treatmnets”" in user.texts() and "Cannot save yet" in user.texts())
    assert not user.button("Save", within=editor).isEnabled()
    status = user.texts()
    assert f"line {line}: “treatmnets”: unknown field “treatmnets”" in status
    assert "Open the file" in status
    assert registry_copy.read_text(encoding="utf-8") == broken  # nothing written, nothing lost

    def lose_them(dialog: QWidget) -> None:
        user.click("Discard", within=dialog)

    with user.answering(lose_them):
        user.click("Close", within=editor)


def test_undo_after_removing_a_clinic_brings_it_back_and_saves_the_right_one(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    editor = open_editor(user)
    clinics = user.named("Clinics in the registry", QListWidget)
    count = clinics.count()
    choose_clinic(user, 1)
    notes = user.named("Notes", QPlainTextEdit)
    user.click_widget(notes)
    user.type("Called (801) 555-0199.")
    choose_clinic(user, 0)
    first = clinics.item(0).text()
    user.click("Remove", within=editor)
    user.wait(lambda: clinics.count() == count - 1)
    user.press("Ctrl+Z")
    user.wait(lambda: clinics.count() == count)
    assert clinics.item(0).text() == first
    user.click("Save", within=editor)
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    text = registry_copy.read_text(encoding="utf-8")
    assert text.count("(801) 555-0199") == 1
    assert first.splitlines()[-1] in text  # its id
    user.click("Close", within=editor)


def test_every_editor_button_that_is_off_says_why(make_window: MakeWindow) -> None:
    user = make_window()
    editor = open_editor(user)

    def said(name: str) -> str:
        """What the button says on hover, checked to be what a screen reader hears too."""
        button = user.button(name, within=editor)
        assert button.accessibleDescription() == tooltip_shows(button), name
        return tooltip_shows(button)

    def off() -> dict[str, str]:
        """Each of the editor's buttons that is off, and why it says it is."""
        names = ("Locate from the address", "Undo", "Redo", "Save")
        return {n: said(n) for n in names if not user.button(n, within=editor).isEnabled()}

    assert off() == {
        "Undo": "Nothing to undo: no edits yet.",
        "Redo": "Nothing to redo: Redo brings back an edit you have undone.",
        "Save": "Nothing to save: no edits yet.",
    }
    assert "coordinates from the address" in said("Locate from the address")
    latitude = user.named("Latitude", QLineEdit)
    user.click_widget(latitude)
    user.press("Ctrl+A")
    user.type("95")
    user.wait(lambda: "Cannot save yet" in user.texts())
    why = off()
    assert set(why) == {"Redo", "Save"}
    assert why["Save"].startswith("Cannot save yet: ")
    assert "Latitude" in why["Save"] or "latitude" in why["Save"], why["Save"]
    assert "<a" not in why["Save"]  # plain words, not the status line's links
    assert "back your last edit" in said("Undo")
    user.press("Ctrl+Z")
    user.wait(lambda: set(off()) == {"Undo", "Save"})
    assert "undid" in said("Redo")
    user.press("Ctrl+Shift+Z")  # the wrong latitude is back, and Close asks about it

    def save_is_off_and_says_why(dialog: QWidget) -> None:
        save = user.button("Save", within=dialog)
        assert not save.isEnabled()
        assert tooltip_shows(save).startswith("Cannot save yet: ")
        assert save.accessibleDescription() == tooltip_shows(save)
        user.click("Discard", within=dialog)

    user.wait(lambda: set(off()) == {"Redo", "Save"})
    with user.answering(save_is_off_and_says_why):
        user.click("Close", within=editor)


def test_a_field_or_list_that_is_off_says_why(make_window: MakeWindow, registry_copy: Path) -> None:
    text = registry_copy.read_text(encoding="utf-8")
    registry_copy.write_text(  # a value the form cannot show exactly: a list, not a text
        text.replace(
            "    treatments: [ketamine_route_not_stated]",
            "    phone: [1, 2]\n    treatments: [ketamine_route_not_stated]",
            1,
        ),
        encoding="utf-8",
    )
    user = make_window(wait_ready=False)
    user.wait(lambda: "Edit it in locator" in user.texts())
    user.click_link("The registry has problems", "Edit it in locator")
    editor = editor_window(user)
    phone = user.named("Phone", QLineEdit)
    assert not phone.isEnabled()
    assert tooltip_shows(phone).startswith("Kept as written: ")
    assert phone.accessibleDescription() == tooltip_shows(phone)
    supports = user.named("What the selected quote supports", QListWidget)
    assert not supports.isEnabled()
    assert "Select a source" in tooltip_shows(supports)
    assert supports.accessibleDescription() == tooltip_shows(supports)
    user.click("Close", within=editor)
