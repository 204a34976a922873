"""One gettext catalog for every user-facing string: window, exports, map page and CLI alike.

gettext rather than Qt Linguist because most of what people read is written by the Qt-free
core (messages, exports, the CLI); Qt's own strings (standard buttons, dialogs) come from Qt's
shipped catalogs through a QTranslator in the UI. Strings are translated when shown, never at
import: module-level texts are marked with :func:`N_` and passed through :func:`_` on use.

``qps`` is a pseudo-language for tests: every translated string comes back wrapped in
``⟦…⟧``, so text on screen without the brackets was never marked for translation.
"""

from __future__ import annotations

import gettext
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, getcontext, localcontext
from pathlib import Path

DOMAIN = "locator"
LOCALE_DIR = Path(__file__).parent / "locale"
SOURCE_LANGUAGE = "en"
PSEUDO_LANGUAGE = "qps"
LANGUAGES = {"en": "English", "es": "Español"}  # what the Language menu offers, in its own words
# The region each language is written for: numbers follow its conventions (Babel's CLDR data),
# and the map page writes numbers with the same tag. US English and US Spanish, as the users.
LOCALES = {"en": "en_US", "es": "es_US", PSEUDO_LANGUAGE: "en_US"}


class _Pseudo(gettext.NullTranslations):
    """Wraps each translated string so a test can spot one that was never marked."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"


_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the current language ("" stays "": gettext would give the catalog's
    header for it)."""
    return _translation.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that goes with the number ``n`` ("1 clinic", "4 clinics")."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context``, for a word whose translation depends on it."""
    return _translation.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the name xgettext and Babel look for
    """Mark ``message`` for the catalog without translating it yet (module-level texts)."""
    return message


def system_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), as "es"."""
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in env.get(variable, "").split(":"):
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES or code == PSEUDO_LANGUAGE:
                return code
            if code and code not in ("c", "posix"):
                return SOURCE_LANGUAGE  # a language we have no catalog for: English
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Use ``code`` ("es", "en", "qps"; None: the system's) from now on; return the one in use."""
    global _translation, _language
    wanted = system_language() if code is None else code.split("_")[0].split("-")[0].lower()
    if wanted == PSEUDO_LANGUAGE:
        _translation, _language = _Pseudo(), wanted
    elif wanted in LANGUAGES and wanted != SOURCE_LANGUAGE:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[wanted], fallback=True)
        _language = wanted if type(_translation) is not gettext.NullTranslations else "en"
    else:
        _translation, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
    return _language


def language() -> str:
    """The language strings are translated into now ("en", "es" or "qps")."""
    return _language


def locale_tag() -> str:
    """The language's region as a BCP 47 tag ("es-US"), for the map page's number formats."""
    return LOCALES.get(_language, LOCALES[SOURCE_LANGUAGE]).replace("_", "-")


def number(value: float, decimals: int = 0) -> str:
    """``value`` written as the language writes numbers, grouped: "1,234.5" in US English and
    US Spanish, "1.234,5" in Spain.

    US English is written here as Babel writes it (the decimal text of ``value``, rounded half
    to even, then its sign: "-0" for -0.4): loading Babel's locale data takes some 20 ms, a
    twentieth of a `locator nearest`. Other languages use Babel, imported on first use. Any
    finite float is written, 1e308 too: the rounding is given as many digits as it needs.
    """
    locale = LOCALES.get(_language, "en_US")
    if not math.isfinite(value):
        return _babel_number(value, decimals, locale)
    exact = Decimal(str(value))
    digits = max(exact.adjusted(), 0) + decimals + 2
    with localcontext(prec=max(digits, getcontext().prec)):  # Babel rounds in this context too
        if locale != "en_US":
            return _babel_number(value, decimals, locale)
        rounded = abs(exact).quantize(Decimal(1).scaleb(-decimals))
        return ("-" if exact.is_signed() else "") + f"{rounded:,f}"


def _babel_number(value: float, decimals: int, locale: str) -> str:
    """``value`` as Babel writes it in ``locale``, grouped, with ``decimals`` places."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


def megabytes(size: int) -> str:
    """``size`` bytes in whole megabytes (of 1,048,576 bytes), written as :func:`number` writes
    numbers: "102,400", not "102400"."""
    return number(size / (1 << 20))


@contextmanager
def source_language() -> Iterator[None]:
    """Within the block, strings stay in English: machine-readable output (``--json``) is the
    same whatever the language."""
    global _translation, _language
    saved = _translation, _language
    _translation, _language = gettext.NullTranslations(), SOURCE_LANGUAGE
    try:
        yield
    finally:
        _translation, _language = saved
