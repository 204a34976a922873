"""A patient searches one place after another: the map is drawn first, and the results table
that follows measures each of its cells once, not again on every layout pass, so that the
window is free for the map's next frame (issue 25: search to map updated)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyleOptionViewItem

from locator.ui import results_panel
from tests.helpers.user import MakeWindow


def test_a_new_search_measures_each_cell_for_its_row_height_once(
    make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured: Counter[tuple[int, int, int]] = Counter()
    real = results_panel._HeadingRoom.sizeHint

    def counting(
        self: results_panel._HeadingRoom,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QSize:
        measured[(id(index.model()), index.row(), index.column())] += 1
        return real(self, option, index)

    monkeypatch.setattr(results_panel._HeadingRoom, "sizeHint", counting)
    user = make_window()
    user.search("Sandy, UT")
    measured.clear()  # the first rows, and the window's first layout
    user.search("Dallas, TX")
    assert user.column("Clinics found, nearest first", "Clinic")  # the rows are shown
    assert measured, "the new rows were never measured"
    # once for the row's height; the tick and distance cells once more, for their column width
    assert max(measured.values()) <= 2, measured.most_common(3)
