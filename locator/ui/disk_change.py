"""The bar that says, while the registry is being edited, that another program changed its
file (at once, not only when Save is refused), with what can be done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from locator.i18n import N_, _
from locator.ui.window_text import shown_path

# the two ways out, worded alike here and in the question a refused save asks
MERGE = N_("Mer&ge: keep my edits to other clinics")
RELOAD = N_("Reload it, &discarding my edits")


class DiskChangeBar(QWidget):
    """Says that the file changed on disk while it has unsaved edits here, and offers to
    merge them into the file as it is now, or to reload it without them."""

    merge_requested = Signal()
    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diskChange")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#diskChange { background: palette(alternate-base); border-left: 4px solid #e0a800; }"
        )
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a path is shown as written
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Changed on disk"))
        merge = QPushButton(_(MERGE), self)
        merge.clicked.connect(self.merge_requested)
        reload = QPushButton(_(RELOAD), self)
        reload.clicked.connect(self.reload_requested)
        buttons = QHBoxLayout()  # below the sentence: both fit a narrow window
        buttons.addWidget(merge)
        buttons.addWidget(reload)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        self.hide()

    def show_change(self, path: Path) -> None:
        """Say that ``path`` changed on disk, with the choices."""
        self.label.setText(
            _(
                "Another program changed {path} while you were editing it. Merge your edits "
                "into it as it is now (a clinic changed there too keeps its new version), or "
                "reload it; saving now would be refused."
            ).format(path=shown_path(path))
        )
        self.show()
