"""A file or folder named to turn the sentence around it ("x\u202enosj.evil.json" reads
"x…json.evil") is shown in the order it is stored wherever the window names it: notices,
tooltips, questions, the disk-change bar, the comparison's status and Privacy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from locator.settings import Settings
from locator.shortlists import Shortlists
from locator.ui import window_text
from locator.ui.disk_change import DiskChangeBar
from locator.ui.literal_text import literal, message_box
from locator.ui.preferences import Preferences
from locator.ui.privacy_dialog import PrivacyDialog
from locator.ui.shared_settings import SharedSettings
from locator.ui.why_not import offer
from tests.helpers.user import label_shows

RLO, RLI = "\u202e", "\u2067"


def turned(tmp_path: Path) -> Path:
    """A folder whose name turns what follows it around, made for real."""
    folder = tmp_path / f"x{RLO}nosj.evil{RLI}"
    folder.mkdir()
    return folder


def unturned(text: str) -> bool:
    return RLO not in text and RLI not in text and "\ufffdnosj.evil\ufffd" in text


def test_sentences_tooltips_and_questions_name_a_turned_path_as_stored(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = turned(tmp_path) / "clinics.yaml"
    error = OSError(f"Cannot read {path}: permission denied")
    assert unturned(window_text.notice(str(error)))
    assert unturned(window_text.registry_not_loaded(error, registry_shown=False))
    assert unturned(window_text.cannot_edit(error))
    assert unturned(window_text.import_failed(error, path.parent / "x.yaml"))
    assert unturned(literal(f"Writes your edits to {path}"))
    assert unturned(message_box(QMessageBox.Icon.Warning, "t", str(error), None).text())
    button = QPushButton()
    qtbot.addWidget(button)
    offer(button, None, f"Writes your edits to {path} (Ctrl+S).")
    assert unturned(button.toolTip())
    assert unturned(button.accessibleDescription())
    bar = DiskChangeBar()
    qtbot.addWidget(bar)
    bar.show_change(path)
    assert unturned(bar.label.text())


def test_privacy_names_a_turned_shortlists_file_and_list_as_stored(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shortlists = Shortlists(turned(tmp_path) / "shortlists.json")
    shortlists.add(f"{RLO}tsil ym", "first-clinic")
    dialog = PrivacyDialog(
        Preferences(tmp_path / "window.ini"), shortlists, SharedSettings(Settings())
    )
    qtbot.addWidget(dialog)
    shown = [label_shows(label) for label in dialog.findChildren(QLabel)]
    assert any(unturned(text) for text in shown), shown
    assert not [text for text in shown if RLO in text or RLI in text]
    asked: list[str] = []

    def answer_no(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", answer_no)
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Clear s&hortlists").click()
    assert asked == ["Delete the shortlist “\ufffdtsil ym”? Their clinics stay in the registry."]
    assert shortlists.names() == [f"{RLO}tsil ym"]
