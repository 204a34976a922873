"""HTTP for online geocoding that a slow, huge or wandering answer cannot abuse.

geopy's own adapters apply their timeout to each read of the socket, so a server that sends a
byte every few seconds holds a lookup forever; they read a body of any size and follow a
redirect to any host. :class:`BoundedAdapter` gives the whole request (connecting, the headers
and the body) one deadline, reads at most :data:`MAX_ANSWER_BYTES`, and follows a redirect only
within the provider's own scheme, host and port.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import socket
import ssl
import threading
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter
from geopy.exc import GeocoderParseError, GeocoderTimedOut, GeocoderUnavailable

from locator import json_text
from locator.errors import OnlineLookupError
from locator.i18n import _

log = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 1_000_000  # a geocoding answer is a few kilobytes
MAX_REDIRECTS = 3
_CHUNK = 64 * 1024


class BoundedAdapter(BaseSyncAdapter):
    """A geopy adapter with a total deadline, a size cap and same-origin redirects only.

    Raises geopy's errors for what geopy knows how to report (timeouts, unreachable hosts,
    HTTP status codes), and :class:`OnlineLookupError` with a sentence for what it refuses.
    """

    def __init__(self, *, proxies: Any, ssl_context: ssl.SSLContext | None) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._ssl_context = ssl_context

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json_text.loads(text)
        except json_text.JsonTextError as error:  # never cached: refused before it is a place
            log.info("an online answer was refused: %s", error)
            raise OnlineLookupError(
                _("the online service sent an answer locator cannot use")
            ) from None
        except (ValueError, RecursionError):
            raise GeocoderParseError(_("the answer is not JSON")) from None

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        deadline = time.monotonic() + timeout
        origin = _origin(url)
        for _redirect in range(MAX_REDIRECTS + 1):
            status, response_headers, body = self._fetch(url, deadline, headers)
            location = response_headers.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                if _origin(url) != origin:
                    raise OnlineLookupError(
                        _(
                            "the online service sent us to another site, and locator does not "
                            "follow it there"
                        )
                    )
                continue
            if status >= 400:
                text = body.decode("utf-8", errors="replace")  # only logged
                raise AdapterHTTPError(
                    f"status {status}", status_code=status, headers=response_headers, text=text
                )
            try:  # JSON is UTF-8 (RFC 8259): a place named "��" is no place's name
                return body.decode("utf-8")
            except UnicodeDecodeError:
                raise OnlineLookupError(
                    _("the online service sent an answer that is not UTF-8 text")
                ) from None
        raise OnlineLookupError(_("the online service redirected too many times"))

    def _fetch(
        self, url: str, deadline: float, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """One GET, bounded by ``deadline``: (status, lower-cased headers, body)."""
        parts = urlsplit(url)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise GeocoderTimedOut("the deadline passed")
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.hostname or "", parts.port, timeout=remaining, context=self._ssl_context
            )
        else:
            connection = http.client.HTTPConnection(
                parts.hostname or "", parts.port, timeout=remaining
            )
        # A socket timeout bounds each read, not their sum: at the deadline the watchdog shuts
        # the socket, which ends whatever read is waiting. The socket is held here, as the
        # connection lets go of it once an answer says the connection closes after it.
        expired = threading.Event()
        opened: list[socket.socket] = []

        def expire() -> None:
            expired.set()
            for sock in opened:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(remaining, expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.connect()
            opened.append(connection.sock)
            if expired.is_set():  # the deadline passed while connecting
                raise GeocoderTimedOut("the deadline passed")
            path = parts.path or "/"
            connection.request(
                "GET", f"{path}?{parts.query}" if parts.query else path, headers=headers
            )
            response = connection.getresponse()
            found = {name.lower(): value for name, value in response.getheaders()}
            body = _read_capped(response, found)
            if expired.is_set():
                raise GeocoderTimedOut("the deadline passed")
            return response.status, found, body
        except TimeoutError:
            raise GeocoderTimedOut(_("the service did not answer in time")) from None
        except (http.client.HTTPException, OSError) as error:
            if expired.is_set():
                raise GeocoderTimedOut("the deadline passed") from None
            raise GeocoderUnavailable(
                _("the service could not be reached: {error}").format(error=error)
            ) from None
        finally:
            watchdog.cancel()
            connection.close()


def _read_capped(response: http.client.HTTPResponse, headers: dict[str, str]) -> bytes:
    """The body, refusing it as soon as it grows past :data:`MAX_ANSWER_BYTES`."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise _too_large()
    body = bytearray()
    while chunk := response.read1(_CHUNK):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise _too_large()
    return bytes(body)


def _too_large() -> OnlineLookupError:
    return OnlineLookupError(
        _(
            "the online service sent an answer larger than {value} MB, far more "
            "than a place takes, so it was not read"
        ).format(value=MAX_ANSWER_BYTES // 1_000_000)
    )


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default
