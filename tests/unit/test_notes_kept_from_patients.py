"""The registry keepers' notes (their reasoning: GeoNames, "One rule for every entry", Mind's
Journey) reach no patient: not the details, the map's popups, a comparison's exports nor the
referral summary. "Why is this listed this way?" shows them, as written, to whoever asks."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from locator.compare import ComparisonMatrix
from locator.data.models import Clinic, Registry
from locator.mapping.payload import MapClinic, map_payload
from locator.referral import referral_html
from locator.ui.detail_pane import DetailPane, clinic_html
from locator.ui.reasons_dialog import ReasonsDialog


def noted(registry: Registry) -> list[Clinic]:
    return [clinic for clinic in registry.clinics if clinic.notes]


def notes_in(text: str, clinics: list[Clinic]) -> list[str]:
    """The notes of ``clinics`` whose first sentence ``text`` holds (spaces folded)."""
    flat = " ".join(text.split())
    firsts = [" ".join(c.notes.split())[:60] for c in clinics if c.notes]
    return [first for first in firsts if first in flat]


def test_every_entry_of_the_test_registry_has_notes_to_keep_apart(registry: Registry) -> None:
    assert len(noted(registry)) == len(registry.clinics)


def test_the_details_leave_the_notes_out(registry: Registry) -> None:
    for clinic in noted(registry):
        assert notes_in(clinic_html(clinic), [clinic]) == [], clinic.id


def test_the_map_popups_and_the_exports_leave_the_notes_out(registry: Registry) -> None:
    clinics = noted(registry)
    located = [MapClinic(c) for c in clinics if c.location is not None]
    assert notes_in(json.dumps(map_payload(located), ensure_ascii=False), clinics) == []
    named = [c for c in clinics if c.kind.value == "clinic"][:4]
    matrix = ComparisonMatrix.of(named)
    for text in (matrix.to_csv(), matrix.to_json(), matrix.to_markdown(), matrix.to_html()):
        assert notes_in(text, named) == []
    assert notes_in(referral_html(named), named) == []


@pytest.mark.usefixtures("qapp")
def test_the_reasons_dialog_shows_the_notes_as_written(qtbot: QtBot, registry: Registry) -> None:
    clinic = noted(registry)[0]
    dialog = ReasonsDialog(clinic)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QPlainTextEdit)
    assert box.toPlainText() == clinic.notes
    assert box.isReadOnly()


def test_the_link_is_offered_only_for_an_entry_with_notes(qtbot: QtBot, registry: Registry) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show()
    assert not pane.reasons.isEnabled()  # nothing selected
    clinic = noted(registry)[0]
    pane.show_clinic(clinic)
    assert pane.reasons.isEnabled()
    assert "Why is this listed this way?" in pane.browser.toPlainText()
    pane.show_clinic(clinic.model_copy(update={"notes": None}))
    assert not pane.reasons.isEnabled()
    assert "Why is this listed this way?" not in pane.browser.toPlainText()
