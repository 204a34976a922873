"""Maintainers' edits: lossless, validated, atomic, never over someone else's change."""

from __future__ import annotations

import difflib
import errno
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from locator import files
from locator.data.backups import backup_path
from locator.data.editing import RegistryDocument
from locator.data.formatting import canonical
from locator.data.loader import load_registry
from locator.errors import (
    EntryRewriteError,
    ExternalChangeError,
    RegistryError,
    RegistryWriteError,
    TargetExistsError,
)
from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import TOUR, VALID


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_one_field_edit_changes_exactly_that_line(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("location", "latitude"): 40.6})
    document.save()
    after = valid_registry.read_text(encoding="utf-8")
    assert changed_lines(VALID, after) == ["-      latitude: 40.59161", "+      latitude: 40.6"]
    assert after.startswith("# a small registry\n")
    assert load_registry(valid_registry, use_cache=False).clinics[0].location.latitude == 40.6


def test_editing_the_bundled_registry_touches_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "clinics.yaml"
    shutil.copy(REPO / "clinics.yaml", path)
    before = path.read_text(encoding="utf-8")
    document = RegistryDocument.open(path)
    document.apply(document.key_for("nervana-medical-sandy"), {("last_verified",): "2026-12-02"})
    document.save()
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-    last_verified: 2026-12-01",
        "+    last_verified: 2026-12-02",
    ]


def test_new_text_that_yaml_versions_read_differently_is_quoted(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("address", "postal_code"): "02108"})
    document.apply(document.key_for("second-clinic"), {("notes",): "yes"})
    document.save()
    text = valid_registry.read_text(encoding="utf-8")
    assert 'postal_code: "02108"' in text
    assert 'notes: "yes"' in text
    clinics = load_registry(valid_registry, use_cache=False).clinics
    assert clinics[0].address.postal_code == "02108"
    assert clinics[1].notes == "yes"


def test_add_duplicate_and_remove(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    copy = document.duplicate(document.key_for("first-clinic"))
    assert document.entry(copy)["id"] == "first-clinic-2"
    document.apply(copy, {("id",): "first-clinic-copy"})
    document.remove(document.key_for("second-clinic"))
    document.add(
        {
            "id": "third-clinic",
            "name": "Third Clinic",
            "sources": [{"document": "seed.txt", "quote": "Third.", "covers": ["name"]}],
            "last_verified": "2026-02-01",
        }
    )
    document.save()
    ids = [c.id for c in load_registry(valid_registry, use_cache=False).clinics]
    assert ids == ["first-clinic", "first-clinic-copy", "third-clinic"]


def test_invalid_edits_cannot_be_saved(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("location", "latitude"): 95})
    with pytest.raises(RegistryError) as caught:
        document.save()
    assert "clinics[0].location.latitude: 95 is out of range" in str(caught.value)
    assert valid_registry.read_text(encoding="utf-8") == VALID


def test_an_external_edit_is_detected(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed Clinic"})
    someone_else = VALID.replace("Second Clinic", "Second Clinic (edited elsewhere)")
    valid_registry.write_text(someone_else, encoding="utf-8")
    assert document.changed_on_disk()
    with pytest.raises(ExternalChangeError, match="changed on disk since it was opened"):
        document.save()
    assert valid_registry.read_text(encoding="utf-8") == someone_else
    elsewhere = document.save(valid_registry.with_name("mine.yaml"))
    assert "Renamed Clinic" in elsewhere.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_original_intact(
    valid_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed Clinic"})

    replace = os.replace

    def refuse(source: str, target: str) -> None:
        if Path(target) == valid_registry:  # the backup is written; the registry is not
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(RegistryWriteError) as caught:
        document.save()
    assert str(caught.value) == (
        f"Cannot write {valid_registry}: the disk is full; the file is unchanged. "
        "Free some space or choose another folder. Nothing was saved."
    )
    assert valid_registry.read_text(encoding="utf-8") == VALID
    assert sorted(p.name for p in valid_registry.parent.iterdir()) == [
        "clinics.yaml",
        "clinics.yaml.~1~",
    ]


def test_the_last_five_versions_are_kept_as_backups(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    key = document.key_for("first-clinic")
    versions = [VALID]
    for number in range(1, 8):
        document.apply(key, {("name",): f"Clinic version {number}"})
        document.save()
        versions.append(valid_registry.read_text(encoding="utf-8"))
    backups = sorted(p.name for p in valid_registry.parent.iterdir() if p.name != "clinics.yaml")
    assert backups == [f"clinics.yaml.~{n}~" for n in range(1, 6)]
    for number in range(1, 6):  # ~1~ the newest
        assert backup_path(valid_registry, number).read_text("utf-8") == versions[-1 - number]


HAND_FORMATTED = """\
# Hand-kept registry
schema_version: 1   # the format
clinics:
# first entry
-   id: first-clinic
    name: First Clinic      # as the source spells it
    conditions:
    - depression
    - anxiety
    sources:
    -   document: seed.txt
        quote: 'A quote.'
    last_verified: 2026-01-15
"""


def test_fmt_keeps_every_comment_and_value_and_is_stable(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND_FORMATTED, encoding="utf-8")
    before = load_registry(path, use_cache=False)
    assert run_cli("fmt", "--check", str(path)).returncode == 1
    result = run_cli("fmt", str(path))
    assert result.returncode == 0, result.stderr
    formatted = path.read_text(encoding="utf-8")
    for comment in ("# Hand-kept registry", "# the format", "# first entry", "# as the source"):
        assert comment in formatted
    assert load_registry(path, use_cache=False) == before
    assert canonical(formatted) == formatted
    assert run_cli("fmt", "--check", str(path)).returncode == 0


def test_fmt_never_rewrites_an_invalid_file(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "bad.yaml"
    bad = HAND_FORMATTED.replace("depression", "depresion")
    path.write_text(bad, encoding="utf-8")
    result = run_cli("fmt", str(path))
    assert result.returncode == 1
    assert "did you mean “depression”" in result.stderr
    assert path.read_text(encoding="utf-8") == bad
    assert run_cli("fmt", "--check", str(path)).returncode == 1


def test_the_bundled_registry_is_in_canonical_layout() -> None:
    text = (REPO / "clinics.yaml").read_text(encoding="utf-8")
    assert canonical(text) == text, "run: locator fmt clinics.yaml"


def test_writes_leave_no_temporary_files(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed"})
    document.save()
    leftovers = [p for p in os.listdir(valid_registry.parent) if p.endswith(".tmp")]
    assert leftovers == []


# nothing the form cannot show is lost ----------------------------------------------------


def test_an_unknown_key_is_kept_verbatim_and_named_with_its_line(valid_registry: Path) -> None:
    """The tour: latitude 95 and a misspelled treatments; fixing the latitude must not
    delete the misspelled line, and the save says which field, at which line."""
    valid_registry.write_text(TOUR, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    key = document.key_for("first-clinic")
    assert "treatmnets" in document.entry(key)
    document.apply(key, {("location", "latitude"): 40.59161})
    assert "    treatmnets: [iv_ketamine_infusion]  # spelled as" in document.render().decode()
    with pytest.raises(RegistryError) as caught:
        document.save()
    assert (
        f"{valid_registry}:13:5: clinics[0].treatmnets: unknown field “treatmnets”; did you mean"
        in (str(caught.value))
    )
    assert document.line_of(key, ("treatmnets",)) == 13
    assert valid_registry.read_text(encoding="utf-8") == TOUR  # refused, not half-saved


def test_unknown_sub_keys_and_comments_inside_an_entry_stay(valid_registry: Path) -> None:
    text = VALID.replace(
        '    address: {city: Sandy, state: UT, postal_code: "84070"}\n',
        "    address:\n      city: Sandy  # the city the source names\n      state: UT\n"
        '      suite: "200"\n    # checked against the website\n',
    )
    valid_registry.write_text(text, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("address", "city"): "Draper"})
    rendered = document.render().decode()
    assert "      city: Draper # the city the source names\n" in rendered  # same column
    assert '      suite: "200"\n    # checked against the website\n' in rendered
    assert changed_lines(text, rendered) == [
        "-      city: Sandy  # the city the source names",
        "+      city: Draper # the city the source names",
    ]


def test_a_comment_after_an_emptied_field_stays_and_one_beside_it_is_refused(
    valid_registry: Path,
) -> None:
    text = VALID.replace(
        "    conditions: [depression, anxiety]\n",
        "    conditions: [depression, anxiety]\n    # conditions from the 2026 brochure\n"
        "    phone: 555-0100  # the front desk\n",
    )
    valid_registry.write_text(text, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    key = document.key_for("first-clinic")
    document.apply(key, {("conditions",): None})
    assert "      source: GeoNames 5781061\n    # conditions from the 2026 brochure\n" in (
        document.render().decode()
    )
    document.apply(key, {("phone",): None})
    with pytest.raises(EntryRewriteError) as caught:
        document.save()
    assert "the comment “# the front desk” on line 14" in str(caught.value)
    assert valid_registry.read_text(encoding="utf-8") == text


def test_last_verified_is_written_plain(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("last_verified",): "2026-11-25"})
    key = document.add(
        {
            "id": "third-clinic",
            "name": "Third Clinic",
            "sources": [{"document": "seed.txt", "quote": "Third.", "covers": ["name"]}],
            "last_verified": "2026-11-25",
        }
    )
    document.save()
    text = valid_registry.read_text(encoding="utf-8")
    assert text.count("    last_verified: 2026-11-25\n") == 2, text
    assert "'2026" not in text
    assert document.entry(key)["last_verified"] == "2026-11-25"


def test_undo_of_a_remove_puts_the_clinic_and_its_comments_back(valid_registry: Path) -> None:
    text = VALID.replace("  - id: second-clinic", "  # the second one\n  - id: second-clinic")
    valid_registry.write_text(text, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    first, second = document.clinic_keys()
    removal = document.remove(first)
    assert document.render().decode().startswith("# a small registry\nschema_version: 1\n")
    assert "  # the second one\n  - id: second-clinic" in document.render().decode()
    document.restore(removal)
    assert document.clinic_keys() == [first, second]
    assert document.render() == text.encode()


def test_ids_are_suggested_from_name_and_city_and_unique(valid_registry: Path) -> None:
    document = RegistryDocument.open(valid_registry)
    key = document.add({"name": "First Clinic", "address": {"city": "Sandy"}})
    assert document.suggest_id(key) == "first-clinic-sandy"
    document.apply(document.key_for("first-clinic"), {("id",): "first-clinic-sandy"})
    assert document.suggest_id(key) == "first-clinic-sandy-2"
    other = document.add({"name": "Clínica Niño, P.C."})
    assert document.suggest_id(other) == "clinica-nino-p-c"


# the durable save ----------------------------------------------------------------------------


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o664, 0o644, 0o600])
def test_the_files_mode_is_kept(valid_registry: Path, mode: int) -> None:
    valid_registry.chmod(mode)
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed"})
    document.save()
    assert mode_of(valid_registry) == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_the_files_owner_and_group_are_kept(valid_registry: Path) -> None:
    os.chown(valid_registry, 4321, 4322)
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed"})
    document.save()
    assert (valid_registry.stat().st_uid, valid_registry.stat().st_gid) == (4321, 4322)


def test_a_symlinked_registry_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "data" / "clinics.yaml"
    real.parent.mkdir()
    real.write_text(VALID, encoding="utf-8")
    link = tmp_path / "clinics.yaml"
    link.symlink_to(real)
    document = RegistryDocument.open(link)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed"})
    document.save()
    assert link.is_symlink()
    assert "name: Renamed" in real.read_text(encoding="utf-8")
    assert backup_path(real, 1).read_text(encoding="utf-8") == VALID


def test_a_read_only_file_is_refused_not_replaced(valid_registry: Path) -> None:
    valid_registry.chmod(0o444)
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed"})
    with pytest.raises(RegistryWriteError) as caught:
        document.save()
    assert str(caught.value).startswith(
        f"Cannot write {valid_registry}: the file is read-only; it is unchanged. Make it writable"
    )
    assert valid_registry.read_text(encoding="utf-8") == VALID
    assert mode_of(valid_registry) == 0o444


def crlf_with_bom() -> bytes:
    return b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode()


def test_crlf_and_a_byte_order_mark_are_kept_and_no_edit_is_byte_identical(
    valid_registry: Path,
) -> None:
    original = crlf_with_bom()
    valid_registry.write_bytes(original)
    document = RegistryDocument.open(valid_registry)
    assert not document.has_changes()
    document.save()
    assert valid_registry.read_bytes() == original
    document.apply(document.key_for("second-clinic"), {("notes",): "Called (801) 555-0100."})
    document.save()
    after = valid_registry.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n") == original.count(b"\n") + 1
    assert changed_lines(original.decode(), after.decode()) == [
        "+    notes: Called (801) 555-0100."
    ]


def test_lines_over_4096_characters_are_never_rewrapped(valid_registry: Path) -> None:
    quote = "word " * 1000 + "end."
    text = VALID.replace('quote: "A quote."', f'quote: "{quote}"').replace(
        '"Another quote."', f'"{quote}"'
    )
    valid_registry.write_text(text, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed"})
    document.apply(document.key_for("second-clinic"), {("notes",): "Seen."})
    document.save()
    after = valid_registry.read_text(encoding="utf-8")
    assert after.count(quote) == 2
    assert len(after.splitlines()) == len(text.splitlines()) + 1


def test_another_writer_just_before_the_rename_is_never_overwritten(
    valid_registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last check happens when the new file is on disk, just before it replaces the old."""
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Mine"})
    theirs = VALID.replace("Second Clinic", "Their Clinic")
    fsync = os.fsync

    def someone_saves_meanwhile(descriptor: int) -> None:
        fsync(descriptor)
        if os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}")).startswith(
            ".clinics.yaml."
        ) and "~" not in os.readlink(f"/proc/self/fd/{descriptor}"):
            valid_registry.write_text(theirs, encoding="utf-8")

    monkeypatch.setattr(files.os, "fsync", someone_saves_meanwhile)
    with pytest.raises(ExternalChangeError, match="changed on disk since it was opened"):
        document.save()
    assert valid_registry.read_text(encoding="utf-8") == theirs
    assert not [p for p in valid_registry.parent.iterdir() if p.name.endswith(".tmp")]


def test_saving_over_another_existing_file_asks_first(valid_registry: Path) -> None:
    other = valid_registry.with_name("other.yaml")
    other.write_text("someone's file", encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Mine"})
    with pytest.raises(TargetExistsError, match=r"other\.yaml already exists"):
        document.save(other)
    assert other.read_text(encoding="utf-8") == "someone's file"
    document.save(other, overwrite=True)
    assert "name: Mine" in other.read_text(encoding="utf-8")


def test_stray_temporary_files_are_removed_at_the_next_start(valid_registry: Path) -> None:
    stray = valid_registry.with_name(".clinics.yaml.locator-k1ll3d_x.tmp")
    stray.write_text("half a file", encoding="utf-8")
    backup_stray = valid_registry.with_name(".clinics.yaml.~1~.locator-x9x9x9x9.tmp")
    backup_stray.write_text("half a backup", encoding="utf-8")
    # the user's own files, named alike but not as locator names its temporary files
    mine = [".clinics.yaml.draft.tmp", ".clinics.yaml.~1~.old.tmp", ".clinics.yaml.abcdefgh.tmp"]
    for name in mine:
        valid_registry.with_name(name).write_text("my precious draft", encoding="utf-8")
    RegistryDocument.open(valid_registry)
    assert sorted(p.name for p in valid_registry.parent.iterdir()) == sorted(
        ["clinics.yaml", *mine]
    )
    for name in mine:
        assert valid_registry.with_name(name).read_text(encoding="utf-8") == "my precious draft"


def test_a_temporary_file_being_written_is_left_alone(valid_registry: Path) -> None:
    import fcntl

    writing = valid_registry.with_name(".clinics.yaml.locator-busy_now.tmp")
    with writing.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a save under way holds it
        RegistryDocument.open(valid_registry)
        assert writing.exists()


def test_fmt_keeps_crlf_and_the_bom_and_keeps_a_backup(tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "hand.yaml"
    original = b"\xef\xbb\xbf" + HAND_FORMATTED.replace("\n", "\r\n").encode()
    path.write_bytes(original)
    result = run_cli("fmt", str(path))
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\n") == after.count(b"\r\n")
    assert backup_path(path, 1).read_bytes() == original
    assert run_cli("fmt", "--check", str(path)).returncode == 0


def test_fmt_in_a_read_only_folder_says_so_in_a_sentence(
    tmp_path: Path,
    make_read_only: Callable[[Path], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from locator import cli

    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "hand.yaml"
    path.write_text(HAND_FORMATTED, encoding="utf-8")
    make_read_only(folder)
    status = cli.main(["fmt", str(path)])
    error = capsys.readouterr().err
    assert status == 1
    assert f"Cannot write {path}" in error
    assert "permission denied" in error
    assert "Traceback" not in error
    assert "unexpected" not in error
    assert path.read_text(encoding="utf-8") == HAND_FORMATTED


# per-fact provenance: an edit to one quote rewrites only that quote ---------------------------


def bundled_copy(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "clinics.yaml"
    shutil.copy(REPO / "clinics.yaml", path)
    return path, path.read_text(encoding="utf-8")


def edit_source(document: RegistryDocument, clinic_id: str, row: int, **changes: object) -> None:
    """Change one source row as the form does: the whole sources list, one row different."""
    key = document.key_for(clinic_id)
    sources = [dict(source) for source in document.entry(key)["sources"]]
    sources[row].update(changes)
    document.apply(key, {("sources",): sources})


def test_editing_one_sources_covers_changes_exactly_that_line(tmp_path: Path) -> None:
    """The tour: the second quote of Nervana Medical South Jordan stops claiming the treatment
    (another quote says it); the other quotes kept their double quotes and every covers its
    values (it was once a 17-line diff)."""
    path, before = bundled_copy(tmp_path)
    document = RegistryDocument.open(path)
    edit_source(
        document,
        "nervana-medical-south-jordan",
        1,
        covers=[{"conditions": ["depression", "anxiety"]}],
    )
    document.save()
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-          - treatments: [ketamine_route_not_stated]",
    ]
    assert load_registry(path, use_cache=False, provenance=True)


def test_editing_a_quote_changes_only_that_quotes_line_and_keeps_its_quotes(
    tmp_path: Path,
) -> None:
    path, before = bundled_copy(tmp_path)
    document = RegistryDocument.open(path)
    old = document.entry(document.key_for("nervana-medical-south-jordan"))["sources"][1]["quote"]
    shorter = old.rsplit(" ", 1)[0]  # still in its document word for word
    edit_source(document, "nervana-medical-south-jordan", 1, quote=shorter)
    document.save()
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        f'-        quote: "{old}"',
        f'+        quote: "{shorter}"',
    ]


def test_a_flow_list_written_over_several_lines_stays_so_after_an_edit_elsewhere(
    valid_registry: Path,
) -> None:
    text = VALID.replace(
        "    conditions: [depression, anxiety]\n",
        "    conditions: [depression,\n                 anxiety]\n",
    ).replace(
        '      - {document: seed.txt, quote: "A quote.", covers: [name, address, treatments]}\n',
        '      - {document: seed.txt, quote: "A quote.",\n'
        "         covers: [name, address, treatments]}\n",
    )
    valid_registry.write_text(text, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    document.apply(document.key_for("first-clinic"), {("name",): "Renamed"})
    edit_source(document, "first-clinic", 1, quote="It treats depression.")
    document.save()
    assert changed_lines(text, valid_registry.read_text(encoding="utf-8")) == [
        "-    name: First Clinic",
        "+    name: Renamed",
        '-      - {document: seed.txt, quote: "It treats depression and anxiety.", covers: '
        "[conditions]}",
        '+      - {document: seed.txt, quote: "It treats depression.", covers: [conditions]}',
    ]


def test_what_validate_refuses_in_covers_is_a_problem_that_stops_the_save(
    valid_registry: Path,
) -> None:
    document = RegistryDocument.open(valid_registry)
    key = document.key_for("first-clinic")
    edit_source(document, "first-clinic", 1, covers=["treatmnts", "notes"])
    problems = [problem for _where, problem in document.problems(key)]
    # in the editor's words: its form ticks the facts a quote supports, by their labels
    assert (
        problems[0] == "Sources, row 2: supports: “treatmnts” is not a field of a clinic; untick it"
    )
    assert problems[1] == "Sources, row 2: supports: 'Notes' needs no quote; untick it"
    assert problems[2].startswith("Treats: no source quote covers this fact")
    with pytest.raises(RegistryError, match=r"clinics\[0\]\.sources\[1\]\.covers\[0\]"):
        document.save()
    assert valid_registry.read_text(encoding="utf-8") == VALID


def test_a_registry_without_covers_saves_with_its_uncovered_facts_named(
    valid_registry: Path,
) -> None:
    """An older or synthetic registry names no covers: its facts are only named, as the app
    reads it; `locator validate` would refuse them all anyway."""
    text = (
        VALID.replace(", covers: [name, address, treatments]", "")
        .replace(", covers: [conditions]", "")
        .replace(", covers: [name]", "")
    )
    valid_registry.write_text(text, encoding="utf-8")
    document = RegistryDocument.open(valid_registry)
    key = document.key_for("first-clinic")
    document.apply(key, {("name",): "Renamed"})
    assert document.problems(key) == []
    assert [where for where, _problem in document.gaps(key)][:2] == [("name",), ("address",)]
    document.save()
    assert "    name: Renamed\n" in valid_registry.read_text(encoding="utf-8")


def test_the_bundled_registry_saves_unchanged_and_one_quotes_values_alone(tmp_path: Path) -> None:
    """Per-value covers, served places, inferred values and the documents' list, kept byte for
    byte; a quote given one more value rewrites that quote's covers and nothing else."""
    path = tmp_path / "clinics.yaml"
    shutil.copyfile(REPO / "clinics.yaml", path)
    original = path.read_text("utf-8")
    document = RegistryDocument.open(path)
    assert document.render() == path.read_bytes()
    document.save()
    assert path.read_text("utf-8") == original
    key = document.key_for("nortex-psychiatry-allen")
    sources = document.entry(key)["sources"]
    said = {**sources[1], "covers": [{"providers": ["Clayton L. Allison", "Brittany Huckaby"]}]}
    document.apply(key, {("sources",): [sources[0], said, *sources[2:]]})
    assert document.problems(key) == []  # the first quote says the treatment too
    document.save()
    changed = [
        line
        for line in difflib.unified_diff(
            original.splitlines(), path.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-          - treatments: [ketamine_route_not_stated]"]


def _unformatted(tmp_path: Path) -> Path:
    """A valid registry ``fmt`` rewrites (spaces after ``clinics:``), so it keeps a backup."""
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID.replace("clinics:", "clinics:   ", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("number", [1, 3])
def test_fmt_with_a_folder_at_a_newer_backups_name_refuses_and_moves_nothing(
    tmp_path: Path, run_cli: CliRunner, number: int
) -> None:
    """A folder at clinics.yaml.~1~ was moved down a place, as if locator had made it."""
    path = _unformatted(tmp_path)
    for older in range(1, 5):
        backup_path(path, older).write_text(f"old {older}")
    folder = backup_path(path, number)
    folder.unlink()
    folder.mkdir()
    (folder / "mine.txt").write_text("mine")
    before = {item: item.read_bytes() for item in tmp_path.rglob("*") if item.is_file()}
    result = run_cli("--lang", "en", "fmt", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"locator: Cannot keep a backup of {path}: {folder} is in the way (that is a "
        f"folder). Move or remove {folder}. Nothing was saved.\n"
    )
    assert {item: item.read_bytes() for item in tmp_path.rglob("*") if item.is_file()} == before


def test_fmt_with_a_pipe_at_the_newest_backups_name_refuses_and_moves_nothing(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """A FIFO at clinics.yaml.~1~ was moved down a place, as if locator had made it."""
    path = _unformatted(tmp_path)
    before = path.read_bytes()
    pipe = backup_path(path, 1)
    os.mkfifo(pipe)
    result = run_cli("--lang", "en", "fmt", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"locator: Cannot keep a backup of {path}: {pipe} is in the way (that is not a plain "
        f"file). Move or remove {pipe}. Nothing was saved.\n"
    )
    assert path.read_bytes() == before
    assert sorted(item.name for item in tmp_path.iterdir()) == ["clinics.yaml", pipe.name]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_fmt_with_a_folder_where_a_backup_goes_names_that_backup(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """Backups move down a place as a save keeps a new one; a folder at the oldest name is in
    the way, and the sentence names it, not the registry."""
    path = _unformatted(tmp_path)
    before = path.read_bytes()
    for number in range(1, 5):
        backup_path(path, number).write_text(f"old {number}")
    oldest = backup_path(path, 5)
    oldest.mkdir()
    (oldest / "mine.txt").write_text("mine")
    result = run_cli("--lang", "en", "fmt", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"locator: Cannot keep a backup of {path}: {oldest} is in the way (that is a "
        f"folder). Move or remove {oldest}. Nothing was saved.\n"
    )
    assert path.read_bytes() == before
    assert (oldest / "mine.txt").read_text() == "mine"
