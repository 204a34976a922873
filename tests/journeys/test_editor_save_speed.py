"""A maintainer edits one clinic in the registry editor and saves: the save checks that
clinic (with the file's other keys), not again each clinic the editor found without problems
when it opened, which at 10,000 clinics took seconds (issue 25)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.editor import open_editor
from tests.helpers.save_checks import checked_sizes
from tests.helpers.user import MakeWindow


def test_saving_one_edit_checks_the_clinic_edited(
    make_window: MakeWindow, registry_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = checked_sizes(monkeypatch)  # how many clinics each check of the save read
    user = make_window(size=(800, 600))
    editor = open_editor(user)
    user.wait(lambda: user.active_window() is editor)
    user.click_widget(user.named("Notes"))
    user.press("Ctrl+End")
    user.type(" Called on Tuesday.")
    user.wait(lambda: user.button("Save", within=editor).isEnabled())
    user.press("Ctrl+S")
    user.wait(lambda: f"Saved {registry_copy}" in user.texts())
    assert "Called on Tuesday." in registry_copy.read_text(encoding="utf-8")
    assert checked == [1]  # the clinic edited; the file's eight others were found clean
    user.click("Close", within=editor)
