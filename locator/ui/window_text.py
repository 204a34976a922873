"""What the window says, composed: its messages (HTML, with every registry, typed or error text
escaped), its status line and its summaries (plain text). No Qt here: each builder takes plain
values and gives the words, so the window only decides when to show them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from locator import __version__
from locator.data.bidi import neutral
from locator.errors import (
    GeocodingUnavailableError,
    LocatorError,
    PlaceNotFoundError,
    Problem,
    RegistryError,
    os_reason,
)
from locator.hsds.progress import importing_text
from locator.i18n import N_, _, ngettext, number
from locator.notice import CRISIS_LINE, DISCLAIMER, LIFELINE_URL
from locator.presentation import (
    coverage_sentence,
    found_text,
    place_note,
    registry_coverage,
    shown_name,
)
from locator.referral import unnamed_left_out
from locator.shortlists import as_compared
from locator.terminal import one_line

if TYPE_CHECKING:
    from datetime import date

    from locator.data.models import Clinic, Registry
    from locator.data.paths import RegistryChoice
    from locator.search import SearchResult
    from locator.units import Unit

PROBLEMS_SHOWN = 3

STREET_MAP = N_("OpenStreetMap's street map")  # the one name of the online base map
TILES_ASKED = N_(
    "Use {street_map}? Its servers would see your internet address and the area you view."
)
ONLINE_EXPLAINED = N_(
    "A street address can be placed precisely by an online service, which then receives the "
    "address you typed. Offline, locator places it at its ZIP code or city."
)
EXPECTED_SEARCH_ERRORS = (PlaceNotFoundError, GeocodingUnavailableError)  # others are logged


def _text(text: str) -> str:
    """Text a file holds (a registry's key in a problem) for a rich-text
    message: markup escaped, and what would turn it around shown in the order it is stored
    (locator.data.bidi), as the results show it."""
    return escape(neutral(text))


def shown_path(path: Path | str) -> str:
    """A path or file name as every sentence shows it: what would turn it around shown in the
    order it is stored, so a file named "x\u202enosj.evil.json" cannot reverse the sentence
    around it (the terminal escapes the same names)."""
    return neutral(str(path))


# The longest shortlist name shown whole: a list is known by its first words, and a dialog,
# the summary or a notice laying out a name of a megabyte (a file can hold one) took seconds
# and ran off the screen.
LONGEST_SHORTLIST_NAME = 80


def shortlist_name(name: str) -> str:
    """A shortlist's name as every surface shows it (plain text): in the order it is stored,
    cut with "…" past :data:`LONGEST_SHORTLIST_NAME` characters, and on one line: a control
    character written into the file by hand is shown as ``\\u000a``. The list keeps it whole."""
    if len(name) > LONGEST_SHORTLIST_NAME:
        name = name[:LONGEST_SHORTLIST_NAME].rstrip() + "…"
    return one_line(neutral(name))


def shortlist_names(names: Sequence[str]) -> list[str]:
    """Each of ``names`` as :func:`shortlist_name` shows it, in the order given; one shown as
    an earlier one is ("Café" written two ways, with an accent of its own or one added to its
    letter; two long names cut alike) marked " (2)", " (3)": a person tells each list apart."""
    shown: list[str] = []
    taken: set[str] = set()  # as names are compared: written two ways, they read alike
    for name in names:
        label = plain = shortlist_name(name)
        count = 1
        while as_compared(label) in taken:
            count += 1
            label = f"{plain} ({number(count)})"
        shown.append(label)
        taken.add(as_compared(label))
    return shown


def notice(text: str) -> str:
    """Plain text (a sentence from a pane or an error, which may quote a path) as a message."""
    return _text(text)


def crisis_line() -> str:
    """The crisis line, always on screen: 988, the Lifeline's chat, and what locator is not."""
    return (
        f"<b>{escape(_(CRISIS_LINE))}</b> "
        + _("Or chat: {link}").format(link=f"<a href='{LIFELINE_URL}'>988lifeline.org</a>")
        + f" &nbsp; {escape(_(DISCLAIMER))}"
    )


def lifeline_link_tip() -> str:
    """Where the crisis line's chat link goes, said before it is followed."""
    return _(
        "988lifeline.org opens the 988 Lifeline's own site, with its chat, in your web browser."
    )


def online_host(host: str) -> str:
    """Where typed street addresses go, as the settings say (plain text)."""
    return _("With online lookups on, street addresses you type go to {host}.").format(host=host)


def tiles_question() -> str:
    """May the map show OpenStreetMap's street map instead of locator's own offline map?"""
    asked = _(TILES_ASKED).format(street_map=_(STREET_MAP))
    return _(
        "{asked} <a href='tiles:off'>Keep locator's map</a> · <a href='tiles:on'>Use "
        "OpenStreetMap</a> (Tools → Privacy changes this later)."
    ).format(asked=escape(asked, quote=False))  # text, not an attribute: apostrophes as typed


def online_question(host: str) -> str:
    """May a street address go to the online geocoder at ``host`` (the settings' own, said
    before anything is sent to it)?"""
    explained = f"{_(ONLINE_EXPLAINED)} {online_host(host)}"
    return _(
        "{explained} <a href='online:off'>Stay offline</a> · <a "
        "href='online:on'>Allow online lookups</a>"
    ).format(explained=_text(explained))


def remember_question() -> str:
    """May the last search be kept for the next start? Not until the person says so."""
    asked = _(
        "Keep your last search on this computer for the next start? Anyone who opens locator "
        "here would see the place you typed."
    )
    return _(
        "{asked} <a href='remember:off'>Don't keep it</a> · <a href='remember:on'>Keep it</a> "
        "(Tools → Privacy changes this later)."
    ).format(asked=escape(asked, quote=False))


def files_unusable(problems: Sequence[str | None]) -> str | None:
    """The user's own files that could not be used, one a line (None when all could)."""
    said = [escape(problem) for problem in problems if problem]
    return "<br>".join(said) or None


# the registry ---------------------------------------------------------------------------


def _kept(registry_shown: bool) -> str:
    return _(" The last good data stays on screen.") if registry_shown else ""


def registry_problems(
    error: RegistryError, path: Path, *, registry_shown: bool, editable: bool
) -> str:
    """The first problems of a registry that did not load, and the ways to fix it: the file
    opened at the first problem's line, and the editor only when it can open the file."""
    shown = "<br>".join(_text(_in_words(p, error, path)) for p in error.problems[:PROBLEMS_SHOWN])
    more = len(error.problems) - PROBLEMS_SHOWN
    extra = (
        _("<br>…and {more} more (run <tt>locator validate</tt>)").format(more=number(more))
        if more > 0
        else ""
    )
    edit = _(" · <a href='edit-registry:'>Edit it in locator</a>") if editable else ""
    said = _(
        "<b>The registry has problems</b> — fix them and reload "
        "(F5).{kept}<br>{shown}{extra}<br>{open}{edit}"
    ).format(
        kept=_kept(registry_shown),
        shown=shown,
        extra=extra,
        open=_open_at(error.problems[0].line if error.problems else 1, path),
        edit=edit,
    )
    return said.removesuffix("<br>")  # no link to offer: no empty line after the problems


def _in_words(problem: Problem, error: RegistryError, path: Path) -> str:
    """``PATH:LINE:COLUMN:`` as editors read it, then the value named as the registry editor's
    form names it ("Clinic 1 (Its Name), Treats, item 1"), not by the file's keys."""
    from locator.data.entry_fields import place_in_registry  # the form's words: not at start

    said = problem.said(lambda where: place_in_registry(where, error.names))
    return f"{path}:{problem.line}:{problem.column}: {said}"


def _open_at(line: int, path: Path) -> str:
    """The link that opens the registry file at ``line``; none for what is no file a text
    editor opens (a pipe, a folder, a device): it has no line 1."""
    if not path.is_file():
        return ""
    return _("<a href='open-registry:{line}'>Open the file at line {line}</a>").format(line=line)


def registry_not_loaded(error: Exception, *, registry_shown: bool) -> str:
    """A registry that could not be read at all (not a problem in its entries)."""
    return _(
        "The registry could not be loaded: {error}.{kept} Choose another with File → "
        "Open "
        "registry (Ctrl+O)."
    ).format(error=_text(str(error)), kept=_kept(registry_shown))


def registry_loaded(clinics: Sequence[Clinic], path: Path) -> str:
    """The status line's note once a registry is loaded (plain text)."""
    return _("{found} from {path}").format(found=found_text(clinics), path=shown_path(path))


def everything_summary(clinics: Sequence[Clinic]) -> str:
    """The summary before any search (plain text): what the registry holds and covers."""
    covered = coverage_sentence(registry_coverage(clinics))
    if not covered:  # no entry is located: there is no place to name
        return _("{found} in the registry. Type a place to find the nearest.").format(
            found=found_text(clinics)
        )
    return _(
        "{found} in the registry, covering {places}. Type a place to find the nearest."
    ).format(found=found_text(clinics), places=covered)


def search_summary(result: SearchResult, unit: Unit) -> str:
    """What a search found (plain text), and what the place searched stands for when the
    place needs a word of explanation ("a ZIP code's centre", …)."""
    from locator.summary import summary  # with the search engine: off the start path

    note = place_note(result.origin.note_besides_spelling())  # the spelling: see closest_spelling
    return " ".join(filter(None, (summary(result, unit), note)))


def registry_unreadable_summary() -> str:
    """The summary while no registry could be read (plain text): the message under the
    results says why, and how to fix it."""
    return _(
        "The registry could not be read, so there is nothing to search yet: the message "
        "below says why."
    )


def no_yaml_program(path: Path, line: int) -> str:
    """No program opens YAML files: where the file is and which line to go to."""
    return _(
        "No program is set up to open YAML files here. The file is <b>{path}</b> (its "
        "path is on the clipboard); open it in a text editor at line {line}, or set the "
        "VISUAL environment variable to your editor."
    ).format(path=escape(shown_path(path)), line=line)


def opened_at_top(path: Path, line: int) -> str:
    """The file opened in the desktop's program, which cannot be told the line (plain text)."""
    return _(
        "Opened {path}; go to line {line} (set the VISUAL environment variable to your "
        "editor to open it at the line)."
    ).format(path=shown_path(path), line=line)


def editor_cannot_open(error: RegistryError, path: Path) -> str:
    """The registry is not YAML, or holds what the form could not write back (aliases)."""
    problems = "<br>".join(_text(_in_words(p, error, path)) for p in error.problems)
    said = _(
        "<b>The editor cannot open the registry</b> until this is fixed in a text editor: "
        "fix this line, save, and reload (F5).<br>{problems}<br>{open}"
    ).format(
        problems=problems, open=_open_at(error.problems[0].line if error.problems else 1, path)
    )
    return said.removesuffix("<br>")  # no link to offer: no empty line after the problems


def cannot_edit(error: Exception) -> str:
    """The registry file cannot be read for editing."""
    return _("The registry cannot be edited: {error}").format(error=_text(str(error)))


def saved_as_own_copy(path: Path) -> str:
    """Edits to the shipped registry went to the user's own copy."""
    return _(
        "Your edits were saved as your own copy at <b>{path}</b>; locator uses it "
        "from now "
        "on (the registry it ships with is never changed)."
    ).format(path=escape(shown_path(path)))


def saved_as_another_file(path: Path, registry: Path) -> str:
    """The editor's edits went to a file the user named, not to the registry it opened."""
    return _(
        "Your edits were saved as <b>{path}</b>; locator uses it from now on. The registry you "
        "had open, <b>{registry}</b>, is unchanged."
    ).format(path=escape(shown_path(path)), registry=escape(shown_path(registry)))


# searching ------------------------------------------------------------------------------


def type_a_place() -> str:
    """Search was asked for with nothing typed."""
    return _("Type a place: a ZIP code, a city and state, or a street address.")


def registry_needed_to_search() -> str:
    """Search was asked for with no registry to search."""
    return _("The registry is not loaded; fix it and reload it (F5) to search.")


def places_unavailable(error: Exception) -> str:
    """Place lookups could not be prepared."""
    return _("Place lookups are unavailable: {error}").format(error=_text(str(error)))


def search_failed(error: Exception, query: str, *, results_kept: bool) -> str:
    """Why a search found no place, or could not run, and what to try instead."""
    kept = _(" The results shown are from your last search.") if results_kept else ""
    if isinstance(error, PlaceNotFoundError):
        links = _(" or ").join(
            f"<a href='place:{escape(s)}'>{escape(s)}</a>" for s in error.suggestions
        )
        hint = _(" Did you mean {links}?").format(links=links) if links else ""
        return _(
            "No place matches <b>{query}</b>.{hint} Try a ZIP code or “City, ST”.{kept}"
        ).format(query=escape(query), hint=hint, kept=kept)
    if isinstance(error, GeocodingUnavailableError):
        return _("{error}. Try a ZIP code or “City, ST”, which work offline.{kept}").format(
            error=_text(str(error)), kept=kept
        )
    return _("The search could not be completed: {error}.{kept}").format(
        error=_text(str(error)), kept=kept
    )


def _place_links(places: Sequence[str]) -> str:
    """Links that each search one of ``places`` (the window maps ``place:`` to a search)."""
    return " · ".join(f"<a href='place:{escape(p)}'>{escape(p)}</a>" for p in places)


def also_named(query: str, chosen: str, others: Sequence[str]) -> str:
    """A name several places have: which one was searched, and links to search the others."""
    return _(
        "Several places are called <b>{query}</b>: these results are near <b>{chosen}</b>. "
        "Search near {links} instead?"
    ).format(query=escape(query), chosen=escape(chosen), links=_place_links(others))


def closest_spelling(query: str, chosen: str, begin_alike: Sequence[str]) -> str:
    """No place has the name typed: the one searched instead (the closest spelling), and links
    to search the places whose names begin with what was typed."""
    said = _("No place is called “{query}”; showing <b>{chosen}</b>, the closest spelling.")
    offer = _(" Search near {links} instead?") if begin_alike else ""
    return (said + offer).format(
        query=escape(" ".join(query.split())),
        chosen=escape(chosen),
        links=_place_links(begin_alike),
    )


@dataclass(frozen=True)
class Activity:
    """What runs now, as the status line says it (empty: nothing), and how far it has come
    (a percentage; None when that is not known)."""

    text: str
    percent: int | None = None


def activity(
    *,
    loading: str | None,
    progress: float | None,
    waiting_for: str | None,
    waiting: bool,
    searching: bool,
    preparing_places: bool,
    quick_lookups: bool,
) -> Activity:
    """The status line: the registry file ``loading``, or a search waiting (for the place
    index, ``waiting_for`` naming its place) or running, or the place index being built (its
    ``progress`` from 0 to 1, and whether ZIP codes and "City, ST" already work)."""
    percent = None if progress is None else round(progress * 100)
    # Translators: how much of a task is done, as your language writes percentages
    done = "" if percent is None else _("{percent}%").format(percent=percent)
    if loading is not None:
        text = _("Loading {name}…").format(name=loading)
    elif waiting_for is not None and percent is not None:
        text = _(
            "Searching for “{place}” once the place index is built ({done} done): "
            "misspellings and street addresses need it…"
        ).format(place=" ".join(waiting_for.split()), done=done)
    elif waiting and percent is not None:
        text = _(
            "Getting ready to search: building the place index (first start only), {done} done…"
        ).format(done=done)
    elif waiting:
        text = _("Getting ready to search (the first start prepares the place index)…")
    elif searching:
        text = _("Searching…")
    elif preparing_places and percent is not None:
        if quick_lookups:
            text = _(
                "Building the place index (first start only), {done} done; ZIP codes and "
                "“City, ST” can be searched already…"
            ).format(done=done)
        else:
            text = _("Building the place index (first start only), {done} done…").format(done=done)
    elif preparing_places:
        text = _("Preparing place lookups (the first start builds an index)…")
    else:
        text = ""
    return Activity(text, percent)


def seen_from(place: str | None, distance: str | None) -> str | None:
    """How far the clinic in the details is from the searched place, when one was searched."""
    if not distance:
        return None
    return _("from {place}: {distance}").format(place=place, distance=distance)


def listing_reasons(name: str) -> str:
    """What "Why is this listed this way?" shows above an entry's notes (plain text)."""
    return _(
        "How the registry's keepers read the sources about “{name}”, and why it is listed as "
        "it is. These are their working notes, not advice."
    ).format(name=name)


# comparing and the referral ---------------------------------------------------------------


def tick_to_compare(most: int, ticked: int) -> str:
    """Comparing needs 2 to ``most`` clinics ticked."""
    return _(
        "Tick 2 to {MAX_COMPARED} clinics in the results (Space ticks the selected "
        "one) to "
        "compare them; {count} ticked now."
    ).format(MAX_COMPARED=most, count=ticked)


def tick_for_referral(reason_not_referable: str | None) -> str:
    """The referral summary needs clinics ticked (``reason``: why a ticked one cannot be)."""
    return _("Tick the clinics for the referral summary first (Space).") + (
        " " + escape(reason_not_referable) if reason_not_referable else ""
    )


def saved_referral(path: Path) -> str:
    """Where the referral summary was saved."""
    return _("Saved the referral summary as {written}.").format(written=escape(shown_path(path)))


def saving(what: str, page: int = 0, pages: int = 0) -> str:
    """The saving strip's plain text: what is being saved and, once the pages are counted,
    which page it is on."""
    if pages <= 0:
        return _("Saving {what}…").format(what=what)
    return _("Saving {what}: page {page} of {pages}…").format(what=what, page=page, pages=pages)


def still_saving(what: str, path: Path) -> str:
    """The question asked when a window closes while ``what`` is being saved to ``path``."""
    return _(
        "{what} is still being saved to {path}. Wait for it, or cancel the saving and leave "
        "the file as it was?"
    ).format(what=what[:1].upper() + what[1:], path=shown_path(path))


def export_cancelled(path: Path) -> str:
    """What a cancelled export says, as plain text: nothing was written."""
    return _("Cancelled: nothing was written to {path}.").format(path=shown_path(path))


def saving_there_already(what: str, path: Path) -> str:
    """Why an export to a file still being saved is not started: the first one goes on."""
    return _(
        "{what} is still being saved to {path}; this one was not started. Wait until it is "
        "written, or choose another file."
    ).format(what=what[:1].upper() + what[1:], path=shown_path(path))


def replace_question(path: Path, target: str | None) -> str:
    """What is asked before a save replaces what is at ``path``; ``target``: where the link
    at ``path`` leads, which is what the save replaces."""
    if target is None:
        return _("{path} already exists. Replace it?").format(path=shown_path(path))
    return _("{path} is a link to {target}: saving replaces {target}. Replace it?").format(
        path=shown_path(path), target=shown_path(target)
    )


def link_to_nothing(path: Path, target: str) -> str:
    """Why a save to a link leading to nothing is refused: it would make the file there."""
    return _(
        "{path} is a link to {target}, which is not there: saving would create it. Nothing "
        "was saved; choose another name."
    ).format(path=shown_path(path), target=shown_path(target))


def not_a_package(path: Path) -> str:
    """Why an export of a package refuses a folder that holds other files than a package's."""
    return _(
        "{path} is a folder that holds other files than an HSDS package locator wrote. Nothing "
        "was saved; choose another name."
    ).format(path=shown_path(path))


# exporting and importing the registry --------------------------------------------------------


def export_running() -> str:
    """Why Export registry as… waits: one export at a time."""
    return _("The registry is being exported; wait until it is written.")


def import_running() -> str:
    """Why Import directory… waits: one import at a time."""
    return _("A directory is being imported; wait until it is read.")


def registry_as(form: str) -> str:
    """What is being saved, as :func:`saving` and :func:`still_saving` name it: the registry
    exported in the format ``form`` ("GeoJSON")."""
    return _("the registry as {format}").format(format=form)


def exporting_registry(form: str, path: Path, progress: float) -> str:
    """The export bar's plain text: the registry is being written (``form``: "GeoJSON");
    ``progress`` from 0 to 1."""
    return _("Exporting the registry as {format} to {path}… {percent}%").format(
        format=form, path=shown_path(path), percent=round(progress * 100)
    )


def registry_exported(form: str, path: Path, left_out: Sequence[str]) -> str:
    """Where the registry was exported, and what the format could not hold."""
    saved = _("Exported the registry as {format} to {path}.").format(
        format=escape(form), path=escape(shown_path(path))
    )
    return " ".join([saved, *(escape(sentence) for sentence in left_out)])


def importing_directory(source: Path, stage: str, done: int = 0, total: int = 0) -> str:
    """The import bar's plain text: an HSDS file is being imported; ``stage`` (a key of
    :data:`~locator.hsds.progress.STAGE_WORDS`) says how far it has come and, once counted,
    ``done`` of ``total`` services."""
    return importing_text(shown_path(source), stage, done, total)


def still_importing(source: Path) -> str:
    """The question asked (plain text) when the window closes while ``source`` is imported."""
    return _(
        "{path} is still being imported. Wait for it, or cancel the import and quit? Nothing "
        "has been written yet."
    ).format(path=shown_path(source))


def import_cancelled(source: Path) -> str:
    """The import was stopped: the file was read no further and nothing was written."""
    return _("The import of {path} was cancelled: nothing was written.").format(
        path=escape(shown_path(source))
    )


def import_read(count: int, source: Path) -> str:
    """The report's first line (plain text): what was read, and that nothing is saved yet."""
    return ngettext(
        "{count} entry read from {file}. Nothing is saved until you choose a new file for it; "
        "below, what did not map to locator's fields.",
        "{count} entries read from {file}. Nothing is saved until you choose a new file for "
        "them; below, what did not map to locator's fields.",
        count,
    ).format(count=number(count), file=shown_path(source.name))


def import_refused(
    count: int, source: Path, *, stopped: bool = False, nothing: bool = False
) -> str:
    """The report's first line (plain text) for a file that cannot be imported; ``stopped``:
    reading stopped after ``count`` problems; ``nothing``: the file holds nothing to import,
    which is a finding, not a problem."""
    if nothing:
        return _("nothing to import from {path}; nothing was written").format(
            path=shown_path(source)
        )
    if stopped:
        return _("more than {count} problems in {path}; nothing was written").format(
            count=number(count), path=shown_path(source)
        )
    return ngettext(
        "{count} problem in {path}; nothing was written",
        "{count} problems in {path}; nothing was written",
        count,
    ).format(count=number(count), path=shown_path(source))


def import_target_exists(path: Path) -> str:
    """The save dialog's title when asked again (plain text): an import is saved only as a
    new file."""
    return _("{file} exists: an import is saved only as a new file; choose another name").format(
        file=shown_path(path.name)
    )


def imported(count: int, path: Path) -> str:
    """Where the imported registry went, by its file's name (the whole path is the message's
    tooltip): it is the one on screen now. One line at 800x600, which a long path wrapped to
    three, taking the details' rows."""
    return ngettext(
        "Imported {count} entry into {path}, now the registry on screen.",
        "Imported {count} entries into {path}, now the registry on screen.",
        count,
    ).format(count=number(count), path=escape(shown_path(path.name)))


def import_failed(error: Exception, path: Path) -> str:
    """The import could not be read or written (an error that is not the file's content),
    naming ``path`` (the file read, or the one written) by its file's name, as
    :func:`imported` does: the whole path is the message's tooltip."""
    if (
        isinstance(error, OSError)
        and error.errno is not None
        and not isinstance(error, LocatorError)
    ):
        said = f"{path.name}: {os_reason(error)}"  # the system's: "[Errno 21] Is a directory"
    else:
        said = str(error).replace(str(path), path.name)
    return _("The directory was not imported: {error}").format(error=_text(said))


# shortlists -------------------------------------------------------------------------------


def select_a_clinic() -> str:
    """A clinic command with none selected."""
    return _("Select a clinic first.")


def search_still_running() -> str:
    """A clinic command while a search runs: what is on screen is about to change."""
    return _("The search is still running: wait for its clinics, then try again.")


def added_to_shortlist(clinics: Sequence[Clinic], name: str, left_out: int = 0) -> str:
    """Clinics added to a shortlist, each named, and why the ``left_out`` ticked unnamed
    providers are not."""
    if len(clinics) == 1:
        added = _("Added {name} to “{strip}”.").format(
            name=escape(shown_name(clinics[0])), strip=escape(shortlist_name(name))
        )
    else:
        added = _("Added {found} to “{strip}”: {names}.").format(
            found=escape(found_text(clinics)),
            strip=escape(shortlist_name(name)),
            names=escape("; ".join(shown_name(c) for c in clinics)),
        )
    return f"{added} {escape(unnamed_left_out(left_out))}" if left_out else added


def shortlist_preview(clinics: Sequence[str], missing: int) -> str:
    """What a shortlist holds, under its name in the chooser (plain text): a clinic a line."""
    if not clinics and not missing:
        return _("No clinic on it yet.")
    held = "\n".join(clinics)
    if not missing:
        return held
    gone = ngettext(
        "{missing} is no longer in the registry.",
        "{missing} are no longer in the registry.",
        missing,
    ).format(missing=number(missing))
    return f"{held}\n{gone}" if held else gone


def no_shortlist_open() -> str:
    """Back to the search results needs a shortlist on screen."""
    return _("No shortlist is open: the search results are on screen.")


def showing_shortlist(name: str) -> str:
    """A shortlist is on screen, and the way back to the search."""
    return _(
        "Showing the shortlist “{name}”. <a href='shortlist-back:'>Back to the search "
        "results</a> (Alt+Left)"
    ).format(name=escape(shortlist_name(name)))


def no_shortlists(unreadable: str | None = None) -> str:
    """A shortlist command with none kept yet, or with the file that holds them ``unreadable``
    (the sentence that names it): "none yet" would hide lists the person had."""
    if unreadable is not None:
        return escape(unreadable)
    return _("No shortlists yet: select a clinic and choose Add to shortlist (Ctrl+D).")


def registry_not_loaded_yet() -> str:
    """A shortlist cannot be shown before the registry is."""
    return _("The registry is not loaded yet.")


def open_a_shortlist() -> str:
    """Taking a clinic off a shortlist needs one on screen and a clinic selected."""
    return _("Open a shortlist (Ctrl+L) and select the clinic to take off it.")


def taken_off_shortlist(clinic: Clinic, name: str) -> str:
    """A clinic taken off a shortlist."""
    return _("Took {name} off “{name2}”.").format(
        name=escape(shown_name(clinic)), name2=escape(shortlist_name(name))
    )


def deleted_shortlist(name: str) -> str:
    """A shortlist deleted."""
    return _("Deleted the shortlist “{name}”.").format(name=escape(shortlist_name(name)))


def shortlist_summary(
    name: str, shown: Sequence[Clinic], missing: int, searched: str | None
) -> str:
    """The summary over a shortlist on screen (plain text): how many providers at how many
    places, from where their distances are, and how many are no longer in the registry."""
    where = _(", distances from {label}").format(label=searched) if searched else ""
    gone = (
        " "
        + ngettext(
            "{missing} is no longer in the registry.",
            "{missing} are no longer in the registry.",
            missing,
        ).format(missing=number(missing))
        if missing
        else ""
    )
    count = found_text(shown)
    back = _("Alt+Left goes back to the search results.")
    return (
        _("Shortlist “{name}”: {count}{where}.{gone}").format(
            name=shortlist_name(name), count=count, where=where, gone=gone
        )
        + f" {back}"
    )


# settings and help ----------------------------------------------------------------------


def language_chosen(language: str) -> str:
    """The language chosen, from the next start."""
    return escape(_("locator will speak {language} from its next start.").format(language=language))


def restart_in(language: str) -> str:
    """The offer to start again in the language chosen (plain text)."""
    return _(
        "locator speaks {language} once it starts again. Restart now? The search on screen stays."
    ).format(language=language)


def shortcuts_table(rows: Sequence[tuple[str, str]]) -> str:
    """The keyboard shortcuts, as a table: (keys, what they do)."""
    table = "".join(
        f"<tr><td><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>" for keys, what in rows
    )
    return f"<table cellspacing='6'>{table}</table>"


def verified_between(first: date, last: date) -> str:
    """When the registry's entries were last verified: one date when all were on the same."""
    if first == last:
        return _("Entries last verified on {date}.").format(date=first)
    return _("Entries last verified between {first} and {last}.").format(first=first, last=last)


def window_title(choice: RegistryChoice) -> str:
    """The window's title, with the registry's file and its folder when it is not the one
    locator ships with (plain text): many registries are named clinics.yaml, so the name alone
    does not tell a maintainer or a coordinator which one is open."""
    title = _("Find ketamine-therapy clinics")
    if choice.shipped:
        return title
    path = choice.path.absolute()
    return _("{title} — {file} in {folder}").format(
        title=title, file=shown_path(path.name), folder=shown_path(path.parent)
    )


def about(registry: Registry | None, choice: RegistryChoice) -> str:
    """What locator is, the registry it shows (which file, why, what it covers, how recently
    verified), the crisis line, and where its place data and map come from."""
    if registry is None:
        facts = _("The registry is not loaded.")
    else:
        dates = sorted({c.last_verified for c in registry.clinics})
        covered = coverage_sentence(registry_coverage(registry.clinics))
        facts = "<br>".join(
            (
                _("Registry: {path} ({reason})").format(
                    path=escape(shown_path(choice.path)), reason=escape(_(choice.reason))
                ),
                _("{found}, covering {places}.").format(
                    found=found_text(registry.clinics), places=escape(covered)
                )
                if covered
                else _("{found}.").format(found=found_text(registry.clinics)),
                verified_between(dates[0], dates[-1]),
            )
        )
    return (
        f"<h3>locator {__version__}</h3><p>"
        + escape(_("Find and compare ketamine-therapy clinics near a place, offline first."))
        + f"</p><p>{facts}</p>"
        f"<p><b>{escape(_(DISCLAIMER))}</b> {escape(_(CRISIS_LINE))}</p><p>"
        + escape(
            _(
                "Place data: US ZIP codes (zipcodes) and GeoNames. Map: Leaflet; locator's own "
                "map from the US Census Bureau, Natural Earth and GeoNames; OpenStreetMap's "
                "street map, only if you choose it, © OpenStreetMap contributors."
            )
        )
        + "</p>"
    )


def listed_item(label: str, count: int) -> str:
    """A filter menu's item with how many entries list it: a filter no entry lists can only
    leave every clinic out (plain text)."""
    if count == 0:
        return _("{label} — no entry lists it").format(label=label)
    return ngettext(
        "{label} — {count} entry lists it", "{label} — {count} entries list it", count
    ).format(label=label, count=number(count))


def nothing_matches_the_filters() -> str:
    """An empty result with filters on: the way back to every clinic near the place."""
    return _(
        "No clinic matches every filter chosen. <a href='clear-filters:'>Clear the filters</a>"
    )
