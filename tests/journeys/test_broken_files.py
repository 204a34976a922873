"""A user whose locator files were damaged (a crash, a full disk, a hand edit) still gets a
working app: the map, the search and their shortlists menu, with defaults where needed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from locator.shortlists import Shortlists, shortlists_path
from locator.ui.map_page_cache import app_map_page
from locator.ui.preferences import preferences_path
from tests.helpers.user import MakeWindow


def test_the_app_starts_and_searches_with_its_kept_files_broken(
    make_window: MakeWindow, isolated_user_dirs: Path
) -> None:
    app_map_page("")  # an earlier start kept the map page
    Shortlists().add("referrals for J.", "nervana-medical-sandy")
    (page,) = (isolated_user_dirs / "xdg_cache_home").rglob("map-page-*.html")
    page.write_bytes(page.read_bytes()[:2000])  # cut short by a full disk
    shortlists_path().write_bytes(b"[" * 100_000 + b"]" * 100_000)  # not what locator wrote
    preferences_path().parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(preferences_path())  # QSettings waited on it for a writer: no window ever came
    user = make_window()
    assert "shortlists.json could not be used" in user.texts()  # said, not only logged
    assert "a copy was kept as shortlists.json.unreadable-" in user.texts()
    assert "window.ini could not be used: it could not be read (it is a pipe" in user.texts()
    user.search("84095")
    assert user.column("Clinics found, nearest first", "Clinic")[0].startswith("Nervana")
    assert "shortlists.json could not be used" in user.texts()  # a search does not take it away
    assert stat.S_ISFIFO(preferences_path().lstat().st_mode)  # left as it is
    user.wait(lambda: user.map("locatorMap.markerCount()") == 4)
    assert list(shortlists_path().parent.glob("shortlists.json.unreadable-*"))


def test_started_on_a_broken_registry_the_status_line_goes_quiet(
    make_window: MakeWindow, registry_copy: Path
) -> None:
    user = make_window()
    user.search("Sandy, UT")
    user.click_link("Keep your last search", "Keep it")  # the next start searches for it again
    user.menu("File", "Quit")
    registry_copy.write_text("clinics: [\n", encoding="utf-8")  # a hand edit left half done
    again = make_window(wait_ready=False)
    again.wait(lambda: "The registry" in again.texts() and "F5" in again.texts())
    again.wait(lambda: again.named("What locator is doing").text() == "")  # not "Getting ready"
