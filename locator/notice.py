"""The notice every answer, export and page carries: locator is no medical advice, and where to
turn in a crisis. A module of its own, light to import: `locator --help` prints it too."""

from __future__ import annotations

from locator.i18n import N_, _

# In English, marked for the catalog: each place that shows one passes it through ``_()`` then
# (``notice()`` for the two together).
DISCLAIMER = N_("locator is a directory, not medical advice.")
CRISIS_LINE = N_("In a crisis, call or text 988 (US). In an emergency, call 911.")
LIFELINE_URL = "https://988lifeline.org"  # the 988 Lifeline's own site: chat, and more help


def notice() -> str:
    """ "locator is a directory, not medical advice. In a crisis, call or text 988 …", in the
    language in use: every export and answer carries it."""
    return f"{_(DISCLAIMER)} {_(CRISIS_LINE)}"
