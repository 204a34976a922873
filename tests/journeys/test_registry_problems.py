"""A maintainer's hand edit breaks the registry: the window names each problem at its
file:line:column, and the value as the registry editor's form names it (the clinic by its
number and name, the field by its label), in the window's language, never by the file's
keys and paths."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from locator.i18n import _
from tests.helpers.language import wait_ready
from tests.helpers.user import MakeWindow, User, visible

TYPOS = (
    ("conditions: [depression, anxiety]", "conditions: [depresion, anxiety]"),
    (
        'service_area: ["South Jordan, UT", "Sandy, UT"]',
        'service_area: ["South Jordan, UT", "Sandy"]',
    ),
)


def break_it(registry: Path) -> None:
    """Two typos in the first clinic, saved by hand while locator runs."""
    text = registry.read_text(encoding="utf-8")
    for good, bad in TYPOS:
        assert good in text
        text = text.replace(good, bad, 1)
    registry.write_text(text, encoding="utf-8")


def problems_shown(user: User, registry: Path) -> str:
    """The window's sentence that names the registry's problems, as it reads on screen."""
    user.wait(lambda: any(str(registry) in label.text() for label in user.visible_labels()))
    label = next(
        label
        for label in user.window.findChildren(QLabel)
        if visible(label) and str(registry) in label.text()
    )
    page = QTextDocument()
    page.setHtml(label.text())  # rich text, as the label draws it
    return page.toPlainText()


def line_of(registry: Path, text: str) -> int:
    lines = registry.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_the_registrys_problems_are_named_as_the_form_names_them(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    break_it(registry_copy)
    shown = problems_shown(user, registry_copy)
    treats = line_of(registry_copy, "depresion")
    assert f"{registry_copy}:{treats}:" in shown  # where an editor goes
    assert (
        "Clinic 1 (Nervana Medical), Treats, item 1: unknown condition “depresion”; did you "
        "mean “depression”?"
    ) in shown
    assert "Clinic 1 (Nervana Medical), Serves, item 2: “Sandy” is not valid here" in shown
    assert "clinics[" not in shown
    assert "service_area" not in shown
    assert "conditions" not in shown


def test_in_spanish_too(
    make_window: MakeWindow,
    registry_copy: Path,
    speak: Callable[[str], None],
) -> None:
    speak("es")
    user = make_window(wait_ready=False)
    wait_ready(user)
    break_it(registry_copy)
    shown = problems_shown(user, registry_copy)
    assert "Clínica 1 (Nervana Medical), Trata, elemento 1: " in shown
    assert "Clínica 1 (Nervana Medical), Atiende, elemento 2: " in shown
    assert "clinics[" not in shown
    assert _("Treats") == "Trata"
