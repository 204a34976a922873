"""What a coordinator chooses before a comparison or a referral summary is saved or printed:
the file's format, who it is prepared for and a note. The name and the note go into the
document and are never written anywhere else, so a shared computer never shows them to the next
person; an open Compare window offers them again to its next document, until it closes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from locator.compare import Preparation
from locator.i18n import N_, _

NOT_KEPT = N_(
    "Both are optional. locator does not keep them: they are written into this document only."
)
OFFERED_AGAIN = N_(
    "Both are optional. locator never saves them: they go into this document, and this "
    "comparison offers them again until you close it."
)


@dataclass(frozen=True)
class Format:
    """A kind of file an export can be: its name in the dialog and its suffix."""

    label: str  # a msgid
    suffix: str

    @property
    def name_filter(self) -> str:
        """The save dialog's filter: "PDF (*.pdf)"."""
        return f"{_(self.label)} (*{self.suffix})"


PDF = Format(N_("PDF"), ".pdf")
HTML = Format(N_("HTML (a page any browser opens)"), ".html")
MARKDOWN = Format(N_("Markdown"), ".md")
CSV = Format(N_("CSV (a spreadsheet)"), ".csv")


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose: the format, and who the document is for with their note."""

    format: Format
    prepared: Preparation


class ExportDialog(QDialog):
    """The format (when there is a choice), "Prepared for" and the coordinator's note."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        formats: Sequence[Format],
        accept: str,
        remark: str = "",
        offered: Preparation | None = None,
    ) -> None:
        """``remark``, when given, is a sentence about what the document holds, shown first;
        ``offered``, when given, is what was typed for the window's last document, filled in
        again (the window forgets it when it closes)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.formats = list(formats)
        form = QFormLayout()
        self.format = QComboBox(self)
        self.format.setAccessibleName(_("Format"))
        for choice in self.formats:
            self.format.addItem(_(choice.label))
        if len(self.formats) > 1:
            form.addRow(_("&Format:"), self.format)
        else:  # one format, or a printout
            self.format.hide()
        self.patient = QLineEdit(self)
        self.patient.setAccessibleName(_("Prepared for"))
        self.patient.setPlaceholderText(_("the patient's name"))
        form.addRow(_("&Prepared for:"), self.patient)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(_("Coordinator's note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(_("Coordinator's &note:"), self.note)
        if offered is not None:
            self.patient.setText(offered.patient)
            self.note.setPlainText(offered.note)
        hint = QLabel(_(NOT_KEPT if offered is None else OFFERED_AGAIN), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(accept)
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if remark:
            scope = QLabel(remark, self)
            scope.setObjectName("exportScope")
            scope.setTextFormat(Qt.TextFormat.PlainText)
            scope.setWordWrap(True)
            layout.addWidget(scope)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The keyboard starts in the first field (a dialog would start on its button)."""
        super().showEvent(event)
        (self.format if len(self.formats) > 1 else self.patient).setFocus()

    def prepared(self) -> Preparation:
        """Who the document is for and the note, as typed."""
        return Preparation(self.patient.text(), self.note.toPlainText())


def ask_export(
    parent: QWidget | None,
    title: str,
    formats: Sequence[Format],
    accept: str,
    remark: str = "",
    offered: Preparation | None = None,
) -> ExportChoice | None:
    """Ask for the format (the first of ``formats`` offered first), who the document is for and
    a note (``offered`` filled in); None when the user cancels. ``accept`` names the next step
    ("Save as…"); ``remark`` says what the document holds, when that needs saying."""
    dialog = ExportDialog(parent, title, formats, accept, remark, offered)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return ExportChoice(formats[dialog.format.currentIndex()], dialog.prepared())
    finally:
        dialog.deleteLater()


def ask_preparation(
    parent: QWidget | None,
    title: str,
    accept: str,
    remark: str = "",
    offered: Preparation | None = None,
) -> Preparation | None:
    """Ask who a printout is for and a note (``offered`` filled in); None when the user
    cancels."""
    dialog = ExportDialog(parent, title, (), accept, remark, offered)
    try:
        return dialog.prepared() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
