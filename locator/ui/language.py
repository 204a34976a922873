"""The app's language: locator's own words from its gettext catalog, Qt's (standard buttons,
file dialogs, the web view's menu) from the catalogs Qt ships, through a QTranslator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from locator.i18n import LOCALES, PSEUDO_LANGUAGE, SOURCE_LANGUAGE, set_language

QT_CATALOGS = ("qtbase", "qtwebengine")
_installed: list[QTranslator] = []


def use_language(code: str | None) -> str:
    """Speak ``code`` ("es"; None: the system's language) from now on; returns the one in use.

    Windows built afterwards speak it; one already open keeps the words it was built with.
    """
    used = set_language(code)
    app = QCoreApplication.instance()
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    # Qt's own formats (paper size, numbers in spin boxes): the system's where it speaks the
    # language in use (en_GB keeps A4), else the language's region (es_US)
    system = QLocale.system()
    if used in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE) or system.name().split("_")[0] == used:
        locale = system
    else:
        locale = QLocale(LOCALES[used])
    QLocale.setDefault(locale)
    if app is None or used in (SOURCE_LANGUAGE, PSEUDO_LANGUAGE):  # Qt's words are English
        return used
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(locale, catalog, "_", folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    if _installed:
        renamed = _RenamedWords(app)
        QCoreApplication.installTranslator(renamed)  # the last installed is asked first
        _installed.append(renamed)
    return used


# Words Qt's file dialog asks for under a newer context or text than its catalogs translate
# (the catalogs lag behind Qt): (context, text) -> the (context, text, access key) translated.
_RENAMED = {
    ("QFileDialog", "&Look in:"): ("QFileDialog", "Look in:", "&"),
    ("QFileDialog", "Files of &type:"): ("QFileDialog", "Files of type:", "&"),
    ("QAbstractFileIconProvider", "Folder"): ("QFileDialog", "Folder", ""),
    ("QAbstractFileIconProvider", "Drive"): ("QFileDialog", "Drive", ""),
}


class _RenamedWords(QTranslator):
    """Qt's words that Qt's catalogs hold under their old context or text, found there."""

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        old = _RENAMED.get((context, source))
        if old is None:
            return None  # a null string: Qt asks the next catalog
        words = QCoreApplication.translate(old[0], old[1])
        return None if words == old[1] else old[2] + words
