"""The `locator` command line."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from locator import __version__
from locator.compare import ComparisonMatrix
from locator.data.loader import load_registry
from locator.data.models import STATE_CODES, Clinic, Registry
from locator.data.paths import REGISTRY_ENV, choose_registry
from locator.data.schema import registry_json_schema
from locator.data.vocabulary import Condition, EntryKind, Feature, Language, Payment, Treatment
from locator.drive_time import AcrossWater
from locator.errors import (
    ExitCode,
    GeocodingUnavailableError,
    LocatorError,
    PlaceNotFoundError,
    RegistryError,
    UsageError,
)
from locator.files import atomic_write
from locator.geo.index import index_path
from locator.geo.online import OnlineGeocoder
from locator.geo.place import OFFLINE, Place
from locator.geo.service import Geocoding
from locator.i18n import _, ngettext, number, pgettext, set_language, source_language
from locator.mapping.page import OSM_TILES, build_map_page
from locator.mapping.payload import result_payload
from locator.practical import Fact, payment_text, practical_facts, practical_json
from locator.presentation import (
    DRIVE_NOTE,
    STRAIGHT_LINE,
    distance_text,
    drive_time,
    found_text,
    full_address,
    labels,
    notice,
    place_name,
    place_note,
    precision_note,
    shown_name,
)
from locator.search import ClinicIndex, Match, SearchResult
from locator.settings import Settings, settings_path
from locator.terminal import VisibleControls
from locator.text_table import text_table
from locator.units import Filters, Unit

log = logging.getLogger(__name__)

# An exported map is an overview to print or send: it opens on the region (the state's outline,
# its neighbours, its towns by name) with the clinics, and its reader zooms in from there.
EXPORT_FIT_ZOOM = 7

# argparse's own words ("usage:", "show this help message and exit", its error messages) are
# looked up through its module's ``_``: pointed at locator's catalog, which holds them too
# (``make catalog`` extracts them from argparse), they follow the language like every other.
argparse._ = _  # type: ignore[attr-defined]
argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _cmd_validate(args: argparse.Namespace) -> int:
    choice = choose_registry(args.registry)
    shown = args.registry or str(choice.path)
    try:
        registry = load_registry(shown, use_cache=False, provenance=True)  # the file itself
    except RegistryError as error:
        print(error, file=sys.stderr)
        count = len(error.problems)
        print(
            ngettext("{count} problem in {path}", "{count} problems in {path}", count).format(
                count=count, path=shown
            ),
            file=sys.stderr,
        )
        return ExitCode.INVALID_REGISTRY
    print(_("ok: {found}").format(found=found_text(registry.clinics)))
    return ExitCode.OK


def _cmd_fmt(args: argparse.Namespace) -> int:
    from locator.data.editing import format_file, formatted

    shown = args.registry or str(choose_registry(None).path)
    path = Path(shown)
    try:
        if args.check:
            load_registry(path, use_cache=False)
            if formatted(path.read_bytes()) != path.read_bytes():
                print(
                    _("{path} is not in the canonical layout; run: locator fmt {path}").format(
                        path=shown
                    )
                )
                return ExitCode.INVALID_REGISTRY
            print(_("{path} is in the canonical layout").format(path=shown))
            return ExitCode.OK
        changed = format_file(path)
    except RegistryError as error:
        print(error, file=sys.stderr)
        print(_("{path} is not valid, so it was not formatted").format(path=shown), file=sys.stderr)
        return ExitCode.INVALID_REGISTRY
    if changed:
        print(_("formatted {path}").format(path=shown))
    else:
        print(_("{path} is already in the canonical layout").format(path=shown))
    return ExitCode.OK


def _emit(text: str, output: str | None) -> int:
    """Print ``text``, or write it to ``output`` and say so."""
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text)
        print(_("wrote {path}").format(path=output))
    return ExitCode.OK


def _cmd_schema(args: argparse.Namespace) -> int:
    return _emit(registry_json_schema(), args.output)


def _geocoding(args: argparse.Namespace) -> Geocoding:
    settings = Settings.load()
    online = args.online or (settings.online_lookups is True and not args.offline)
    if not online:
        return Geocoding()
    if settings.online_lookups is not True:
        provider = settings.online_provider.name
        print(
            _(
                "note: online lookups send what you type to {provider}; answers are kept in a "
                "cache on this computer. Use --offline to stay offline."
            ).format(provider=provider),
            file=sys.stderr,
        )
    return Geocoding(online=OnlineGeocoder(settings.online_provider))


def _cmd_geocode(args: argparse.Namespace) -> int:
    geocoding = _geocoding(args)
    if not index_path().is_file():
        print(
            _("building the offline place index (once; it takes a few seconds)…"),
            file=sys.stderr,
        )
    if args.query == "-":
        progress = _Progress() if sys.stderr.isatty() else None
        for line in sys.stdin:
            query = line.rstrip("\r\n")
            if not query.strip():
                continue
            try:
                places = geocoding.lookup(query)
            except (PlaceNotFoundError, GeocodingUnavailableError) as error:
                answer: object = {"query": query, "error": str(error)}
            else:
                answer = [p.as_json() for p in places] if args.all else places[0].as_json()
            print(json.dumps(answer, ensure_ascii=False), flush=True)
            if progress is not None:
                progress.step()
        if progress is not None:
            progress.done()
        return ExitCode.OK
    places = geocoding.lookup(args.query)
    shown = places if args.all else places[:1]
    if args.json:
        data = [p.as_json() for p in shown] if args.all else shown[0].as_json()
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return ExitCode.OK
    for place in shown:
        print(
            f"{place.label}  {place.latitude:.5f}, {place.longitude:.5f}  "
            f"({place.precision.label}, {_source_words(place.source)})"
        )
        if place.note:
            print("  " + _("note: {note}").format(note=place.note))
    return ExitCode.OK


def _whole(text: str) -> int:
    """argparse's ``type=int``, refusing in the reader's language (argparse names the type)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a whole number").format(value=text)
        ) from None


def _number(text: str) -> float:
    """argparse's ``type=float``, refusing in the reader's language."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a number").format(value=text)
        ) from None


def _source_words(source: str) -> str:
    """Where a place came from, for people: the offline gazetteer in the reader's language, an
    online service by its own name."""
    return pgettext("place source", "offline") if source == OFFLINE else source


class _Progress:
    """A line on standard error (a terminal) that counts a long batch as it goes: quiet for
    the first two seconds, then updated at most twice a second."""

    def __init__(self) -> None:
        self.count = 0
        self.started = time.monotonic()
        self.shown = self.started + 1.5  # the first line at 2 s
        stream = sys.stderr
        self.write = stream.write_own if isinstance(stream, VisibleControls) else stream.write

    def step(self) -> None:
        self.count += 1
        now = time.monotonic()
        if now - self.shown >= 0.5:
            self.shown = now
            rate = self.count / (now - self.started)
            self.write(
                "\r"
                + _("geocoded {count} lines ({rate}/s)…").format(
                    count=number(self.count), rate=number(rate)
                )
            )

    def done(self) -> None:
        if self.shown > self.started + 1.5:  # a line was shown: finish it
            self.write("\r" + _("geocoded {count} lines.").format(count=number(self.count)))
            self.write(" " * 12 + "\n")


def _search(args: argparse.Namespace) -> SearchResult:
    """Load the registry, geocode QUERY and search, as `nearest` and `map` both do."""
    conditions = frozenset(Condition.parse(value) for value in args.condition)
    treatments = frozenset(Treatment.parse(value) for value in args.treatment)
    telehealth_state = args.telehealth_to.strip().upper() if args.telehealth_to else None
    if telehealth_state is not None and telehealth_state not in STATE_CODES:
        raise UsageError(
            _("--telehealth-to takes a state's two-letter code, such as UT, not {value!r}").format(
                value=args.telehealth_to
            )
        )
    if args.max_price is not None and args.max_price < 0:
        raise UsageError(_("--max-price must be 0 or more (US dollars)"))
    filters = Filters(
        conditions,
        treatments,
        payment=frozenset(Payment.parse(value) for value in args.payment),
        features=frozenset(feature for feature in Feature if getattr(args, feature.value)),
        languages=frozenset(Language.parse(value) for value in args.language),
        telehealth_state=telehealth_state,
        max_session_usd=args.max_price,
    )
    if args.limit < 1:
        raise UsageError(_("--limit must be 1 or more"))
    if args.within is not None and args.within <= 0:
        raise UsageError(_("--within must be a distance greater than 0"))
    unit = Unit.KM if args.km else Unit.MILES
    registry = load_registry(choose_registry(args.registry).path)
    origin = _geocoding(args).lookup(args.query)[0]
    return ClinicIndex.of(registry).nearest(
        origin,
        limit=args.limit,
        within_km=unit.to_km(args.within) if args.within is not None else None,
        filters=filters,
        by_organization=not args.every_presence,
    )


def _match_json(match: Match, origin: Place) -> dict[str, object]:
    clinic = match.clinic
    assert clinic.location is not None
    drive = drive_time(match.distance_km, clinic, origin)
    return {
        "id": clinic.id,
        "kind": clinic.kind.value,
        "name": clinic.name,
        "city": clinic.address.city if clinic.address else None,
        "state": clinic.address.state if clinic.address else None,
        "latitude": clinic.location.latitude,
        "longitude": clinic.location.longitude,
        "distance_miles": round(match.distance_miles, 2),
        "distance_km": round(match.distance_km, 2),
        "drive_minutes": drive.as_json() if drive else None,
        "drive_minutes_reason": drive.reason if isinstance(drive, AcrossWater) else None,
        "precision": clinic.location.precision.value,
        "serves_origin": match.serves_origin,
        "also_at": list(match.also_at),
        "conditions": [term.value for term in clinic.conditions],
        "treatments": [term.value for term in clinic.treatments],
        "phone": clinic.phone,
        "website": clinic.website,
        **practical_json(clinic),
    }


def _practical_lines(clinics: Sequence[Clinic]) -> list[str]:
    """A line per clinic with the practical facts a source states, then those it does not:
    "not listed" is said, never left out or shown as "no". An unnamed provider has no one to
    ask, so only what a source states is said about it (no line when it states nothing)."""
    lines = []
    for clinic in clinics:
        unnamed = clinic.kind is EntryKind.UNNAMED_PROVIDER
        facts = [Fact("payment", _("Payment"), payment_text(clinic)), *practical_facts(clinic)]
        # a stated fact may end a sentence of its own ("… after each infusion.")
        listed = "; ".join(
            f"{fact.label}: {fact.text.removesuffix('.')}" for fact in facts if fact.text
        )
        missing = "" if unnamed else ", ".join(fact.label for fact in facts if not fact.text)
        parts = [listed] if listed else []
        parts += [_("not listed: {facts}").format(facts=missing)] if missing else []
        if parts:
            name = shown_name(clinic) if unnamed else f"{clinic.name} ({place_name(clinic)})"
            lines.append(f"{name}: {'; '.join(parts)}")
    return lines


def _drive_text(match: Match, origin: Place) -> str:
    """For the table's narrow "by car" column (where water lies between, the full sentence
    follows the table)."""
    drive = drive_time(match.distance_km, match.clinic, origin)
    if isinstance(drive, AcrossWater):
        return drive.short
    return drive.text if drive else ""


def _cmd_nearest(args: argparse.Namespace) -> int:
    result = _search(args)
    unit = Unit.KM if args.km else Unit.MILES
    if args.json:
        with source_language():  # the same JSON whatever the language
            data: dict[str, object] = {
                "origin": result.origin.as_json(),
                "results": [_match_json(match, result.origin) for match in result.matches],
                "unlocated": [clinic.id for clinic in result.unlocated],
                "excluded_not_listed": result.excluded_not_listed,
                "summary": result.summary(unit),
                "notice": notice(),
            }
            if result.nearest_outside is not None:
                data["nearest_outside"] = _match_json(result.nearest_outside, result.origin)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return ExitCode.OK
    print(result.summary(unit))
    if result.origin.note:
        print(f"{result.origin.label}: {place_note(result.origin.note)}")
    rows = [
        (
            distance_text(match.distance_km, match.clinic, unit),
            _drive_text(match, result.origin),
            shown_name(match.clinic, with_place=False),
            full_address(match.clinic)
            + (" " + _("(serves it)") if match.serves_origin else "")
            + (
                _("; also {places}").format(places=", ".join(match.also_at))
                if match.also_at
                else ""
            ),
            labels(match.clinic.conditions),
            labels(match.clinic.treatments),
            precision_note(match.clinic),
        )
        for match in result.matches
    ]
    rows += [
        (
            "—",
            "",
            shown_name(clinic),
            _("location not listed"),
            labels(clinic.conditions),
            labels(clinic.treatments),
            "",
        )
        for clinic in result.unlocated
    ]
    if rows:
        print()
        columns = (
            _("distance"),
            _("by car"),
            _("clinic"),
            _("where"),
            _("treats"),
            _("offers"),
            _("location"),
        )
        print(text_table(columns, rows))
        across = [
            shown_name(m.clinic, with_place=False)
            for m in result.matches
            if isinstance(drive_time(m.distance_km, m.clinic, result.origin), AcrossWater)
        ]
        if across:
            reason = AcrossWater().text
            print(_("{clinics}: {reason}").format(clinics=", ".join(across), reason=reason))
        print()
        clinics = [match.clinic for match in result.matches] + list(result.unlocated)
        print("\n".join(_practical_lines(clinics)))
    print()
    print(_(STRAIGHT_LINE), _(DRIVE_NOTE))
    print(notice())
    return ExitCode.OK


def _cmd_map(args: argparse.Namespace) -> int:
    result = _search(args)
    unit = Unit.KM if args.km else Unit.MILES
    payload = result_payload(result, unit)
    payload["fit_max_zoom"] = EXPORT_FIT_ZOOM
    page = build_map_page(
        payload,
        inline=True,
        tiles_url=None if args.offline else OSM_TILES,
        title=_("Clinics near {place}").format(place=result.origin.label),
    )
    atomic_write(args.output, page)
    print(result.summary(unit))
    if args.offline:
        wrote = _("wrote {path} (opens in any browser; never asks the network)")
    else:
        wrote = _("wrote {path} (opens in any browser; street-map tiles need internet)")
    print(wrote.format(path=args.output))
    return ExitCode.OK


def _clinics_by_id(registry: Registry, ids: Sequence[str]) -> list[Clinic]:
    known = {clinic.id: clinic for clinic in registry.clinics}
    clinics = []
    for clinic_id in ids:
        if clinic_id not in known:
            close = difflib.get_close_matches(clinic_id, list(known), n=3, cutoff=0.5)
            if close:
                message = _("no clinic has the id {id}; did you mean {ids}?").format(
                    id=repr(clinic_id), ids=_(" or ").join(close)
                )
            else:
                message = _("no clinic has the id {id}").format(id=repr(clinic_id))
            raise UsageError(message)
        clinics.append(known[clinic_id])
    return clinics


def _cmd_compare(args: argparse.Namespace) -> int:
    if len(args.ids) < 2:
        raise UsageError(_("name at least two clinic ids to compare"))
    registry = load_registry(choose_registry(args.registry).path)
    matrix = ComparisonMatrix.of(_clinics_by_id(registry, args.ids))
    if args.format == "table":
        header = ("", *matrix.titles, "≠")
        rows = [
            (
                row.attribute,
                *(
                    f"{cell.text} [{matrix.marks(cell)}]" if cell.quotes else cell.text
                    for cell in row.cells
                ),
                "≠" if row.differs else "",
            )
            for row in matrix.rows
        ]
        quotes = "\n".join(  # what the numbers after the values point to
            f"[{number}] "
            + _("\u201c{quote}\u201d ({document})").format(quote=quote, document=document)
            for (document, quote), number in matrix.footnotes.items()
        )
        text = text_table(header, rows) + "\n\n" + quotes + "\n\n" + notice() + "\n"
    elif args.format == "json":
        with source_language():  # the same JSON whatever the language
            text = ComparisonMatrix.of(matrix.clinics, created=matrix.created).to_json()
    else:
        text = {
            "csv": matrix.to_csv,
            "markdown": matrix.to_markdown,
            "html": matrix.to_html,
        }[args.format]()
    return _emit(text, args.output)


def _cmd_settings(args: argparse.Namespace) -> int:
    settings = Settings.load()
    if args.online_lookups is not None:
        settings = settings.allowing_online(args.online_lookups == "on")
        settings.save()
    state = {None: _("off (not chosen yet)"), True: _("on"), False: _("off")}[
        settings.online_lookups
    ]
    print(
        _("online lookups: {state} (provider: {provider})").format(
            state=state, provider=settings.online_provider.name
        )
    )
    print(_("settings file: {path}").format(path=settings_path()))
    return ExitCode.OK


def _cmd_self_test(args: argparse.Namespace) -> int:
    from locator.ui.self_test import run_self_test  # Qt only loads for the window

    return run_self_test()


def _cmd_gui(args: argparse.Namespace) -> int:
    from locator.ui.app import run_app  # Qt only loads for the window

    return run_app(getattr(args, "registry", None), language=args.lang)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="locator",
        description=_("Find and compare ketamine-therapy clinics near a place, offline first."),
        epilog=notice(),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"locator {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument("--debug", action="store_true", help=_("log details to standard error"))
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=_("the language to answer in: en or es (default: the system's, from LANG)"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check that the app works here (registry, place lookup, window, map, PDF); "
            "exit 0 when it does"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help=_("check a registry file and list every problem with its line and column"),
        description=_(
            "Check a registry. Without PATH, checks the registry the app would open: "
            "--registry, ${variable}, your own copy, or the shipped clinics.yaml. "
            "Exit 0 when valid, 1 with the problems on standard error when not."
        ).format(variable=REGISTRY_ENV),
    )
    validate.add_argument("registry", nargs="?", metavar="PATH", help=_("the registry to check"))
    validate.set_defaults(run=_cmd_validate)

    fmt = commands.add_parser(
        "fmt",
        help=_("rewrite a registry in the canonical layout, keeping every comment"),
        description=_(
            "Rewrite the registry in the canonical layout (2-space indents, lists indented "
            "under their key, long lines never re-wrapped, quotes kept), keeping every comment "
            "and value. An invalid file is never rewritten. --check changes nothing and exits "
            "1 when the file would change or is invalid, 0 when it is already canonical."
        ),
    )
    fmt.add_argument("registry", nargs="?", metavar="PATH", help=_("the registry to format"))
    fmt.add_argument("--check", action="store_true", help=_("only report; change nothing"))
    fmt.set_defaults(run=_cmd_fmt)

    schema = commands.add_parser(
        "schema",
        help=_("print the registry's JSON Schema (clinics.schema.json)"),
        description=_("Print the JSON Schema that editors use to check clinics.yaml as you type."),
    )
    schema.add_argument("--output", "-o", metavar="FILE", help=_("write it to FILE instead"))
    schema.set_defaults(run=_cmd_schema)

    geocode = commands.add_parser(
        "geocode",
        help=_("find where a place is: a ZIP code, 'City, ST', a state or a street address"),
        description=_(
            "Geocode a place. Offline by default: ZIP codes, cities, states and misspellings "
            "resolve from data shipped with locator, and street addresses are placed at their "
            "ZIP code or city. With --online, street addresses go to an online geocoder "
            "(Nominatim unless configured otherwise). QUERY '-' reads one query per line from "
            "standard input and prints one JSON object per line. Exit 3 when nothing "
            "matches, 4 when the online service fails and there is no offline answer."
        ),
    )
    geocode.add_argument(
        "query", metavar="QUERY", help=_("what to look up, or - for standard input")
    )
    where = geocode.add_mutually_exclusive_group()
    where.add_argument("--offline", action="store_true", help=_("never use the network (default)"))
    where.add_argument("--online", action="store_true", help=_("allow an online lookup"))
    geocode.add_argument("--all", action="store_true", help=_("every match, best first"))
    geocode.add_argument("--json", action="store_true", help=_("print JSON"))
    geocode.set_defaults(run=_cmd_geocode)

    search = argparse.ArgumentParser(add_help=False)
    search.add_argument(
        "query", metavar="QUERY", help=_("where: a ZIP code, 'City, ST', an address")
    )
    search.add_argument(
        "--limit", type=_whole, default=5, metavar="N", help=_("at most N clinics (5)")
    )
    search.add_argument(
        "--within", type=_number, metavar="DISTANCE", help=_("only clinics this close (miles)")
    )
    search.add_argument("--km", action="store_true", help=_("distances in kilometres"))
    search.add_argument(
        "--condition",
        action="append",
        default=[],
        metavar="C",
        help=_("only clinics said to treat C (key or label; repeat for all of several)"),
    )
    search.add_argument(
        "--treatment",
        action="append",
        default=[],
        metavar="T",
        help=_("only clinics said to offer T (key or label; repeat for all of several)"),
    )
    search.add_argument(
        "--payment",
        action="append",
        default=[],
        metavar="P",
        help=_("only clinics said to accept P: insurance, hsa_fsa, financing, … (repeatable)"),
    )
    search.add_argument(
        "--language",
        action="append",
        default=[],
        metavar="L",
        help=_("only clinics said to speak L: spanish, vietnamese, … (repeatable)"),
    )
    search.add_argument(
        "--telehealth-to",
        metavar="ST",
        help=_("only clinics said to offer telehealth to the state ST (UT)"),
    )
    search.add_argument(
        "--max-price",
        type=_whole,
        metavar="USD",
        help=_("only clinics whose listed price per session starts at USD dollars or less"),
    )
    for feature, flag, text in (
        (
            Feature.ACCEPTING_NEW_PATIENTS,
            "--accepting-new-patients",
            _("only clinics said to be accepting new patients"),
        ),
        (
            Feature.WHEELCHAIR_ACCESSIBLE,
            "--wheelchair",
            _("only clinics said to be wheelchair accessible"),
        ),
        (Feature.EVENING_HOURS, "--evening", _("only clinics said to open in the evening")),
        (Feature.WEEKEND_HOURS, "--weekend", _("only clinics said to open at weekends")),
        (
            Feature.SPRAVATO_REMS_CERTIFIED,
            "--rems",
            _("only clinics said to be certified for Spravato (esketamine) under its REMS"),
        ),
    ):
        search.add_argument(flag, dest=feature.value, action="store_true", help=text)
    search.add_argument(
        "--every-presence",
        action="store_true",
        help=_("list each site of an organization, not only its nearest"),
    )
    search.add_argument("--registry", metavar="PATH", help=_("the registry to search"))
    online = search.add_mutually_exclusive_group()
    online.add_argument("--offline", action="store_true", help=_("never use the network (default)"))
    online.add_argument("--online", action="store_true", help=_("allow an online place lookup"))

    nearest = commands.add_parser(
        "nearest",
        parents=[search],
        help=_("the clinics nearest a place, with filters"),
        description=_(
            "List the clinics nearest QUERY, nearest first, by straight-line distance. Filters "
            "match clinics whose sources say they treat or offer every value given; a clinic "
            "for which a value is not listed does not match, and the answer says how many "
            "were left out for that reason."
        ),
    )
    nearest.add_argument("--json", action="store_true", help=_("print JSON"))
    nearest.set_defaults(run=_cmd_nearest)

    map_command = commands.add_parser(
        "map",
        parents=[search],
        help=_("write a map of the clinics nearest a place to an HTML file"),
        description=_(
            "Write a standalone HTML map of the clinics nearest QUERY: Leaflet and locator's "
            "own base map (states, counties, towns) are inlined, so the file opens in any "
            "browser, anywhere; only the street-map tiles drawn over it need internet. With "
            "--offline the file has no tiles and asks the network for nothing."
        ),
    )
    map_command.add_argument(
        "--output", "-o", default="locator-map.html", metavar="FILE", help=_("(locator-map.html)")
    )
    map_command.set_defaults(run=_cmd_map)

    compare = commands.add_parser(
        "compare",
        help=_("compare clinics side by side"),
        description=_(
            "Compare two or more clinics by id: attributes as rows, clinics as columns, rows "
            "that differ marked. Every format carries the sources, the date and the notice."
        ),
    )
    compare.add_argument("ids", nargs="+", metavar="ID", help=_("clinic ids (see clinics.yaml)"))
    compare.add_argument(
        "--format", choices=("table", "csv", "json", "markdown", "html"), default="table"
    )
    compare.add_argument("--output", "-o", metavar="FILE", help=_("write to FILE"))
    compare.add_argument("--registry", metavar="PATH", help=_("the registry to read"))
    compare.set_defaults(run=_cmd_compare)

    gui = commands.add_parser(
        "gui",
        help=_("open the desktop app (the default)"),
        description=_(
            "Open the desktop app on the registry chosen by --registry, $LOCATOR_REGISTRY, "
            "your own copy, or the shipped clinics.yaml."
        ),
    )
    gui.add_argument("--registry", metavar="PATH", help=_("the registry to open"))
    gui.set_defaults(run=_cmd_gui)

    settings = commands.add_parser(
        "settings",
        help=_("show or change settings shared with the app (online lookups)"),
        description=_("Show the settings; --online-lookups on|off allows or forbids network use."),
    )
    settings.add_argument("--online-lookups", choices=("on", "off"))
    settings.set_defaults(run=_cmd_settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    What it prints shows control characters as text (``locator.terminal``): names and answers
    come from files and servers, and must not drive the terminal.
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleControls(sys.stdout), VisibleControls(sys.stderr)
    try:
        return _run(argv)
    except BrokenPipeError:  # `locator geocode - < big.txt | head -1`: the reader has gone
        _silence_stdout()
        return ExitCode.BROKEN_PIPE
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: Sequence[str] | None) -> int:
    set_language(_language_asked(sys.argv[1:] if argv is None else argv))  # --help speaks it too
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="locator: %(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", _cmd_gui)
    if args.self_test:
        run = _cmd_self_test
    try:
        return run(args)
    except BrokenPipeError:
        raise
    except LocatorError as error:
        print(_("locator: {error}").format(error=error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last line of defence: a sentence, never a traceback
        log.debug("unexpected error", exc_info=True)
        print(
            _(
                "locator: unexpected error ({error}); run again with --debug and report what "
                "it prints"
            ).format(error=f"{type(error).__name__}: {error}"),
            file=sys.stderr,
        )
        return ExitCode.INVALID_REGISTRY


def _language_asked(argv: Sequence[str]) -> str | None:
    """The ``--lang`` given before the command (``locator --lang es nearest …``); after it,
    options are the command's own."""
    for index, arg in enumerate(argv):
        if arg == "--lang":
            return argv[index + 1] if index + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if not arg.startswith("-"):
            return None
    return None


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit raises nothing
    (the Python documentation's advice for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno() if sys.__stdout__ else 1)
