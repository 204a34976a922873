"""The schema.org JSON-LD objects of an exported page, read as a browser or a crawler does."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path


class _LinkedData(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.objects: list[dict[str, object]] = []
        self.scripts = 0  # every script element, whatever its type
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
            self._inside = ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.objects.append(json.loads(data))


def linked_data(page: Path) -> tuple[list[dict[str, object]], int]:
    """The page's JSON-LD objects in order, and how many script elements it has in all."""
    parser = _LinkedData()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.objects, parser.scripts
