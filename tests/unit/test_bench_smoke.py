"""`python -m benchmarks --smoke`: every benchmark still runs and gives its figures, so the
figures in docs/benchmarks.md can be measured again. How fast anything is, `make bench` says,
never a test."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import benchmarks
from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO

# the modules of benchmarks/ that measure nothing themselves
HELPERS = {"__main__", "folders", "timing"}


def test_every_benchmark_runs_once_gives_figures_and_keeps_to_its_folders(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    # every folder a benchmark or its QtWebEngine may write to is in this test's own folder
    folders = {
        variable: tmp_path / variable.lower()
        for variable in ("HOME", "TMPDIR", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")
    }
    for folder in folders.values():
        folder.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke"],
        cwd=REPO,
        env=run_cli.environment({variable: str(folder) for variable, folder in folders.items()}),
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard, not a speed check
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["benchmark", "figures", "took", "result"]
    assert lines[-1].startswith("smoke run took ")
    rows = [line.split() for line in lines[2:-1]]
    expected = {module.name for module in pkgutil.iter_modules(benchmarks.__path__)} - HELPERS
    assert sorted(row[0] for row in rows) == sorted(expected), result.stdout
    assert all(row[-1] == "ok" and int(row[1]) > 0 for row in rows), result.stdout
    # the place index, the registry cache, the app's settings: all in the run's own folders
    written = {
        variable: sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))
        for variable, folder in folders.items()
        if variable != "TMPDIR"
    }
    assert written == {variable: [] for variable in written}


def test_the_aims_table_says_which_figures_are_within_their_aims_beside_the_floor() -> None:
    from benchmarks.timing import Row, aims

    rows = [
        Row(
            "app", "start", 0.75, 0.7, 3, aim_s=0.7, floor_s=0.25, memory_mb=390, memory_aim_mb=400
        ),
        Row("map", "pan", 0.0167, 0.0166, 40, aim_s=0.0167),
        Row("search", "no aim", 1.0, 1.0, 1),
    ]
    lines = [line.split("  ") for line in aims(rows).splitlines()[2:]]
    cells = [[cell.strip() for cell in line if cell.strip()] for line in lines]
    assert cells == [
        ["app", "start", "750.00 ms", "700.00 ms", "NO", "250.00 ms", "3.0x"],
        ["app", "start: memory (PSS)", "390 MB", "400 MB", "yes"],
        ["map", "pan", "16.70 ms", "16.70 ms", "yes"],
    ]
