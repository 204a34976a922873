"""`locator export` and `locator import` against hostile files built in a temporary folder:
a device or a pipe where the output or the input goes, a file where a folder format writes, a
link planted inside an export folder. Nothing outside is written, every case ends with a
sentence, and nothing is waited on or read without bound."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from locator.exports import EXPORT_FORMATS
from locator.terminal import one_line
from tests.helpers.cli import CliRunner
from tests.helpers.hsds_packages import EXAMPLE_PACKAGE, zip_example_package
from tests.helpers.paths import REPO
from tests.helpers.special_files import ZERO, device, reading

FILE_FORMATS = [fmt.name for fmt in EXPORT_FORMATS if not fmt.folder]
FOLDER_FORMATS = [fmt.name for fmt in EXPORT_FORMATS if fmt.folder]


def export(
    run_cli: CliRunner, registry: Path, fmt: str, *output: str
) -> subprocess.CompletedProcess[str]:
    """Run `locator export --format fmt` on ``registry`` (``-o`` and a path, or nothing), in
    the registry's folder."""
    args = ("--lang", "en", "export", "--format", fmt, "--registry", str(registry), *output)
    return run_cli(*args, cwd=registry.parent)


# F8: export onto a device, a pipe, a file ------------------------------------------------------


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_every_file_export_streams_into_a_device_and_leaves_it(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path, fmt: str
) -> None:
    null = device(tmp_path / "null")
    result = export(run_cli, valid_registry, fmt, "-o", str(null))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["clinics.yaml", "null"]


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_every_file_export_streams_into_a_pipe_and_leaves_it(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path, fmt: str
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got, reader = reading(pipe)
    result = export(run_cli, valid_registry, fmt, "-o", str(pipe))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)  # else the reader would wait on for ever
    reader.join()
    assert "First Clinic" in json.dumps(json.loads(got[0]))


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_pipe_nobody_reads_is_a_sentence_for_every_export(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path, fmt: str
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = export(run_cli, valid_registry, fmt, "-o", str(pipe))
    assert result.returncode != 0
    assert f"Cannot write {pipe}: nothing is reading from that pipe" in result.stderr
    assert "Traceback" not in result.stderr
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_a_folder_export_over_a_file_a_device_or_a_pipe_is_a_sentence(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path, fmt: str
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for output in (afile, pipe, device(tmp_path / "null")):
        kind = output.lstat().st_mode
        result = export(run_cli, valid_registry, fmt, "-o", str(output))
        assert result.returncode == 2
        assert f"Cannot write {output}: it is there and is not a folder" in result.stderr
        assert "unexpected error" not in result.stderr
        assert output.lstat().st_mode == kind
    assert afile.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_a_folder_export_follows_no_link_planted_under_its_names(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path, fmt: str
) -> None:
    """An export into a folder holding links planted under the names the export writes: each
    link is replaced by the export's file, and what the links point to is untouched."""
    folder = tmp_path / "out"
    folder.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("do not touch", encoding="utf-8")
    for name in ("services.csv", "datapackage.json"):
        (folder / name).symlink_to(victim)
    result = export(run_cli, valid_registry, fmt, "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "do not touch"
    for name in ("services.csv", "datapackage.json"):
        assert not (folder / name).is_symlink()
        assert "service" in (folder / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_a_folder_export_refuses_a_folder_of_other_files_as_the_app_does(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path, fmt: str
) -> None:
    """A folder holding the user's own files (the registry's, by `-o .`) is refused with a
    sentence and nothing is written there; a package it wrote is replaced."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    for output, held in ((folder, ["notes.txt"]), (tmp_path, sorted(os.listdir(tmp_path)))):
        result = export(run_cli, valid_registry, fmt, "-o", str(output))
        assert result.returncode == 2, result.stderr
        assert f"{output} is a folder that holds other files than an HSDS package" in (
            result.stderr
        )
        assert sorted(os.listdir(output)) == held
    package = tmp_path / "package"
    for _ in range(2):  # made, then replaced
        assert export(run_cli, valid_registry, fmt, "-o", str(package)).returncode == 0


# F9: import from a pipe, a device, a damaged zip ------------------------------------------------

EXAMPLES = REPO / "tests" / "data" / "hsds"


def import_(run_cli: CliRunner, source: Path) -> subprocess.CompletedProcess[str]:
    """Run `locator import SOURCE -o out.yaml` beside ``source`` (a command that waited on a
    pipe would be stopped by the runner's timeout and fail the test)."""
    out = source.parent / "out.yaml"
    return run_cli("--lang", "en", "import", str(source), "-o", str(out), cwd=source.parent)


def test_importing_a_pipe_or_a_device_is_a_sentence_never_a_wait_or_a_read(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    pipe = tmp_path / "in.fifo"
    os.mkfifo(pipe)
    for source in (pipe, device(tmp_path / "zero", ZERO)):
        result = import_(run_cli, source)
        assert result.returncode == 1
        assert f"{source.name}: it is a pipe or a device, not a file" in result.stderr
        assert "nothing was written" in result.stderr
        assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_package_whose_csv_is_a_pipe_or_a_device_is_a_sentence(
    run_cli: CliRunner, tmp_path: Path, kind: str
) -> None:
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    (package / "phones.csv").unlink()
    if kind == "pipe":
        os.mkfifo(package / "phones.csv")
    else:
        device(package / "phones.csv", ZERO)
    result = import_(run_cli, package)
    assert result.returncode == 1
    assert "phones.csv: it is a pipe or a device, not a file" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            "package.zip: services.csv is damaged inside the zip after 0 bytes: its packed data "
            "cannot be read back (the zip was cut short or changed). Make the zip again",
        ),
        (
            "es",
            "package.zip: services.csv está dañado dentro del zip a partir de 0 bytes: sus datos "
            "comprimidos no se pueden leer (el zip se cortó o se modificó). Vuelva a crear el zip",
        ),
    ],
)
def test_a_damaged_zip_member_is_named_in_locators_words(
    run_cli: CliRunner, tmp_path: Path, language: str, said: str
) -> None:
    """zlib's "Error -3 while decompressing data: invalid …" was shown as written, in English."""
    source = tmp_path / "package.zip"
    zip_example_package(source)
    data = bytearray(source.read_bytes())
    start = data.index(b"services.csv") + len("services.csv")  # the member's packed bytes
    data[start : start + 40] = bytes(40)
    source.write_bytes(bytes(data))
    out = tmp_path / "out.yaml"
    result = run_cli("--lang", language, "import", str(source), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == said
    assert "Error" not in result.stderr
    assert not out.exists()


def test_a_stored_zip_member_with_a_byte_changed_is_said_to_fail_its_check_sum(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """Read whole, then refused by its CRC: no "after 0 bytes", which reads as cut short."""
    source = tmp_path / "package.zip"
    zip_example_package(source, method=zipfile.ZIP_STORED)
    data = bytearray(source.read_bytes())
    stored = (EXAMPLE_PACKAGE / "services.csv").read_bytes()[:10]  # datapackage.json names it
    start = data.index(b"services.csv" + stored) + len("services.csv") + 10  # in its header row
    data[start] ^= 1
    source.write_bytes(bytes(data))
    out = tmp_path / "out.yaml"
    result = run_cli("--lang", "en", "import", str(source), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "package.zip: services.csv is damaged inside the zip: its check sum does not match what "
        "it holds (the zip was changed). Make the zip again"
    )
    assert not out.exists()


def test_a_zip_locked_with_a_password_is_said_so(run_cli: CliRunner, tmp_path: Path) -> None:
    """zipfile's "File … is encrypted, password required for extraction" is said in locator's
    words, as its other refusals are."""
    source = tmp_path / "package.zip"
    zip_example_package(source)
    data = bytearray(source.read_bytes())
    for header, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # each member: "encrypted"
        start = data.find(header)
        while start != -1:
            data[start + flags] |= 1
            start = data.find(header, start + 1)
    source.write_bytes(bytes(data))
    result = import_(run_cli, source)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "package.zip: a damaged or unreadable zip (it is locked with a password; make it again "
        "without one)"
    )


def test_a_zip_cut_short_is_said_to_be_one_not_read_as_json(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A zip without its end was read as JSON: "cut.zip line 1, column 11: not JSON"."""
    whole = tmp_path / "whole.zip"
    zip_example_package(whole)
    source = tmp_path / "cut.zip"
    source.write_bytes(whole.read_bytes()[:-200])
    result = import_(run_cli, source)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "cut.zip is a damaged zip (its end is missing: a download or a copy stopped early). "
        "Make the zip again"
    )


def test_a_nul_in_a_kept_hsds_id_is_a_located_problem_never_written(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """An id holding an escaped NUL was kept under ``hsds`` and written into the registry."""
    service = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    service["id"] += "\u0000x"
    source = tmp_path / "nul.json"
    source.write_text(json.dumps(service), encoding="utf-8")  # the NUL written as \u0000
    result = import_(run_cli, source)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"nul.json: /: hsds: id: “{one_line(service['id'])}” holds a control character; remove it "
        "(registry text is shown in terminals, spreadsheets and pages)"
    )
    assert not (tmp_path / "out.yaml").exists()


# F1: a link planted under a name the user never typed --------------------------------------------


def plant(link: Path, victim: Path) -> None:
    """A link at ``link`` to ``victim``, a file of the user's outside the folder."""
    victim.write_text("echo HELLO-FROM-LOGIN\n", encoding="utf-8")
    link.symlink_to(victim)


def test_the_map_without_o_is_never_written_through_a_planted_link(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "clone"
    folder.mkdir()
    victim = tmp_path / "bash_login"
    plant(folder / "locator-map.html", victim)
    args = ("--lang", "en", "map", "--registry", str(valid_registry), "--offline", "Sandy, UT")
    result = run_cli(*args, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "wrote locator-map (2).html" in result.stdout
    assert victim.read_text(encoding="utf-8") == "echo HELLO-FROM-LOGIN\n"
    assert "<!DOCTYPE html>" in (folder / "locator-map (2).html").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", [fmt.name for fmt in EXPORT_FORMATS])
def test_an_export_without_o_is_never_written_through_a_planted_link(
    run_cli: CliRunner, valid_registry: Path, tmp_path: Path, fmt: str
) -> None:
    chosen = next(form for form in EXPORT_FORMATS if form.name == fmt)
    default = valid_registry.parent / chosen.default_output
    outside = tmp_path / "outside"  # beside the export, not where it was asked to go
    outside.mkdir()
    victim = outside / "victim"
    if chosen.folder:
        default.symlink_to(outside, target_is_directory=True)
    else:
        plant(default, victim)
    result = export(run_cli, valid_registry, fmt)
    assert result.returncode == 0, result.stderr
    written = default.with_name(f"{default.stem} (2){default.suffix}")
    assert f"wrote {written.name}" in result.stdout
    assert written.exists()
    assert not written.is_symlink()
    assert default.is_symlink()
    if chosen.folder:
        assert list(outside.iterdir()) == []
    else:
        assert victim.read_text(encoding="utf-8") == "echo HELLO-FROM-LOGIN\n"


def test_an_import_without_o_is_never_written_through_a_planted_link(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "service.json"
    shutil.copy(EXAMPLES / "service_full.json", source)
    victim = tmp_path / "victim"
    (tmp_path / "service.yaml").symlink_to(victim)  # a link to nothing yet: "no file there"
    result = run_cli("--lang", "en", "import", str(source), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote service (2).yaml" in result.stdout
    assert not victim.exists()
    assert "schema_version" in (tmp_path / "service (2).yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("form", ["json", "folder", "zip"])
def test_no_more_than_the_limit_is_read_of_a_file_a_csv_or_a_zip_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """The limit, lowered to below the example files' sizes, stops each of them with a
    sentence naming the file (the real limit, 512 MB, is too large to build here)."""
    from locator.hsds import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 200)
    monkeypatch.setattr(reading, "MAX_STREAMED_BYTES", 200)
    if form == "json":
        source = tmp_path / "service.json"
        shutil.copy(EXAMPLES / "service_full.json", source)
        name = "service.json"
    elif form == "folder":
        source = tmp_path / "package"
        shutil.copytree(EXAMPLES / "csv", source)
        name = "organizations.csv"  # the first table read that is over the limit
    else:
        source = tmp_path / "package.zip"
        with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("services.csv", "id\n" + "x" * 5000)  # packs to a few bytes
        name = "services.csv"
    with pytest.raises(reading.HsdsError) as refused:
        reading.read(source)
    assert str(refused.value).startswith(f"{name}: it is ")
    assert "an HSDS file may be at most" in str(refused.value)


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_the_limit_counts_a_packages_tables_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """Each table under the limit, all of them over it: a package is held whole, so it is
    refused at the table that passes it."""
    from locator.hsds import reading

    monkeypatch.setattr(reading, "MAX_BYTES", 1700)  # services.csv alone is 1,630 bytes
    source = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", source)
    if form == "zip":
        source = tmp_path / "package.zip"
        with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in ("organizations.csv", "programs.csv", "services.csv"):
                archive.writestr(name, "id\n" + "x" * 800)  # packs to a few bytes
    with pytest.raises(reading.HsdsError) as refused:
        reading.read(source)
    assert str(refused.value).startswith("services.csv: with the package's other tables it passes")


# N1: problems without bound -----------------------------------------------------------------------


def test_a_megabyte_of_blank_rows_stops_at_a_thousand_problems(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    with (package / "services.csv").open("a", encoding="utf-8") as services:
        services.write("\n" * 1_000_000)  # each blank row lacks every required cell
    result = import_(run_cli, package)
    assert result.returncode == 1
    assert "… more than 1,000 problems; stopping here" in result.stderr
    assert f"more than 1,000 problems in {package}; nothing was written" in result.stderr
    assert len(result.stderr.splitlines()) < 30
    assert not (tmp_path / "out.yaml").exists()


def test_a_zip_bomb_of_blank_rows_is_read_no_further_than_the_problems_it_needs(
    tmp_path: Path,
) -> None:
    """A few hundred kilobytes that inflate to 200 MB of blank rows: reading stops at the
    thousandth problem, having inflated only the rows that gave them."""
    from locator.hsds import reading

    source = tmp_path / "bomb.zip"
    rows = (EXAMPLES / "csv" / "services.csv").read_bytes()
    with (
        zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("services.csv", "w", force_zip64=True) as member,
    ):
        member.write(rows)
        for _ in range(200):
            member.write(b"\n" * 1_000_000)
    assert source.stat().st_size < 1_000_000
    inflated: list[int] = []
    counted = reading._Counted.readinto

    def counting(self: reading._Counted, buffer: bytearray) -> int:
        inflated.append(counted(self, buffer))
        return inflated[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading._Counted, "readinto", counting)
        with pytest.raises(reading.HsdsError) as refused:
            reading.read(source)
    assert refused.value.stopped
    assert len(refused.value.problems) == reading.MAX_PROBLEMS
    first_blank = "services.csv row 3:1: “id” is missing; HSDS requires it"
    assert first_blank in str(refused.value)
    assert sum(inflated) < 1_000_000  # of the 200 MB, only what the problems took


# m-e: Python's own words for a number too long or nesting too deep --------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"name": "A",\n "latitude": ' + "4" * 5000 + "}", "line 2, column 14: a number of 5000"),
        ("[" * 100_000, "line 1, column 501: nested more than 500 levels deep"),
        ('{"a": ' * 50_000, "line 1, column 3001: nested more than 500 levels deep"),
    ],
)
def test_a_file_python_cannot_decode_is_a_located_sentence(
    run_cli: CliRunner, tmp_path: Path, text: str, said: str
) -> None:
    source = tmp_path / "hostile.json"
    source.write_text(text, encoding="utf-8")
    result = import_(run_cli, source)
    assert result.returncode == 1
    assert f"hostile.json {said}" in result.stderr
    for internal in ("set_int_max_str_digits", "recursion", "unicode string", "Exceeds"):
        assert internal not in result.stderr


@pytest.mark.parametrize("fmt", FILE_FORMATS + FOLDER_FORMATS)
def test_export_refuses_a_link_to_nothing_as_import_does(
    run_cli: CliRunner, valid_registry: Path, fmt: str
) -> None:
    folder = valid_registry.parent
    (folder / "dang").symlink_to("victim")
    result = export(run_cli, valid_registry, fmt, "-o", "dang")
    assert result.returncode == 2
    assert (
        "locator: dang is a link to victim, which is not there: a write would create it; "
        "name another file with -o"
    ) in result.stderr
    assert not (folder / "victim").exists()
    assert (folder / "dang").is_symlink()
    source = str(EXAMPLES / "service_full.json")
    imported = run_cli("--lang", "en", "import", source, "-o", "dang", cwd=folder)
    assert imported.returncode == 2  # the two agree
    assert not (folder / "victim").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("compare", "first-clinic", "second-clinic", "--format", "html"),
        ("map", "--offline", "Sandy, UT"),
    ],
    ids=["compare", "map"],
)
def test_compare_and_map_refuse_a_link_to_nothing_as_export_does(
    run_cli: CliRunner, valid_registry: Path, command: tuple[str, ...]
) -> None:
    folder = valid_registry.parent
    (folder / "dang").symlink_to("../victim")
    args = ("--lang", "en", *command, "--registry", str(valid_registry), "-o", "dang")
    result = run_cli(*args, cwd=folder)
    assert result.returncode == 2
    assert (
        "locator: dang is a link to ../victim, which is not there: a write would create it; "
        "name another file with -o"
    ) in result.stderr
    assert "wrote" not in result.stdout
    assert not (folder.parent / "victim").exists()
    assert (folder / "dang").is_symlink()


# -o checked first: the registry being read, a place no write can go, no name, a forged line ---


def locator(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path, *args: str
) -> tuple[int, str, str]:
    """Run the command line in this process, in ``folder``: its status, output and errors
    (fast enough to try every command with every hostile output)."""
    from locator.cli import main

    monkeypatch.chdir(folder)
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


WRITERS = {  # each command that writes a document with -o, reading the registry given
    "compare": ("compare", "first-clinic", "second-clinic", "--format", "html"),
    "export": ("export", "--format", "geojson"),
    "map": ("map", "--offline", "Sandy, UT"),
}


@pytest.mark.parametrize("form", ["name", "link", "hard link"])
@pytest.mark.parametrize("command", WRITERS)
def test_an_output_that_is_the_registry_being_read_is_refused_and_the_registry_kept(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    valid_registry: Path,
    command: str,
    form: str,
) -> None:
    folder = valid_registry.parent
    before = valid_registry.read_bytes()
    output = {"name": "clinics.yaml", "link": "link.yaml", "hard link": "hard.yaml"}[form]
    if form == "link":
        (folder / output).symlink_to("clinics.yaml")
    elif form == "hard link":
        os.link(valid_registry, folder / output)
    args = (*WRITERS[command], "--registry", str(valid_registry), "-o", output)
    code, out, err = locator(capsys, monkeypatch, folder, *args)
    assert code == 2
    assert (
        f"locator: {output} is the registry being read ({valid_registry}): writing there "
        "would replace it; it is unchanged. Name another file with -o"
    ) in err
    assert "wrote" not in out
    assert valid_registry.read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        {"clinics.yaml", Path(output).name}
    )


def unread_pipe(path: Path) -> str:
    os.mkfifo(path)
    return "nothing is reading from that pipe"


def read_only_file(path: Path) -> str:
    path.write_text("kept")
    path.chmod(0o444)
    return "the file is read-only"


def a_folder(path: Path) -> str:
    path.mkdir()
    return "that is a folder"


UNWRITABLE = {
    "a folder": ("out", a_folder),
    "a missing folder": ("none/out", lambda path: "its folder does not exist"),
    "a file as folder": ("clinics.yaml/out", lambda path: "part of its path is not a folder"),
    "read-only": ("out", read_only_file),
    "a pipe nobody reads": ("out", unread_pipe),
}


@pytest.mark.parametrize("command", [*WRITERS, "schema"])
@pytest.mark.parametrize("case", UNWRITABLE)
def test_an_output_that_cannot_be_written_is_refused_before_anything_is_read_or_made(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    valid_registry: Path,
    command: str,
    case: str,
) -> None:
    """The registry named is not there: had it been read first, the sentence would say so."""
    folder = valid_registry.parent
    name, make = UNWRITABLE[case]
    reason = make(folder / name)
    made = sorted(folder.rglob("*"))
    args = (*WRITERS.get(command, ("schema",)), "-o", name)
    if command != "schema":
        args = (*args, "--registry", str(folder / "absent.yaml"))
    code, out, err = locator(capsys, monkeypatch, folder, *args)
    assert code == 2
    assert err.startswith(f"locator: Cannot write {name}: {reason}")
    assert "absent.yaml" not in err
    assert out == ""
    assert sorted(folder.rglob("*")) == made


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_a_folder_export_onto_a_file_is_refused_before_the_registry_is_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    (tmp_path / "out").write_text("kept")
    args = ("export", "--format", fmt, "--registry", "absent.yaml", "-o", "out")
    code, _out, err = locator(capsys, monkeypatch, tmp_path, *args)
    assert code == 2
    assert err.startswith("locator: Cannot write out: it is there and is not a folder")
    assert (tmp_path / "out").read_text() == "kept"


@pytest.mark.parametrize(
    "command",
    [*WRITERS, "schema", "import"],
)
def test_an_empty_output_name_is_said_as_such(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    valid_registry: Path,
    command: str,
) -> None:
    folder = valid_registry.parent
    args = {
        **{name: (*words, "--registry", str(valid_registry)) for name, words in WRITERS.items()},
        "schema": ("schema",),
        "import": ("import", str(EXAMPLES / "service_full.json")),
    }[command]
    code, out, err = locator(capsys, monkeypatch, folder, *args, "-o", "")
    assert code == 2
    assert err == "locator: -o names no file: give it the name of the file to write\n"
    assert out == ""
    assert sorted(path.name for path in folder.iterdir()) == ["clinics.yaml"]


def test_a_file_name_with_a_newline_is_said_on_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, valid_registry: Path
) -> None:
    """A name cannot forge a line of locator's own: what is written, and what is refused."""
    folder = valid_registry.parent
    forged = "out\nlocator: all clear\t\x1b[2J"
    export_args = ("export", "--format", "geojson", "--registry", str(valid_registry))
    code, out, _err = locator(capsys, monkeypatch, folder, *export_args, "-o", forged)
    assert code == 0
    assert out == "wrote out\\u000alocator: all clear\\u0009\\u001b[2J\n"
    assert (folder / forged).is_file()
    missing = "gone\nok: 3 clinics"
    code, out, err = locator(capsys, monkeypatch, folder, "validate", missing)
    assert code == 1
    assert "gone\\u000aok: 3 clinics" in err
    assert "\nok:" not in err
    assert "ok:" not in out
    code, out, err = locator(capsys, monkeypatch, folder, *export_args, "-o", f"{forged}/x")
    assert code == 2
    assert err.count("\n") == 1
    assert "out\\u000alocator: all clear" in err


class CancelledError(Exception):
    """Cancel pressed, as the window's export raises it at its next step."""


def cancel(_fraction: float) -> None:
    raise CancelledError


def test_a_cancelled_package_export_removes_the_folders_it_made_and_only_them(
    valid_registry: Path, tmp_path: Path
) -> None:
    from locator.data.loader import load_registry
    from locator.hsds.tabular import write_package

    registry = load_registry(valid_registry)
    (tmp_path / "kept").mkdir()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "mine.txt").write_text("mine")
    before = sorted(tmp_path.rglob("*"))
    for folder in (tmp_path / "new" / "deeper" / "package", tmp_path / "kept" / "package"):
        with pytest.raises(CancelledError):
            write_package(registry, folder, cancel)
    with pytest.raises(CancelledError):
        write_package(registry, tmp_path / "used", cancel)
    assert sorted(tmp_path.rglob("*")) == before


def test_a_package_replaced_keeps_no_table_of_the_old_one(
    valid_registry: Path, tmp_path: Path
) -> None:
    """Exported again under the same name ("Replace"), a package left the old package's tables
    the new one has no rows for: the folder mixed two registries."""
    from locator.data.loader import load_registry
    from locator.hsds import schema
    from locator.hsds.tabular import write_package

    registry = load_registry(valid_registry)
    fresh = tmp_path / "fresh"
    write_package(registry, fresh, lambda _done: None)
    written = sorted(path.name for path in fresh.iterdir())
    folder = tmp_path / "package"
    folder.mkdir()
    unwritten = [table["path"] for table in schema.resources() if table["path"] not in written]
    for name in unwritten[:2]:  # the old package's tables this registry has no rows for
        (folder / name).write_text("id\nold\n", encoding="utf-8")
    (folder / "mine.txt").write_text("mine", encoding="utf-8")
    write_package(registry, folder, lambda _done: None)
    assert sorted(path.name for path in folder.iterdir()) == sorted([*written, "mine.txt"])
