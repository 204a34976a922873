"""Every command the documentation shows is run here, or listed in NOT_RUN with its reason.

The commands are found as a reader finds them (``tests/helpers/doc_commands.py``: fenced
``sh``/``console`` blocks and ``$`` prompts, and inline spans that start with a program), in
README.md, CHANGELOG.md and docs/*.md. Each is run by its kind:

- ``locator …`` for real, with ``run_cli``, in this test's temporary folder (a file it writes,
  ``-o map.html``, is written there) on a temporary copy of the bundled registry, with the
  files the docs assume (``my.yaml``, ``places.txt``) made there first. It must exit as the
  docs say (0 unless :data:`EXIT_CODES` says otherwise), and print what a console block shows
  under it (JSON compared as JSON). ``--online`` asks a Nominatim of our own on 127.0.0.1
  (``tests/helpers/fake_nominatim.py``), never the internet.
- A command that opens the window (``locator`` with no command, ``gui``, ``--self-test``,
  ``python -m locator``) is run with no display and must say so in a sentence and exit 5; the
  window itself is opened by ``tests/unit/test_self_test.py`` and the journeys.
- A pattern with a placeholder (``…``, ``[--registry PATH]``) or a command named in prose
  without the argument it needs is run as :data:`FILLED_IN` writes it.
- ``make X``: the target must exist and resolve (``make -n X``); the real runs are CI's:
  ``.ci/run`` runs ``make test``, ``make check-fresh`` and ``make check-dist``.
- Other shell commands run in the temporary folder (``rm -rf ~/…`` with the home folder
  there, ``pybabel init`` on a copy of the catalog, the screenshot script), or are listed in
  :data:`NOT_RUN` with the reason and what runs them instead.

A command added to the docs that none of these runs fails
``test_every_command_in_the_docs_is_run_or_listed``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from locator.settings import OnlineProvider, Settings
from tests.helpers.cli import CliRunner
from tests.helpers.doc_commands import DocCommand, all_commands, commands_in_text, program, words
from tests.helpers.fake_nominatim import fake_nominatim
from tests.helpers.paths import LOCATOR, REPO
from tests.helpers.registry_texts import TOUR

# Commands shown but not run here: the reason, and what runs them instead ("path" or
# "path::test"; None when nothing of locator's runs in them).
NOT_RUN: dict[str, tuple[str, str | None]] = {
    "sh locator/install.sh": (
        "needs the bundle `make dist` builds (400 MB); the same script installs a stand-in "
        "bundle into a home folder of its own",
        "tests/unit/test_install_script.py::"
        "test_install_puts_the_program_a_command_and_a_menu_entry_in_the_users_folders",
    ),
    "sh ~/.local/opt/locator/install.sh --uninstall": (
        "needs an installed bundle",
        "tests/unit/test_install_script.py::"
        "test_uninstall_leaves_nothing_of_the_bundles_in_the_users_folders",
    ),
    "tar -xzf locator-VERSION-linux-x86_64.tar.gz": (
        "needs the archive `make dist` builds; CI unpacks it into an empty folder and runs "
        "its self-test",
        "packaging/check_bundle.py",
    ),
    "pipx install dist/locator-VERSION-py3-none-any.whl": (
        "needs the wheel `make wheel` builds, and pipx; CI installs it into an empty home, "
        "offline, and runs it",
        "packaging/check_wheel.py",
    ),
    "pipx uninstall locator": (
        "pipx's own command, removing the environment pipx made: nothing of locator's runs",
        None,
    ),
    "env -i": (
        "how the bundle check runs the bundle (a bare environment), not a command to type",
        "packaging/check_bundle.py",
    ),
    "python scripts/build_basemap.py": (
        "a maintainer's tool: needs npm and node and the pinned npm packages; the data it "
        "wrote is checked to name it",
        "tests/unit/test_base_map.py::"
        "test_the_base_map_data_carries_its_licences_and_the_script_that_made_it",
    ),
    "git diff": (
        "git's own command, named for what a maintainer sees after an edit",
        "tests/unit/test_editing.py::test_one_field_edit_changes_exactly_that_line",
    ),
}
# The install guide's one-line commands for each family's system packages: run as root,
# they install packages; the guide's text is checked against locator/system_packages.py.
_SYSTEM_PACKAGES = (
    "changes the system's packages as root",
    "tests/unit/test_system_packages.py::"
    "test_the_install_guide_gives_each_family_the_table_s_command_for_the_app",
)
_PYTEST = (
    "pytest inside pytest: the suite itself; `make test` runs it whole in CI",
    ".ci/run",
)

# Patterns and commands named in prose, as they are run here.
FILLED_IN = {
    "locator gui [--registry PATH]": "locator gui --registry clinics.yaml",
    "locator --lang es nearest … --json": "locator --lang es nearest 84070 --json",
    "locator nearest": "locator nearest 84070",
    "locator nearest --json": "locator nearest 84070 --json",
    "locator map": "locator map 84070 -o map.html",
    "locator geocode": "locator geocode 84070",
    "locator compare": "locator compare nervana-medical-sandy nortex-psychiatry-allen",
    "locator import": "locator import service.json -o imported.yaml",
    "locator export": "locator export --format geojson",
    "locator export --format FORMAT [-o PATH] [--registry PATH]": (
        "locator export --format geojson -o clinics.geojson --registry registry.yaml"
    ),
}
# Exit codes the docs give for a command that is not 0.
EXIT_CODES = {
    "locator validate my.yaml": 1,  # "exit 1 and every problem if invalid"
    "locator geocode - < big.txt | head -1": 141,  # "ends quietly, as Unix tools do"
}
# Files the docs' commands take as given, made in the folder they run in. my.yaml is the
# tour's registry with a comment line, so its problems are where docs/command-line.md shows.
FILES = {
    "my.yaml": TOUR.replace("    treatmnets", "    # as the page says\n    treatmnets"),
    "places.txt": "84095\nSandy, UT\nXyzzy Plugh\n",
    "big.txt": "84095\n" * 5000,  # more answers than a pipe holds
    # the HSDS specification's example service, which docs/hsds.md imports
    "service.json": (REPO / "tests" / "data" / "hsds" / "service_full.json").read_text("utf-8"),
}
_GLOBAL_OPTIONS = {"--debug": 0, "--lang": 1, "--registry": 1}
_OUTPUT_OPTIONS = ("-o", "--output")


def kind(text: str) -> str | None:
    """How ``text`` (as the docs show it) is run here; None when nothing runs it."""
    if text in NOT_RUN or _not_run(text) is not None:
        return "listed"
    text = FILLED_IN.get(text, text)
    split = words(text)
    name = program(text)
    if not split:
        return None
    if name == "locator":
        return "window" if _opens_window(split[split.index("locator") + 1 :]) else "locator"
    if name == "make":
        return "make"
    if name == "python" and split[1:3] == ["-m", "locator"]:
        return "window"
    if name == "python" and split[1:3] == ["-c", "pass"]:
        return "python"
    if name == "python" and split[1:2] == ["scripts/screenshot_export.py"]:
        return "screenshot"
    if name == "rm" and all(word.startswith(("-", "~/")) for word in split[1:]):
        return "user-files"
    if name == ".venv/bin/pybabel" and split[1:2] == ["init"]:
        return "catalog"
    return None


def _not_run(text: str) -> tuple[str, str | None] | None:
    if text in NOT_RUN:
        return NOT_RUN[text]
    if re.match(r"sudo (apt-get install|dnf install|pacman -S) ", text):
        return _SYSTEM_PACKAGES
    if re.search(r"(^| )(\.venv/bin/)?(python -m )?pytest( |$)", text):
        return _PYTEST
    return None


def _opens_window(arguments: list[str]) -> bool:
    """Whether ``locator`` with these arguments opens the window (no command, or gui)."""
    if "--self-test" in arguments:
        return True
    rest = list(arguments)
    while rest and rest[0] in _GLOBAL_OPTIONS:
        rest = rest[1 + _GLOBAL_OPTIONS[rest[0]] :]
    return not rest or rest[0] == "gui"


def _of_kind(wanted: str) -> list[object]:
    """Every command of this kind, as a pytest parameter named by its text."""
    return [
        pytest.param(command, id=command.text)
        for command in all_commands()
        if kind(command.text) == wanted
    ]


# the docs and the table ---------------------------------------------------------------------


def test_every_command_in_the_docs_is_run_or_listed() -> None:
    unrun = [
        f"{command.where}: {command.text}" for command in all_commands() if not kind(command.text)
    ]
    assert not unrun, (
        "the docs show commands no test runs; run them in tests/unit/test_docs_commands.py "
        "or list them in its NOT_RUN with what runs them:\n" + "\n".join(unrun)
    )


def test_the_docs_show_commands_of_every_kind() -> None:
    """The finder finds what the pages hold: a change to it that found nothing would pass."""
    kinds = {kind(command.text) for command in all_commands()}
    assert {"locator", "window", "make", "listed"} <= kinds
    texts = {command.text for command in all_commands()}
    assert {"locator validate", "make test", "locator fmt --check"} <= texts


def test_a_new_command_in_a_page_is_found_wherever_it_is_written() -> None:
    page = """# A page

Run `curl -O https://example.org/x` first, then `ruff` (a program, named).

```sh
make run    # a comment
locator nearest 84070 \\
    --json
```

```console
$ locator validate   # what it says
ok: 7 clinics
$ locator fmt --check
```

```
locator/   a folder listing, not a command
```

```yaml
entry: locator validate
```
"""
    found = commands_in_text(page, "docs/new.md")
    assert [(command.text, command.where) for command in found] == [
        ("make run", "docs/new.md:6"),
        ("locator nearest 84070 --json", "docs/new.md:7"),
        ("locator validate", "docs/new.md:12"),
        ("locator fmt --check", "docs/new.md:14"),
        ("curl -O https://example.org/x", "docs/new.md:3"),
    ]
    assert found[2].shown_output == ("ok: 7 clinics",)
    assert kind("curl -O https://example.org/x") is None  # so the test above would fail


def test_the_table_names_only_what_the_docs_show_and_what_exists() -> None:
    shown = {command.text for command in all_commands()}
    for table in (NOT_RUN, FILLED_IN, EXIT_CODES):
        stale = set(table) - shown
        assert not stale, f"no longer in the docs: {stale}"
    for text in shown:
        listed = _not_run(text)
        if listed is None:
            continue
        reason, where = listed
        assert reason, text
        if where is None:
            continue
        path, _, test = where.partition("::")
        assert (REPO / path).is_file(), where
        if test:
            assert f"def {test}(" in (REPO / path).read_text(encoding="utf-8"), where


# running them -------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where a command runs: a copy of the bundled registry and the files the docs assume."""
    where = tmp_path / "work"
    where.mkdir()
    shutil.copy(REPO / "clinics.yaml", where / "registry.yaml")
    for name, text in FILES.items():
        (where / name).write_text(text, encoding="utf-8")
    return where


@pytest.fixture
def online_service() -> Iterator[None]:
    """Online lookups go to a Nominatim of our own on 127.0.0.1."""
    with fake_nominatim() as (domain, _):
        provider = OnlineProvider(
            options={"domain": domain, "scheme": "http"},
            timeout_seconds=2.0,
            min_delay_seconds=0.0,
        )
        Settings(online_provider=provider).save()
        yield


def _run(run_cli: CliRunner, text: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """``text`` run as typed in ``folder``, on the registry copy there."""
    registry = {"LOCATOR_REGISTRY": str(folder / "registry.yaml")}
    if "|" in text:  # a pipeline: the shell's, with the installed command first on PATH
        environment = run_cli.environment(registry)
        environment["PATH"] = f"{LOCATOR.parent}{os.pathsep}{environment['PATH']}"
        return subprocess.run(
            ["bash", "-c", text + "; exit ${PIPESTATUS[0]}"],
            capture_output=True, text=True, cwd=folder, env=environment, timeout=120,
        )  # fmt: skip
    split = words(text)
    settings = {}
    while "=" in split[0]:
        name, _, value = split.pop(0).partition("=")
        settings[name] = value
    standard_input = None
    if "<" in split:
        at = split.index("<")
        standard_input = (folder / split[at + 1]).read_text(encoding="utf-8")
        del split[at : at + 2]
    assert split[0] == "locator", text
    return run_cli(*split[1:], input=standard_input, cwd=folder, env={**registry, **settings})


def _check_shown_output(command: DocCommand, printed: str) -> None:
    shown = "\n".join(command.shown_output)
    if not shown:
        return
    try:
        expected = json.loads(shown)
    except json.JSONDecodeError:
        for line in command.shown_output:
            assert line.strip() in printed, f"{command.where}: {line!r} not in:\n{printed}"
    else:
        assert json.loads(printed) == expected, command.where


@pytest.mark.parametrize("command", _of_kind("locator"))
def test_locator_command_runs_as_the_docs_say(
    command: DocCommand, run_cli: CliRunner, folder: Path, request: pytest.FixtureRequest
) -> None:
    text = FILLED_IN.get(command.text, command.text)
    if "--online" in words(text):
        request.getfixturevalue("online_service")
    result = _run(run_cli, text, folder)
    assert result.returncode == EXIT_CODES.get(command.text, 0), result.stderr
    assert "Traceback" not in result.stderr
    if command.text in EXIT_CODES and "|" in text:
        assert not result.stderr, "a pipe closed early ends quietly"
    _check_shown_output(command, result.stdout + result.stderr)
    split = words(text)
    for option in _OUTPUT_OPTIONS:
        if option in split:
            written = folder / split[split.index(option) + 1]
            if written.is_dir():  # a package of files: what describes them
                written = written / "datapackage.json"
            assert written.is_file(), written
            assert written.stat().st_size > 0, written


def test_the_online_lookup_is_answered_by_the_service_at_street_precision(
    run_cli: CliRunner, folder: Path, online_service: None
) -> None:
    """docs/command-line.md: ``geocode --online ADDRESS``, "street precision, online"."""
    (text,) = (
        c.text for c in all_commands() if "--online" in words(c.text) and "geocode" in c.text
    )
    result = _run(run_cli, text.replace("--online", "--online --json"), folder)
    answer = json.loads(result.stdout)
    assert (answer["precision"], answer["source"] != "offline") == ("address", True)


@pytest.mark.parametrize("command", _of_kind("window"))
def test_window_command_without_a_display_says_so_in_a_sentence(
    command: DocCommand, run_cli: CliRunner, folder: Path
) -> None:
    split = words(FILLED_IN.get(command.text, command.text))
    arguments = split[split.index("locator") + 1 :]
    no_display = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = run_cli(*arguments, cwd=folder, env=no_display, module=split[0] == "python")
    assert result.returncode == 5, result.stderr
    assert "DISPLAY" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", _of_kind("make"))
def test_make_target_exists_and_resolves(command: DocCommand) -> None:
    result = subprocess.run(
        ["make", "-n", *words(command.text)[1:]],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, f"{command.where}: {result.stderr}"
    assert result.stdout.strip(), f"{command.where}: `{command.text}` would do nothing"


@pytest.mark.parametrize("command", _of_kind("python"))
def test_python_command_runs(command: DocCommand, folder: Path) -> None:
    result = subprocess.run(
        [sys.executable, *words(command.text)[1:]], capture_output=True, cwd=folder, timeout=60
    )
    assert result.returncode == 0


@pytest.mark.parametrize("command", _of_kind("user-files"))
def test_removing_what_locator_wrote_removes_it(command: DocCommand, tmp_path: Path) -> None:
    """Run as written, with ``~`` a home folder of this test's own."""
    home = tmp_path / "home"
    folders = [home / word[2:] for word in words(command.text) if word.startswith("~/")]
    for made in folders:
        made.mkdir(parents=True)
        (made / "settings.json").write_text("{}")
    assert home.is_relative_to(tmp_path)
    subprocess.run(
        ["sh", "-c", command.text], env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path, check=True, timeout=60,
    )  # fmt: skip
    assert not any(made.exists() for made in folders)
    assert (home / ".local" / "share").is_dir()  # what else is there stays


@pytest.mark.parametrize("command", _of_kind("catalog"))
def test_a_new_language_catalog_starts_from_the_template(
    command: DocCommand, tmp_path: Path
) -> None:
    """docs/languages.md's first step, on a copy of the catalog's template."""
    (tmp_path / "locator" / "locale").mkdir(parents=True)
    shutil.copy(REPO / "locator/locale/locator.pot", tmp_path / "locator/locale")
    text = command.text.replace(".venv/bin/", f"{REPO}/.venv/bin/", 1)
    subprocess.run(["sh", "-c", text], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    (made,) = (tmp_path / "locator" / "locale").glob("*/LC_MESSAGES/locator.po")
    template = (tmp_path / "locator/locale/locator.pot").read_text(encoding="utf-8")
    assert made.read_text(encoding="utf-8").count("msgid ") == template.count("msgid ")


@pytest.mark.webengine
@pytest.mark.parametrize("command", _of_kind("screenshot"))
def test_the_screenshot_script_draws_an_exported_map_with_no_network(
    command: DocCommand, run_cli: CliRunner, folder: Path
) -> None:
    """docs/map.md's picture: the exported map the page made just before, drawn offline."""
    page = words(command.text)[2]
    (maker,) = (
        c.text for c in all_commands() if c.text.startswith("locator map") and page in c.text
    )
    assert _run(run_cli, maker, folder).returncode == 0
    result = subprocess.run(
        [sys.executable, str(REPO / words(command.text)[1]), *words(command.text)[2:]],
        capture_output=True, text=True, cwd=folder, env=run_cli.environment(), timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "requests refused: 0" in result.stdout
    assert (folder / words(command.text)[3]).stat().st_size > 10_000
