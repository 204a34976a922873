"""A maintainer imports a directory whose data is not all locator's shape: File → Import
directory…'s report keeps what it can and says why (a price kept under hsds, a nameless service
left out and named by its row, an entry with no location and why), says what a file of
organizations is, refuses a registry too large to open before anything is saved, speaks
Spanish; the imported clinic's sources name the file they came from."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from locator.data import loader
from locator.settings import settings_path
from tests.helpers.exporting import save_as
from tests.helpers.language import wait_ready
from tests.helpers.paths import REPO
from tests.helpers.user import MakeWindow, User
from tests.journeys.test_directory_imports import read_report

EXAMPLES = REPO / "tests" / "data" / "hsds"
FOUND = "Clinics found, nearest first"
ENGLISH = ("File", "Import directory…")
SPANISH = ("Archivo", "Importar directorio…")


def _service(**changes: Any) -> dict[str, Any]:
    service: dict[str, Any] = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    return service | changes


def _in_sandy(service: dict[str, Any]) -> dict[str, Any]:
    """The example service at an office in Sandy, Utah: on Earth, at a US address."""
    location = service["service_at_locations"][0]["location"]
    location |= {"latitude": 40.5649, "longitude": -111.8389}
    location["addresses"][0] |= {"state_province": "UT", "postal_code": "84070", "city": "Sandy"}
    return service


def _import(
    user: User, source: Path, seen: list[str], keys: str, menu: tuple[str, str] = ENGLISH
) -> None:
    with user.answering(save_as(user, source), read_report(user, seen, keys=keys)):
        user.menu(*menu)
    user.wait(lambda: len(seen) == 3)


@pytest.fixture
def incoming(tmp_path: Path) -> Path:
    """The folder the directory's files come in (the window's registry is elsewhere)."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def test_the_report_keeps_what_it_can_and_says_why(make_window: MakeWindow, incoming: Path) -> None:
    package = incoming / "county 211"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    services.write_text(services.read_text("utf-8").replace(",Community Counselling,", ",  ,"))
    source = incoming / "county.json"
    dear = _in_sandy(_service(id="a", name="Dear Clinic"))
    dear["cost_options"] = [
        {"id": "c1", "option": "per session", "currency": "USD"}
        | {"amount_description": "$9,999,999 per session"}
    ]
    source.write_text(json.dumps([dear, _service(id="b", name="  "), _service(id="c")]), "utf-8")
    user = make_window()
    seen: list[str] = []
    _import(user, source, seen, keys="Escape")
    summary, details, buttons = seen
    assert summary.startswith("2 entries read from county.json.")
    assert (
        "1 price locator cannot hold (over $1,000,000, or its high end below its low), kept "
        "under hsds: Dear Clinic: $9,999,999 per session"
    ) in details
    assert "1 service not imported, as it has no name: county.json: /1" in details
    assert (
        "1 entry has no location, so no search by distance finds it: Community Counselling "
        "(latitude 100 is not on Earth; its address is a postal address, not the office's)"
    ) in details
    assert buttons == "Save as new registry… | Cancel"
    seen.clear()
    _import(user, package / "datapackage.json", seen, keys="Escape")  # its one service: no name
    summary, details, buttons = seen
    assert summary == f"nothing to import from {package}; nothing was written"
    assert details.splitlines() == [
        "county 211: no entry could be made of it",
        "1 service not imported, as it has no name: services.csv row 2",
        "5 rows no service in the package holds (they link to nothing, or to what no service "
        "holds), so no entry keeps them: attributes.csv row 2; metadata.csv row 2; "
        "taxonomy_terms.csv row 2; meta_table_descriptions.csv row 2; taxonomies.csv row 2",
    ]
    assert buttons == "Close"
    assert sorted(incoming.iterdir()) == [package, source]  # nothing written


def test_a_page_of_organizations_is_nothing_to_import(
    make_window: MakeWindow, incoming: Path
) -> None:
    source = incoming / "organization_list.json"
    shutil.copy(EXAMPLES / "organization_list.json", source)
    user = make_window()
    seen: list[str] = []
    _import(user, source, seen, keys="Escape")
    assert seen[0] == f"nothing to import from {source}; nothing was written"
    assert seen[1] == (
        "organization_list.json: a page of organizations with no services: nothing to import"
    )
    assert sorted(incoming.iterdir()) == [source]


def test_a_registry_too_large_to_open_is_refused_before_it_is_saved(
    make_window: MakeWindow, incoming: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_REGISTRY_BYTES", 4 * 1024 * 1024)  # 400 services pass it
    source = incoming / "state 211.json"
    source.write_text(json.dumps([_service(id=str(n)) for n in range(400)]), "utf-8")
    user = make_window()
    seen: list[str] = []
    _import(user, source, seen, keys="Escape")
    summary, details, buttons = seen
    assert summary == f"1 problem in {source}; nothing was written"
    assert details.startswith("state 211.json: the registry made from it would be ")
    assert details.endswith(
        f"MB, and a registry may be at most 4 MB (the setting registry_limit_mb in "
        f"{settings_path()} changes that), so it is not saved; import part of the directory "
        "at a time, or raise the setting"
    )
    assert buttons == "Close"
    assert sorted(incoming.iterdir()) == [source]


def test_problems_are_said_in_spanish(
    make_window: MakeWindow, tmp_path: Path, speak: Callable[[str], None]
) -> None:
    speak("es")
    source = tmp_path / "wrongtype.json"
    source.write_text(json.dumps(_service(minimum_age="twelve", status="open")), "utf-8")
    package = tmp_path / "paquete"
    shutil.copytree(EXAMPLES / "csv", package)
    services = package / "services.csv"
    text = services.read_text("utf-8").replace(",active,", ",open,")
    services.write_text(text.replace(",Community Counselling,", ",,"), encoding="utf-8")
    user = make_window(wait_ready=False)
    wait_ready(user)
    seen: list[str] = []
    _import(user, source, seen, keys="Escape", menu=SPANISH)
    assert (
        "wrongtype.json: /minimum_age: se esperaba un número, se encontró el texto “twelve”"
        in seen[1]
    )
    assert "wrongtype.json: /status: se esperaba uno de estos valores: active, inactive" in seen[1]
    seen.clear()
    _import(user, package / "datapackage.json", seen, keys="Escape", menu=SPANISH)
    lines = seen[1].splitlines()
    assert len(lines) == 2
    assert all(line.startswith("services.csv fila 2:") for line in lines), lines
    assert "falta “name”, que HSDS exige" in seen[1]
    seen.clear()
    broken = tmp_path / "roto.json"
    broken.write_text('{"contents": [1, }', encoding="utf-8")
    _import(user, broken, seen, keys="Escape", menu=SPANISH)
    assert seen[1] == (
        "roto.json línea 1, columna 18: no es JSON: falta un valor, o no es uno que JSON admita"
    )


def test_an_imported_clinics_sources_name_the_file(make_window: MakeWindow, tmp_path: Path) -> None:
    source = tmp_path / "sandy.json"
    source.write_text(json.dumps(_in_sandy(_service())), "utf-8")
    saved = tmp_path / "sandy.yaml"
    user = make_window()
    seen: list[str] = []
    with user.answering(
        save_as(user, source), read_report(user, seen, keys="Alt+S"), save_as(user, saved)
    ):
        user.menu("File", "Import directory…")
    user.wait(lambda: "sandy.yaml" in user.window.windowTitle())
    user.search("Sandy, UT")
    assert user.column(FOUND, "Clinic") == ["Community Counselling"]
    shown = " ".join(user.named("Clinic details").toPlainText().split())
    assert "Open Referral HSDS file sandy.json, imported by locator, read " in shown
