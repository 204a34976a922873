"""A patient near Sacramento, where a source reports ketamine providers but names none: the
window names the nearest clinic they can contact, lists the unnamed providers after the
clinics, and will not put one on a shortlist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from tests.helpers.shortlist_answers import choose_in
from tests.helpers.user import MakeWindow

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"
UNNAMED = "Unnamed provider reported in this area: Sacramento, CA"
NOT_SHORTLISTED = (
    "An unnamed provider cannot go on a shortlist or in a referral: the source names no one to "
    "contact."
)
LEFT_OUT = "1 unnamed provider is left out: the source reports it but names no one to contact."


def test_the_summary_names_the_nearest_clinic_and_the_unnamed_providers_apart(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sacramento, CA")
    summary = user.named(SUMMARY).text()
    assert summary.startswith(
        "No clinic within travel distance of Sacramento, CA. The nearest is ≈ 528 mi away "
        "(straight-line): "
        "Nervana Medical. 2 unnamed providers reported in Sacramento, CA and Buena Park, CA, with "
        "no one named to contact."
    )
    clinics = user.column(FOUND, "Clinic")
    assert clinics[0] == "Nervana Medical"  # though the unnamed provider is in Sacramento itself
    assert clinics[-2:] == [UNNAMED, "Unnamed provider reported in this area: Buena Park, CA"]


def test_an_unnamed_provider_cannot_be_shortlisted(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Sacramento, CA")
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index(UNNAMED))
    user.wait(lambda: UNNAMED in user.named("Clinic details").toPlainText())
    add = user.button("Add to shortlist")
    assert not add.isEnabled()
    assert add.toolTip() == NOT_SHORTLISTED
    user.press("Ctrl+D")  # the menu's command says why too
    user.wait(lambda: NOT_SHORTLISTED in user.texts())
    user.click_cell(FOUND, 0)  # Nervana Medical: a clinic can be
    user.wait(lambda: user.button("Add to shortlist").isEnabled())
    assert user.button("Add to shortlist").toolTip() == ""


def test_a_ticked_unnamed_provider_left_off_a_shortlist_is_said_with_why(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    clinics = user.column(FOUND, "Clinic")
    for name in ("Nervana Medical", "NorTex Psychiatry", UNNAMED):
        user.tick_box(FOUND, clinics.index(name))
    assert user.button("Compare 3 ticked clinics").isEnabled()
    asked: list[str] = []

    def read_and_name(dialog: QWidget) -> None:
        asked.extend(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
        choose_in(user, "for J.")(dialog)

    with user.answering(read_and_name):
        user.click("Add to shortlist")
    question = " ".join(asked)
    assert "the 2 ticked clinics, Nervana Medical; NorTex Psychiatry" in question
    assert LEFT_OUT in question
    user.wait(lambda: "Added 2 providers at 2 places to “for J.”" in user.texts())
    assert LEFT_OUT in user.texts()  # the notice says it too


def _crowded_registry(path: Path) -> Path:
    """Two unnamed providers in Sacramento, and twelve clinics of their own in Texas: more
    than the ten rows the window lists."""
    lines = ["schema_version: 1", "clinics:"]
    entries = [("unnamed", i, 38.58, -121.49) for i in range(2)]
    entries += [("clinic", i, 30.0 + i * 0.1, -97.0) for i in range(12)]
    for kind, i, latitude, longitude in entries:
        unnamed = kind == "unnamed"
        lines += [
            f"  - id: {kind}-{i}",
            *(["    kind: unnamed_provider"] if unnamed else []),
            f"    name: {'Provider reported' if unnamed else 'Texas Clinic'} {i}",
            "    address: {city: Sacramento, state: CA}"
            if unnamed
            else "    address: {city: Austin, state: TX}",
            f"    location: {{latitude: {latitude}, longitude: {longitude}, precision: city, "
            "source: test}",
            "    sources:",
            '      - {document: test.txt, quote: "A made-up page for tests.",',
            "         covers: [name, address]}",
            "    last_verified: 2026-11-01",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_rows_shown_are_the_first_of_the_whole_list(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """The window lists ten rows: the ten nearest clinics, as the whole list (clinics first)
    begins, not the unnamed providers beside the searched place and eight clinics."""
    user = make_window(_crowded_registry(tmp_path / "crowded.yaml"))
    user.search("Sacramento, CA")
    names = user.column(FOUND, "Clinic")
    assert names == [f"Texas Clinic {i}" for i in range(11, 1, -1)]
