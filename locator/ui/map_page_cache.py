"""The app's empty map page, built by folium once and then read from the user cache.

Importing folium takes about half a second; the page it builds for the app depends only on
locator's version, the tile source and the installed asset files, so it is kept on disk and
start-up reads it instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from pathlib import Path

import platformdirs

from locator import __version__
from locator.files import read_sealed, write_sealed
from locator.mapping.assets import ASSETS, MAP_SCRIPTS
from locator.mapping.payload import map_payload, map_texts

log = logging.getLogger(__name__)
# A change to it makes a new page. The desktop bundle carries no source (only a new build
# changes it there, and the build gives every asset file a new time).
PAGE_BUILDER = Path(__file__).parents[1] / "mapping" / "page.py"


def _key(tiles_url: str | None) -> str:
    parts = [__version__, repr(tiles_url), repr(sorted(map_texts().items()))]  # in its language
    builder = (PAGE_BUILDER,) if PAGE_BUILDER.exists() else ()
    for path in (*(asset.path for asset in (*ASSETS, *MAP_SCRIPTS)), *builder):
        stat = path.stat()
        parts.append(f"{path}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"  # as in locator.mapping.page


def app_map_page(tiles_url: str) -> str:
    """The empty map page with local asset references; ``tiles_url`` "" draws no base map.

    The cached copy is sealed (``files.write_sealed``): a damaged one (cut short, overwritten,
    not text) fails the check and is built and written again.
    """
    path = Path(platformdirs.user_cache_dir("locator")) / f"map-page-{_key(tiles_url)}.html"
    cached = read_sealed(path)
    if cached is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return cached.decode("utf-8")
    from locator.mapping.page import build_map_page  # folium: only on a first start

    page = build_map_page(map_payload([]), inline=False, tiles_url=tiles_url or None)
    try:
        write_sealed(path, page.encode("utf-8"))
    except OSError as error:  # FileWriteError too: a cache that cannot be kept is rebuilt
        log.debug("map page not cached: %s", error)
    return page
