"""A patient near Sacramento, where a source reports ketamine providers but names none: the
window names the nearest clinic they can contact, lists the unnamed providers after the
clinics, and will not put one on a shortlist."""

from __future__ import annotations

from tests.helpers.user import MakeWindow

FOUND = "Clinics found, nearest first"
SUMMARY = "Search summary"
UNNAMED = "Unnamed provider reported in this area: Sacramento, CA"
NOT_SHORTLISTED = (
    "An unnamed provider cannot go on a shortlist or in a referral: the source names no one to "
    "contact."
)


def test_the_summary_names_the_nearest_clinic_and_the_unnamed_providers_apart(
    make_window: MakeWindow,
) -> None:
    user = make_window()
    user.search("Sacramento, CA")
    summary = user.named(SUMMARY).text()
    assert summary.startswith(
        "2 clinics near Sacramento, CA, nearest ≈ 528 mi away (straight-line): Nervana Medical; "
        "and 2 unnamed providers reported in Sacramento, CA and Buena Park, CA, with no one named "
        "to contact."
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
