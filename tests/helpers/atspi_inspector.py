"""Drive locator as a screen reader does and write what it heard as JSON.

Runs on Debian's own python3 with python3-pyatspi (AT-SPI is out of process: the app runs
from the project's environment), inside ``dbus-run-session`` so it has a session bus and an
accessibility bus of its own:

    dbus-run-session -- /usr/bin/python3 tests/helpers/atspi_inspector.py \
        OUT NAMES PLACE... -- APP...

NAMES, a JSON file, maps each English name below to what the app shows in its language (an empty
object in English), so the same walk runs in every language.

It starts APP, waits for its window on the accessibility bus, puts the first PLACE into the
control named "Place to search near" and presses "Search" through AT-SPI's own interfaces
(editable text, actions), then writes every node a screen reader can reach (role, name,
description, states, labelled-by) and each table's cells by row; each further PLACE is
searched for after that. Each search must be followed by an announcement that names the place
searched for; all announcements are written too. Last, it opens the comparison (of a
shortlist's two clinics: the shortlists file must hold exactly one list), the registry editor
and the privacy dialog from their menus and writes their trees under "windows".
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from typing import Any

import pyatspi
from gi.repository import Atspi, GLib

NAMES: dict[str, str] = {}  # English name -> the name shown in the app's language
DEADLINE_S = 180  # only a guard against a hang: every wait ends as soon as its condition holds
WEB_ROLES = {"document web", "document frame"}


def pump_until(condition: Any, what: str, app: subprocess.Popen[bytes]) -> Any:
    """Run the event loop (events arrive through it) until ``condition()`` is truthy."""
    context = GLib.MainContext.default()
    wake = GLib.timeout_add(100, lambda: True)
    end = time.monotonic() + DEADLINE_S
    try:
        while time.monotonic() < end:
            if app.poll() is not None:
                raise SystemExit(f"atspi_inspector: the app ended ({app.returncode}) before {what}")
            value = condition()
            if value:
                return value
            context.iteration(True)
    finally:
        GLib.source_remove(wake)
    raise SystemExit(f"atspi_inspector: gave up waiting for {what}")


def application(pid: int) -> Any:
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.get_process_id() == pid and app.childCount:
            return app
    return None


def states(node: Any) -> list[str]:
    found = node.getState()
    return sorted(pyatspi.stateToString(s) for s in found.getStates())


def labelled_by(node: Any) -> list[str]:
    names = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for i in range(relation.getNTargets()):
                names.append(relation.getTarget(i).name)
    return names


def text_of(node: Any) -> str | None:
    try:
        text = node.queryText()
    except NotImplementedError:
        return None
    return text.getText(0, -1)


def describe(node: Any, path: list[str]) -> dict[str, Any]:
    return {
        "role": node.getRoleName(),
        "name": node.name,
        "description": node.description,
        "states": states(node),
        "labelled_by": labelled_by(node),
        "text": text_of(node),
        "path": path,
    }


def walk(node: Any, path: list[str], out: list[dict[str, Any]], tables: list[dict]) -> None:
    """Every node under ``node``; a table's cells are read through its table interface."""
    here = [*path, f"{node.getRoleName()}:{node.name}"]
    out.append(describe(node, here))
    if node.getRoleName() == "table":
        tables.append(table_rows(node))
        return
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, here, out, tables)


def table_rows(table: Any) -> dict[str, Any]:
    grid = table.queryTable()
    rows = []
    for r in range(grid.nRows):
        cells = []
        for c in range(grid.nColumns):
            cell = grid.getAccessibleAt(r, c)
            cells.append(describe(cell, [table.name]))
        rows.append(cells)
    headers = [grid.getColumnDescription(c) for c in range(grid.nColumns)]
    return {"name": table.name, "headers": headers, "rows": rows}


def shown(name: str) -> str:
    """``name`` as the app shows it in its language."""
    return NAMES.get(name, name)


def find(app: Any, role: str, name: str) -> Any:
    name = shown(name)
    return pyatspi.findDescendant(app, lambda n: n.getRoleName() == role and n.name == name)


def window(app: Any, title: str) -> Any:
    """The app's window whose title starts with ``title``, if one is shown."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name.startswith(shown(title)):
            return child
    return None


def open_from_menu(app: Any, item: str, title: str, process: subprocess.Popen[bytes]) -> Any:
    """Choose a menu item through AT-SPI, as a screen reader's "activate" does, and return the
    window it opens. A modal dialog runs its own event loop before Qt answers the call, so the
    call may time out while the dialog, already shown, answers everything else."""
    menu_item = find(app, "menu item", item)
    with contextlib.suppress(GLib.GError):  # a modal dialog is open: Qt answers once it closes
        menu_item.queryAction().doAction(0)
    return pump_until(lambda: window(app, title), f"the window {title!r}", process)


def main() -> None:
    out_path, names_path, *rest = sys.argv[1:]
    with open(names_path, encoding="utf-8") as file:
        NAMES.update(json.load(file))
    split = rest.index("--")
    (place, *more_places), command = rest[:split], rest[split + 1 :]
    heard: list[dict[str, Any]] = []

    def on_announcement(event: Any) -> None:
        heard.append({"text": str(event.any_data), "politeness": event.detail1})

    pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
    app_process = subprocess.Popen(command)
    try:
        app = pump_until(
            lambda: application(app_process.pid), "the app on the AT-SPI bus", app_process
        )
        pump_until(
            lambda: (s := find(app, "label", "Search summary")) and s.description,
            "the registry to load (the search summary)",
            app_process,
        )
        pump_until(
            lambda: (a := find(app, "label", "What locator is doing")) and not a.description,
            "the app to be ready",
            app_process,
        )
        field = find(app, "text", "Place to search near")
        button = find(app, "push button", "Search")

        def search(query: str) -> None:
            """Search as a screen reader user does; the outcome is announced, naming the place."""
            field.queryEditableText().setTextContents(query)
            button.queryAction().doAction(0)
            pump_until(
                lambda: any(query in h["text"] for h in heard),
                f"an announcement about {query!r}",
                app_process,
            )

        search(place)
        nodes: list[dict[str, Any]] = []
        tables: list[dict[str, Any]] = []
        # The map's page redraws its markers after the search is announced (Leaflet replaces
        # their elements as its view settles), so a node of the map may go while it is read:
        # then read the whole tree again, as a screen reader does when a page changes.
        for attempt in range(5):
            nodes.clear()
            tables.clear()
            try:
                for i in range(app.childCount):
                    child = app.getChildAtIndex(i)
                    if child is not None:
                        walk(child, [], nodes, tables)
                break
            except GLib.GError:
                if attempt == 4:
                    raise
        for query in more_places:
            search(query)
        Atspi.set_timeout(3000, 60000)  # ms: how long a call waits for the modal dialog below
        windows = {}
        # The comparison of a shortlist's clinics (a shortlist opens with them ticked: Qt's
        # "Toggle" action on a table cell selects it rather than ticking it).
        choose = open_from_menu(app, "Open a shortlist…", "Open shortlist", app_process)
        find(choose, "push button", "OK").queryAction().doAction(0)
        compare = pump_until(
            lambda: pyatspi.findDescendant(
                app,
                lambda n: (
                    n.getRoleName() == "push button" and n.name.startswith(shown("Compare 2"))
                ),
            ),
            "the compare button to take the shortlist's two clinics",
            app_process,
        )
        compare.queryAction().doAction(0)
        opened = pump_until(lambda: window(app, "Compare clinics"), "the comparison", app_process)
        windows["Compare clinics"] = []
        walk(opened, [], windows["Compare clinics"], [])
        for item, title in (
            ("Edit registry…", "Edit registry"),
            ("Privacy and stored data…", "Privacy and stored data"),
        ):
            opened = open_from_menu(app, item, title, app_process)
            windows[title] = []
            walk(opened, [], windows[title], [])
        report = {"nodes": nodes, "tables": tables, "announcements": heard, "windows": windows}
        with open(out_path, "w", encoding="utf-8") as file:
            json.dump(report, file, indent=1, ensure_ascii=False)
    finally:
        app_process.terminate()
        app_process.wait()


if __name__ == "__main__":
    main()
