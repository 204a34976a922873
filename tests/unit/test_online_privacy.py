"""A provider setting locator cannot use never sends a typed address anywhere: not to the
provider, and never to public Nominatim in its place. Each case writes the settings a hand
edit could leave, then checks which hosts the ``locator`` command reached. Clearing a cache
that cannot go says why, and never removes what a planted link leads to."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from locator.data import registry_cache
from locator.errors import FileWriteError
from locator.geo.online import GeocodeCache
from locator.settings import OnlineProvider, Settings, settings_path
from tests.helpers.cli import CliRunner
from tests.helpers.fake_nominatim import fake_nominatim
from tests.helpers.network_watch import hosts_in, watched_environment

ADDRESS = "350 E Main St, Sandy, UT 84070"

# what is wrong -> the settings file's online part (DOMAIN: our own server's host and port)
BROKEN = {
    "timeout-zero": {"online_provider": {"options": {}, "timeout_seconds": 0}},
    "timeout-hour": {"online_provider": {"options": {}, "timeout_seconds": 3600}},
    "timeout-text": {"online_provider": {"options": {}, "timeout_seconds": "5"}},
    "timeout-true": {"online_provider": {"options": {}, "timeout_seconds": True}},
    "delay-negative": {"online_provider": {"options": {}, "min_delay_seconds": -1}},
    "misspelt-key": {"online_provider": {"options": {}, "timeout_secnds": 5}},
    "misspelt-options": {"online_provider": {"option": {}}},
    "options-a-list": {"online_provider": {"options": [["domain", "DOMAIN"]]}},
    "options-nested": {"online_provider": {"options": {"domain": {"host": "DOMAIN"}}}},
    "service-a-number": {"online_provider": {"service": 7, "options": {}}},
    "provider-a-list": {"online_provider": ["nominatim"]},
    "misspelt-setting": {"online_provder": {"options": {}}},
    # what geopy's service would refuse, said when the settings are read, not at a lookup
    "misspelt-option": {"online_provider": {"options": {"domian": "DOMAIN"}}},
    "misspelt-service": {"online_provider": {"service": "nominatm", "options": {}}},
    "clashing-option": {"online_provider": {"options": {"timeout": 99}}},
    "unknown-scheme": {"online_provider": {"options": {"scheme": "gopher"}}},
    # the host named is not the host asked (each kind: test_a_domain_that_is_not_the_host_...)
    "domain-with-user": {"online_provider": {"options": {"domain": "nominatim.example@DOMAIN"}}},
}


def write_settings(case: dict[str, object], domain: str) -> str:
    """Settings allowing online lookups with ``case``'s provider, aimed at ``domain`` (with
    ``scheme`` http) wherever the case has options; returns the file's text."""
    text = json.dumps({"online_lookups": True, **case}).replace("DOMAIN", domain)
    data = json.loads(text)
    for value in data.values():
        if isinstance(value, dict) and isinstance(value.get("options"), dict):
            value["options"].setdefault("scheme", "http")
            if not any("DOMAIN" in json.dumps(c) for c in case.values()):
                value["options"].setdefault("domain", domain)
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps(data))
    return settings_path().read_text()


def test_a_broken_setting_is_said_once_in_the_language_asked(run_cli: CliRunner) -> None:
    """It was said twice (a "WARNING:" line in English, then again as "note:")."""
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"online_lookups": true, "online_provder": "x"}', "utf-8")
    found = run_cli("--lang", "es", "geocode", "--online", ADDRESS)
    assert found.returncode == 0, found.stderr
    assert "WARNING" not in found.stderr
    said = [line for line in found.stderr.splitlines() if "online_provder" in line]
    assert said == [
        f"locator: Las búsquedas en línea están desactivadas: el ajuste “online_provder” de "
        f"{settings_path()} no se puede usar (locator no conoce este ajuste). No se envía en "
        "línea nada de lo que escriba hasta que se corrija o se quite."
    ]


@pytest.mark.parametrize("case", BROKEN)
@pytest.mark.parametrize("online", [False, True], ids=["setting", "--online"])
def test_a_broken_provider_setting_sends_the_address_nowhere(
    case: str, online: bool, run_cli: CliRunner, tmp_path: Path
) -> None:
    with fake_nominatim() as (domain, behaviour):
        write_settings(BROKEN[case], domain)
        environment = watched_environment(tmp_path / "watch")
        found = run_cli("geocode", *(["--online"] if online else []), ADDRESS, env=environment)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("Sandy, UT 84070")  # the offline answer
    assert hosts_in(tmp_path / "watch") <= {"127.0.0.1"}  # never public Nominatim
    assert behaviour.requests == []  # nor the provider, asked with settings it did not give
    assert "unexpected error" not in found.stderr
    name = "online_provder" if case == "misspelt-setting" else "online_provider"
    assert f"Online lookups are off: the setting “{name}” in {settings_path()}" in found.stderr


@pytest.mark.parametrize("case", BROKEN)
def test_saving_another_choice_keeps_the_broken_setting_as_it_was(
    case: str, run_cli: CliRunner
) -> None:
    written = json.loads(write_settings(BROKEN[case], "127.0.0.1:9"))
    for state in ("off", "on"):
        changed = run_cli("settings", "--online-lookups", state)
        assert changed.returncode == 0, changed.stderr
        assert "online lookups: off (no usable provider)" in changed.stdout
        said = changed.stdout + changed.stderr  # both reach the terminal: said once
        assert said.count("Online lookups are off") == 1, said
    saved = json.loads(settings_path().read_text())
    for key in BROKEN[case]:
        assert saved.get(key) == written[key]
    assert Settings.load().online_provider is None


@pytest.mark.parametrize(
    ("case", "said"),
    [
        ("misspelt-option", "nominatim takes no option “domian”"),
        ("misspelt-key", "unknown key “timeout_secnds”"),
        ("misspelt-service", "geopy has no service “nominatm”"),
        ("clashing-option", "locator sets “timeout” itself; use timeout_seconds for the timeout"),
        ("unknown-scheme", "the option scheme is “gopher”; it may be http or https"),
    ],
)
def test_a_misspelt_option_is_named_as_soon_as_the_settings_are_read(
    case: str, said: str, run_cli: CliRunner
) -> None:
    write_settings(BROKEN[case], "127.0.0.1:9")
    shown = run_cli("settings")  # no lookup made: the settings only read and shown
    assert shown.returncode == 0, shown.stderr
    assert "online lookups: off (no usable provider)" in shown.stdout
    assert f"the setting “online_provider” in {settings_path()} is not usable ({said}" in (
        shown.stdout + shown.stderr
    )


@pytest.mark.parametrize(
    ("domain", "said"),
    [
        ("nominatim.example@127.0.0.1", "names a user before '@', so the host used is 127.0.0.1"),
        ("127.0.0.1/search", "give the host alone, with no scheme or path"),
        ("https://nominatim.example", "give the host alone, with no scheme or path"),
        ("", "it names no host"),
        ("b\u00fccher.example", "not plain ASCII, so the host used is xn--bcher-kva.example"),
        ("nominatim\u3002example", "not plain ASCII, so the host used is nominatim.example"),
        ("%65vil.example", "holds '%' escapes, so the host used is evil.example"),
        ("nominatim.example:0", "the port “0” is not one from 1 to 65535"),
        ("nominatim.example:99999", "the port “99999” is not one from 1 to 65535"),
        ("0x7f.1:18766", "the host 0x7f.1 is a number, so the host used is 127.0.0.1"),
        ("2130706433", "the host 2130706433 is a number, so the host used is 127.0.0.1"),
        ("0177.0.0.1", "the host 0177.0.0.1 is a number, so the host used is 127.0.0.1"),
    ],
)
def test_a_domain_that_is_not_the_host_asked_keeps_lookups_off_naming_it(
    domain: str, said: str
) -> None:
    write_settings({"online_provider": {"options": {"domain": domain}}}, "unused")
    settings = Settings.load()
    assert settings.online_provider is None
    assert settings.problem is not None
    assert f"the setting “online_provider” in {settings_path()} is not usable" in settings.problem
    assert f"the option domain is “{domain}”" in settings.problem
    assert said in settings.problem


@pytest.mark.parametrize(
    ("domain", "said"),
    [
        ("127.0.0.1:18765 ", "domain is “127.0.0.1:18765 ”: the port “18765 ” is not one"),
        ("evil.example\\@good.org", "domain is “evil.example\\@good.org”: it names a user"),
    ],
)
def test_a_domain_is_quoted_in_the_sentence_as_written(domain: str, said: str) -> None:
    """A trailing space was unseen ("the port 18765  is not"), and each backslash doubled."""
    write_settings({"online_provider": {"options": {"domain": domain}}}, "unused")
    problem = Settings.load().problem
    assert problem is not None
    assert said in problem


@pytest.mark.parametrize("setting", ["online_lookups", "map_tiles"])
def test_a_yes_or_no_written_as_text_is_named_and_a_choice_replaces_it(setting: str) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"online_lookups": True, setting: "true"}))
    loaded = Settings.load()
    assert loaded.online_provider is None  # never read as a yes, nor silently as a no
    assert loaded.problem is not None
    assert (
        f"the setting “{setting}” in {settings_path()} is not usable "
        "(expected true or false, not the text “true”)"
    ) in loaded.problem
    chosen = loaded.allowing_online(True).allowing_tiles(False)
    chosen.save()
    assert json.loads(settings_path().read_text()) == {
        "online_lookups": True,
        "map_tiles": False,
        "language": None,
    }
    assert Settings.load() == Settings(online_lookups=True, map_tiles=False)


def test_a_provider_that_is_no_object_is_named_in_json_words(run_cli: CliRunner) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"online_lookups": True, "online_provider": None}))
    shown = run_cli("settings")
    assert shown.returncode == 0, shown.stderr
    assert "(expected an object, not null)" in shown.stdout + shown.stderr
    assert "NoneType" not in shown.stdout + shown.stderr


def test_a_usable_provider_is_asked_and_nothing_else(run_cli: CliRunner, tmp_path: Path) -> None:
    with fake_nominatim() as (domain, behaviour):
        provider = OnlineProvider(options={"domain": domain, "scheme": "http"})
        Settings(online_lookups=True, online_provider=provider).save()
        environment = watched_environment(tmp_path / "watch")
        found = run_cli("geocode", ADDRESS, env=environment)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("350 East Main Street, Sandy, UT 84070")
    assert hosts_in(tmp_path / "watch") == {"127.0.0.1"}  # the watch sees what is sent
    assert len(behaviour.requests) == 1


# clearing what locator keeps (Tools → Privacy's buttons) --------------------------------------


def test_clearing_the_online_cache_when_it_cannot_go_says_why(tmp_path: Path) -> None:
    cache = GeocodeCache(tmp_path / "cache.sqlite")
    cache.path.mkdir()  # a folder where the file goes
    (cache.path / "inside").write_text("kept")
    with pytest.raises(FileWriteError, match=r"Cannot remove .*cache.sqlite: that is a folder"):
        cache.clear()
    assert (cache.path / "inside").read_text() == "kept"
    target = tmp_path / "elsewhere.txt"
    target.write_text("not a cache")
    cache.path = tmp_path / "link.sqlite"
    cache.path.symlink_to(target)
    cache.clear()  # the link goes, never what it leads to
    assert not cache.path.is_symlink()
    assert target.read_text() == "not a cache"


def test_clearing_the_online_cache_removes_the_journals_a_crash_left(tmp_path: Path) -> None:
    cache = GeocodeCache(tmp_path / "cache.sqlite")
    cache.path.write_bytes(b"")
    journals = [tmp_path / f"cache.sqlite{suffix}" for suffix in ("-journal", "-wal", "-shm")]
    for journal in journals:
        journal.write_text("350 East Main Street, Sandy, UT")  # pages of a typed place
    cache.clear()
    assert sorted(tmp_path.iterdir()) == []


@pytest.mark.parametrize("planted", ["file", "link-to-folder"])
def test_clearing_the_registry_cache_removes_only_its_own(planted: str, tmp_path: Path) -> None:
    folder = registry_cache.cache_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    (elsewhere / "work.txt").write_text("mine")
    if planted == "file":
        folder.write_text("not a folder")
    else:
        folder.symlink_to(elsewhere)
    registry_cache.clear()
    assert not folder.exists()
    assert not folder.is_symlink()
    assert (elsewhere / "work.txt").read_text() == "mine"


# a settings file naming a private provider that cannot be read at all -------------------------


def _unreadable(fault: str, domain: str) -> None:
    """Write settings allowing a private provider at ``domain``, with ``fault`` in the file."""
    text = json.dumps(
        {
            "online_lookups": True,
            "online_provider": {"options": {"domain": domain, "scheme": "http"}},
        }
    )
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if fault == "fifo":
        os.mkfifo(path)
    elif fault == "device":
        os.symlink("/dev/zero", path)  # as a device node there would be read
    elif fault == "huge":
        path.write_text(text[:-1] + ', "pad": "' + "x" * 17_000_000 + '"}')
    elif fault in TWICE:
        path.write_text(TWICE[fault](text))
    else:
        path.write_text(
            {"trailing-comma": text[:-1] + ",}", "truncated": text[:-1], "array": f"[{text}]"}[
                fault
            ]
        )


# a name given twice (legal JSON: the last one wins, and would drop the private provider)
TWICE = {
    "options-twice": lambda text: text[:-2] + ', "options": {}}}',
    "domain-twice": lambda text: text.replace(
        '"scheme": "http"', '"scheme": "http", "domain": "nominatim.openstreetmap.org"'
    ),
    "provider-twice": lambda text: text[:-1] + ', "online_provider": {"service": "nominatim"}}',
    # a name holding half of a UTF-16 pair, as JSON writes one: no text to print or keep
    "name-not-text": lambda text: text.replace(
        '"scheme": "http"', '"scheme": "http", "\\ud800": 1'
    ),
}
UNREADABLE = ["trailing-comma", "truncated", "array", "fifo", "device", "huge", *TWICE]


@pytest.mark.parametrize("fault", UNREADABLE)
@pytest.mark.parametrize("online", [False, True], ids=["setting", "--online"])
def test_an_unreadable_settings_file_sends_the_address_nowhere(
    fault: str, online: bool, run_cli: CliRunner, tmp_path: Path
) -> None:
    with fake_nominatim() as (domain, behaviour):
        _unreadable(fault, domain)
        environment = watched_environment(tmp_path / "watch")
        found = run_cli("geocode", *(["--online"] if online else []), ADDRESS, env=environment)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("Sandy, UT 84070")  # the offline answer
    assert hosts_in(tmp_path / "watch") <= {"127.0.0.1"}  # never public Nominatim
    assert behaviour.requests == []  # nor the private provider: the file could not be read
    if online:  # asked for: says why not, naming the file
        assert f"{settings_path()} could not be used" in found.stderr
        assert "Online lookups are off until it is corrected or removed" in found.stderr
    assert "unexpected error" not in found.stderr


@pytest.mark.parametrize("fault", ["trailing-comma", "array", "fifo", "options-twice"])
def test_an_unreadable_settings_file_is_never_saved_over(fault: str, run_cli: CliRunner) -> None:
    _unreadable(fault, "127.0.0.1:9")
    before = None if fault == "fifo" else settings_path().read_bytes()
    changed = run_cli("settings", "--online-lookups", "on")
    assert changed.returncode != 0
    assert f"Cannot write {settings_path()}: locator could not read it" in changed.stderr
    assert "nominatim" not in changed.stdout
    if before is not None:
        assert settings_path().read_bytes() == before  # the private provider is still there
    assert Settings.load().online_provider is None


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("options-twice", "/online_provider: “options” given twice."),
        ("domain-twice", "/online_provider/options: “domain” given twice."),
        ("provider-twice", "/: “online_provider” given twice."),
        (
            "name-not-text",
            "/online_provider/options/\\ud800: \\ud800 is half of a character, without its "
            "other half: not text locator can keep.",
        ),
    ],
)
def test_a_name_given_twice_or_not_text_is_named_and_the_file_kept_byte_for_byte(
    fault: str, said: str, run_cli: CliRunner
) -> None:
    _unreadable(fault, "127.0.0.1:9")
    before = settings_path().read_bytes()
    shown = run_cli("settings")
    assert f"{settings_path()} could not be used: {said}" in shown.stdout + shown.stderr
    assert "online lookups: off" in shown.stdout
    changed = run_cli("settings", "--online-lookups", "off")
    assert changed.returncode != 0
    assert f"Cannot write {settings_path()}: locator could not read it" in changed.stderr
    assert settings_path().read_bytes() == before  # the private domain is still there


@pytest.mark.parametrize(
    ("provider", "said"),
    [
        ({}, "it names no service; remove it to use public Nominatim"),
        ({"service": "pelias", "options": {}}, "pelias needs the option “domain”"),
    ],
    ids=["empty", "no-host"],
)
def test_a_provider_naming_no_host_sends_the_address_nowhere(
    provider: dict[str, object], said: str, run_cli: CliRunner, tmp_path: Path
) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"online_lookups": True, "online_provider": provider}))
    with fake_nominatim() as (_domain, behaviour):
        environment = watched_environment(tmp_path / "watch")
        found = run_cli("geocode", "--online", ADDRESS, env=environment)
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("Sandy, UT 84070")  # the offline answer
    assert hosts_in(tmp_path / "watch") <= {"127.0.0.1"}  # never public Nominatim
    assert behaviour.requests == []
    assert f"“online_provider” in {settings_path()} is not usable ({said})" in found.stderr


@pytest.mark.parametrize("private", [True, False], ids=["private", "default"])
def test_the_settings_command_names_the_host_addresses_go_to(
    private: bool, run_cli: CliRunner
) -> None:
    options = {"domain": "127.0.0.1:9", "scheme": "http"} if private else {}
    Settings(online_lookups=True, online_provider=OnlineProvider(options=options)).save()
    shown = run_cli("settings")
    assert shown.returncode == 0, shown.stderr
    host = "127.0.0.1:9" if private else "nominatim.openstreetmap.org"
    name = "127.0.0.1:9" if private else "nominatim"
    assert f"online lookups: on (provider: {name}, sent to {host})" in shown.stdout


def test_every_unusable_setting_is_named_not_only_the_last() -> None:
    """Only the last was named: "wibble" went unmentioned beside a misspelt provider."""
    write_settings({"wibble": 3, "online_provder": {"service": "x"}, "map_tiles": "no"}, "unused")
    loaded = Settings.load()
    assert loaded.online_provider is None
    assert loaded.problem is not None
    assert loaded.problem.startswith(
        f"Online lookups are off: these settings in {settings_path()} are not usable: “wibble” ("
    )
    for name in ("wibble", "online_provder", "map_tiles"):
        assert f"“{name}” (" in loaded.problem
    assert loaded.problem.count("Nothing you type is sent online") == 1  # said once


def test_a_file_of_many_unknown_settings_names_the_first_and_counts_the_rest() -> None:
    """20,000 unknown keys made a sentence of 540 KB, which held the window's start 12 s."""
    write_settings({f"key{n}": n for n in range(20_000)}, "unused")
    problem = Settings.load().problem
    assert problem is not None
    assert "“key9” (" in problem
    assert "“key10” (" not in problem
    assert " and 19,990 more. Nothing you type is sent online" in problem
    assert len(problem) < 2_000
