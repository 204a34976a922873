"""Hosts as they are shown and as they are used: a registry's websites and an online provider's
domain are held to the same rule, so that the host a user reads is the host a browser opens or
a typed address is sent to.

A host is plain ASCII letters, digits, hyphens, underscores and dots, or an IP address in
brackets, with a port from 1 to 65535 if any. Everything else is refused with the reason:
letters beyond ASCII (a browser opens their ``xn--`` form, and U+3002 is read as a dot), a
backslash (read as '/'), '%' escapes (decoded), a user before '@' (only a name), a port no
server can listen on, or an IPv4 address written other than as a.b.c.d (``0x7f.1``,
``2130706433`` and ``0177.0.0.1`` all open 127.0.0.1).
"""

from __future__ import annotations

import re
import socket
from urllib.parse import unquote

from locator.i18n import _
from locator.terminal import one_line

_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
_PORT = r"(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
# a host and perhaps its port, as written after "https://": a regular expression without anchors
AUTHORITY = rf"(?:{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]+\])(?::{_PORT})?"
_PLAIN = re.compile(AUTHORITY)


def authority_fault(authority: str) -> str | None:
    """Why ``authority`` (what comes after "https://" and before the path) would not be used as
    it reads, in a phrase for a sentence; None when it is a plain host. A control character in
    the host it names is written ``\\u0009``: a tab or a line break would not be seen."""
    fault = _fault(authority)
    return None if fault is None else one_line(fault)


def _fault(authority: str) -> str | None:
    """:func:`authority_fault`, its control characters as written."""
    if _PLAIN.fullmatch(authority):
        host = _host_and_port(authority)[0]
        address = _as_number(host)
        if address is None:
            return None
        return _("the host {host} is a number, so the host used is {address}").format(
            host=host, address=address
        )
    if "@" in authority:
        _user, _at, host = authority.rpartition("@")
        return _("it names a user before '@', so the host used is {host}").format(host=host)
    if "\\" in authority:
        return _("its '\\' is read as '/', so the host used is {host}").format(
            host=re.split(r"[\\/]", authority)[0]
        )
    host, port = _host_and_port(authority)
    if not host:
        return _("it names no host")
    if not host.isascii():
        return _("the host {host} is not plain ASCII, so the host used is {ascii}").format(
            host=host, ascii=_ascii_form(host)
        )
    if "%" in host:
        return _("the host {host} holds '%' escapes, so the host used is {decoded}").format(
            host=host, decoded=unquote(host)
        )
    if port is not None and not re.fullmatch(_PORT, port):
        return _("the port “{port}” is not one from 1 to 65535").format(port=port)
    return _("the host {host} is not letters, digits, '-', '_' and '.'").format(host=host)


def web_address_fault(url: str) -> str | None:
    """Why ``url``, an http or https address, would open another host than it shows, in a
    phrase; None when its host is plain or it is not such an address."""
    if _NAMED_HOST.match(url):  # most websites: a plain name, no number to read as an address
        return None
    scheme = _SCHEME.match(url)
    if scheme is None:
        return None
    return authority_fault(_AFTER_HOST.split(url[scheme.end() :], maxsplit=1)[0])


# Compiled once: every website of a registry is checked as it is read.
_SCHEME = re.compile(r"https?://")
_AFTER_HOST = re.compile(r"[/?#]")
_NUMBERS = re.compile(r"[0-9][0-9A-Fa-fXx.]*")
# An address whose host is a plain name starting with a letter (never read as a number), with
# any port, up to its path: said plain in one step, as the steps above would say it.
_NAMED_HOST = re.compile(
    rf"https?://(?=[A-Za-z]){_LABEL}(?:\.{_LABEL})*\.?(?::{_PORT})?(?=[/?#]|\Z)"
)


def _as_number(host: str) -> str | None:
    """The IPv4 address a browser reads in ``host`` when it is written as numbers in another
    form than a.b.c.d (hexadecimal, octal, fewer parts); None for a name or that form."""
    written = host.rstrip(".")
    if not _NUMBERS.fullmatch(written):
        return None
    try:
        address = socket.inet_ntoa(socket.inet_aton(written))
    except OSError:  # not a number a browser would read either
        return None
    return None if address == written else address


def _host_and_port(authority: str) -> tuple[str, str | None]:
    """``authority`` split at the colon before its port, if it has one."""
    if authority.startswith("[") and "]" in authority:
        host, _bracket, rest = authority.partition("]")
        return host + "]", rest[1:] if rest.startswith(":") else None
    host, colon, port = authority.rpartition(":")
    return (host, port) if colon else (authority, None)


def _ascii_form(host: str) -> str:
    """The ``xn--`` form a browser opens for ``host`` (IDNA), or the host's letters escaped
    where IDNA has no form for it."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host.encode("ascii", "backslashreplace").decode("ascii")
