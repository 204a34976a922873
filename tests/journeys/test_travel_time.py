"""A patient who plans by driving time reads an estimate beside each distance, always called one:
in the details of the clinic they select and in its popup on the map; across water, why there
is none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.helpers.registry_texts import WHIDBEY

if TYPE_CHECKING:
    from pathlib import Path

    from tests.helpers.user import MakeWindow

FOUND = "Clinics found, nearest first"
ACROSS = "no drive-time estimate: water lies between, a ferry or detour may be needed"


def test_a_patient_reads_the_estimated_drive_beside_the_distance(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Plano, TX")
    assert user.column(FOUND, "Distance")[0] == "≈ 6 mi"  # at a city centre; narrow column
    user.click_cell(FOUND, 0)
    user.wait(lambda: "NorTex" in user.named("Clinic details").toPlainText())
    details = user.named("Clinic details").toPlainText()
    said = "from Plano, TX: ≈ 6 mi (approximate: city centre); about 5\u201325 min by car"
    assert said in details
    user.click_selected_marker()
    popup = "(function(){var p=document.querySelector('.locator-popup');return p?p.innerText:''})()"
    user.wait(lambda: "by car (estimate)" in user.map(popup))
    assert "about 5\u201325 min by car (estimate)" in user.map(popup)


def test_across_water_the_patient_reads_why_there_is_no_estimate(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    registry = tmp_path / "whidbey.yaml"
    registry.write_text(WHIDBEY, encoding="utf-8")
    user = make_window(registry)
    user.search("Coupeville, WA")  # Oak Harbor on the same island, Port Townsend across the Inlet
    user.wait(lambda: user.column(FOUND, "Clinic") == ["Oak Harbor Clinic", "Port Townsend Clinic"])
    user.click_cell(FOUND, 1)
    user.wait(lambda: "Port Townsend" in user.named("Clinic details").toPlainText())
    details = user.named("Clinic details").toPlainText()
    assert f"from Coupeville, WA: ≈ 8 mi (approximate: city centre); {ACROSS}" in details
    assert "by car (estimate)" not in details
    user.click_selected_marker()
    popup = "(function(){var p=document.querySelector('.locator-popup');return p?p.innerText:''})()"
    user.wait(lambda: ACROSS in user.map(popup))


def test_a_lake_driven_round_still_gets_an_estimate(make_window: MakeWindow) -> None:
    """Boise to South Jordan, UT passes over the Great Salt Lake, which the road goes round:
    the patient reads a drive time, not a ferry."""
    user = make_window()
    user.search("Boise, ID")
    user.wait(lambda: "Nervana Medical" in user.column(FOUND, "Clinic"))
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index("Nervana Medical"))
    user.wait(lambda: "Nervana" in user.named("Clinic details").toPlainText())
    details = user.named("Clinic details").toPlainText()
    assert "from Boise, ID: ≈ 304 mi (approximate: city centre); about " in details
    assert "by car (estimate)" in details
    assert "ferry" not in details
