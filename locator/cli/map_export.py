"""`locator map`: a standalone HTML map of the clinics nearest a place."""

from __future__ import annotations

import argparse
from pathlib import Path

from locator.cli.arguments import Subcommands
from locator.cli.search_options import search, search_parser
from locator.errors import ExitCode, UsageError
from locator.i18n import _

# An exported map is an overview to print or send: it opens on the region (the state's outline,
# its neighbours, its towns by name) with the clinics, and its reader zooms in from there.
EXPORT_FIT_ZOOM = 7
DEFAULT_OUTPUT = "locator-map.html"  # in the current folder, unless -o names another file


def add_parser(commands: Subcommands) -> None:
    """Add `map` to ``commands``."""
    parser = commands.add_parser(
        "map",
        parents=[search_parser()],
        help=_("write a map of the clinics nearest a place to an HTML file"),
        description=_(
            "Write a standalone HTML map of the clinics nearest QUERY: Leaflet and locator's "
            "own base map (states, counties, towns) are inlined, so the file opens in any "
            "browser, anywhere, and asks the network for nothing. With --tiles, or with "
            "map_tiles true in the settings (the app's choice to show OpenStreetMap's street "
            "map), OpenStreetMap's street-map tiles are drawn over it, fetched from "
            "OpenStreetMap when the file is opened; --offline leaves them out whatever the "
            "settings say."
        ),
    )
    parser.add_argument(
        "--tiles",
        action="store_true",
        help=_("draw OpenStreetMap's street-map tiles (fetched when the file is opened)"),
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=_("(locator-map.html, or the next free name when that is a symbolic link)"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Search, write the page (street-map tiles only when asked for: ``--tiles``, or the
    settings' ``map_tiles``, and never with ``--offline``) and say where; never through a link
    to nothing."""
    from locator.cli.output import check_output, output_path, said_path
    from locator.data.paths import choose_registry
    from locator.files import atomic_write, unlinked_name
    from locator.mapping.page import OSM_TILES, build_map_page
    from locator.mapping.payload import result_payload
    from locator.schema_org import linked_data
    from locator.settings import Settings
    from locator.summary import summary

    if args.tiles and args.offline:
        raise UsageError(_("--tiles asks the network for street-map tiles: leave out --offline"))
    settings = Settings.load()
    tiles = args.tiles or (settings.map_tiles is True and not args.offline)
    output = output_path(args.output) or unlinked_name(Path(DEFAULT_OUTPUT))
    # before the search, which reads the registry and may ask the network
    check_output(output, reading=choose_registry(args.registry).path)
    request, result = search(args, settings)
    unit = request.unit
    payload = result_payload(result, unit)
    payload["fit_max_zoom"] = EXPORT_FIT_ZOOM
    page = build_map_page(
        payload,
        inline=True,
        tiles_url=OSM_TILES if tiles else None,
        title=_("Clinics nearest {place}").format(place=result.origin.label),
        head=linked_data(
            [match.clinic for match in result.matches]
            + [other.match.clinic for other in result.other_sites]
        ),
    )
    atomic_write(output, page)
    print(summary(result, unit))
    if tiles:
        wrote = _("wrote {path} (opens in any browser; street-map tiles need internet)")
    else:
        wrote = _("wrote {path} (opens in any browser; never asks the network)")
    print(wrote.format(path=said_path(output)))
    return ExitCode.OK
