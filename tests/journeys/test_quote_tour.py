"""A maintainer edits the registry locator ships, and then their own copy of it: each quote
is checked against the seed document it cites, which ships beside the registry."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from locator.data.paths import user_registry
from tests.helpers.editor import editor_window
from tests.helpers.user import MakeWindow, User

NOT_IN_IT = "this quote is not in 000_5c7c8aabd53983aa.txt word for word"


def edit_quote(user: User, row: int, text: str) -> None:
    """Retype a quote of the Sources table, as the keyboard does."""
    user.click_widget(user.named("Sources"))
    user.click_cell("Sources", row, 1)
    user.press("F2")
    user.press("Ctrl+A")
    user.type(text)
    user.press("Return")
    user.wait(lambda: user.table("Sources")[row][1] == text)


def test_the_shipped_registrys_quotes_are_checked_against_their_documents(
    make_window: MakeWindow,
) -> None:
    user = make_window(shipped=True)
    user.menu("File", "Edit registry…")
    editor = editor_window(user)
    assert "is not at hand" not in user.texts()  # its documents ship with it
    assert "word for word" not in user.texts()  # and its quotes are in them
    quote = user.table("Sources")[0][1]
    edit_quote(user, 0, quote.replace("South Jordan", "West Jordan"))  # not what it says
    user.wait(lambda: NOT_IN_IT in user.texts())
    edit_quote(user, 0, quote)
    user.wait(lambda: NOT_IN_IT not in user.texts())
    user.click_widget(user.named("Notes", QPlainTextEdit))
    user.type(" Checked.")
    user.click("Save", within=editor)
    user.wait(lambda: "saved as your own copy" in user.texts())
    assert user_registry().is_file()
    # the own copy cites the same documents: they are still at hand
    edit_quote(user, 0, quote.replace("South Jordan", "West Jordan"))
    user.wait(lambda: NOT_IN_IT in user.texts())
    assert "is not at hand" not in user.texts()
    user.press("Ctrl+Z")
    user.wait(lambda: NOT_IN_IT not in user.texts())
    user.click("Close", within=editor)
