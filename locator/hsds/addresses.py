"""Web and email addresses an HSDS file gives where no registry field takes them (a service's
``url`` that is not a website, an organization's ``website``, a contact's ``email``): held to
the rules ``locator validate`` holds an entry's ``website`` and ``email`` to.

An entry keeps under ``hsds`` what it could not map, and an HSDS export gives it back: without
these rules locator would pass ``javascript:alert(1)`` or an address that reads backwards
(U+202E) from one referral system to the next. An import leaves such an address out and says
so; an export never writes one (a registry edited by hand may still hold it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from locator.data.bidi import ANY
from locator.data.hosts import web_address_fault
from locator.data.models import EmailAddress, WebAddress
from locator.i18n import _

_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


@functools.lru_cache(maxsize=1024)  # the few names an HSDS file uses, asked of every value
def _kind(key: str) -> Any | None:
    """The registry's type for a value under ``key``: a web address, an email, else None."""
    if key in ("url", "website") or key.endswith("_url"):
        return WebAddress
    if key == "email" or key.endswith("_email"):
        return EmailAddress
    return None


def refused(kept: Any) -> Iterator[tuple[str, str]]:
    """(where, why) for each address in ``kept`` (under an entry's ``hsds``) that the registry
    would refuse as a website or an email: "organization/website", "a javascript: address".
    Most entries keep none: they are looked for first without saying where (an import asks
    of every entry, each keeping some 200 values)."""
    if _any_refused(kept):
        yield from _refused(kept, "")


def _any_refused(kept: Any) -> bool:
    """Whether :func:`refused` names any address in ``kept``."""
    stack = [kept] if isinstance(kept, dict | list) else []
    while stack:
        found = stack.pop()
        if isinstance(found, list):
            stack.extend(item for item in found if isinstance(item, dict | list))
            continue
        for key, value in found.items():
            if isinstance(value, str):
                kind = _kind(str(key))
                if kind is not None and _why_not(kind, value) is not None:
                    return True
            elif isinstance(value, dict | list):
                stack.append(value)
    return False


def _refused(kept: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(kept, dict):
        for key, value in kept.items():
            kind = _kind(str(key))
            if kind is not None and isinstance(value, str):
                why = _why_not(kind, value)
                if why is not None:
                    yield (f"{where}/{key}" if where else str(key)), why
            elif isinstance(value, dict | list):  # a text under another name: nothing to say
                yield from _refused(value, f"{where}/{key}" if where else str(key))
    elif isinstance(kept, list):
        for index, item in enumerate(kept):
            if isinstance(item, dict | list):
                yield from _refused(item, f"{where}/{index}")


def without_refused(kept: Any) -> Any:
    """``kept`` without the addresses :func:`refused` names: ``kept`` itself when it holds
    none, as most entries do (an export asks of every entry; copying each was a sixth of
    exporting 10,000 imported ones)."""
    return _without(kept) if _any_refused(kept) else kept


def _without(kept: Any) -> Any:
    if isinstance(kept, dict):
        return {
            key: _without(value)
            for key, value in kept.items()
            if not (
                (kind := _kind(str(key))) is not None
                and isinstance(value, str)
                and _why_not(kind, value) is not None
            )
        }
    if isinstance(kept, list):
        return [_without(item) for item in kept]
    return kept


def _why_not(kind: Any, value: str) -> str | None:
    """Why ``value`` is no ``kind`` (a web or email address) the registry takes, else None."""
    if fits(kind, value):
        return None
    if any(character in value for character in ANY):
        return _("an address with characters that change the order it reads in")
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return _("a {scheme}: address").format(scheme=scheme.group(1).lower())
    if scheme and kind is WebAddress and scheme.group(1) not in ("http", "https"):
        return _("a web address whose http:// or https:// is not in lower case")
    if kind is EmailAddress:
        return _("not an email address")
    fault = web_address_fault(value)
    if fault is not None:
        return _("a web address that would not open the host it shows: {fault}").format(fault=fault)
    return _("not a web address starting with http:// or https://")


def fits(kind: Any, value: Any) -> bool:
    """Whether ``value`` is what the registry's type ``kind`` accepts (a "City, ST" place)."""
    if isinstance(value, str):
        return _fitting(kind, value)
    return _validates(kind, value)


@functools.lru_cache(maxsize=4096)  # a directory gives the same addresses, towns, codes again
def _fitting(kind: Any, value: str) -> bool:
    return _validates(kind, value)


def _validates(kind: Any, value: Any) -> bool:
    from pydantic import ValidationError

    try:
        _adapter(kind).validate_python(value)
    except ValidationError:
        return False
    return True


@functools.cache
def _adapter(kind: Any) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)
