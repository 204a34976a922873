"""Named shortlists of clinics ("referrals for J."), kept as JSON in the user data directory."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)


def shortlists_path() -> Path:
    """The shortlists file."""
    return Path(platformdirs.user_data_dir("locator")) / "shortlists.json"


class Shortlists:
    """Named lists of clinic ids, saved on every change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or shortlists_path()
        self._lists: dict[str, list[str]] = self._read()

    def _read(self) -> dict[str, list[str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("shortlists in %s unreadable: %s", self.path, error)
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(name): [str(i) for i in ids] for name, ids in data.items() if isinstance(ids, list)
        }

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self._lists, indent=2, ensure_ascii=False), "utf-8")
        temporary.replace(self.path)

    def names(self) -> list[str]:
        """The shortlists' names, in the order they were made."""
        return list(self._lists)

    def ids(self, name: str) -> list[str]:
        """The clinic ids on a shortlist (empty if there is none by that name)."""
        return list(self._lists.get(name, []))

    def add(self, name: str, clinic_id: str) -> None:
        """Put a clinic on a shortlist, making the list if needed."""
        ids = self._lists.setdefault(name.strip() or "Shortlist", [])
        if clinic_id not in ids:
            ids.append(clinic_id)
        self._write()

    def remove(self, name: str, clinic_id: str) -> None:
        """Take a clinic off a shortlist."""
        if clinic_id in self._lists.get(name, []):
            self._lists[name].remove(clinic_id)
            self._write()

    def delete(self, name: str) -> None:
        """Forget a whole shortlist."""
        if self._lists.pop(name, None) is not None:
            self._write()

    def clear(self) -> None:
        """Forget every shortlist."""
        self._lists = {}
        self.path.unlink(missing_ok=True)
