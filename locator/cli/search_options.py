"""What `nearest` and `map` both take: the place, the radius and unit, the filters; and the
search they both run.

The filter options are declared in one function (:func:`add_filter_options`) and read back in
one (:func:`filters_of`); the search request (``locator.query.SearchRequest``) is built and
answered in one (:func:`search`), and the commands render the answer as the request asks (its
unit).
"""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from locator.cli.arguments import number, whole
from locator.data.vocabulary import Feature
from locator.errors import UsageError
from locator.i18n import _
from locator.terminal import one_line

# The smallest radius searched, in miles or kilometres: the least a distance is shown as (to
# a tenth); a smaller one was said as "within 0.0 mi"
NEAREST_RADIUS = 0.1

if TYPE_CHECKING:
    from locator.query import Filters, SearchRequest
    from locator.search import SearchResult
    from locator.settings import Settings
    from locator.units import Unit


def search_parser() -> argparse.ArgumentParser:
    """The options `nearest` and `map` share, as a parent parser for both."""
    search = argparse.ArgumentParser(add_help=False)
    search.add_argument(
        "query", metavar="QUERY", help=_("where: a ZIP code, 'City, ST', an address")
    )
    search.add_argument(
        "--limit", type=whole, default=5, metavar="N", help=_("at most N clinics (5)")
    )
    search.add_argument(
        "--within", type=number, metavar="DISTANCE", help=_("only clinics this close (miles)")
    )
    search.add_argument("--km", action="store_true", help=_("distances in kilometres"))
    add_filter_options(search)
    search.add_argument(
        "--every-presence",
        action="store_true",
        help=_("list each site of an organization, not only its nearest"),
    )
    search.add_argument("--registry", metavar="PATH", help=_("the registry to search"))
    online = search.add_mutually_exclusive_group()
    online.add_argument("--offline", action="store_true", help=_("never use the network (default)"))
    online.add_argument("--online", action="store_true", help=_("allow an online place lookup"))
    return search


def add_filter_options(search: argparse.ArgumentParser) -> None:
    """The options that narrow the search to what clinics' sources say (read by
    :func:`filters_of`)."""
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
        type=whole,
        metavar="USD",
        help=_("only clinics whose listed price per session starts at USD dollars or less"),
    )
    for feature in Feature:  # each yes-or-no fact, as its table declares it
        search.add_argument(
            feature.flag, dest=feature.value, action="store_true", help=_(feature.flag_help)
        )


def filters_of(args: argparse.Namespace) -> Filters:
    """The filters :func:`add_filter_options` declared, as given; a value that is no term of
    its vocabulary, or no state, is a usage error."""
    from locator.data.states import STATE_CODES
    from locator.data.vocabulary import Condition, Language, Payment, Treatment
    from locator.query import Filters

    conditions = frozenset(Condition.parse(value) for value in args.condition)
    treatments = frozenset(Treatment.parse(value) for value in args.treatment)
    telehealth_state = args.telehealth_to.strip().upper() if args.telehealth_to else None
    if telehealth_state is not None and telehealth_state not in STATE_CODES:
        raise UsageError(
            _("--telehealth-to takes a state's two-letter code, such as UT, not “{value}”").format(
                value=one_line(args.telehealth_to)
            )
        )
    if args.max_price is not None and args.max_price < 0:
        raise UsageError(_("--max-price must be 0 or more (US dollars)"))
    return Filters(
        conditions,
        treatments,
        payment=frozenset(Payment.parse(value) for value in args.payment),
        features=frozenset(feature for feature in Feature if getattr(args, feature.value)),
        languages=frozenset(Language.parse(value) for value in args.language),
        telehealth_state=telehealth_state,
        max_session_usd=args.max_price,
    )


def unit_of(args: argparse.Namespace) -> Unit:
    """The unit distances are given and shown in: kilometres with ``--km``, else miles."""
    from locator.units import Unit

    return Unit.KM if args.km else Unit.MILES


def search(
    args: argparse.Namespace, settings: Settings | None = None
) -> tuple[SearchRequest, SearchResult]:
    """Load the registry, geocode QUERY and search, as `nearest` and `map` both do: what was
    asked (the unit to show distances in with it) and the answer. ``settings``: as the caller
    read them, if it did (else read here)."""
    from locator.cli.places import geocoding
    from locator.data.loader import load_registry
    from locator.data.paths import choose_registry
    from locator.query import SearchRequest, answer
    from locator.search import FARTHEST_KM, ClinicIndex

    filters = filters_of(args)
    if args.limit < 1:
        raise UsageError(_("--limit must be 1 or more"))
    if args.within is not None and args.within <= 0:
        raise UsageError(_("--within must be a distance greater than 0"))
    unit = unit_of(args)
    if args.within is not None and args.within < NEAREST_RADIUS:  # "1e-320" was "within 0.0 mi"
        raise UsageError(
            _("--within must be at least {distance}").format(
                distance=unit.format(unit.to_km(NEAREST_RADIUS))
            )
        )
    farthest = math.ceil(unit.from_km(FARTHEST_KM))
    if args.within is not None and args.within > farthest:
        raise UsageError(
            _(
                "--within must be at most {distance}: no two places on Earth are farther apart"
            ).format(distance=unit.format(unit.to_km(farthest), whole=True))
        )
    request = SearchRequest(
        args.query,
        within_km=unit.to_km(args.within) if args.within is not None else None,
        filters=filters,
        unit=unit,
        limit=args.limit,
        by_organization=not args.every_presence,
    )
    registry = load_registry(choose_registry(args.registry).path)
    return request, answer(request, ClinicIndex.of(registry), geocoding(args, settings))
