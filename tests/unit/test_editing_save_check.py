"""Saving an edit to a large registry checks the clinics edited, not again every clinic
found without problems when the editor opened (issue 25: a save at 10,000 clinics under a
second); what spans clinics is still checked, and a problem is still placed at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from locator.data.editing import RegistryDocument
from locator.errors import RegistryError
from tests.helpers.paths import REPO
from tests.helpers.save_checks import checked_sizes


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled registry (in the block layout, listing its documents), with
    the documents its quotes cite beside it."""
    path = tmp_path / "clinics.yaml"
    shutil.copy(REPO / "clinics.yaml", path)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return path


def opened(path: Path) -> RegistryDocument:
    """The file opened as the editor opens it: every clinic's problems asked once."""
    document = RegistryDocument.open(path)
    for key in document.clinic_keys():
        assert document.problems(key) == []
    return document


def test_a_save_checks_the_clinic_edited_and_not_the_others_again(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = opened(bundled)
    key = document.key_for("nervana-medical-sandy")
    document.apply(key, {("last_verified",): "2026-12-02"})
    sizes = checked_sizes(monkeypatch)
    document.save()
    assert sizes == [1]
    assert "last_verified: 2026-12-02" in bundled.read_text(encoding="utf-8")


def test_a_clinic_not_asked_about_is_checked_with_the_edit(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = RegistryDocument.open(bundled)  # no clinic's problems asked: none known clean
    document.apply(document.key_for("nervana-medical-sandy"), {("last_verified",): "2026-12-02"})
    sizes = checked_sizes(monkeypatch)
    document.save()
    assert sizes == [len(document.clinic_keys())]


def test_a_date_in_the_future_in_a_clinic_not_edited_still_stops_the_save(
    bundled: Path,
) -> None:
    text = bundled.read_text(encoding="utf-8")
    first = text.index("last_verified: ")
    line = text.count("\n", 0, first) + 1
    end = text.index("\n", first)
    bundled.write_text(text[:first] + "last_verified: 2999-01-01" + text[end:], encoding="utf-8")
    document = opened(bundled)  # the editor's problems leave dates to the save
    last = document.clinic_keys()[-1]
    document.apply(last, {("notes",): "Called on Tuesday."})
    with pytest.raises(RegistryError) as refused:
        document.save()
    assert f":{line}:" in str(refused.value)
    assert "2999-01-01 is in the future" in str(refused.value)


def test_a_document_no_longer_listed_still_stops_the_save(bundled: Path) -> None:
    text = bundled.read_text(encoding="utf-8")
    cited = "000_5c7c8aabd53983aa.txt"
    listed = text.index(f"  - file: {cited}")
    after = text.index("  - file: ", listed + 1)
    bundled.write_text(text[:listed] + text[after:], encoding="utf-8")  # cited, not listed
    document = RegistryDocument.open(bundled)
    for key in document.clinic_keys():
        document.problems(key)
    last = document.clinic_keys()[-1]
    document.apply(last, {("notes",): "Called on Tuesday."})
    with pytest.raises(RegistryError) as refused:
        document.save()
    assert f"{cited} is not listed under documents" in str(refused.value)
