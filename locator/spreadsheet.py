"""Cells of the CSV files locator writes that a spreadsheet opens as text, never runs as a
formula (CSV injection): registry and imported text is anyone's, and coordinators open these
files in a spreadsheet."""

from __future__ import annotations

# A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_MARK = "'"  # a spreadsheet shows what follows it as text, without it


def spreadsheet_safe(text: str) -> str:
    """``text`` marked as text where a spreadsheet would run it, or would take its own
    leading apostrophe for the mark (so that :func:`spreadsheet_text` gives it back whole)."""
    return _TEXT_MARK + text if text.startswith((*_FORMULA_STARTS, _TEXT_MARK)) else text


def spreadsheet_text(cell: str) -> str:
    """The text :func:`spreadsheet_safe` made ``cell`` from."""
    marked = cell.startswith(_TEXT_MARK) and cell[1:].startswith((*_FORMULA_STARTS, _TEXT_MARK))
    return cell[1:] if marked else cell
