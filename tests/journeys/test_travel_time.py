"""A patient who plans by driving time reads an estimate beside each distance, always called one:
in the details of the clinic they select and in its popup on the map."""

from __future__ import annotations

from tests.journeys.conftest import MakeWindow

FOUND = "Clinics found, nearest first"


def test_a_patient_reads_the_estimated_drive_beside_the_distance(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Plano, TX")
    assert user.column(FOUND, "Distance")[0] == "6.0 mi"  # the column stays narrow
    user.click_cell(FOUND, 0)
    user.wait(lambda: "NorTex" in user.named("Clinic details").toPlainText())
    details = user.named("Clinic details").toPlainText()
    assert "from Plano, TX: 6.0 mi; about 5\u201325 min by car (estimate)" in details
    popup = "(function(){var p=document.querySelector('.locator-popup');return p?p.innerText:''})()"
    user.wait(lambda: "by car (estimate)" in user.map(popup))
    assert "about 5\u201325 min by car (estimate)" in user.map(popup)
