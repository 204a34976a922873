"""Plain-text tables for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from locator.terminal import in_line


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 38) -> str:
    """Columns padded to their widest cell (cells cut at ``max_width`` with "…").

    Control characters are made visible first, a line break or tab too (a cell is one line of
    the table), so a cut never leaves half an escape sequence.
    """
    shown = [[in_line(cell) for cell in row] for row in rows]
    cut = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in shown]
    cells = [list(header), *cut]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)
