"""A small HTTP server on 127.0.0.1 that plays Nominatim, well or badly, for the tests."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

SANDY_HOUSE = {
    "lat": "40.5712",
    "lon": "-111.8790",
    "display_name": "350, East Main Street, Sandy, Salt Lake County, Utah, 84070, United States",
    "addresstype": "building",
    "class": "building",
    "type": "yes",
    "address": {
        "house_number": "350",
        "road": "East Main Street",
        "city": "Sandy",
        "state": "Utah",
        "postcode": "84070",
        "country_code": "us",
    },
}


@dataclass
class Behaviour:
    """What the server does next: ``mode`` is ok, slow, error500, unavailable503, limited429,
    garbage, or one of the hostile ones: drip (the reply a byte at a time, every
    ``delay_seconds``), drip_body (the headers at once, saying the connection closes, then the
    body a byte at a time), endless (a body with no length that never ends), redirect (a 302 to
    ``redirect_to`` for any path but /moved…)."""

    mode: str = "ok"
    # any JSON, sent as such, or bytes, sent as they are
    answer: object = field(default_factory=lambda: [SANDY_HOUSE])
    delay_seconds: float = 3.0
    redirect_to: str = ""
    requests: list[dict[str, object]] = field(default_factory=list)
    bytes_sent: int = 0  # by drip and endless, before the client hung up
    hung_up: threading.Event = field(default_factory=threading.Event)


def _handler(behaviour: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            behaviour.requests.append(
                {
                    "path": url.path,
                    "query": parse_qs(url.query),
                    "user_agent": self.headers.get("User-Agent", ""),
                    "at": time.monotonic(),
                }
            )
            if behaviour.mode == "slow":
                time.sleep(behaviour.delay_seconds)
            if behaviour.mode in ("drip", "drip_body"):
                self._drip()
            elif behaviour.mode == "endless":
                self._endless()
            elif behaviour.mode == "redirect" and not url.path.startswith("/moved"):
                self.send_response(302)
                self.send_header("Location", behaviour.redirect_to + self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif behaviour.mode == "error500":
                self._reply(500, b"Internal Server Error", "text/plain")
            elif behaviour.mode == "unavailable503":  # geopy takes it for a timeout
                self._reply(503, b"Service Unavailable", "text/plain")
            elif behaviour.mode == "limited429":
                self._reply(429, b"Too Many Requests", "text/plain")
            elif behaviour.mode == "garbage":
                self._reply(200, b"{this is not json", "application/json")
            elif isinstance(behaviour.answer, bytes):
                self._reply(200, behaviour.answer, "application/json")
            else:
                self._reply(200, json.dumps(behaviour.answer).encode(), "application/json")

        def _reply(self, status: int, body: bytes, content_type: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting, as it should

        def _drip(self) -> None:
            body = json.dumps(behaviour.answer).encode()
            reply = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            if behaviour.mode == "drip_body":  # the client then holds no socket of its own
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                self._send_until_hung_up(
                    itertools.chain(
                        [head + b"Connection: close\r\n\r\n"],
                        (body[i : i + 1] for i in range(len(body))),
                    )
                )
                return
            self._send_until_hung_up(reply[i : i + 1] for i in range(len(reply)))

        def _endless(self) -> None:
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[" + b" " * 65536
            self._send_until_hung_up(itertools.chain([head], itertools.repeat(b" " * 65536)))

        def _send_until_hung_up(self, pieces: Iterator[bytes]) -> None:
            self.close_connection = True
            try:
                for piece in pieces:
                    self.wfile.write(piece)
                    self.wfile.flush()
                    behaviour.bytes_sent += len(piece)
                    if behaviour.mode in ("drip", "drip_body"):
                        time.sleep(behaviour.delay_seconds)
            except (BrokenPipeError, ConnectionResetError):
                behaviour.hung_up.set()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def fake_nominatim() -> Iterator[tuple[str, Behaviour]]:
    """Serve on a free port of 127.0.0.1; yields ("127.0.0.1:PORT", behaviour)."""
    behaviour = Behaviour()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(behaviour))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", behaviour
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
