"""The running app as a screen reader perceives it, through AT-SPI (Linux's accessibility bus).

The app runs as a user starts it, in a session bus of its own (``dbus-run-session``) with Qt's
AT-SPI bridge on (``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``); tests/helpers/atspi_inspector.py, on
Debian's own python3 with python3-pyatspi (``make test`` installs them), searches through
AT-SPI, listens for announcements and writes the tree it reached. Nothing here asks Qt in
process: what is asserted is what Orca would be told.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from locator.data.entry_fields import FIELDS
from locator.i18n import LOCALES, _, ngettext
from tests.helpers.language import speaking
from tests.helpers.paths import LOCATOR, REPO, TEST_REGISTRY

SYSTEM_PYTHON = Path("/usr/bin/python3")
INSPECTOR = REPO / "tests" / "helpers" / "atspi_inspector.py"
NOWHERE = "Qwxzzy, ZZ"  # no such place: the search fails, and says so
COMPARED = ["nervana-medical-sandy", "nortex-psychiatry-dallas"]  # a shortlist, compared

# A row read aloud: its clinic, then where it is (a distance, or "location not listed"), then
# what it treats ("treats A and B", or "conditions treated not listed").
SENTENCE = re.compile(
    r"^[^,]+, (.+, )?(treats .+|conditions treated not listed)"
    r"(; listed after the clinics, with no one to contact)?$"  # an unnamed provider's group
)
AT_SPI_POLITE = 1  # AT-SPI's politeness: 1 polite, 2 assertive (ATSPI_LIVE_*)
AT_SPI_ASSERTIVE = 2

pytestmark = [
    pytest.mark.skipif(sys.platform != "linux", reason="AT-SPI is Linux's accessibility bus"),
    pytest.mark.skipif(
        not os.environ.get("DISPLAY"), reason="needs an X11 display (make test: pytest-xvfb)"
    ),
]


def listen(
    tmp_path_factory: pytest.TempPathFactory, language: str, names: dict[str, str]
) -> dict[str, Any]:
    """What AT-SPI reported about the app in ``language`` (``names``: the English names the
    inspector looks for, as shown in it) after a search for Dallas, TX and one for nowhere."""
    missing = [tool for tool in ("dbus-run-session",) if shutil.which(tool) is None]
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import pyatspi"], capture_output=True, check=False
    )
    if missing or probe.returncode != 0:
        pytest.fail(
            "the accessibility-tree test needs Debian's at-spi2-core, dbus and python3-pyatspi: "
            "`make test` installs them (scripts/ensure_system_packages.py)"
        )
    folder = tmp_path_factory.mktemp("atspi")
    registry = folder / "clinics.yaml"
    shutil.copyfile(TEST_REGISTRY, registry)
    environment = dict(os.environ)
    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        (folder / variable).mkdir()
        environment[variable] = str(folder / variable)
    environment.update(
        HOME=str(folder),
        LOCATOR_REGISTRY=str(registry),
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        QT_QPA_PLATFORM="xcb",
        LANG="C.UTF-8" if language == "en" else f"{LOCALES[language]}.UTF-8",
        LANGUAGE=language,
    )
    environment.pop("LC_ALL", None)
    environment.pop("LC_MESSAGES", None)
    shortlists = folder / "XDG_DATA_HOME" / "locator" / "shortlists.json"
    shortlists.parent.mkdir()
    shortlists.write_text(json.dumps({"Referrals": COMPARED}), encoding="utf-8")
    out, names_file = folder / "tree.json", folder / "names.json"
    names_file.write_text(json.dumps(names), encoding="utf-8")
    command = [
        "dbus-run-session",
        "--",
        str(SYSTEM_PYTHON),
        str(INSPECTOR),
        str(out),
        str(names_file),
        "Dallas, TX",
        NOWHERE,
        "--",
        str(LOCATOR),
    ]
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr[-3000:]
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a screen reader heard in English."""
    return listen(tmp_path_factory, "en", {})


@pytest.fixture(scope="module")
def heard_in_spanish(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a screen reader heard in Spanish (LANGUAGE=es, LANG=es_US.UTF-8)."""
    with speaking("es"):
        plain = _spanish_names()
    return listen(tmp_path_factory, "es", plain)


def _spanish_names() -> dict[str, str]:
    """The English names the inspector looks for, with what the app calls them in Spanish."""
    plain = {
        text.replace("&", ""): _(text).replace("&", "")
        for text in (
            "Search summary",
            "What locator is doing",
            "Place to search near",
            "&Search",
            "&Open a shortlist…",
            "Open shortlist",
            "Compare clinics",
            "&Edit registry…",
            "&Privacy and stored data…",
            "Privacy and stored data",
        )
    }
    plain["Edit registry"] = _("Edit registry — {path}").format(path="")
    plain["Compare 2"] = (
        ngettext("Co&mpare {count} ticked clinic", "Co&mpare {count} ticked clinics", 2)
        .format(count=2)
        .replace("&", "")
    )
    plain["OK"] = "Aceptar"  # Qt's own Spanish catalog names the dialog's button
    return plain


def reachable(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The nodes a screen reader user can move the focus to: focusable, shown, enabled."""
    wanted = {"focusable", "showing", "sensitive"}
    return [node for node in report["nodes"] if wanted <= set(node["states"])]


def spoken_name(node: dict[str, Any]) -> str:
    """What a screen reader calls a control: its name, or the label that labels it. A combo
    box's AT-SPI name is its current value, so only its label names it."""
    labels = " ".join(node["labelled_by"]).strip()
    if node["role"] == "combo box":
        return labels
    return node["name"].strip() or labels


def test_every_focusable_control_has_a_role_and_a_name(heard: dict[str, Any]) -> None:
    nodes = reachable(heard)
    assert len(nodes) > 20, "the walk reached too little of the window"
    nameless = [
        " / ".join(node["path"])
        for node in nodes
        if node["role"] in ("unknown", "invalid", "redundant object") or not spoken_name(node)
    ]
    assert not nameless, f"focusable without a role or a name: {nameless}"


@pytest.mark.parametrize("title", ["Compare clinics", "Edit registry", "Privacy and stored data"])
def test_every_control_of_a_dialog_has_a_role_and_a_name(heard: dict[str, Any], title: str) -> None:
    nodes = reachable({"nodes": heard["windows"][title]})
    assert len(nodes) > 3, f"the walk reached too little of {title!r}"
    nameless = [" / ".join(node["path"]) for node in nodes if not spoken_name(node)]
    assert not nameless, f"focusable without a name in {title!r}: {nameless}"


def test_the_window_reads_as_its_parts(heard: dict[str, Any]) -> None:
    """The controls a first-time screen reader user meets, with the role Orca announces."""
    seen = {(node["role"], spoken_name(node)) for node in reachable(heard)}
    for expected in [
        ("text", "Place to search near"),
        ("combo box", "Within:"),
        ("combo box", "Units:"),
        ("push button", "Search"),
        ("table", "Clinics found, nearest first"),
        ("table", "Clinics without a location"),
        ("push button", "Add to shortlist…"),
        ("filler", "Map of the clinics found"),
    ]:
        assert expected in seen, f"{expected} is not in the tree: {sorted(seen)}"


def test_text_with_a_name_of_its_own_is_read_too(heard: dict[str, Any]) -> None:
    """A label named for what it is ("Crisis resources") is read by that name, so what it
    shows must reach the screen reader as well, as its description."""
    nodes = {node["name"]: node for node in heard["nodes"] if node["role"] == "label"}
    assert "988" in nodes["Crisis resources"]["description"]
    assert "Dallas, TX" in nodes["Search summary"]["description"]


def test_each_results_row_reads_as_a_sentence(heard: dict[str, Any]) -> None:
    tables = {table["name"]: table for table in heard["tables"]}
    assert set(tables) >= {"Clinics found, nearest first", "Clinics without a location"}
    sentences = []
    for table in tables.values():
        assert table["rows"], f"{table['name']} is empty after the search"
        for cells in table["rows"]:
            clinic = cells[table["headers"].index("Clinic")]
            sentence = clinic["name"]
            assert SENTENCE.match(sentence), f"a row reads {sentence!r}"
            others = [cell["description"] for cell in cells if cell is not clinic]
            assert others == [sentence] * len(others), (
                f"from another cell of the row, a screen reader cannot say {sentence!r}: {others}"
            )
            sentences.append(sentence)
    nervana = "Nervana Medical, ≈ 993 mi (approximate: city centre), in Sandy, UT"
    assert f"{nervana}, treats Depression and Anxiety" in sentences
    assert "Neuroplasticity MD Clinic, location not listed, conditions treated not listed" in (
        sentences
    )


def test_the_outcome_of_each_search_is_announced(heard: dict[str, Any]) -> None:
    said = heard["announcements"]
    found = [a for a in said if "within travel distance of Dallas, TX" in a["text"]]
    assert found, f"no announcement of the search's result: {said}"
    assert found[-1]["politeness"] == AT_SPI_POLITE  # after whatever is being read
    failed = [a for a in said if NOWHERE in a["text"]]
    assert failed, f"no announcement that {NOWHERE!r} was not found: {said}"
    assert failed[-1]["text"].startswith("No place matches")
    assert failed[-1]["politeness"] == AT_SPI_ASSERTIVE  # at once


def test_in_spanish_every_control_is_named_in_spanish(
    heard_in_spanish: dict[str, Any], spanish: None
) -> None:
    """Each name a screen reader says is the Spanish one shown: the field labelled "Nombre"
    is read as "Nombre", never by its key in clinics.yaml."""
    main = {(node["role"], spoken_name(node)) for node in reachable(heard_in_spanish)}
    for role, name in [
        ("text", _("Place to search near")),
        ("push button", _("&Search").replace("&", "")),
        ("table", _("Clinics found, nearest first")),
    ]:
        assert (role, name) in main, f"{(role, name)} is not in the tree: {sorted(main)}"
    for title, nodes in heard_in_spanish["windows"].items():
        named = reachable({"nodes": nodes})
        assert len(named) > 3, f"the walk reached too little of {title!r}"
        assert all(spoken_name(node) for node in named), f"a control of {title!r} has no name"
    editor = {
        spoken_name(node)
        for node in reachable({"nodes": heard_in_spanish["windows"]["Edit registry"]})
    }
    unsaid = [_(spec.label) for spec in FIELDS if _(spec.label) not in editor]
    assert not unsaid, f"fields not read by their label: {unsaid}"
    keys = {spec.key.replace("_", " ") for spec in FIELDS}
    assert not editor & keys, f"fields read by their key: {editor & keys}"


def test_in_spanish_each_results_row_reads_as_a_sentence(
    heard_in_spanish: dict[str, Any], spanish: None
) -> None:
    treats = re.escape(_("treats {conditions}")).replace(r"\{conditions\}", ".+")
    after = re.escape(_("{sentence}; listed after the clinics, with no one to contact"))
    after = after.split(r"\}", 1)[1]  # what follows an unnamed provider's sentence
    sentence = re.compile(
        rf"^[^,]+, (.+, )?({treats}|{re.escape(_('conditions treated not listed'))})({after})?$"
    )
    tables = {table["name"]: table for table in heard_in_spanish["tables"]}
    found = tables[_("Clinics found, nearest first")]
    assert found["rows"], "the Spanish table is empty after the search"
    for cells in found["rows"]:
        clinic = cells[found["headers"].index(_("Clinic"))]
        assert sentence.match(clinic["name"]), f"a row reads {clinic['name']!r}"
        others = [cell["description"] for cell in cells if cell is not clinic]
        assert others == [clinic["name"]] * len(others)
