"""Comparing the ticked clinics, exporting or printing the comparison, and the referral summary
as PDF or HTML. The distances come from the window (``distances``: by clinic id, and the place they
are from), as the results show them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from locator.compare import ComparisonMatrix, file_name
from locator.i18n import _, pgettext
from locator.referral import referable, referral_html
from locator.ui import window_text
from locator.ui.background_export import BackgroundExport, SavingBar, Steps
from locator.ui.detail_pane import NOT_SHORTLISTED
from locator.ui.export_dialog import HTML, PDF, ask_export
from locator.ui.file_dialogs import ask_save_path
from locator.ui.focus_return import show_in_front
from locator.ui.message_bar import MessageBar, MessageKind
from locator.ui.results_panel import MAX_COMPARED

if TYPE_CHECKING:
    from locator.ui.compare_dialog import CompareDialog
    from locator.ui.preferences import Preferences
    from locator.ui.results_panel import ResultsPanel

Distances = Callable[[], tuple[dict[str, str], str | None]]


class ComparisonActions:
    """What the comparison and referral commands do, and when they cannot."""

    def __init__(
        self,
        results: ResultsPanel,
        distances: Distances,
        preferences: Preferences,
        messages: MessageBar,
        parent: QWidget,
        saving: SavingBar,
    ) -> None:
        """``saving`` is the window's strip that shows a summary being saved, with Cancel."""
        self.results = results
        self.distances = distances
        self.preferences = preferences
        self.messages = messages
        self.parent = parent
        self.saving = BackgroundExport(saving)  # summaries are made off the GUI thread

    def why_not_compare(self) -> str | None:
        """Comparing needs 2 to MAX_COMPARED clinics ticked."""
        ticked = len(self.results.ticked())
        if 2 <= ticked <= MAX_COMPARED:
            return None
        return window_text.tick_to_compare(MAX_COMPARED, ticked)

    def why_not_refer(self) -> str | None:
        """The referral summary needs clinics ticked, each one that can be referred to."""
        ticked = self.results.ticked()
        if referable(ticked):
            return None
        return window_text.tick_for_referral(_(NOT_SHORTLISTED) if ticked else None)

    def compare(self) -> CompareDialog:
        """The ticked clinics side by side, in a window of their own."""
        from locator.ui.compare_dialog import CompareDialog  # loads when first compared

        dialog = CompareDialog(
            self._matrix(), self.preferences, self.parent, after_closing=self._notice
        )
        dialog.setModal(False)
        show_in_front(dialog)
        return dialog

    def export(self) -> None:
        """The comparison, saved as a file the user names."""
        self.compare().export_interactively()

    def print(self) -> None:
        """The comparison, printed."""
        from locator.ui.compare_dialog import print_comparison

        print_comparison(self._matrix(), self.parent, self.preferences)

    def refer(self) -> None:
        """The referral summary of the ticked clinics, saved as a PDF (or HTML) the user
        names, with who it is for and a note when given; made off the GUI thread, with its
        progress and Cancel in the window's saving strip."""
        from locator.ui.documents import pdf_bytes  # Qt's printing: loads when first saved

        title = _("Save the referral summary")
        choice = ask_export(self.parent, title, (PDF, HTML), _("&Save as…"))
        if choice is None:
            return
        distances, place = self.distances()
        html = referral_html(
            self.results.ticked(), searched=place, distances=distances, prepared=choice.prepared
        )
        path = ask_save_path(
            self.parent,
            self.preferences,
            title,
            # Translators: the start of a saved referral summary's name, before date and place.
            file_name(pgettext("file name", "referral"), place, choice.format.suffix),
            choice.format.name_filter,
        )
        if path is None:
            return

        def make(steps: Steps) -> bytes:
            if choice.format is PDF:
                return pdf_bytes(html, progress=steps)
            return html.encode("utf-8")

        self.saving.start(
            _("the referral summary"),
            path,
            make,
            lambda written: self.messages.post(
                MessageKind.NOTICE, window_text.saved_referral(written)
            ),
            self._notice,
        )

    def _notice(self, sentence: str) -> None:
        """``sentence`` in the window's message bar: what became of an export."""
        self.messages.post(MessageKind.NOTICE, window_text.notice(sentence))

    def _matrix(self) -> ComparisonMatrix:
        clinics = self.results.ticked()
        distances, place = self.distances()
        column = [distances.get(c.id, "—") for c in clinics] if distances else None
        return ComparisonMatrix.of(clinics, column, place=place)
