"""A website's host as shown is the host opened (locator.data.hosts): the one-step answer for a
plain name says what the full reading says, whatever the address."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from locator.data import hosts

# Characters that change how a host is read: dots, ports, paths, users, escapes, brackets.
_TRICKY = "aZ09-_.:/?#@%\\[]x \u3002é"


def _read_in_full(url: str) -> str | None:
    """The answer of every step, without the one for a plain name."""
    scheme = hosts._SCHEME.match(url)
    if scheme is None:
        return None
    return hosts.authority_fault(hosts._AFTER_HOST.split(url[scheme.end() :], maxsplit=1)[0])


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["https://", "http://", "https://a", "http://0x", "https://1.", "ftp://"]),
    st.text(_TRICKY, max_size=14),
)
def test_a_plain_name_is_said_plain_as_the_full_reading_says(start: str, rest: str) -> None:
    url = start + rest
    assert hosts.web_address_fault(url) == _read_in_full(url)


def test_the_usual_websites_and_the_tricks_are_told_apart() -> None:
    assert hosts.web_address_fault("https://example.org/clinic/1") is None
    assert hosts.web_address_fault("https://clinic.example:8443?x=1") is None
    assert hosts.web_address_fault("https://0x7f.1/") is not None  # opens 127.0.0.1
    assert hosts.web_address_fault("https://trusted.example@evil.example/") is not None
    assert hosts.web_address_fault("https://clinic.example:65536/") is not None
