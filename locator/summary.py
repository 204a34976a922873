"""The sentences that say what a search found, or why it found nothing and what to try.

Above the search (:mod:`locator.search` ranks and filters; this module only reads its result):
one or two sentences for the window's summary line and the command line's first line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from locator.data.vocabulary import Condition, EntryKind, Feature, Language, Payment, Treatment
from locator.drive_time import at_searched_place
from locator.i18n import _, ngettext, number
from locator.practical import usd
from locator.presentation import (
    Tally,
    coverage_sentence,
    distance_text,
    found_text,
    located_at,
    marked_distance,
    served_place,
    tally_text,
)
from locator.search import FAR_AWAY_KM, place_of
from locator.units import Unit

if TYPE_CHECKING:
    from locator.data.models import Clinic
    from locator.query import Filters
    from locator.search import Match, SearchResult


def summary(result: SearchResult, unit: Unit = Unit.MILES) -> str:
    """One or two sentences saying what was found, or why nothing was and what to try."""
    sentences = []
    # never "near" a place without saying how near: a clinic 1,351 mi away is not near. At
    # any distance, near is as far as a person would travel, named so: not a radius chosen.
    if result.within_km is None:
        where = _("within travel distance of {place}").format(place=result.origin.label)
    else:
        where = _("within {distance} of {place}").format(
            distance=unit.format(result.reach_km), place=result.origin.label
        )
    clinics = [m for m in result.matches if m.clinic.kind is EntryKind.CLINIC]
    unnamed = [m.clinic for m in result.matches if m.clinic.kind is EntryKind.UNNAMED_PROVIDER]
    near = [m for m in clinics if m.distance_km <= result.reach_km]
    if near:
        nearest = near[0]
        served = served_place(nearest.clinic)
        if served and at_searched_place(nearest.distance_km, nearest.clinic):
            # no office is listed: it serves the place searched, it is not "in" it
            how_far = served
            nearest_text = _("nearest: {name}, which serves {distance} (office not listed)")
        elif at_searched_place(nearest.distance_km, nearest.clinic):  # "in Sandy, UT (approx…)"
            how_far = distance_text(nearest.distance_km, nearest.clinic, unit)
            nearest_text = _("nearest {distance}: {name}")
        else:  # "4.2 mi", or "≈ 5 mi" to a clinic placed approximately
            how_far = distance_text(nearest.distance_km, nearest.clinic, unit, short=True)
            nearest_text = _("nearest {distance} away (straight-line): {name}")
        found = _("{found} {where}, {nearest}").format(
            found=_found_in_reach(result, _sites(result, near)),
            where=where,
            nearest=nearest_text.format(distance=how_far, name=nearest.clinic.name),
        )
        if len(clinics) > len(near):
            found = _("{found}; {farther}").format(
                found=found, farther=_farther(m.clinic for m in clinics[len(near) :])
            )
        if unnamed:
            found = _("{found}; and {unnamed}").format(found=found, unnamed=_unnamed(unnamed))
        sentences.append(_("{sentence}.").format(sentence=found))
    elif clinics:  # every clinic found is beyond the distance a person would travel
        nearest = clinics[0]
        how_far = distance_text(nearest.distance_km, nearest.clinic, unit, short=True)
        sentences.append(
            _("No clinic {where}. The nearest is {distance} away (straight-line): {name}.").format(
                where=where, distance=how_far, name=nearest.clinic.name
            )
        )
        if unnamed:
            sentences.append(_("{sentence}.").format(sentence=_capitalized(_unnamed(unnamed))))
    elif result.nearest_outside is not None:
        outside = result.nearest_outside
        far, place, at = (
            marked_distance(outside.distance_km, outside.clinic, unit),
            place_of(outside.clinic),
            located_at(outside.clinic),
        )
        name = outside.clinic.name
        if result.filters:
            sentences.append(
                _(
                    "No clinic {where} is listed as {listed}; the nearest one that is, "
                    "{distance} away, is {at}: {name}."
                ).format(
                    where=where,
                    listed=listed_as(result.filters),
                    distance=far,
                    at=at,
                    name=name,
                )
            )
        elif outside.clinic.kind is EntryKind.UNNAMED_PROVIDER:  # no clinic in the registry
            sentences.append(
                _(
                    "Nothing {where}; the nearest entry, {distance} away, is an unnamed "
                    "provider reported in {place} (no one to contact)."
                ).format(where=where, distance=far, place=place)
            )
        elif result.within_km is None:  # the nearest entries are all unnamed providers
            sentences.append(
                _("The nearest clinic to {origin} is {distance} away, {at}: {name}.").format(
                    origin=result.origin.label, distance=far, at=at, name=name
                )
            )
        elif unnamed:
            sentences.append(
                _("No clinic {where}; the nearest clinic is {distance} away, {at}: {name}.").format(
                    where=where, distance=far, at=at, name=name
                )
            )
        else:
            sentences.append(
                _("Nothing {where}; the nearest clinic is {distance} away, {at}: {name}.").format(
                    where=where, distance=far, at=at, name=name
                )
            )
        if unnamed:
            sentences.append(_("{sentence}.").format(sentence=_capitalized(_unnamed(unnamed))))
    elif result.filters:
        sentences.append(
            _("No clinic with a location in this registry is listed as {listed}.").format(
                listed=listed_as(result.filters)
            )
        )
        if unnamed:  # what a source reports of an area's providers, no one to contact
            sentences.append(_("{sentence}.").format(sentence=_capitalized(_unnamed(unnamed))))
    else:
        sentences.append(_("No clinic with a location matches {where}.").format(where=where))
    if result.excluded_not_listed:
        n = result.excluded_not_listed
        sentences.append(
            ngettext(
                "{count} provider left out because what you filtered on is not listed for it "
                "(which is not the same as not offered).",
                "{count} providers left out because what you filtered on is not listed for them "
                "(which is not the same as not offered).",
                n,
            ).format(count=number(n))
        )
    nearest_km = result.matches[0].distance_km if result.matches else None
    if result.nearest_outside is not None:
        nearest_km = result.nearest_outside.distance_km
    if result.nearest_any_km is not None:
        nearest_km = result.nearest_any_km
    if result.coverage and (nearest_km is None or nearest_km > FAR_AWAY_KM):
        sentences.append(
            _("This registry covers {places}.").format(places=coverage_sentence(result.coverage))
        )
    unlocated = Tally.of(result.unlocated)
    if unlocated.providers:
        n = unlocated.providers
        sentences.append(
            ngettext(
                "{count} more provider without a listed location (it is shown apart).",
                "{count} more providers without a listed location (they are shown apart).",
                n,
            ).format(count=number(n))
        )
    return " ".join(sentences)


def _found_in_reach(result: SearchResult, shown: Sequence[Clinic]) -> str:
    """ "12 providers at 12 places (the nearest 10 listed)": every provider within reach,
    not only the ``shown`` nearest, whose rows the list holds (a 211 agency's 2,500 services
    within 250 mi are not 10)."""
    listed, whole = Tally.of(shown), result.in_reach
    if whole is None or (whole.providers <= listed.providers and whole.places <= listed.places):
        return found_text(shown)
    if whole.providers <= listed.providers:  # each is listed; the sites are more than mapped
        return tally_text(whole)
    return ngettext(
        "{found} (the nearest {count} listed)",
        "{found} (the nearest {count} listed)",
        listed.providers,
    ).format(found=tally_text(whole), count=number(listed.providers))


def _sites(result: SearchResult, near: Sequence[Match]) -> list[Clinic]:
    """The entries of the providers ``near`` lists that the search found within reach: each
    listed once, at its nearest site, its other sites counted as places too."""
    organizations = {m.clinic.organization for m in near if m.clinic.organization}
    others = [
        site.match.clinic
        for site in result.other_sites
        if site.found
        and site.match.distance_km <= result.reach_km
        and site.match.clinic.organization in organizations
    ]
    return [m.clinic for m in near] + others


def _farther(clinics: Iterable[Clinic]) -> str:
    """ "1 more provider farther away": those found beyond the distance called near."""
    count = Tally.of(clinics).providers
    return ngettext(
        "{count} more provider farther away", "{count} more providers farther away", count
    ).format(count=number(count))


def _unnamed(entries: Sequence[Clinic]) -> str:
    """ "1 unnamed provider reported in Sacramento, CA, with no one named to contact": said
    apart from the clinics, so nobody takes such an entry for the nearest place to call."""
    places = list(dict.fromkeys(place_of(clinic) for clinic in entries))
    if len(places) > 1:
        places = [_("{places} and {last}").format(places="; ".join(places[:-1]), last=places[-1])]
    return _("{providers} reported in {places}, with no one named to contact").format(
        providers=found_text(entries), places=places[0]
    )


def _capitalized(text: str) -> str:
    """``text`` starting a sentence (only the first letter changes)."""
    return text[:1].upper() + text[1:]


def listed_as(filters: Filters) -> str:
    """ "treating PTSD and offering IV ketamine infusion": what the filters ask a source for."""
    conditions = [term.running for term in Condition if term in filters.conditions]
    treatments = [term.running for term in Treatment if term in filters.treatments]
    and_ = _(" and ")
    parts = (
        [_("treating {conditions}").format(conditions=and_.join(conditions))] if conditions else []
    )
    parts += (
        [_("offering {treatments}").format(treatments=and_.join(treatments))] if treatments else []
    )
    payment = [term.running for term in Payment if term in filters.payment]
    parts += [_("accepting {payment}").format(payment=and_.join(payment))] if payment else []
    parts += [_(term.phrase) for term in Feature if term in filters.features]
    languages = [term.running for term in Language if term in filters.languages]
    parts += [_("speaking {languages}").format(languages=and_.join(languages))] if languages else []
    if filters.telehealth_state:
        parts.append(_("offering telehealth to {state}").format(state=filters.telehealth_state))
    if filters.max_session_usd is not None:
        parts.append(
            _("charging at most {price} a session").format(price=usd(filters.max_session_usd))
        )
    return and_.join(parts)
