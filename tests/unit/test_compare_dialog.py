"""The comparison window as a user sees it: whole names, rows that fit, exports that land."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QStyle, QWidget
from pytestqt.qtbot import QtBot

from locator.compare import ComparisonMatrix
from locator.data.models import Registry
from locator.ui.compare_dialog import CompareDialog
from locator.ui.preferences import Preferences
from tests.helpers.pdf_text import pdf_pages
from tests.helpers.save_dialog import answer_export_dialog, answer_question, answer_save_dialog
from tests.helpers.user import label_shows

FOUR = (
    "nervana-medical-sandy",
    "nortex-psychiatry-allen",
    "ketamine-provider-buena-park",
    "neuroplasticity-md-clinic",
)
WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def dialog(qtbot: QtBot, registry: Registry, tmp_path: Path) -> CompareDialog:
    by_id = {clinic.id: clinic for clinic in registry.clinics}
    matrix = ComparisonMatrix.of(
        [by_id[clinic_id] for clinic_id in FOUR],
        ["3.1 mi (straight-line)", "1,003 mi (straight-line)", "589 mi (straight-line)", "—"],
        place="Sandy, UT",
        created=dt.date(2026, 11, 22),
    )
    window = CompareDialog(matrix, Preferences(tmp_path / "window.ini"))
    qtbot.addWidget(window)
    return window


def show_at(qtbot: QtBot, dialog: CompareDialog, width: int, height: int) -> None:
    dialog.resize(width, height)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.table.horizontalHeader()  # its titles rewrap to the final column widths:
    qtbot.waitUntil(lambda: header.height() == header.sizeHint().height())


def labels(dialog: CompareDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


@pytest.mark.parametrize("width", [1300, 800])
def test_clinic_names_are_whole_in_the_column_headers(
    qtbot: QtBot, dialog: CompareDialog, width: int
) -> None:
    show_at(qtbot, dialog, width, 720 if width > 800 else 600)
    table = dialog.table
    header = table.horizontalHeader()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    metrics = header.fontMetrics()
    names = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert names == [
        "Nervana Medical",
        "NorTex Psychiatry",
        "Unnamed provider reported in this area: Buena Park, CA",
        "Neuroplasticity MD Clinic",
    ]
    for column, name in enumerate(names):
        room = header.sectionSize(column) - 2 * margin
        assert max(metrics.horizontalAdvance(word) for word in name.split()) <= room
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), WRAP, name).height()
        assert needed <= header.height() - margin, f"{name!r} is cut off at {width} px"
        assert name in table.horizontalHeaderItem(column).toolTip()


def test_rows_are_as_tall_as_their_text(qtbot: QtBot, dialog: CompareDialog) -> None:
    show_at(qtbot, dialog, 1300, 800)
    table = dialog.table
    metrics = table.fontMetrics()
    for r in range(table.rowCount()):
        lines = max(
            metrics.boundingRect(
                QRect(0, 0, table.columnWidth(c) - 8, 10_000), WRAP, table.item(r, c).text()
            ).height()
            for c in range(table.columnCount())
        )
        label = table.verticalHeaderItem(r).text()
        assert lines <= table.rowHeight(r), f"row {label!r} cuts its text"
        assert table.rowHeight(r) <= lines + 2 * metrics.height(), f"row {label!r} is too tall"


def test_usable_at_800_by_600(qtbot: QtBot, dialog: CompareDialog) -> None:
    show_at(qtbot, dialog, 800, 600)
    assert (dialog.width(), dialog.height()) == (800, 600)
    parts: list[QWidget] = [dialog.table]
    for kind in (QLabel, QAbstractButton):
        parts += [
            w
            for w in dialog.findChildren(kind)
            if w.isVisible() and not dialog.table.isAncestorOf(w)
        ]
    assert len(parts) >= 6, "the notice, the notes, the table and four buttons"
    inside = dialog.rect()
    boxes = [QRect(w.mapTo(dialog, w.rect().topLeft()), w.size()) for w in parts]
    for widget, box in zip(parts, boxes, strict=True):
        assert inside.contains(box), f"{widget!r} sticks out of the window"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b), "two parts of the window overlap"
    assert dialog.table.height() >= 200
    assert dialog.table.horizontalScrollBar().maximum() > 0, "the table scrolls sideways"


def test_the_window_says_what_the_marks_and_distances_mean(
    qtbot: QtBot, dialog: CompareDialog
) -> None:
    show_at(qtbot, dialog, 1100, 700)
    text = labels(dialog)
    assert "Distances are straight-line from Sandy, UT" in text
    assert "Facts marked ≠ differ" in text
    assert "call or text 988" in text
    rows = [dialog.table.verticalHeaderItem(r).text() for r in range(dialog.table.rowCount())]
    assert "Distance from Sandy, UT" in rows  # where each clinic is: never marked
    assert "Depression ≠" in rows


def test_export_pdf_asks_in_documents_and_writes_there(
    qtbot: QtBot, dialog: CompareDialog, home: Path
) -> None:
    show_at(qtbot, dialog, 1100, 700)
    answer_export_dialog("PDF", "J. Doe", "Call after 3 pm.\nBring the insurance card.")
    started = answer_save_dialog("for J")
    written = dialog.export_interactively()
    assert started == [home / "Documents"]
    assert written == home / "Documents" / "for J.pdf"
    qtbot.waitUntil(lambda: f"Saved the comparison to {written}." in labels(dialog))
    text = " ".join(pdf_pages(written))
    assert "Clinic comparison" in text
    assert "Distances are straight-line from Sandy, UT" in text
    assert "Prepared for: J. Doe" in text
    assert "Coordinator's note: Call after 3 pm." in text
    answer_export_dialog("CSV (a spreadsheet)")
    started = answer_save_dialog("again.csv")
    csv_file = dialog.export_interactively()
    assert started == [home / "Documents"], "the next save starts where the last one went"
    assert csv_file is not None
    qtbot.waitUntil(lambda: f"Saved the comparison to {csv_file}." in labels(dialog))
    assert csv_file.read_bytes().startswith(codecs.BOM_UTF8)


def test_a_file_that_cannot_be_written_is_a_sentence(
    qtbot: QtBot, dialog: CompareDialog, home: Path
) -> None:
    show_at(qtbot, dialog, 1100, 700)
    kept = home / "Documents" / "kept.pdf"
    kept.write_text("kept")
    kept.chmod(0o444)
    answer_export_dialog("PDF")
    answer_question("Replace")
    answer_save_dialog(str(kept))
    assert dialog.export_interactively() == kept  # chosen, then refused with a sentence
    qtbot.waitUntil(lambda: "Cannot write" in labels(dialog))
    text = labels(dialog)
    assert "the file is read-only; it is unchanged" in text
    assert kept.read_text() == "kept"
    assert "Traceback" not in text


def test_the_intro_names_the_searched_place_as_written(
    qtbot: QtBot, registry: Registry, tmp_path: Path
) -> None:
    """The place's name comes from the online geocoder's answer (or its cache): markup in it
    is shown as written, never as an image or bold."""
    place = '350 <img src="x.png" width=900 height=300> <b>Main</b>, Sandy'
    matrix = ComparisonMatrix.of(registry.clinics[:2], ["1 mi", "2 mi"], place=place)
    dialog = CompareDialog(matrix, Preferences(tmp_path / "window.ini"))
    qtbot.addWidget(dialog)
    assert dialog.notes.textFormat() == Qt.TextFormat.PlainText
    assert place in label_shows(dialog.notes)
