"""Which command opens the registry at a line in the editor a user set in $VISUAL or $EDITOR."""

from __future__ import annotations

from pathlib import Path

import pytest

from locator.ui.text_editor import TERMINAL_PROGRAM, editor_command

FILE = Path("/home/me/clinics.yaml")


def no_terminal(_name: str) -> None:
    return None


@pytest.mark.parametrize(
    ("editor", "command"),
    [
        ("gedit", ["gedit", "+12", str(FILE)]),
        ("/usr/bin/emacs", ["/usr/bin/emacs", "+12", str(FILE)]),
        ("code --wait", ["code", "--wait", "-g", f"{FILE}:12"]),
        ("codium", ["codium", "-g", f"{FILE}:12"]),
        ("subl -n", ["subl", "-n", f"{FILE}:12"]),
        ("kate", ["kate", "--line", "12", str(FILE)]),
        ("'/opt/my editor/run'", ["/opt/my editor/run", "+12", str(FILE)]),
    ],
)
def test_each_editor_is_told_the_line_its_own_way(editor: str, command: list[str]) -> None:
    assert editor_command(editor, FILE, 12, no_terminal) == command


def test_a_terminal_editor_runs_in_the_desktops_terminal_or_not_at_all() -> None:
    assert editor_command("vim", FILE, 3, lambda name: f"/usr/bin/{name}") == [
        f"/usr/bin/{TERMINAL_PROGRAM}", "-e", "vim", "+3", str(FILE)
    ]  # fmt: skip
    assert editor_command("nano", FILE, 3, no_terminal) is None
    assert editor_command("emacs -nw", FILE, 3, no_terminal) is None


@pytest.mark.parametrize("editor", ["", "   ", "code 'unclosed"])
def test_no_usable_setting_gives_no_command(editor: str) -> None:
    assert editor_command(editor, FILE, 1, no_terminal) is None


@pytest.mark.parametrize("editor", ["vim", "gedit", "kate", "code", "subl"])
@pytest.mark.parametrize("name", ["-c!touch pwned", "+3", "--help"])
def test_a_file_named_like_an_option_reaches_the_editor_as_a_file(
    editor: str, name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    command = editor_command(editor, Path(name), 3, lambda found: f"/usr/bin/{found}")
    assert command is not None
    whole = str(tmp_path / name)
    assert command[-1] in (whole, f"{whole}:3")  # the file, last, whole


def test_the_editor_program_is_given_the_whole_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert editor_command("gedit", Path("clinics.yaml"), 7, no_terminal) == [
        "gedit", "+7", str(tmp_path / "clinics.yaml")
    ]  # fmt: skip
