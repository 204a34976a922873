"""Every file locator keeps in the user folders, broken every way a disk or a hand can break
it: locator recovers — rebuilds a cache, falls back to defaults for settings with a warning
naming the file and keeps a copy of what it could not read — and never stops."""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from locator.data import registry_cache
from locator.data.loader import load_registry
from locator.errors import FileWriteError
from locator.files import write_sealed
from locator.geo import index as place_index
from locator.geo.index import index_path
from locator.geo.online import GeocodeCache, OnlineGeocoder
from locator.geo.service import Geocoding
from locator.geo.water import GEOMETRY, kept_edges_key
from locator.settings import Settings, settings_path
from locator.shortlists import Shortlists, shortlists_path
from locator.ui.map_page_cache import app_map_page
from tests.helpers.cli import CliRunner
from tests.helpers.fake_nominatim import fake_nominatim
from tests.helpers.language import speaking

Breakage = Callable[[bytes], bytes]

# What a disk, a crash or a hand does to a file, given what the file held.
DAMAGE: dict[str, Breakage] = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "random-bytes": lambda good: random.Random(7).randbytes(max(len(good), 4096)),
    "not-utf8": lambda good: b"\xff\xfe" + good,
}
# What a hand writes into a JSON file.
WRONG_JSON: dict[str, Breakage] = {
    "array": lambda good: b"[]",
    "null": lambda good: b"null",
    "text": lambda good: b'"settings"',
    "number": lambda good: b"1e999",
    "deep-arrays": lambda good: b"[" * 100_000 + b"]" * 100_000,
    "deep-objects": lambda good: b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "wrong-types": lambda good: json.dumps({k: [[]] for k in json.loads(good)}).encode(),
}

# What is at a cache file's path instead of a file: a pipe no one writes to (reading it waits
# forever), a link to an endless device, a folder.
NOT_A_FILE: dict[str, Callable[[Path], None]] = {
    "fifo": os.mkfifo,
    "link-to-dev-zero": lambda path: path.symlink_to("/dev/zero"),
    "folder": Path.mkdir,
}


def break_file(path: Path, damage: Breakage) -> bytes:
    """Replace the file's content with a damaged form of it; returns what was written."""
    broken = damage(path.read_bytes())
    path.write_bytes(broken)
    return broken


def kept_copy(path: Path) -> bytes:
    """The copy locator kept of a file it could not use."""
    (copy,) = path.parent.glob(f"{path.name}.unreadable-*")
    return copy.read_bytes()


@pytest.mark.parametrize("damage", [*DAMAGE, *WRONG_JSON])
def test_settings(damage: str, run_cli: CliRunner) -> None:
    Settings(online_lookups=True).save()
    broken = break_file(settings_path(), {**DAMAGE, **WRONG_JSON}[damage])
    nearest = run_cli("nearest", "84095", "--json")
    assert nearest.returncode == 0, nearest.stderr
    assert json.loads(nearest.stdout)["origin"]["label"] == "South Jordan, UT 84095"
    assert "unexpected error" not in nearest.stderr
    if damage == "wrong-types":  # the provider's part is kept in the file as found, unused
        assert "Online lookups are off: these settings in" in nearest.stderr
        assert "“online_provider” (expected an object" in nearest.stderr
    else:
        assert "settings.json could not be used" in nearest.stderr
        assert kept_copy(settings_path()) == broken
        # it may have named a private provider: nothing is saved over it, with a sentence
        refused = run_cli("settings", "--online-lookups", "off")
        assert "Correct it or remove it first" in refused.stderr
        assert settings_path().read_bytes() == broken
        settings_path().unlink()  # as the sentence says; the copy kept aside stays
    repaired = run_cli("settings", "--online-lookups", "off")
    assert repaired.returncode == 0, repaired.stderr
    assert Settings.load().online_lookups is False


@pytest.mark.parametrize(
    "provider",
    [
        {"service": "no-such-service"},
        {"service": "nosuchservice"},
        {"service": "nominatim", "options": {"no_such_option": 1}},
        {"service": "nominatim", "timeout_seconds": "soon"},
        {"service": "nominatim", "options": [1, 2]},
    ],
)
def test_settings_naming_an_unusable_online_service(
    provider: dict[str, object], run_cli: CliRunner
) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"online_lookups": True, "online_provider": provider}))
    nearest = run_cli("nearest", "84095")  # a ZIP code needs no network
    assert nearest.returncode == 0, nearest.stderr
    assert "within travel distance of South Jordan, UT 84095, nearest" in nearest.stdout
    address = run_cli("geocode", "350 E Main St, Sandy, UT 84070")
    assert address.returncode == 0, address.stderr
    assert address.stdout.startswith("Sandy, UT 84070")  # the offline answer, with a note
    assert "unexpected error" not in nearest.stderr + address.stderr


@pytest.mark.parametrize("damage", [*DAMAGE, *WRONG_JSON])
def test_shortlists(damage: str) -> None:
    Shortlists().add("referrals for J.", "first-clinic")
    broken = break_file(shortlists_path(), {**DAMAGE, **WRONG_JSON}[damage])
    shortlists = Shortlists()
    assert shortlists.names() == []
    assert kept_copy(shortlists_path()) == broken
    if damage != "wrong-types":  # a file read in part is saved with what could be used
        with pytest.raises(FileWriteError, match="locator could not read it"):
            shortlists.add("again", "first-clinic")  # never saved over unseen
        assert shortlists_path().read_bytes() == broken
        shortlists.clear()  # the user chose to start afresh
    shortlists.add("again", "first-clinic")
    assert Shortlists().ids("again") == ["first-clinic"]


@pytest.mark.parametrize("damage", DAMAGE)
def test_map_page_cache(damage: str, isolated_user_dirs: Path) -> None:
    app_map_page("")
    (cached,) = (isolated_user_dirs / "xdg_cache_home").rglob("map-page-*.html")
    break_file(cached, DAMAGE[damage])
    page = app_map_page("")  # built again (folium names its map anew each time)
    assert "locatorMap" in page
    assert page.rstrip().endswith("</html>")
    assert app_map_page("") == page  # and kept whole this time


@pytest.mark.parametrize("damage", DAMAGE)
def test_registry_cache(damage: str, valid_registry: Path) -> None:
    first = load_registry(valid_registry)
    (entry,) = registry_cache.cache_dir().glob("*.pickle")
    break_file(entry, DAMAGE[damage])
    assert load_registry(valid_registry) == first
    assert load_registry(valid_registry) == first  # from the entry written again


@pytest.mark.parametrize("thing", NOT_A_FILE)
def test_registry_cache_entry_that_is_not_a_file(
    thing: str, valid_registry: Path, run_cli: CliRunner
) -> None:
    first = run_cli("nearest", "84095", "--registry", str(valid_registry), "--json")
    assert first.returncode == 0, first.stderr
    (entry,) = registry_cache.cache_dir().glob("*.pickle")
    entry.unlink()
    NOT_A_FILE[thing](entry)
    for _ in range(2):  # the second from the entry written again, where it could be
        again = run_cli("nearest", "84095", "--registry", str(valid_registry), "--json", timeout=60)
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout) == json.loads(first.stdout)
    assert entry.is_dir() if thing == "folder" else entry.is_file() and not entry.is_symlink()
    assert Path("/dev/zero").is_char_device()  # the link went, never what it led to


def drive_estimates(answer: str) -> list[tuple[str, object, object]]:
    """Each clinic `nearest --json` answers with, and how long the drive is said to take."""
    return [
        (result["id"], result["drive_minutes"], result["drive_minutes_reason"])
        for result in json.loads(answer)["results"]
    ]


@pytest.mark.parametrize("damage", [*DAMAGE, *NOT_A_FILE, "sealed-not-edges"])
def test_shore_edges_cache(damage: str, run_cli: CliRunner, isolated_user_dirs: Path) -> None:
    first = run_cli("nearest", "Sandy, UT", "--json")  # takes the shore from the map, keeps it
    assert first.returncode == 0, first.stderr
    (kept,) = (isolated_user_dirs / "xdg_cache_home").rglob("shore-*.edges")
    if damage in NOT_A_FILE:
        kept.unlink()
        NOT_A_FILE[damage](kept)
    elif damage == "sealed-not-edges":  # whole and sealed, but no arrays NumPy can read
        write_sealed(kept, b"not the shore", key=kept_edges_key(GEOMETRY.read_bytes()))
    else:
        break_file(kept, DAMAGE[damage])
    for _ in range(2):  # taken from the map again, then from what was kept again
        again = run_cli("nearest", "Sandy, UT", "--json", timeout=60)
        assert again.returncode == 0, again.stderr
        assert drive_estimates(again.stdout) == drive_estimates(first.stdout)
    assert kept.is_dir() if damage == "folder" else kept.is_file() and not kept.is_symlink()
    assert Path("/dev/zero").is_char_device()  # the link went, never what it led to


@pytest.mark.parametrize("damage", [*DAMAGE, "bad-rows"])
def test_online_lookup_cache(damage: str) -> None:
    with fake_nominatim() as (domain, behaviour):
        provider = OnlineGeocoder(
            Settings().online_provider.__class__(
                options={"domain": domain, "scheme": "http"}, min_delay_seconds=0
            )
        )
        address = "350 E Main St, Sandy, UT 84070"
        Geocoding(online=provider).lookup(address)
        cache = GeocodeCache()
        if damage == "bad-rows":
            import sqlite3

            with sqlite3.connect(cache.path) as db:
                db.execute('UPDATE answer SET places = \'[{"latitude": "north"}]\'')
        else:
            break_file(cache.path, DAMAGE[damage])
        assert Geocoding(online=provider).lookup(address)[0].precision.value == "address"
        assert Geocoding(online=provider).lookup(address)[0].precision.value == "address"
    assert len(behaviour.requests) == 2  # asked again once, then answered from the cache


@pytest.mark.parametrize("damage", ["empty", "truncated", "random-bytes", "torn-pages"])
def test_gazetteer_index(
    damage: str, gazetteer_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In locator's cache folder any damage is built again; at $LOCATOR_GAZETTEER_INDEX only
    a file still recognisably locator's index (its header kept) is: anything else there may
    be the user's own (see test_gazetteer)."""
    Geocoding().lookup("84095")  # the shared index exists
    if damage in {"truncated", "torn-pages"}:
        index = tmp_path / "gazetteer.sqlite"
        monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(index))
    else:
        monkeypatch.delenv("LOCATOR_GAZETTEER_INDEX")
        index = place_index._cached_index_path()
        index.parent.mkdir(parents=True)
    shutil.copyfile(gazetteer_index, index)
    assert index_path() == index
    if damage == "torn-pages":  # whole pages overwritten in the middle: only reading tells
        data = bytearray(index.read_bytes())
        data[len(data) // 4 : len(data) * 3 // 4] = bytes(len(data) // 2)
        index.write_bytes(bytes(data))
    else:
        break_file(index, DAMAGE[damage])
    places = Geocoding().lookup("Sandy, UT")
    assert places[0].label == "Sandy, UT"
    assert Geocoding().lookup("84095")[0].label == "South Jordan, UT 84095"


def test_a_gazetteer_index_with_its_rows_deleted_is_built_again(
    gazetteer_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    Geocoding().lookup("84095")
    index = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gazetteer_index, index)
    monkeypatch.setenv("LOCATOR_GAZETTEER_INDEX", str(index))
    with sqlite3.connect(index) as db:
        db.execute("DELETE FROM place")
    assert Geocoding().lookup("84095")[0].label == "South Jordan, UT 84095"


def test_one_copy_is_kept_of_a_file_that_stays_broken(run_cli: CliRunner) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{broken")
    for _ in range(3):
        assert run_cli("geocode", "84095").returncode == 0
    assert len(list(settings_path().parent.glob("settings.json.unreadable-*"))) == 1


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "settings.json could not be used: it could not be read (that is a folder). locator "
            "goes on without it (no copy could be kept: that is a folder).",
        ),
        (
            "es",
            "settings.json no se pudo usar: no se pudo leer (eso es una carpeta). locator sigue "
            "sin él (no se pudo guardar una copia: eso es una carpeta).",
        ),
    ],
)
def test_why_no_copy_could_be_kept_is_said_in_locators_words(
    language: str, said: str, run_cli: CliRunner
) -> None:
    """A folder at the settings' name was "Is a directory", the system's English, twice."""
    settings_path().mkdir(parents=True)
    shown = run_cli("--lang", language, "settings")
    assert shown.returncode == 0, shown.stderr
    assert said in shown.stderr
    assert "directory" not in shown.stderr.lower()


def test_a_link_planted_at_a_kept_copys_name_is_said_and_not_followed(tmp_path: Path) -> None:
    """The copy kept last was read through no link: "Too many levels of symbolic links" was
    said instead of why."""
    path = tmp_path / "shortlists.json"
    path.write_text("{broken", encoding="utf-8")
    target = tmp_path / "elsewhere"
    target.write_text("{broken", encoding="utf-8")
    (tmp_path / "shortlists.json.unreadable-99991231T235959").symlink_to(target)
    with speaking("es"):
        problem = Shortlists(path).problem
    assert problem is not None
    assert problem.endswith(
        "(no se pudo guardar una copia: hay un enlace en medio, que locator no sigue ahí)."
    )
    assert target.read_text(encoding="utf-8") == "{broken"


def test_a_byte_order_mark_is_read_past(isolated_user_dirs: Path) -> None:
    """Notepad may save settings.json with a UTF-8 byte order mark: still JSON, not damage."""
    for path, content in (
        (settings_path(), {"online_lookups": True, "language": "es"}),
        (shortlists_path(), {"referrals for J.": ["first-clinic"]}),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xef\xbb\xbf" + json.dumps(content).encode())
    settings = Settings.load()
    assert (settings.online_lookups, settings.language) == (True, "es")
    shortlists = Shortlists()
    assert (shortlists.problem, shortlists.ids("referrals for J.")) == (None, ["first-clinic"])
    assert sorted(p.name for p in shortlists_path().parent.iterdir()) == ["shortlists.json"]


def test_a_setting_of_a_megabyte_is_named_cut_short() -> None:
    """A settings.json key of 1 MB was echoed whole, a sentence of a megabyte."""
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    key = "online_" + "x" * 1_000_000
    settings_path().write_text(json.dumps({key: 1}), encoding="utf-8")
    problem = Settings.load().problem
    assert problem is not None
    assert f"the setting “{key[:60]}…” in " in problem
    assert len(problem) < 500
