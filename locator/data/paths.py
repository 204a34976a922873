"""Which registry file locator uses, following the order in DESIGN.md."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from locator.i18n import N_

REGISTRY_ENV = "LOCATOR_REGISTRY"
_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def shipped_registry() -> Path:
    """The registry that ships with locator: the checkout's, else the installed package's."""
    in_checkout = _CHECKOUT_ROOT / "clinics.yaml"
    if in_checkout.is_file() and (_CHECKOUT_ROOT / "pyproject.toml").is_file():
        return in_checkout
    from importlib import resources  # not for `locator --help`, which names REGISTRY_ENV

    return Path(str(resources.files("locator.data") / "clinics.yaml"))


DOCUMENTS_FOLDER = "seeds"  # the folder of the documents a registry quotes, beside it


def shipped_documents() -> Path:
    """The documents the shipped registry quotes, shipped beside it: the editor checks quotes
    against them (in a maintainer's own copy too, which cites the same documents)."""
    return shipped_registry().parent / DOCUMENTS_FOLDER


def user_registry() -> Path:
    """The maintainer's own copy, made by the first in-app save of the shipped registry."""
    import platformdirs  # not for `locator --help`, which names REGISTRY_ENV

    return Path(platformdirs.user_data_dir("locator")) / "clinics.yaml"


class RegistryChoice(NamedTuple):
    """A registry path and why it was chosen, for messages and the About dialog (a named
    tuple: `locator --help` names :data:`REGISTRY_ENV` without loading :mod:`dataclasses`)."""

    path: Path
    reason: str  # why this one, in English (marked for the catalog): translated where shown
    shipped: bool = False


def choose_registry(
    explicit: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] = os.environ,
) -> RegistryChoice:
    """``--registry``, else ``$LOCATOR_REGISTRY``, else the user's copy, else the shipped file."""
    if explicit:
        return RegistryChoice(Path(explicit), N_("given with --registry"))
    if environ.get(REGISTRY_ENV):
        return RegistryChoice(Path(environ[REGISTRY_ENV]), N_("from $LOCATOR_REGISTRY"))
    user = user_registry()
    if user.is_file():
        return RegistryChoice(user, N_("your own copy"))
    return RegistryChoice(shipped_registry(), N_("the registry shipped with locator"), shipped=True)
