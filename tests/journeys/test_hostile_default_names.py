"""A coordinator exports the registry again into a folder where someone planted a link under
the name the app proposes (a cloned repository can carry one): the dialog proposes a name no
file has, and accepting it writes there, never through the link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget

from tests.helpers.exporting import save_as
from tests.helpers.user import MakeWindow, User


def accept_the_proposal(user: User, seen: list[str]) -> Callable[[QWidget], None]:
    """An answer for a save dialog: read the name it proposes, then press Enter to take it."""

    def answer(dialog: QWidget) -> None:
        def name_field() -> QWidget | None:  # the dialog's own field, once it has the keys
            field = user.focused()
            inside = isinstance(field, QLineEdit) and dialog.isAncestorOf(field)
            return field if inside and field.text() else None

        user.wait(name_field)
        field = name_field()
        assert isinstance(field, QLineEdit)
        seen.append(field.text())
        user.press("Return")

    return answer


def test_the_proposed_export_name_is_never_a_planted_link(
    make_window: MakeWindow, registry_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    user = make_window()
    with user.answering(save_as(user, folder / "first")):  # the folder the next one starts in
        user.menu("File", "Export registry as…")
    first = folder / "first.geojson"
    user.wait(lambda: f"Exported the registry as GeoJSON to {first}." in user.texts())

    victim = tmp_path / "login-script"
    victim.write_text("echo HELLO\n", encoding="utf-8")
    (folder / "locator-clinics.geojson").symlink_to(victim)
    seen: list[str] = []
    with user.answering(accept_the_proposal(user, seen)):
        user.menu("File", "Export registry as…")
    written = folder / "locator-clinics (2).geojson"
    assert seen == [written.name]
    user.wait(lambda: f"Exported the registry as GeoJSON to {written}." in user.texts())
    assert '"FeatureCollection"' in written.read_text(encoding="utf-8")
    assert victim.read_text(encoding="utf-8") == "echo HELLO\n"
    assert (folder / "locator-clinics.geojson").is_symlink()
