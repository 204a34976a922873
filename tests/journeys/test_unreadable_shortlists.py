"""A coordinator whose shortlists file cannot be read (a hand edit broke it, a folder or a pipe
took its place) is told so in the window, by the file's name, wherever the lists would be:
never "No shortlists yet" as if they had none, and nothing is saved over the file."""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from locator.shortlists import Shortlists, shortlists_path
from tests.helpers.shortlist_answers import choose_in
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"


def privacy_says(user: User) -> str:
    """What the Privacy dialog says, once every wrapped sentence in it is shown whole."""
    said: list[str] = []

    def privacy(dialog: QWidget) -> None:
        labels = [label for label in dialog.findChildren(QLabel) if label.isVisible()]
        user.wait(lambda: all(fits(label) for label in labels))
        # a path may break after each "/": the break is unseen, so not part of what it says
        said.append("\n".join(unescape(label.text()).replace("\u200b", "") for label in labels))
        user.click("Close", within=dialog)

    with user.answering(privacy):
        user.menu("Tools", "Privacy and stored data…")
    return said[0]


def fits(label: QLabel) -> bool:
    """All of a wrapped label's text is on screen: it is as tall as its text needs."""
    return not label.wordWrap() or label.height() >= label.heightForWidth(label.width())


def test_a_damaged_shortlists_file_is_named_in_the_window_and_never_saved_over(
    make_window: MakeWindow,
) -> None:
    path = shortlists_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    written = '{"referrals for J.": ["nervana-medical-sandy"],}'  # a trailing comma: not JSON
    path.write_text(written, encoding="utf-8")
    user = make_window()
    user.press("Ctrl+L")  # Open a shortlist…
    user.wait(lambda: f"{path} could not be used" in unescape(user.texts()))
    assert "No shortlists yet" not in user.texts()
    user.search("Sandy, UT")
    user.click_cell(FOUND, 0)
    with user.answering(choose_in(user, "new list")):
        user.press("Ctrl+D")
    user.wait(lambda: f"Cannot write {path}: locator could not read it" in unescape(user.texts()))
    assert "Added" not in user.texts()
    assert path.read_text(encoding="utf-8") == written  # never replaced
    said = privacy_says(user)
    assert f"{path} could not be used: it is damaged (not valid JSON)" in said
    assert "Shortlists</b>\nnothing kept" not in said


def test_a_folder_in_place_of_the_shortlists_is_named_in_privacy(make_window: MakeWindow) -> None:
    path = shortlists_path()
    path.mkdir(parents=True)
    (path / "notes.txt").write_text("the user's own", encoding="utf-8")
    user = make_window(size=(800, 600))
    said = privacy_says(user)
    assert f"{path} could not be used" in said
    assert "Shortlists</b>\nnothing kept" not in said
    assert (path / "notes.txt").read_text(encoding="utf-8") == "the user's own"


def test_a_pipe_in_place_of_the_shortlists_is_named_where_the_lists_would_be(
    make_window: MakeWindow,
) -> None:
    path = shortlists_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    user = make_window()
    user.press("Ctrl+L")
    user.wait(lambda: f"{path} could not be used" in unescape(user.texts()))
    assert "No shortlists yet" not in user.texts()
    said = privacy_says(user)
    assert f"{path} could not be used" in said
    assert Path(path).exists()


def test_one_clinic_gone_from_the_registry_is_counted_in_the_singular(
    make_window: MakeWindow,
) -> None:
    Shortlists().add("referrals for J.", "nervana-medical-sandy", "closed-last-year")
    user = make_window()
    with user.answering(choose_in(user, "referrals for J.")):
        user.press("Ctrl+L")
    summary = "Search summary"
    user.wait(lambda: "1 is no longer in the registry." in user.named(summary).text())
