"""A patient or coordinator who sees a wrong fact suggests a correction, and it reaches whoever
keeps the registry: an email ready to send, or their page with the text on the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl, QUrlQuery
from PySide6.QtGui import QGuiApplication

from tests.helpers.browser import Browser
from tests.helpers.user import MakeWindow

FOUND = "Clinics found, nearest first"


def with_maintainer(registry: Path, maintainer: str) -> None:
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace("schema_version: 1\n", f"schema_version: 1\nmaintainer: {maintainer}\n", 1),
        encoding="utf-8",
    )


def test_a_correction_opens_an_email_to_the_maintainer(
    make_window: MakeWindow, registry_copy: Path, browser: Browser
) -> None:
    with_maintainer(registry_copy, "{name: Registry desk, email: corrections@example.org}")
    user = make_window()
    user.search("Sandy, UT")
    user.click_cell(FOUND, 0)
    user.click("Suggest a correction")
    user.wait(lambda: len(browser.opened) == 1)
    mail = QUrl(browser.opened[0])
    assert mail.scheme() == "mailto"
    assert mail.path() == "corrections@example.org"
    query = QUrlQuery(mail)
    decoded = QUrl.ComponentFormattingOption.FullyDecoded
    assert query.queryItemValue("subject", decoded) == (
        "Correction for Nervana Medical (nervana-medical-sandy)"
    )
    assert "Entry id: nervana-medical-sandy" in query.queryItemValue("body", decoded)
    assert "An email to corrections@example.org is ready" in user.texts()


def test_a_correction_opens_the_maintainers_page_with_the_text_to_paste(
    make_window: MakeWindow, registry_copy: Path, browser: Browser
) -> None:
    with_maintainer(registry_copy, "{url: 'https://example.org/corrections'}")
    user = make_window()
    user.search("Sandy, UT")
    user.click_cell(FOUND, 0)
    user.click("Suggest a correction")
    user.wait(lambda: browser.opened == ["https://example.org/corrections"])
    assert "Entry id: nervana-medical-sandy" in QGuiApplication.clipboard().text()
    assert "paste it into the page that opened" in user.texts()


@pytest.mark.parametrize("maintainer", ["{name: Nobody}", "{email: not-an-address}"])
def test_a_maintainer_without_a_way_to_reach_them_is_a_registry_error(
    make_window: MakeWindow, registry_copy: Path, maintainer: str
) -> None:
    with_maintainer(registry_copy, maintainer)
    user = make_window(wait_ready=False)
    user.wait(lambda: "maintainer" in user.texts())
