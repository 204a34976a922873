"""A patient who plans by driving time reads an estimate beside each distance, always called one:
in the details of the clinic they select and in its popup on the map; across open water no
bridge crosses, why there is none; and no obstacle the map cannot show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.helpers.registry_texts import TRIPS, WHIDBEY

if TYPE_CHECKING:
    from pathlib import Path

    from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
ACROSS = (
    "no drive-time estimate: open water lies between, with no bridge locator knows of on the way; "
    "a ferry or a long drive round may be needed"
)


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


def _details_of(user: User, place: str, clinic: str) -> str:
    """Search ``place``, select ``clinic`` in the results and read its details."""
    user.search(place)
    user.wait(lambda: clinic in user.column(FOUND, "Clinic"))
    user.click_cell(FOUND, user.column(FOUND, "Clinic").index(clinic))
    user.wait(lambda: f"from {place}" in user.named("Clinic details").toPlainText())
    return str(user.named("Clinic details").toPlainText())


def test_plain_drives_and_a_bridge_get_an_estimate_and_a_sound_the_ferry_note(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    """The trips of issue 23: Boise or Dallas to Sandy, UT and Buena Park to Sacramento are
    plain drives (the Great Salt Lake lies on the first line, and is driven round), San
    Francisco to Oakland crosses the Bay by a bridge, and so, on the way to Bremerton, does San
    Francisco (Puget Sound near the end is driven round, over the Tacoma Narrows Bridge); only
    Seattle to Bremerton, across Puget Sound, gets no estimate, and says why."""
    registry = tmp_path / "trips.yaml"
    registry.write_text(TRIPS, encoding="utf-8")
    user = make_window(registry)
    for place, clinic in (
        ("Boise, ID", "Sandy Test Clinic"),
        ("Dallas, TX", "Sandy Test Clinic"),
        ("Buena Park, CA", "Sacramento Test Clinic"),
        ("San Francisco, CA", "Oakland Test Clinic"),
        ("San Francisco, CA", "Bremerton Test Clinic"),  # the Bay, then Puget Sound's inlets
    ):
        details = _details_of(user, place, clinic)
        assert f"from {place}: " in details
        assert "by car (estimate)" in details, (place, details)
        assert "water" not in details, place
        assert "ferry" not in details, place
    details = _details_of(user, "Seattle, WA", "Bremerton Test Clinic")
    assert f"from Seattle, WA: ≈ 14 mi (approximate: city centre); {ACROSS}" in details
    assert "by car (estimate)" not in details
