"""A reader checks what each fact rests on, and never mistakes an unnamed provider for a
clinic: the quote beside each fact in the details and the comparison, and the entries that
stand for providers a source reports without naming any, told apart everywhere."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.registry_texts import UNNAMED_PROVIDER
from tests.helpers.user import MakeWindow, User

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"
COMPARISON = "Comparison of the chosen clinics"
WE_OFFER = (
    "“We offer ketamine therapy for depression, anxiety and several other mental health conditions”"
)

MIXED = (
    """\
schema_version: 1
clinics:
  - id: sandy-clinic
    name: Sandy Ketamine Clinic
    address: {city: Sandy, state: UT}
    location: {latitude: 40.59161, longitude: -111.8841, precision: city, source: GeoNames 5781061}
    conditions: [ptsd]
    sources:
      - document: a.txt
        quote: "Sandy Ketamine Clinic treats PTSD."
        covers: [name, address, conditions]
    last_verified: 2026-01-15
"""
    + UNNAMED_PROVIDER
)


def row_of(user: User, clinic: str) -> int:
    return user.column(FOUND, "Clinic").index(clinic)


def test_each_fact_in_the_details_points_to_the_quote_that_says_it(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    details = user.named("Clinic details").toPlainText()
    assert details.startswith("Nervana Medical [2]")
    assert "Depression, Anxiety [3]" in details  # what it treats: quote 3
    assert "Ketamine therapy (route not stated) [2, 3]" in details
    assert "Mind's Journey [1]" in details
    assert f"[3] 000_5c7c8aabd53983aa.txt: {WE_OFFER}" in details  # no documents listed
    assert f"{WE_OFFER} supports: Treats, Offers" in details
    unknown = next(line for line in details.splitlines() if line.startswith("Not listed"))
    assert "Session length" in unknown  # nothing to point to: no number
    assert "[" not in unknown


def test_each_cell_of_the_comparison_shows_its_quote(make_window: MakeWindow) -> None:
    user = make_window()
    user.search("Dallas, TX")
    user.tick_box(FOUND, row_of(user, "NorTex Psychiatry"))
    user.tick_box(FOUND, row_of(user, "Nervana Medical"))
    user.click("Compare 2 ticked clinics")
    user.wait(lambda: any(w.windowTitle() == "Compare clinics" for w in user.top_levels()))
    compare = next(w for w in user.top_levels() if w.windowTitle() == "Compare clinics")
    source = user.named("Source of the selected cell")
    assert source.text() == "Select a cell to see the source quotes that say it."
    table = user.named(COMPARISON)
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    user.click_cell(COMPARISON, labels.index("Depression ≠"), 1)  # Nervana: "treats"
    user.wait(lambda: "Source:" in source.text())
    assert source.text() == f"treats\nSource:\n{WE_OFFER} (000_5c7c8aabd53983aa.txt)"
    user.click_cell(COMPARISON, labels.index("Depression ≠"), 0)  # NorTex: nothing to quote
    assert source.text() == "Not listed: no source says this."  # one plain sentence
    compare.close()


def test_an_unnamed_provider_is_shown_and_counted_apart_from_clinics(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    registry = tmp_path / "mixed.yaml"
    registry.write_text(MIXED, encoding="utf-8")
    user = make_window(registry)
    user.search("Sandy, UT")
    found = (
        "1 provider at 1 place within travel distance of Sandy, UT, nearest in Sandy, UT "
        "(approximate): "
        "Sandy Ketamine Clinic; and 1 unnamed provider reported in South Jordan, UT, with no one "
        "named to contact."
    )
    user.wait(lambda: found in user.named(SUMMARY).text())
    names = user.column(FOUND, "Clinic")
    assert names == [
        "Sandy Ketamine Clinic",
        "Unnamed provider reported in this area: South Jordan, UT",
    ]
    user.click_cell(FOUND, 1)
    user.wait(lambda: "South Jordan" in user.named("Clinic details").toPlainText())
    details = user.named("Clinic details").toPlainText()
    assert details.startswith("Unnamed provider reported in this area: South Jordan, UT")
    assert "Not a clinic you can contact: the source reports ketamine providers" in details
    assert "none: the source names no provider to contact" in details
    assert not user.button("Open website").isEnabled()
    user.click_selected_marker()
    popup = "(document.querySelector('.locator-popup') || {}).textContent || ''"
    user.wait(lambda: "Not a clinic" in user.map(popup))
    assert "no one to contact" in user.map(popup)
    style = (
        "(function (o) {{ return o.fillColor + ' ' + o.dashArray; }})"
        "(locatorMap.marker({!r}).options)"
    )
    assert user.map(style.format("provider-south-jordan")) == "#dadce0 1 3"  # small, grey, dotted
    assert user.map(style.format("sandy-clinic")) == "#ffffff 3 2"
    legend = "document.querySelector('.locator-legend').textContent"
    assert "unnamed provider reported in this area (no one to contact)" in user.map(legend)
