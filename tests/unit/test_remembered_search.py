"""The remembered search as kept on disk: every filter comes back, what cannot be used is left
out (never guessed), and the keys an earlier locator wrote are understood."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from locator.data.vocabulary import Condition, Feature, Language, Payment, Treatment
from locator.query import Filters
from locator.ui.preferences import MOST_PREFERENCE_BYTES, Preferences
from locator.ui.remembered_search import RememberedSearch
from locator.units import Unit

EVERY_FILTER = Filters(
    conditions=frozenset({Condition.DEPRESSION}),
    treatments=frozenset(Treatment),
    payment=frozenset({Payment.INSURANCE, Payment.SELF_PAY}),
    features=frozenset({Feature.WHEELCHAIR_ACCESSIBLE, Feature.EVENING_HOURS}),
    languages=frozenset({Language.SPANISH}),
    telehealth_state="NV",
    max_session_usd=500,
)


def test_every_filter_is_kept_in_one_value_and_comes_back() -> None:
    search = RememberedSearch("Sandy, UT", 25, EVERY_FILTER)
    kept = search.to_json()
    assert json.loads(kept)["filters"]["languages"] == ["spanish"]
    assert RememberedSearch.from_json(kept) == search


def test_what_cannot_be_used_is_left_out() -> None:
    kept = json.dumps(
        {
            "place": "Sandy, UT",
            "radius": "far",
            "filters": {
                "max_session_usd": "cheap",
                "telehealth_state": 7,
                "languages": ["spanish", "klingon"],
                "payment": "insurance",
            },
        }
    )
    assert RememberedSearch.from_json(kept) == RememberedSearch(
        "Sandy, UT", None, Filters(languages=frozenset({Language.SPANISH}))
    )
    for nothing in ("", "[]", "{not json", json.dumps({"place": " "}), None):
        assert RememberedSearch.from_json(nothing) is None


def test_the_keys_an_earlier_locator_wrote_are_understood() -> None:
    old = {  # as an INI file gives them back: numbers as text, a list of one as its item
        "query": "Sandy, UT",
        "radius": "0",
        "conditions": "depression",
        "payment": ["insurance", "self_pay"],
        "max_price": "500",
        "telehealth_to": None,
    }
    assert RememberedSearch.from_old_keys(old) == RememberedSearch(
        "Sandy, UT",
        None,
        Filters(
            conditions=frozenset({Condition.DEPRESSION}),
            payment=frozenset({Payment.INSURANCE, Payment.SELF_PAY}),
            max_session_usd=500,
        ),
    )


# What a hand, or an older locator, leaves in window.ini: the file as written, and what of the
# kept search comes back (a bad part left out, the good parts kept).
SANDY = {"place": "Sandy, UT", "radius": 25, "filters": {"languages": ["spanish"]}}
SANDY_BACK = RememberedSearch("Sandy, UT", 25, Filters(languages=frozenset({Language.SPANISH})))
HUGE = "9" * 5_000  # more digits than Python turns into a number


def ini_with(last: object, *lines: str) -> str:
    """A window.ini keeping ``last`` as the search (JSON, quoted as QSettings quotes it),
    with the unit in kilometres and ``lines`` under [search]."""
    text = last if isinstance(last, str) else json.dumps(last)
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return "\n".join(["[search]", "unit=km", f'last="{quoted}"', *lines, ""])


ASKED_YES = "[privacy]\nremember_searches=true\n"  # the person said the search may be kept


def started_on(tmp_path: Path, ini: str) -> Preferences:
    """The preferences a start of locator reads from ``ini`` (with remembering said yes to,
    unless ``ini`` says otherwise)."""
    path = tmp_path / "window.ini"
    path.write_text(ini if "[privacy]" in ini else ASKED_YES + ini, encoding="utf-8")
    return Preferences(path)


@pytest.mark.parametrize(
    ("last", "back"),
    [
        pytest.param("[" * 100_000 + "]" * 100_000, None, id="deep-nesting"),
        pytest.param('{"place": "Sandy, UT", "filters": ' + "[" * 50_000, None, id="deep-cut"),
        pytest.param(
            json.dumps(SANDY).replace("25", HUGE), replace(SANDY_BACK, radius=None), id="huge-int"
        ),
        pytest.param({**SANDY, "radius": 2**63}, replace(SANDY_BACK, radius=None), id="2^63"),
        pytest.param({**SANDY, "radius": -25}, replace(SANDY_BACK, radius=None), id="negative"),
        pytest.param({**SANDY, "radius": 30}, replace(SANDY_BACK, radius=None), id="not-offered"),
        pytest.param({**SANDY, "radius": True}, replace(SANDY_BACK, radius=None), id="bool"),
        pytest.param({**SANDY, "radius": 25.0}, replace(SANDY_BACK, radius=None), id="float"),
        pytest.param(
            {**SANDY, "filters": {"languages": ["spanish"], "max_session_usd": 2**64}},
            SANDY_BACK,
            id="huge-price",
        ),
        pytest.param(
            {**SANDY, "filters": {"languages": ["spanish"], "max_session_usd": 450}},
            SANDY_BACK,
            id="price-not-offered",
        ),
        pytest.param(
            {**SANDY, "filters": {"languages": ["spanish"], "max_session_usd": 500}},
            replace(SANDY_BACK, filters=replace(SANDY_BACK.filters, max_session_usd=500)),
            id="price-offered",
        ),
        pytest.param(
            {**SANDY, "filters": [1, 2]}, replace(SANDY_BACK, filters=Filters()), id="list"
        ),
        pytest.param({**SANDY, "place": 7}, None, id="place-a-number"),
    ],
)
def test_a_hand_edited_search_loses_only_its_bad_part(
    last: object, back: RememberedSearch | None, tmp_path: Path
) -> None:
    preferences = started_on(tmp_path, ini_with(last))
    assert preferences.last_search == back
    assert preferences.unit == Unit.KM  # nothing else in the file is lost


@pytest.mark.parametrize(
    ("old", "back"),
    [
        pytest.param(f"radius={HUGE}", RememberedSearch("Sandy, UT"), id="huge-radius"),
        pytest.param(f"radius={2**63}", RememberedSearch("Sandy, UT"), id="radius-2^63"),
        pytest.param(f"max_price={HUGE}", RememberedSearch("Sandy, UT"), id="huge-price"),
        pytest.param("radius=25", RememberedSearch("Sandy, UT", 25), id="offered"),
    ],
)
def test_an_old_search_with_huge_numbers_is_read_once_without_them(
    old: str, back: RememberedSearch, tmp_path: Path
) -> None:
    path = tmp_path / "window.ini"
    path.write_text(f'{ASKED_YES}[search]\nunit=km\nquery="Sandy, UT"\n{old}\n', encoding="utf-8")
    assert Preferences(path).last_search == back
    again = Preferences(path)  # the next start reads the one value the first one wrote
    assert again.last_search == back
    assert again.unit == Unit.KM
    assert "query" not in path.read_text(encoding="utf-8")


def test_old_keys_beside_a_newer_search_are_removed_and_the_newer_search_stays(
    tmp_path: Path,
) -> None:
    older_run = ini_with(SANDY, 'query="Provo, UT"', "radius=100", "max_price=200")
    preferences = started_on(tmp_path, older_run)
    assert preferences.last_search == SANDY_BACK
    kept = (tmp_path / "window.ini").read_text(encoding="utf-8")
    assert "Provo" not in kept
    assert "max_price" not in kept


@pytest.mark.parametrize("said", ["false", "no", "0", "off", "", "maybe", "@Invalid()"])
def test_remember_searches_is_off_unless_the_file_clearly_says_on(
    said: str, tmp_path: Path
) -> None:
    preferences = started_on(tmp_path, ini_with(SANDY, f"[privacy]\nremember_searches={said}"))
    assert preferences.remember_searches is False
    assert preferences.last_search is None
    preferences.last_search = RememberedSearch("Provo, UT")
    assert "Provo" not in (tmp_path / "window.ini").read_text(encoding="utf-8")


def test_remember_searches_is_off_until_the_person_is_asked(tmp_path: Path) -> None:
    path = tmp_path / "window.ini"
    path.write_text(ini_with(SANDY), encoding="utf-8")  # an older locator kept it unasked
    preferences = Preferences(path)
    assert not preferences.remembering_asked
    assert preferences.remember_searches is False
    assert preferences.last_search is None


@pytest.mark.parametrize("said", ["true", "True", "yes", "on", "1"])
def test_remember_searches_is_on_when_said(said: str, tmp_path: Path) -> None:
    preferences = started_on(tmp_path, ini_with(SANDY, f"[privacy]\nremember_searches={said}"))
    assert preferences.remembering_asked
    assert preferences.remember_searches is True
    assert preferences.last_search == SANDY_BACK


@pytest.mark.parametrize("before", ["none", "open-to-others"])
def test_the_file_keeping_the_last_search_is_for_the_user_alone(
    before: str, tmp_path: Path
) -> None:
    """window.ini, which keeps the address last typed, was 0644 in a 0755 folder, while
    settings.json and the shortlists are 0600 in 0700 folders."""
    path = tmp_path / "config" / "locator" / "window.ini"
    if before == "open-to-others":  # as an older locator left them
        path.parent.mkdir(parents=True, mode=0o755)
        path.parent.chmod(0o755)
        path.write_text("", encoding="utf-8")
        path.chmod(0o644)
    preferences = Preferences(path)
    preferences.remember_searches = True
    preferences.last_search = RememberedSearch("350 E Main St, Sandy, UT")
    for _ in range(2):  # written anew, it stays so
        assert "350 E Main St" in path.read_text(encoding="utf-8")
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)
        assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)
        preferences.unit = Unit.KM


@pytest.mark.parametrize(
    ("made", "reason"),
    [
        ("pipe", "it could not be read (it is a pipe or a device, not a file)"),
        ("huge", "it is far larger than any file locator writes"),
        ("folder", "it could not be read (that is a folder)"),
    ],
)
def test_a_window_ini_that_is_not_one_is_said_and_left_as_it_is(
    made: str, reason: str, tmp_path: Path
) -> None:
    """A pipe there kept the window from ever opening (QSettings waited for a writer), and a
    3 GB file took 28 s and 6 GB to read: each is now said in a sentence and left as it is;
    the window starts with its defaults, kept for the session."""
    path = tmp_path / "window.ini"
    if made == "pipe":
        os.mkfifo(path)
    elif made == "huge":
        with path.open("wb") as file:
            file.truncate(MOST_PREFERENCE_BYTES + 1)  # sparse: no disk used
    else:
        path.mkdir()
    before = path.lstat()
    preferences = Preferences(path)
    assert preferences.problem == (
        f"{path} could not be used: {reason}. The window starts as new, keeps nothing in it, "
        "and leaves it as it is."
    )
    assert not preferences.remember_searches
    assert preferences.unit == Unit.MILES
    preferences.remember_searches = True
    preferences.unit = Unit.KM
    assert preferences.unit == Unit.KM  # kept for the session
    after = path.lstat()
    assert (after.st_mode, after.st_size, after.st_mtime_ns) == (
        before.st_mode,
        before.st_size,
        before.st_mtime_ns,
    )


@pytest.mark.parametrize("made", ["pipe", "link", "left", "huge"])
def test_a_lock_in_the_way_of_window_ini_is_said_and_nothing_waits_on_it(
    made: str, tmp_path: Path
) -> None:
    """A pipe at window.ini.lock froze the window for good at its first save (QSettings opened
    it to read whose lock it was), a link or a file left there held every save some 30 s, a
    huge file was read whole:
    each is now said once, and the settings are kept for the session, nothing written."""
    path = tmp_path / "window.ini"
    path.write_text(ini_with(SANDY), encoding="utf-8")  # an older search: upgraded at start
    lock = tmp_path / "window.ini.lock"
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n", encoding="utf-8")
    if made == "pipe":
        os.mkfifo(lock)
    elif made == "link":
        lock.symlink_to(victim)
    elif made == "huge":  # sparse: no disk taken; QLockFile read it whole (3 GB: 26 s)
        with lock.open("wb") as left:
            left.truncate(3 << 30)
    else:
        lock.write_text("not a lock\n", encoding="utf-8")
    before = path.read_bytes()
    done: list[Preferences] = []

    def start_and_change() -> None:
        preferences = Preferences(path)
        preferences.remember_searches = True
        preferences.unit = Unit.MILES
        done.append(preferences)

    worker = threading.Thread(target=start_and_change, daemon=True)
    worker.start()
    worker.join(timeout=20)  # bounds a failure only; it ends in well under a second
    assert done, "the preferences waited on the lock"
    preferences = done[0]
    assert preferences.problem is not None
    assert preferences.problem.startswith(
        f"The window's settings cannot be saved, as {lock} is in the way: "
    )
    assert preferences.unit == Unit.MILES  # this session's
    assert preferences.remember_searches
    assert path.read_bytes() == before
    assert lock.is_symlink() or lock.exists()
    assert victim.read_text(encoding="utf-8") == "mine\n"
