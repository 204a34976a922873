"""Running the installed ``locator`` command as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from tests.helpers.paths import LOCATOR, REPO


class CliRunner:
    """Runs the installed ``locator`` command as a user would, in the test's own user folders.

    ``run_cli("validate", "my.yaml", cwd=folder)``; ``input`` is standard input, ``env`` adds
    or overrides variables (never replaces the isolated ones unless named), ``module`` runs
    ``python -m locator`` instead of the ``locator`` script.
    """

    def __init__(self, home: Path) -> None:
        self.home = home

    def environment(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """The environment a command runs in: this one, with every user folder isolated."""
        environment = dict(os.environ)  # isolated_user_dirs set XDG_* and the place index
        environment["HOME"] = str(self.home)  # for anything that ignores XDG_*
        for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            environment.setdefault(variable, str(self.home / variable.lower()))
        environment.update(extra or {})
        return environment

    def __call__(
        self,
        *args: str,
        input: str | None = None,
        cwd: Path = REPO,
        env: Mapping[str, str] | None = None,
        module: bool = False,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "locator"] if module else [str(LOCATOR)]
        return subprocess.run(
            [*command, *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            cwd=cwd,
            env=self.environment(env),
            timeout=timeout,
            check=False,
        )
