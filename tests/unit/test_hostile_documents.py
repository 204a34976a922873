"""A seed document that cannot be read for its quotes (a pipe, a device, a file past the limit,
a link leading out of its folder) is named, and its quotes said not checked: never waited on,
never read whole, never followed, and never "not in the document word for word"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from locator.data.editing import RegistryDocument
from locator.files import MAX_DOCUMENT_BYTES
from tests.helpers.cli import CliRunner
from tests.helpers.language import speaking
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import VALID
from tests.helpers.special_files import ZERO, device

QUOTED = (
    "First Clinic in Sandy: a quote. It treats depression and anxiety.\n"
    "Another quote, from Second Clinic.\n"
)
REGISTRY = VALID.replace('quote: "A quote."', 'quote: "First Clinic in Sandy: a quote."').replace(
    'quote: "Another quote."', 'quote: "Another quote, from Second Clinic."'
)  # each quote borne out by QUOTED


def planted(tmp_path: Path, kind: str) -> None:
    """The registry beside a seeds folder whose seed.txt is of ``kind``."""
    (tmp_path / "clinics.yaml").write_text(REGISTRY, encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = seeds / "seed.txt"
    if kind == "pipe":
        os.mkfifo(seed)
    elif kind == "device":
        device(seed, ZERO)
    elif kind == "too-large":  # sparse: no disk is used
        with seed.open("wb") as stream:
            stream.truncate(MAX_DOCUMENT_BYTES + 1)
    elif kind == "link-out":  # what it leads to would bear the quotes out, were it followed
        outside = tmp_path / "elsewhere" / "secret.txt"
        outside.parent.mkdir()
        outside.write_text(QUOTED, encoding="utf-8")
        seed.symlink_to(outside)
    elif kind == "folder":  # a package of tables none of which is read: a pipe, a link out
        seed.mkdir()
        os.mkfifo(seed / "a.csv")
        outside = tmp_path / "elsewhere.csv"
        outside.write_text(QUOTED, encoding="utf-8")
        (seed / "b.csv").symlink_to(outside)


WHY = {
    "pipe": "quotes not checked: seed.txt is a pipe or a device, not a file",
    "device": "quotes not checked: seed.txt is a pipe or a device, not a file",
    "too-large": "quotes not checked: seed.txt is 512 MB; a document may be at most 512 MB",
    "link-out": "quotes not checked: seed.txt links outside its folder, and is not followed",
    "folder": "quotes not checked: seed.txt is a folder holding no CSV tables, not a document",
}


@pytest.mark.parametrize("kind", WHY)
def test_validate_names_a_document_it_does_not_read_and_passes(
    kind: str, tmp_path: Path, run_cli: CliRunner
) -> None:
    planted(tmp_path, kind)
    result = run_cli("validate", "clinics.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # not checked is not wrong
    assert result.stderr.splitlines() == [WHY[kind]]


@pytest.mark.parametrize("kind", ["pipe", "link-out"])
def test_the_editor_says_the_quotes_are_not_checked_and_why_in_spanish(
    kind: str, tmp_path: Path
) -> None:
    planted(tmp_path, kind)
    document = RegistryDocument.open(tmp_path / "clinics.yaml")
    key = document.key_for("first-clinic")
    assert document.problems(key) == []  # never "not in seed.txt word for word"
    with speaking("es"):
        notes = [note for _where, note in document.quote_notes(key)]
    why = {
        "pipe": "es una tubería o un dispositivo, no un archivo",
        "link-out": "enlaza fuera de su carpeta y no se sigue",
    }[kind]
    assert notes == [
        f"Fuentes, fila {row}: documento: cita sin comprobar: seed.txt {why}" for row in (1, 2)
    ]


def test_a_link_inside_the_seeds_folder_is_still_read(tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "clinics.yaml").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "kept.txt").write_text(QUOTED, encoding="utf-8")
    (tmp_path / "seeds" / "seed.txt").symlink_to("kept.txt")
    result = run_cli("validate", "clinics.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # every quote checked


def test_a_small_registry_is_read_without_asking_for_the_limits_memory(tmp_path: Path) -> None:
    """Where memory is not overcommitted, a read that asks for the limit's memory up front
    fails: here the process may grow by half the limit at most, and a 1 KB file is read."""
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 1024)
    script = (
        "import resource, sys\n"
        "from locator.files import MAX_DOCUMENT_BYTES, read_regular\n"
        "status = open('/proc/self/status').read().split('VmSize:')[1]\n"
        "grown = int(status.split()[0]) * 1024 + MAX_DOCUMENT_BYTES // 2\n"
        "resource.setrlimit(resource.RLIMIT_AS, (grown, grown))\n"
        "print(len(read_regular(sys.argv[1], MAX_DOCUMENT_BYTES)))\n"
    )
    read = subprocess.run(
        [sys.executable, "-c", script, str(small)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout == "1024\n"
