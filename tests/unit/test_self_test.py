"""`locator --self-test`: the whole path on this machine, one line a step, a sentence on failure."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication

from locator import i18n
from locator.data.loader import load_registry
from locator.data.models import Registry
from locator.data.paths import shipped_registry
from locator.ui.self_test import _comparison_pdf
from tests.helpers.cli import CliRunner
from tests.helpers.counting import counted
from tests.helpers.language import speaking
from tests.helpers.pseudo import unmarked


def test_the_self_test_passes_here(run_cli: CliRunner, isolated_user_dirs: Path) -> None:
    result = run_cli("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok  registry",
        "ok  source documents",
        "ok  place lookup",
        "ok  languages",
        "ok  window",
        "ok  map page",
        "ok  search",
        "ok  first map",
        "ok  base map",
        "ok  comparison PDF",
    ]
    assert "84095 is South Jordan, UT 84095" in result.stdout
    # the registry counted as the window counts it: unnamed providers are not clinics
    found = counted(load_registry(shipped_registry()).clinics)
    assert f"ok  registry: {found} in {shipped_registry()}" in lines
    quoted = {s.document for c in load_registry(shipped_registry()).clinics for s in c.sources}
    # the documents its quotes come from ship with it: the editor checks the quotes against them
    assert f"ok  source documents: {len(quoted)} of {len(quoted)} at hand" in lines
    assert "ok  languages: Español: “&Buscar”, 1,234.5" in lines  # US Spanish writes 1,234.5
    assert lines[-1].startswith("self-test passed in ")
    assert "Traceback" not in result.stderr
    # the user's own settings and shortlists were not touched
    assert not list((isolated_user_dirs / "xdg_config_home").rglob("*"))
    assert not list((isolated_user_dirs / "xdg_data_home").rglob("*"))


def test_a_failing_step_is_named_in_a_sentence(run_cli: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "clinics.yaml"
    broken.write_text("schema_version: 1\nclinics: [{id: x}]\n", encoding="utf-8")
    result = run_cli("--self-test", env={"LOCATOR_REGISTRY": str(broken)})
    assert result.returncode == 1
    assert result.stderr.startswith(f"self-test failed: registry: {broken}:2:")
    assert "Traceback" not in result.stderr


def test_a_language_the_system_has_no_locale_for_gives_no_qt_warning(run_cli: CliRunner) -> None:
    # es_US.UTF-8 is not installed here (`locale -a`: C, C.utf8, POSIX); without the app's
    # fallback to C.UTF-8, Qt warns "Detected locale "C" … not UTF-8" in each of its processes
    result = run_cli(
        "--self-test",
        env={
            "LANG": "es_US.UTF-8",
            "LANGUAGE": "",
            "LC_ALL": "",
            "LC_CTYPE": "",
            "LC_MESSAGES": "",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Detected locale" not in result.stderr
    lines = result.stdout.splitlines()
    assert "ok  página del mapa: sí" in lines  # the language still follows LANG
    assert any(line.startswith("ok  mapa base: ") and "estado" in line for line in lines)


def test_the_pdfs_size_is_in_the_readers_words(
    qapp: QApplication, registry: Registry, tmp_path: Path
) -> None:
    """Its size ("12,345 bytes") was written outside the catalog: English in any language."""
    with speaking(i18n.PSEUDO_LANGUAGE):
        said = _comparison_pdf(registry, tmp_path)
    assert re.fullmatch(r"⟦[\d,]+ bytes⟧", said), said
    assert unmarked(said) == []
