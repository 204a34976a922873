"""The commands the documentation shows a person to type, found as a reader finds them.

Where a command is found:

- in a fenced block marked ``sh``, ``bash``, ``shell`` or ``console``, or one with no language:
  each line after a ``$ `` prompt, and the lines under it (up to the next prompt) as the output
  the docs show for it; in an ``sh``/``bash``/``shell`` block without prompts, every line that is
  not a comment. A block with no language and no prompt (a folder listing) holds no command;
- in an inline code span outside those blocks, when it starts with a program a person runs
  (:data:`PROGRAMS`, a ``.venv/bin/`` or ``scripts/`` path), optionally after ``NAME=value``
  settings, and gives it at least one argument: `` `locator fmt --check` `` is a command,
  `` `ruff` `` alone names a program.

A trailing ``# comment`` is not part of the command. The text is kept as written, with
whitespace runs made single spaces (a span may wrap across lines).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.paths import REPO

# Programs a doc may tell a person to run. A span naming one of these with arguments is a
# command the tests must run or list (tests/unit/test_docs_commands.py).
PROGRAMS = frozenset(
    {
        "locator", "make", "python", "python3", "pip", "pipx", "sh", "bash", "rm", "cp", "mv",
        "cd", "tar", "git", "sudo", "apt", "apt-get", "dnf", "pacman", "pybabel", "pytest",
        "ruff", "mypy", "lint-imports", "pyinstaller", "env", "curl", "wget", "xdg-open",
    }
)  # fmt: skip
SHELL_BLOCKS = frozenset({"sh", "bash", "shell", "console", ""})
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)\s*(?P<lang>[\w-]*)")
_SPAN = re.compile(r"(?<!`)`([^`]+)`(?!`)")
_SETTING = re.compile(r"^[A-Z_][A-Z0-9_]*=")


@dataclass(frozen=True)
class DocCommand:
    """One command as the docs show it: its text, where, and the output shown under it."""

    text: str
    where: str  # "docs/install.md:12"
    shown_output: tuple[str, ...] = ()


def documents() -> list[Path]:
    """Every page a person reads: the README, the changelog and docs/*.md."""
    pages = [REPO / "README.md", REPO / "CHANGELOG.md", *sorted((REPO / "docs").glob("*.md"))]
    return [page for page in pages if page.exists()]


def without_comment(line: str) -> str:
    """``line`` without a ``#`` comment that starts outside quotes after a space."""
    quote = ""
    for index, character in enumerate(line):
        if quote:
            if character == quote:
                quote = ""
        elif character in "'\"":
            quote = character
        elif character == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip()
    return line.rstrip()


def words(command: str) -> list[str]:
    """The command split as the shell splits it (quotes removed); [] when it cannot be."""
    try:
        return shlex.split(command)
    except ValueError:
        return []


def program(command: str) -> str:
    """The program a command runs: its first word after ``NAME=value`` settings."""
    for word in words(command):
        if not _SETTING.match(word):
            return word
    return ""


def is_command(span: str) -> bool:
    """Whether an inline code span is a command to type (see the module's docstring)."""
    split = words(span)
    while split and _SETTING.match(split[0]):
        split = split[1:]
    if len(split) < 2:
        return False
    first = split[0]
    return first in PROGRAMS or first.startswith((".venv/bin/", "scripts/", "./"))


def _fenced(lines: list[str], page: str) -> tuple[list[DocCommand], set[int]]:
    """The commands in a page's fenced blocks, and the numbers of every line inside a block."""
    found: list[DocCommand] = []
    inside: set[int] = set()
    number = 0
    while number < len(lines):
        opening = _FENCE.match(lines[number])
        if not opening:
            number += 1
            continue
        fence, language = opening["fence"], opening["lang"].lower()
        body_start = number + 1
        end = body_start
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        inside.update(range(number, end + 1))
        body = [line.strip() for line in lines[body_start:end]]
        if language in SHELL_BLOCKS:
            found.extend(_block_commands(body, body_start, page, language))
        number = end + 1
    return found, inside


def _block_commands(body: list[str], first: int, page: str, language: str) -> list[DocCommand]:
    found: list[DocCommand] = []
    if any(line.startswith("$ ") for line in body):
        for index, line in enumerate(body):
            if not line.startswith("$ "):
                continue
            output: list[str] = []
            for later in body[index + 1 :]:
                if later.startswith("$ "):
                    break
                output.append(later)
            text = " ".join(without_comment(line[2:]).split())
            found.append(DocCommand(text, f"{page}:{first + index + 1}", tuple(output)))
    elif language:  # an sh block: every line not a comment, continued lines joined
        pending, start = "", 0
        for index, line in enumerate(body):
            line = without_comment(line)
            start = start if pending else index
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            text = " ".join((pending + line).split())
            pending = ""
            if text:
                found.append(DocCommand(text, f"{page}:{first + start + 1}"))
    return found


def commands_in(page: Path) -> list[DocCommand]:
    """Every command ``page`` shows: those in its blocks, then those in its prose."""
    return commands_in_text(page.read_text(encoding="utf-8"), str(page.relative_to(REPO)))


def commands_in_text(text: str, name: str) -> list[DocCommand]:
    """Every command a page's ``text`` shows; ``name`` says where, as "docs/x.md"."""
    lines = text.splitlines()
    found, inside = _fenced(lines, name)
    prose = "\n".join("" if number in inside else line for number, line in enumerate(lines))
    for match in _SPAN.finditer(prose):
        span = " ".join(match[1].split())
        if is_command(span):
            line = prose.count("\n", 0, match.start()) + 1
            found.append(DocCommand(span, f"{name}:{line}"))
    return found


def all_commands() -> list[DocCommand]:
    """Every command in every page, each text once (where it is first shown, with output)."""
    kept: dict[str, DocCommand] = {}
    for page in documents():
        for command in commands_in(page):
            earlier = kept.get(command.text)
            if earlier is None or (command.shown_output and not earlier.shown_output):
                kept[command.text] = command
    return list(kept.values())
