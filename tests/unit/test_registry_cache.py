"""A registry that has not changed since it was checked is read back from the cache; an entry
planted by whoever can write the cache folder, sealed as well as the code lets them, is not."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from locator.data import registry_cache
from locator.data.loader import load_registry
from locator.errors import RegistryError
from locator.files import seal_secret_path
from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import VALID


def _rename_first_clinic(entry: Path) -> None:
    """Change a cached registry as someone editing the cache by hand would."""
    entry.write_bytes(entry.read_bytes().replace(b"First Clinic", b"From Cache!!"))


def _cache_a_renamed_copy(path: Path) -> None:
    """Store in the cache, for the file as it is, a registry whose first clinic has another
    name: a load that shows that name was answered by the cache, not by the file."""
    registry = load_registry(path, use_cache=False)
    first = registry.clinics[0].model_copy(update={"name": "From Cache"})
    renamed = registry.model_copy(update={"clinics": [first, *registry.clinics[1:]]})
    registry_cache.store(path.read_bytes(), renamed)


def test_an_unchanged_file_is_answered_from_the_cache(valid_registry: Path) -> None:
    _cache_a_renamed_copy(valid_registry)
    assert load_registry(valid_registry).clinics[0].name == "From Cache"


def test_without_the_cache_the_file_is_parsed(valid_registry: Path) -> None:
    _cache_a_renamed_copy(valid_registry)
    assert load_registry(valid_registry, use_cache=False).clinics[0].name == "First Clinic"


def test_an_edited_cache_entry_is_removed_and_the_file_read(valid_registry: Path) -> None:
    load_registry(valid_registry)
    (entry,) = registry_cache.cache_dir().glob("*.pickle")
    _rename_first_clinic(entry)
    assert load_registry(valid_registry).clinics[0].name == "First Clinic"
    assert b"From Cache" not in entry.read_bytes()  # written again, sealed


def test_validate_reads_the_file_whatever_the_cache_holds(
    tmp_path: Path, valid_registry: Path, run_cli: CliRunner
) -> None:
    invalid = VALID.replace("latitude: 40.59161", "latitude: 95").encode()
    (tmp_path / "bad.yaml").write_bytes(invalid)
    registry_cache.store(invalid, load_registry(valid_registry))  # a planted "ok"
    result = run_cli("validate", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:8:17: clinics[0].location.latitude: 95 is out of range" in result.stderr


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    load_registry(path)
    path.write_text(VALID.replace("latitude: 40.59161", "latitude: 95"), encoding="utf-8")
    with pytest.raises(RegistryError):
        load_registry(path)


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    load_registry(path)
    for entry in registry_cache.cache_dir().glob("*.pickle"):
        entry.write_text("{not a cache entry", encoding="utf-8")
    assert [clinic.id for clinic in load_registry(path).clinics] == [
        "first-clinic",
        "second-clinic",
    ]


def test_an_unwritable_cache_does_not_stop_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert len(load_registry(path).clinics) == 2
    said = caplog.text
    assert "part of its path is not a folder" in said  # locator's words, not Python's
    assert "Errno" not in said


def test_a_link_at_the_cache_folders_name_is_removed_not_followed(
    tmp_path: Path, valid_registry: Path
) -> None:
    """A link planted at ~/.cache/locator/registries led the cache into the user's folder:
    it was made 0700 and a cached registry written there (and files beyond the last few
    would have been removed). The link goes; the folder is locator's own."""
    victim = tmp_path / "photos"
    victim.mkdir()
    victim.chmod(0o755)
    (victim / "a.jpg").write_bytes(b"photo")
    folder = registry_cache.cache_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(victim)
    load_registry(valid_registry)
    assert not folder.is_symlink()
    assert len(list(folder.glob("*.pickle"))) == 1
    assert stat.S_IMODE(victim.stat().st_mode) == 0o755
    assert [path.name for path in victim.iterdir()] == ["a.jpg"]


# planted entries: whoever can write the cache folder computes everything but the secret ------

ATTACKERS_SECRET = bytes(range(32))


def _plant(registry_path: Path, seal: Callable[[bytes, bytes], str]) -> None:
    """Put in the cache, for the file as it is, a registry whose first clinic is renamed
    "Planted Clinic", sealed by ``seal(key, payload)`` as an attacker who read the code
    would."""
    data = registry_path.read_bytes()
    registry = load_registry(registry_path, use_cache=False)
    first = registry.clinics[0].model_copy(update={"name": "Planted Clinic"})
    payload = registry.model_copy(update={"clinics": [first, *registry.clinics[1:]]})
    body = registry_cache.encode(payload)
    entry, key = registry_cache.entry_and_key(data)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(seal(key, body).encode() + b"\n" + body)


def _hmac(secret: bytes) -> Callable[[bytes, bytes], str]:
    return lambda key, body: hmac.new(secret, key + b"\0" + body, hashlib.sha256).hexdigest()


def _secret_file(secret: bytes, mode: int) -> Path:
    path = seal_secret_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(secret)
    path.chmod(mode)
    return path


def _readable_secret() -> Callable[[bytes, bytes], str]:
    _secret_file(ATTACKERS_SECRET, 0o644)
    return _hmac(ATTACKERS_SECRET)


def _secret_of_wrong_size() -> Callable[[bytes, bytes], str]:
    _secret_file(ATTACKERS_SECRET[:16], 0o600)
    return _hmac(ATTACKERS_SECRET[:16])


def _secret_through_a_link(tmp_path: Path) -> Callable[[bytes, bytes], str]:
    theirs = tmp_path / "their-secret"
    theirs.write_bytes(ATTACKERS_SECRET)
    theirs.chmod(0o600)
    seal_secret_path().parent.mkdir(parents=True, exist_ok=True)
    seal_secret_path().symlink_to(theirs)
    return _hmac(ATTACKERS_SECRET)


def _secret_of_another_user() -> Callable[[bytes, bytes], str]:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    os.chown(_secret_file(ATTACKERS_SECRET, 0o600), 65534, 65534)
    return _hmac(ATTACKERS_SECRET)


PLANTINGS: dict[str, Callable[[Path], Callable[[bytes, bytes], str]]] = {
    "recomputed-seal": lambda _: lambda key, body: hashlib.sha256(key + b"\0" + body).hexdigest(),
    "guessed-secret": lambda _: _hmac(bytes(32)),
    "readable-secret": lambda _: _readable_secret(),
    "secret-of-wrong-size": lambda _: _secret_of_wrong_size(),
    "secret-through-a-link": _secret_through_a_link,
    "secret-of-another-user": lambda _: _secret_of_another_user(),
}


@pytest.mark.parametrize("planting", PLANTINGS)
def test_a_planted_entry_with_a_recomputed_seal_is_not_trusted(
    planting: str, valid_registry: Path, run_cli: CliRunner, tmp_path: Path
) -> None:
    _plant(valid_registry, PLANTINGS[planting](tmp_path))
    for _ in range(2):  # and the entry made in its place is the file's
        found = run_cli("nearest", "Sandy, UT", "--registry", str(valid_registry))
        assert found.returncode == 0, found.stderr
        assert "First Clinic" in found.stdout
        assert "Planted Clinic" not in found.stdout
    kept = os.lstat(seal_secret_path())
    assert stat.S_ISREG(kept.st_mode)  # the secret locator made in place of a planted one
    assert stat.S_IMODE(kept.st_mode) == 0o600
    assert kept.st_uid == os.geteuid()
    if planting == "secret-through-a-link":
        assert (tmp_path / "their-secret").read_bytes() == ATTACKERS_SECRET  # never written


def test_a_secret_another_process_made_first_is_kept_and_sealed_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two first runs at once each made a secret, the later one replacing the earlier's: every
    cache file the earlier run sealed was then refused as damaged and made again."""
    from locator import files

    theirs = os.urandom(files.SEAL_SECRET_BYTES)
    look = files._read_seal_secret

    def none_yet_then_another_process_keeps_one(path: Path) -> bytes | None:
        monkeypatch.setattr(files, "_read_seal_secret", look)
        _secret_file(theirs, 0o600)  # the other run, between this one's look and its keeping
        return None

    monkeypatch.setattr(files, "_read_seal_secret", none_yet_then_another_process_keeps_one)
    files._seal_secret.cache_clear()
    try:
        assert files._seal_secret() == files.SealSecret(theirs, kept=True)
    finally:
        files._seal_secret.cache_clear()
    assert seal_secret_path().read_bytes() == theirs
    assert [path.name for path in seal_secret_path().parent.iterdir()] == ["seal-secret"]


def test_a_pipe_at_the_secrets_name_is_left_and_named_not_blamed_on_the_cache_files(
    valid_registry: Path, run_cli: CliRunner
) -> None:
    """A pipe there was replaced without a word, and each cache file sealed before was then
    said to be damaged: the wrong files named."""
    searched = ("nearest", "Sandy, UT", "--registry", str(valid_registry))
    assert run_cli(*searched).returncode == 0  # the secret and the cache files are made
    seal_secret_path().unlink()
    os.mkfifo(seal_secret_path())
    for _ in range(2):
        found = run_cli(*searched)
        assert found.returncode == 0, found.stderr
        assert "First Clinic" in found.stdout
        assert f"the cache's secret {seal_secret_path()} is not a file" in found.stderr
        assert "damaged" not in found.stderr
    assert stat.S_ISFIFO(os.lstat(seal_secret_path()).st_mode)


# Modules a load runs that decide nothing about what a registry holds: errors' classes, the
# bounded file read (and the JSON reader it keeps for settings), the translations of messages.
# settings: the largest file read (registry_limit_mb), decided before the cache is asked
_NOT_DECIDING = {
    "locator", "locator.errors", "locator.files", "locator.json_text", "locator.i18n",
    "locator.settings", "locator.progress",
}  # fmt: skip


def test_the_cache_is_keyed_to_all_the_code_a_load_checks_with(
    valid_registry: Path, run_cli: CliRunner
) -> None:
    # a build that tightens any rule (bidi, states, checking, the YAML readers...) checks again
    listing = (
        "import sys; from pathlib import Path; from locator.data.loader import load_registry; "
        f"load_registry(Path({str(valid_registry)!r}), use_cache=False); "
        "print('\\n'.join(sys.modules[m].__file__ for m in sys.modules "
        f"if m.startswith('locator') and m not in {_NOT_DECIDING!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", listing],
        cwd=REPO,
        env=run_cli.environment({}),
        capture_output=True,
        text=True,
        check=True,
    )
    ran = {Path(line) for line in result.stdout.splitlines()}
    assert len(ran) > 5
    assert ran <= set(registry_cache.schema_sources())
