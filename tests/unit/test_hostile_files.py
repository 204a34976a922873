"""Hostile files around a registry, built in a temporary folder the way an attacker would: a
planted backup link, a pipe or a device where a file is expected, a private or hard-linked
registry, files made to be slow to check. Nothing is written outside, and every command ends
with a sentence (a pipe nobody writes to would otherwise be waited on for ever)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from locator.cli.output import check_output
from locator.data import registry_cache
from locator.data.backups import save_with_backup
from locator.data.editing import RegistryDocument
from locator.data.loader import MAX_REGISTRY_BYTES, load_registry
from locator.errors import (
    EntryRewriteError,
    FileWriteError,
    RegistryError,
    RegistryWriteError,
    UsageError,
)
from locator.files import atomic_write, read_kept_json, refuse_unwritable, write_kept, writing
from locator.hsds.reading import HsdsError
from locator.hsds.reading import read as read_hsds
from tests.helpers.cli import CliRunner
from tests.helpers.language import speaking
from tests.helpers.registry_texts import VALID, alias_bomb
from tests.helpers.special_files import device, reading

UNFORMATTED = VALID.replace("name: First Clinic", "name:   First Clinic")  # fmt rewrites it


def registry_at(folder: Path, text: str = UNFORMATTED) -> Path:
    path = folder / "clinics.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# a planted backup link ------------------------------------------------------------------


def test_a_planted_backup_link_is_replaced_never_written_through(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    registry = registry_at(tmp_path)
    login = tmp_path / "home" / ".bash_login"  # not there yet: the link would make it
    login.parent.mkdir()
    (tmp_path / "clinics.yaml.~1~").symlink_to(login)
    older = tmp_path / "clinics.yaml.~2~"
    victim = tmp_path / "home" / ".profile"
    victim.write_text("PATH=/usr/bin\n", encoding="utf-8")
    older.symlink_to(victim)
    result = run_cli("fmt", str(registry))
    assert result.returncode == 0, result.stderr
    assert not login.exists()
    assert victim.read_text(encoding="utf-8") == "PATH=/usr/bin\n"
    backup = tmp_path / "clinics.yaml.~1~"
    assert not backup.is_symlink()
    assert backup.read_text(encoding="utf-8") == UNFORMATTED


def test_a_link_planted_at_a_cache_entrys_name_is_replaced_never_written_through(
    tmp_path: Path,
) -> None:
    registry = registry_at(tmp_path)
    victim = tmp_path / "home" / ".profile"
    victim.parent.mkdir()
    victim.write_text("PATH=/usr/bin\n", encoding="utf-8")
    entry = registry_cache.entry_and_key(registry.read_bytes())[0]  # the name locator picks
    entry.parent.mkdir(parents=True)
    checked = load_registry(registry, use_cache=False)
    entry.symlink_to(victim)  # planted after the load looked for the entry, before it stores
    registry_cache.store(registry.read_bytes(), checked)
    assert victim.read_text(encoding="utf-8") == "PATH=/usr/bin\n"
    assert not entry.is_symlink()
    assert registry_cache.lookup(registry.read_bytes()) == checked  # the entry written


def test_a_backup_link_to_a_pipe_is_not_waited_on(run_cli: CliRunner, tmp_path: Path) -> None:
    registry = registry_at(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "clinics.yaml.~1~").symlink_to(tmp_path / "pipe")
    os.mkfifo(tmp_path / ".clinics.yaml.locator-x1y2x1y2.tmp")  # named as a save's leftover
    result = run_cli("fmt", str(registry))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO((tmp_path / "pipe").lstat().st_mode)
    assert (tmp_path / "clinics.yaml.~1~").read_text(encoding="utf-8") == UNFORMATTED


def test_the_registrys_own_link_is_still_followed(run_cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = registry_at(tmp_path / "real")
    link = tmp_path / "clinics.yaml"
    link.symlink_to(target)
    assert run_cli("fmt", str(link)).returncode == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") != UNFORMATTED
    assert (tmp_path / "real" / "clinics.yaml.~1~").read_text(encoding="utf-8") == UNFORMATTED


# -o onto a pipe or a device ---------------------------------------------------------------


def test_compare_into_a_pipe_streams_and_leaves_the_pipe(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got, reader = reading(pipe)
    args = ("compare", "first-clinic", "second-clinic", "--format", "csv", "-o", str(pipe))
    result = run_cli(*args, "--registry", str(valid_registry))
    reader.join()
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert b"First Clinic" in got[0]


def test_a_pipe_nobody_reads_is_a_sentence(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run_cli("schema", "-o", str(pipe))
    assert result.returncode != 0
    assert f"Cannot write {pipe}: nothing is reading from that pipe" in result.stderr
    assert "Traceback" not in result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_compare_onto_a_device_writes_into_it(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path
) -> None:
    node = device(tmp_path / "null")
    link = tmp_path / "out.csv"
    link.symlink_to(node)
    for output in (node, link):
        args = ("compare", "first-clinic", "second-clinic", "-o", str(output))
        result = run_cli(*args, "--registry", str(valid_registry))
        assert result.returncode == 0, result.stderr
        assert stat.S_ISCHR(node.lstat().st_mode)
        assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinics.yaml", "null", "out.csv"]


def test_the_apps_export_writer_streams_into_a_device(tmp_path: Path) -> None:
    node = device(tmp_path / "null")
    atomic_write(node, b"an exported comparison")
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_a_socket_is_refused_with_a_sentence(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(FileWriteError, match="that is a device, not a file"):
            atomic_write(path, b"x")


def test_saving_a_registry_as_a_pipe_with_a_reader_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader waits: streaming would work
    try:
        document = RegistryDocument.open(registry_at(tmp_path, VALID))
        with pytest.raises(RegistryWriteError) as refused:
            document.save(pipe)
        assert os.read(reader, 1024) == b""  # not a byte of the registry went into it
    finally:
        os.close(reader)
    assert f"Cannot save the registry as {pipe}: it is not a regular file" in str(refused.value)
    assert "Nothing was saved" in str(refused.value)
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert document.path == tmp_path / "clinics.yaml"  # the document still saves to its file


# a private registry's backups -----------------------------------------------------------


def test_a_private_registrys_backup_is_as_private_and_keeps_its_group(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    registry = registry_at(tmp_path)
    registry.chmod(0o640)
    group = os.getgid() if os.geteuid() else 4321  # root may give any group
    os.chown(registry, -1, group)
    assert run_cli("fmt", str(registry)).returncode == 0
    backup = tmp_path / "clinics.yaml.~1~"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o640
    assert backup.stat().st_gid == group


# hard links -----------------------------------------------------------------------------


def test_formatting_through_a_hard_link_keeps_the_link(run_cli: CliRunner, tmp_path: Path) -> None:
    registry = registry_at(tmp_path)
    other = tmp_path / "elsewhere.yaml"
    os.link(registry, other)
    assert run_cli("fmt", str(registry)).returncode == 0
    assert other.read_text(encoding="utf-8") == registry.read_text(encoding="utf-8")
    assert other.stat().st_ino == registry.stat().st_ino
    assert (tmp_path / "clinics.yaml.~1~").read_text(encoding="utf-8") == UNFORMATTED


@pytest.mark.parametrize("number", [1, 3])
def test_a_backup_name_hard_linked_to_the_registry_keeps_the_previous_version(
    run_cli: CliRunner, tmp_path: Path, number: int
) -> None:
    registry = registry_at(tmp_path)
    os.link(registry, tmp_path / f"clinics.yaml.~{number}~")
    assert run_cli("fmt", str(registry)).returncode == 0
    assert registry.read_text(encoding="utf-8") != UNFORMATTED
    backups = [tmp_path / f"clinics.yaml.~{n}~" for n in range(1, 6)]
    kept = [b.read_text(encoding="utf-8") for b in backups if b.exists()]
    assert kept == [UNFORMATTED]  # the newest, a file of its own; no backup changed with it
    assert (tmp_path / "clinics.yaml.~1~").stat().st_ino != registry.stat().st_ino


def test_the_editors_save_through_a_backup_hard_link_keeps_the_previous_version(
    tmp_path: Path,
) -> None:
    registry = registry_at(tmp_path, VALID)
    backup = tmp_path / "clinics.yaml.~1~"
    os.link(registry, backup)
    document = RegistryDocument.open(registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed Clinic"})
    document.save()
    assert "Renamed Clinic" in registry.read_text(encoding="utf-8")
    assert backup.read_text(encoding="utf-8") == VALID


def test_a_failed_write_in_place_puts_the_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = registry_at(tmp_path)
    os.link(registry, tmp_path / "elsewhere.yaml")
    real_write = os.write

    def full_disk(descriptor: int, data: bytes | memoryview) -> int:
        if bytes(data[:6]) == b"broken":
            real_write(descriptor, b"bro")
            raise OSError(28, "No space left on device")
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(FileWriteError, match="the disk is full"):
        save_with_backup(registry, b"broken" * 100)
    assert registry.read_text(encoding="utf-8") == UNFORMATTED


# pipes and devices where a file is read -------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "fmt"])
def test_a_pipe_or_dev_zero_as_the_registry_is_a_sentence(
    run_cli: CliRunner, tmp_path: Path, command: str
) -> None:
    pipe = tmp_path / "clinics.yaml"
    os.mkfifo(pipe)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    for registry in (pipe, zero):
        result = run_cli(command, str(registry))
        assert result.returncode == 1
        assert f"{registry}:1:1: cannot read the file: it is a pipe or a device" in result.stderr


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "cannot read the file: part of its path is not a folder"),
        ("es", "no se puede leer el archivo: parte de su ruta no es una carpeta"),
    ],
)
def test_a_registry_whose_path_runs_through_a_file_is_said_in_locators_words(
    tmp_path: Path, language: str, said: str
) -> None:
    """It was the system's English, "Not a directory", in a Spanish session too."""
    (tmp_path / "registry").write_text(VALID, encoding="utf-8")
    with speaking(language), pytest.raises(RegistryError) as refused:
        load_registry(tmp_path / "registry" / "clinics.yaml", use_cache=False)
    (problem,) = refused.value.problems
    assert problem.message == said


def test_a_registry_over_the_limit_is_refused_before_it_is_read(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    huge = tmp_path / "clinics.yaml"
    with huge.open("wb") as stream:
        stream.truncate(MAX_REGISTRY_BYTES + 1024 * 1024)  # sparse: no disk used
    result = run_cli("validate", str(huge))
    assert "the file is 257 MB; a registry may be at most 256 MB" in result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["pipe", "/dev/zero"])
def test_settings_that_are_a_pipe_or_dev_zero_are_said_and_not_read(
    run_cli: CliRunner, isolated_user_dirs: Path, kind: str
) -> None:
    settings = isolated_user_dirs / "xdg_config_home" / "locator" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    if kind == "pipe":
        os.mkfifo(settings)
    else:
        settings.symlink_to(kind)
    result = run_cli("settings")
    assert result.returncode == 0, result.stderr
    assert "settings.json could not be used: it could not be read (it is a pipe or a device" in (
        result.stderr
    )


def test_a_kept_file_as_a_pipe_is_refused_unread(tmp_path: Path) -> None:
    pipe = tmp_path / "shortlists.json"
    os.mkfifo(pipe)
    data, problem = read_kept_json(pipe, dict)
    assert data is None
    assert problem is not None
    assert "no copy could be kept" in problem


# files made to be slow to check ---------------------------------------------------------


def test_many_duplicate_and_unknown_keys_are_each_located(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """Checked in one pass: a scan of the mapping for each of them took minutes."""
    keys = [f"    k{n}: x\n" for n in range(20_000)]
    head = VALID.split("    last_verified")[0]
    registry = tmp_path / "clinics.yaml"
    registry.write_text(head + "".join(keys + keys) + VALID[len(head) :], encoding="utf-8")
    result = run_cli("validate", str(registry))
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    assert f"{registry}:17:5: clinics[0].k0: unknown field “k0”" in lines
    assert f"40,000 problems in {registry}" in lines  # each counted, the first 1,000 listed
    with pytest.raises(RegistryError) as caught:
        load_registry(registry, use_cache=False)
    said = [problem.format(str(registry)) for problem in caught.value.problems]
    assert f"{registry}:20017:5: duplicate key “k0” (first on line 17); keep one of them" in said
    assert sum("duplicate key" in line for line in said) == 20_000


def test_a_five_thousand_digit_number_is_located(run_cli: CliRunner, tmp_path: Path) -> None:
    registry = registry_at(
        tmp_path, VALID.replace("latitude: 40.59161", "latitude: -" + "4" * 5000)
    )
    result = run_cli("validate", str(registry))
    said = result.stdout + result.stderr
    assert f"{registry}:8:17: a number 5001 characters long is no value a registry holds" in said
    assert "unexpected" not in said


def test_a_registry_with_aliases_is_refused_for_editing_without_walking_them(
    valid_registry: Path,
) -> None:
    """A hundred million values once every alias is followed: each node is walked once, so
    the editor refuses at once, naming the alias, instead of running for hours."""
    text = valid_registry.read_text(encoding="utf-8")
    second = text.index("  - id: second-clinic")
    valid_registry.write_text(text[:second] + alias_bomb(7) + text[second:], encoding="utf-8")
    with pytest.raises(RegistryError, match=r"alias \(\*a\); aliases are not allowed"):
        RegistryDocument.open(valid_registry)


def test_a_value_one_clinic_takes_from_another_by_alias_is_refused_for_editing(
    valid_registry: Path,
) -> None:
    """Saving the second clinic alone would leave ``*c`` with no ``&c``, or show it empty."""
    text = valid_registry.read_text(encoding="utf-8")
    valid_registry.write_text(
        text.replace("conditions: [", "conditions: &c [").replace(
            "    name: Second Clinic\n", "    name: Second Clinic\n    conditions: *c\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(RegistryError) as refused:
        RegistryDocument.open(valid_registry)
    (problem,) = refused.value.problems
    assert problem.message == (
        "this anchored value is repeated by an alias (*c); aliases are not allowed: write the "
        "value out"
    )


def test_fixing_a_five_thousand_digit_number_in_the_form_is_a_sentence(
    valid_registry: Path,
) -> None:
    """The clinic's old text holds the number, which ruamel.yaml cannot read back."""
    text = valid_registry.read_text(encoding="utf-8")
    valid_registry.write_text(text.replace("40.59161", "4" * 5000), encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    document.apply(document.clinic_keys()[0], {("location", "latitude"): 40.59161})
    with pytest.raises(EntryRewriteError, match="could not be written back exactly"):
        document.save()


def test_fmt_removes_only_its_own_leftovers_never_a_users_file_named_alike(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A killed save's leftover goes; a draft or an old copy the user named ``.NAME….tmp``
    stays, byte for byte."""
    registry = registry_at(tmp_path)
    leftover = tmp_path / ".clinics.yaml.locator-k1ll3d00.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    mine = {
        name: f"my precious draft {n}".encode()
        for n, name in enumerate([".clinics.yaml.draft.tmp", ".clinics.yaml.~1~.old.tmp"])
    }
    for name, content in mine.items():
        (tmp_path / name).write_bytes(content)
    result = run_cli("fmt", str(registry))
    assert result.returncode == 0, result.stderr
    assert not leftover.exists()
    for name, content in mine.items():
        assert (tmp_path / name).read_bytes() == content


def _registry_refused(path: Path) -> str:
    with pytest.raises(RegistryError) as refused:
        load_registry(path)
    return str(refused.value)


def _import_refused(path: Path) -> str:
    with pytest.raises(HsdsError) as refused:
        read_hsds(path)
    return str(refused.value)


LOOP_READ = {
    "registry": _registry_refused,
    "settings or shortlists": lambda path: str(read_kept_json(path, dict)[1]),
    "import": _import_refused,
}


@pytest.mark.parametrize("kind", LOOP_READ)
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "it is a loop of links, each leading to another and none to a file"),
        ("es", "es un ciclo de enlaces: cada uno lleva a otro y ninguno a un archivo"),
    ],
)
def test_a_loop_of_links_read_is_said_to_be_one(
    kind: str, language: str, said: str, tmp_path: Path
) -> None:
    """``ln -s a b; ln -s b a``: "a link is in the way, which locator does not follow there"
    was said, of a file locator was asked to read, and followed as asked."""
    (tmp_path / "b").symlink_to("a")
    (tmp_path / "a").symlink_to("b")
    with speaking(language):
        message = LOOP_READ[kind](tmp_path / "a")
    assert said in message
    assert "does not follow" not in message
    assert "no sigue" not in message


def _written_through(write: Callable[[Path], object]) -> Callable[[Path], str]:
    def refused(path: Path) -> str:
        with pytest.raises((FileWriteError, UsageError)) as refusal:
            write(path)
        return str(refusal.value)

    return refused


def _stream(path: Path) -> None:
    with writing(path) as stream:
        stream.write(b"an export of the whole registry")


LOOP_WRITTEN = {
    "a file": _written_through(lambda path: atomic_write(path, "x")),
    "an export written as it is made": _written_through(_stream),
    "an export's early check": _written_through(refuse_unwritable),
    "-o": _written_through(check_output),
    "a registry": _written_through(lambda path: save_with_backup(path, VALID.encode())),
    "settings or shortlists": _written_through(lambda path: write_kept(path, "{}")),
}


@pytest.mark.parametrize("kind", LOOP_WRITTEN)
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "it is a loop of links, each leading to another and none to a file"),
        ("es", "es un ciclo de enlaces: cada uno lleva a otro y ninguno a un archivo"),
    ],
)
def test_a_loop_of_links_written_is_said_to_be_one_and_left_as_it_is(
    kind: str, language: str, said: str, tmp_path: Path
) -> None:
    """``ln -s a b; ln -s b a``: a write of ``a`` replaced the link ``a`` with a file, and
    the loop the user made was gone."""
    (tmp_path / "b").symlink_to("a")
    (tmp_path / "a").symlink_to("b")
    with speaking(language):
        message = LOOP_WRITTEN[kind](tmp_path / "a")
    assert said in message
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "b"]
    assert os.readlink(tmp_path / "a") == "b"
    assert os.readlink(tmp_path / "b") == "a"
