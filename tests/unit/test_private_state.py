"""What locator keeps for one user (settings, shortlists, the online answers to what they typed,
the cache folder) is theirs alone, and a link planted at one of those names never decides
where locator writes."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from locator.data import registry_cache
from locator.data.vocabulary import Precision
from locator.errors import FileWriteError
from locator.files import write_sealed
from locator.geo.online import GeocodeCache, cache_path
from locator.geo.place import Place
from locator.settings import Settings, settings_path
from locator.shortlists import Shortlists, shortlists_path
from tests.helpers.cli import CliRunner

SANDY = Place(
    query="350 E Main St, Sandy, UT",
    label="350 East Main Street, Sandy, UT 84070",
    latitude=40.57,
    longitude=-111.88,
    precision=Precision.ADDRESS,
    source="127.0.0.1",
)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems give (022): files anyone may read unless locator says not."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def save_settings() -> None:
    Settings(online_lookups=True).save()


def add_to_a_shortlist() -> None:
    Shortlists().add("referrals for J.", "first-clinic")


def cache_an_answer() -> None:
    GeocodeCache().put("127.0.0.1", SANDY.query, [SANDY])


KEPT: dict[str, tuple[Callable[[], Path], Callable[[], None]]] = {
    "settings": (settings_path, save_settings),
    "shortlists": (shortlists_path, add_to_a_shortlist),
    "online-cache": (cache_path, cache_an_answer),
}


@pytest.mark.parametrize("kept", KEPT)
def test_what_locator_keeps_is_made_for_the_user_alone(kept: str) -> None:
    path, write = KEPT[kept]
    write()
    assert mode(path()) == 0o600
    assert mode(path().parent) == 0o700


@pytest.mark.parametrize("kept", KEPT)
def test_what_an_older_locator_left_open_is_made_private_when_written(kept: str) -> None:
    path, write = KEPT[kept]
    write()
    path().chmod(0o644)  # as an older locator made them, with the umask's 022
    path().parent.chmod(0o755)
    write()
    assert mode(path()) == 0o600
    assert mode(path().parent) == 0o700


@pytest.mark.parametrize("maker", ["registry-cache", "online-cache"])
def test_the_cache_folder_is_private_whatever_makes_it_first(maker: str) -> None:
    if maker == "registry-cache":
        write_sealed(registry_cache.cache_dir() / "entry.pickle", b"checked")
    else:
        cache_an_answer()
    assert mode(cache_path().parent) == 0o700  # the same folder for every cache
    if maker == "registry-cache":
        assert mode(registry_cache.cache_dir()) == 0o700


@pytest.mark.parametrize("kept", ["settings", "shortlists"])
def test_a_link_to_nothing_is_refused_with_a_sentence(kept: str, tmp_path: Path) -> None:
    path, write = KEPT[kept]
    target = tmp_path / "planted" / ".bash_login"  # a file a login shell would run
    path().parent.mkdir(parents=True, exist_ok=True)
    path().symlink_to(target)
    with pytest.raises(FileWriteError) as raised:
        write()
    assert str(raised.value) == (
        f"Cannot write {path()}: it is a link to {target}, which is not there, and locator "
        "makes no file where a link points. Remove the link, or make the file it names."
    )
    assert not target.exists()
    assert not target.parent.exists()
    assert path().is_symlink()


def test_the_settings_command_refuses_a_link_to_nothing(run_cli: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / ".bash_login"
    settings_path().parent.mkdir(parents=True)
    settings_path().symlink_to(target)
    changed = run_cli("settings", "--online-lookups", "on")
    assert changed.returncode != 0
    assert f"Cannot write {settings_path()}: it is a link to {target}" in changed.stderr
    assert "Traceback" not in changed.stderr
    assert not target.exists()


@pytest.mark.parametrize("suffix", ["", "-journal", "-wal", "-shm"])
def test_a_link_at_the_online_caches_name_is_removed_never_followed(
    suffix: str, tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"the user's own")
    planted = cache_path().with_name(cache_path().name + suffix)
    planted.parent.mkdir(parents=True)
    planted.symlink_to(victim)
    cache_an_answer()
    assert GeocodeCache().get("127.0.0.1", SANDY.query) == [SANDY]
    assert victim.read_bytes() == b"the user's own"
    assert not planted.is_symlink()
    assert mode(cache_path()) == 0o600


def test_a_pipe_at_the_online_caches_name_is_never_waited_on() -> None:
    cache_path().parent.mkdir(parents=True)
    os.mkfifo(cache_path())
    cache_an_answer()  # not kept, said in the log; the lookup goes on
    assert GeocodeCache().get("127.0.0.1", SANDY.query) is None
    assert stat.S_ISFIFO(cache_path().lstat().st_mode)
