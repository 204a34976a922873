"""Named shortlists of clinics ("referrals for J."), kept as JSON in the user data directory."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import platformdirs

from locator.data.bidi import neutral
from locator.errors import FileWriteError, ShortlistError
from locator.files import keep_copy, keep_unreadable, read_kept_json, write_kept
from locator.i18n import _, number
from locator.terminal import in_a_sentence, one_line

# The longest name a list is given: a name is read in dialogs, menus and notices, and one of a
# megabyte (a paste) took seconds to lay out. A longer one kept from before is kept whole, and
# said when the file is read, as is a name there that breaks another rule.
LONGEST_NAME = 200
# What a name may not hold: C0 and C1 controls, line breaks and tabs among them (a name is
# one line), and halves of a UTF-16 pair, which the file cannot hold as UTF-8.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def name_problem(name: str) -> str | None:
    """Why ``name`` (stripped) cannot be a new shortlist's name, as a sentence; None when it
    can. Characters that reorder text are allowed: every surface shows them neutralised."""
    control = _CONTROL.search(name)
    if control is not None:
        return _(
            "A shortlist's name cannot hold a control character (this one holds U+{code:04X}); "
            "type it without."
        ).format(code=ord(control.group()))
    length = len(as_compared(name))
    if length > LONGEST_NAME:
        return _(
            "A shortlist's name can be at most {most} characters long; this one has {count}."
        ).format(most=number(LONGEST_NAME), count=number(length))
    return None


def as_compared(name: str) -> str:
    """``name`` as names are compared: "Café" typed with an accented letter or with a letter
    and an accent (NFC and NFD) is one name."""
    return unicodedata.normalize("NFC", name)


def _names_breaking_the_rules(names: list[str]) -> list[str]:
    """A phrase for each of ``names`` (read from the file) that a list could not be given now
    (:func:`name_problem`, or written as an earlier one is, :func:`as_compared`): a name with a
    line break showed as two names, and two written alike as one name twice, with nothing
    said."""
    said: list[str] = []
    taken: dict[str, str] = {}  # each name as compared -> the first written so
    for name in names:
        same = as_compared(name)
        control = _CONTROL.search(name)
        if control is not None:
            problem = _("it holds a control character (U+{code:04X})").format(
                code=ord(control.group())
            )
        elif len(same) > LONGEST_NAME:
            problem = _("it has {count} characters, and a name at most {most}").format(
                count=number(len(same)), most=number(LONGEST_NAME)
            )
        elif same in taken:
            problem = _(
                "it is another list's name, “{other}”, with its characters encoded another way"
            ).format(other=in_a_sentence(taken[same]))
        else:
            taken[same] = name
            continue
        taken.setdefault(same, name)
        said.append(_("“{name}”: {problem}").format(name=in_a_sentence(name), problem=problem))
    return said


def _saved_without(path: Path, copy: str | None, why: str) -> str:
    """What is true of a file read with entries that were not lists, once it is saved."""
    if copy is None:
        return _(
            "{path} held entries that were not lists of clinics; locator saved it without "
            "them (no copy of it as it was could be kept: {why})."
        ).format(path=path, why=why)
    return _(
        "{path} held entries that were not lists of clinics; locator saved it without them, "
        "and kept a copy of it as it was as {name}."
    ).format(path=path, name=copy)


def shortlists_path() -> Path:
    """The shortlists file."""
    return Path(platformdirs.user_data_dir("locator")) / "shortlists.json"


class Shortlists:
    """Named lists of clinic ids, saved on every change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or shortlists_path()
        self._read_problem: str | None = None  # what was wrong with the file read, as a sentence
        # the file is there but could not be read at all (damaged, a folder, a pipe): saving
        # would replace what it holds, so nothing is saved over it until it is cleared
        self.unreadable = False
        # what is true of the file once it is saved without the entries that were not lists
        self._saved_without: str | None = None
        self._lists: dict[str, list[str]] = self._read()

    def _read(self) -> dict[str, list[str]]:
        """The saved lists. Entries that are not a list of clinic ids are left out, and a file
        with any such entry, or not readable at all, is kept aside with a warning
        (``files.read_kept_json``): what can be used is, and nothing is lost."""
        data, self._read_problem = read_kept_json(self.path, dict)
        if data is None:
            self.unreadable = self._read_problem is not None
            return {}
        lists = {
            name: list(ids)
            for name, ids in data.items()
            if isinstance(ids, list) and all(isinstance(i, str) for i in ids)
        }
        if len(lists) < len(data):
            kept = keep_copy(self.path)
            self._read_problem = keep_unreadable(
                self.path, _("some of its entries are not lists of clinics"), kept
            )
            self._saved_without = _saved_without(self.path, *kept)
        return lists

    @property
    def problem(self) -> str | None:
        """What is wrong with the file, as a sentence: what reading it found, and the names
        kept that no list is given now, as they are now (a list renamed or deleted is no
        longer said); None when nothing is."""
        said = _names_breaking_the_rules(list(self._lists))
        if not said:
            return self._read_problem
        names = _(
            "{path}: some shortlists have names no list is given now; they are kept as "
            "they are, to rename: {names}."
        ).format(path=self.path, names="; ".join(said))
        return names if self._read_problem is None else f"{self._read_problem} {names}"

    def _write(self) -> None:
        """Save every list; raises ``FileWriteError`` (the file then unchanged) on failure."""
        write_kept(self.path, json.dumps(self._lists, indent=2, ensure_ascii=False))
        if self._saved_without is not None:  # "could not be used" no longer holds
            self._read_problem, self._saved_without = self._saved_without, None

    def names(self) -> list[str]:
        """The shortlists' names, in the order they were made."""
        return list(self._lists)

    def ids(self, name: str) -> list[str]:
        """The clinic ids on a shortlist (empty if there is none by that name)."""
        return list(self._lists.get(name, []))

    def kept_name(self, name: str) -> str | None:
        """The kept list ``name`` names, written as it is or alike (:func:`as_compared`); None
        when none is."""
        if name in self._lists:
            return name
        same = as_compared(name)
        return next((kept for kept in self._lists if as_compared(kept) == same), None)

    def adding_problem(self, name: str) -> str | None:
        """Why clinics cannot go on a list named ``name`` (a new list's name that cannot be
        one, :func:`name_problem`); None when they can."""
        name = name.strip()
        if not name or self.kept_name(name) is not None:
            return None
        return name_problem(name)

    def add(self, name: str, *clinic_ids: str) -> None:
        """Put clinics on a shortlist (saved once): the list ``name`` names, else a new one
        by that name. Refused with ``ShortlistError`` for a name no list can have, and with
        ``FileWriteError`` while the file there could not be read: saving would replace it."""
        if self.unreadable:
            raise FileWriteError.unreadable(self.path)
        problem = self.adding_problem(name)
        if problem is not None:
            raise ShortlistError(problem)
        name = name.strip() or _("Shortlist")
        ids = self._lists.setdefault(self.kept_name(name) or name, [])
        ids.extend(i for i in dict.fromkeys(clinic_ids) if i not in ids)
        self._write()

    def remove(self, name: str, clinic_id: str) -> None:
        """Take a clinic off a shortlist."""
        if clinic_id in self._lists.get(name, []):
            self._lists[name].remove(clinic_id)
            self._write()

    def renaming_problem(self, old: str, new: str) -> str | None:
        """Why the list ``old`` cannot be named ``new`` (stripped), as a sentence: it is
        empty, cannot be a name (:func:`name_problem`, its own name too: kept from a file
        written before the rules, it is there to be renamed), or is another list's, written
        alike; None when it can."""
        new = new.strip()
        if not new:
            return _("a shortlist needs a name; type one")
        problem = name_problem(new)
        if problem is not None or new == old:
            return problem
        same = as_compared(new)
        if any(as_compared(kept) == same for kept in self._lists if kept != old):
            return _(
                "There is already a shortlist named “{name}”; choose another name, or "
                "delete that list first."
            ).format(name=neutral(new))
        return None

    def rename(self, old: str, new: str) -> None:
        """Give a shortlist another name, keeping its place in the order and its clinics.

        Raises :class:`ShortlistError` when there is no list named ``old``, or ``new`` cannot
        be its name (:meth:`renaming_problem`).
        """
        new = new.strip()
        if old not in self._lists:
            raise ShortlistError(_("there is no shortlist named “{old}”").format(old=one_line(old)))
        problem = self.renaming_problem(old, new)
        if problem is not None:
            raise ShortlistError(problem)
        if new == old:
            return
        previous = self._lists
        self._lists = {new if name == old else name: ids for name, ids in previous.items()}
        try:
            self._write()
        except OSError:
            self._lists = previous  # what is shown stays what is saved
            raise

    def delete(self, name: str) -> None:
        """Forget a whole shortlist."""
        if self._lists.pop(name, None) is not None:
            self._write()

    def clear(self) -> None:
        """Forget every shortlist, and a file that could not be read with them (the user chose
        to); raises ``FileWriteError`` with a sentence when the file cannot go (a folder)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise FileWriteError.not_removed(self.path, error) from None
        self._lists = {}
        self.unreadable, self._read_problem, self._saved_without = False, None, None
