"""Side-by-side comparison and its exports."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import html
import io
import json
import re

import pytest

from locator.compare import CellKind, ComparisonMatrix, markdown_text
from locator.data.models import Clinic, Registry, Source
from locator.notice import CRISIS_LINE, DISCLAIMER
from locator.presentation import DRIVE_NOTE
from tests.helpers.registry_texts import pick


@pytest.fixture
def matrix(registry: Registry) -> ComparisonMatrix:
    clinics = pick(registry, "nervana-medical-sandy", "nortex-psychiatry-allen")
    return ComparisonMatrix.of(clinics, created=dt.date(2026, 11, 22))


@pytest.fixture
def searched(registry: Registry) -> ComparisonMatrix:
    clinics = pick(registry, "nervana-medical-sandy", "nortex-psychiatry-allen")
    return ComparisonMatrix.of(
        clinics, ["0.0 mi", "1,009 mi"], place="Sandy, UT", created=dt.date(2026, 11, 22)
    )


def row(matrix: ComparisonMatrix, attribute: str):
    return next(r for r in matrix.rows if r.attribute == attribute)


def test_three_states_and_values(matrix: ComparisonMatrix) -> None:
    depression = row(matrix, "Depression")
    assert [c.kind for c in depression.cells] == [CellKind.OFFERED, CellKind.NOT_LISTED]
    assert [c.text for c in depression.cells] == ["treats", "not listed"]
    iv = row(matrix, "IV ketamine infusion")
    assert [c.text for c in iv.cells] == ["not listed", "offered"]
    assert [c.text for c in row(matrix, "Session length").cells] == ["not listed", "40\u201360 min"]
    assert row(matrix, "Providers").cells[1].text == (
        "Dr. Clayton L. Allison; Brittany Huckaby, PHNP"
    )


def test_differing_rows_are_marked(matrix: ComparisonMatrix) -> None:
    assert row(matrix, "Depression").differs
    assert not row(matrix, "Price and payment").differs  # both not listed
    assert not row(matrix, "Last verified").differs


def test_who_and_where_a_clinic_is_is_never_marked(matrix: ComparisonMatrix) -> None:
    """Places, contacts, providers and documents differ by nature: a mark there hides the
    facts that set the clinics apart."""
    for attribute in ("Place", "Serves", "Providers", "Contact", "Sources"):
        assert not row(matrix, attribute).differs, attribute
        assert row(matrix, attribute).label == attribute
    assert [r.attribute for r in matrix.rows if r.differs] == [
        r.attribute for r in matrix.rows if r.compared and len({c.text for c in r.cells}) > 1
    ]


def test_not_offered_is_its_own_state() -> None:
    base = {
        "name": "x",
        "sources": [{"document": "d.txt", "quote": "q"}],
        "last_verified": "2026-01-01",
    }
    said_no = Clinic.model_validate({**base, "id": "a", "not_offered": ["esketamine_nasal_spray"]})
    silent = Clinic.model_validate({**base, "id": "b"})
    spray = row(ComparisonMatrix.of([said_no, silent]), "Esketamine nasal spray (Spravato)")
    assert [c.kind for c in spray.cells] == [CellKind.NOT_OFFERED, CellKind.NOT_LISTED]


def test_a_comparison_needs_two(registry: Registry) -> None:
    with pytest.raises(ValueError, match="at least two"):
        ComparisonMatrix.of(pick(registry, "nervana-medical-sandy"))


def test_csv_export(matrix: ComparisonMatrix) -> None:
    rows = list(csv.reader(io.StringIO(matrix.to_csv())))
    assert rows[0] == ["group", "attribute", "Nervana Medical", "NorTex Psychiatry", "differs"]
    assert ["Treats", "Depression", "treats", "not listed", "yes"] in rows
    flat = "\n".join(",".join(r) for r in rows)
    assert "002_3c1ef8357489690f.txt" in flat
    assert "Compared on 2026-11-22" in flat
    assert DISCLAIMER in flat
    assert CRISIS_LINE in flat


def test_csv_is_one_rectangular_table_with_a_bom(searched: ComparisonMatrix) -> None:
    data = searched.csv_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert {len(r) for r in rows} == {5}, "every row has a cell for every column"
    assert rows[0] == ["group", "attribute", "Nervana Medical", "NorTex Psychiatry", "differs"]
    assert ["Clinic", "id", "nervana-medical-sandy", "nortex-psychiatry-allen", ""] in rows
    assert ["About", "Notice", f"{DISCLAIMER} {CRISIS_LINE}", "", ""] in rows
    distances = f"Distances are straight-line from Sandy, UT, not driving distances. {DRIVE_NOTE}"
    assert ["About", "Note", distances, "", ""] in rows
    assert ["Where", "Distance from Sandy, UT", "0.0 mi", "1,009 mi", ""] in rows
    assert ["Care", "Session length", "not listed", "40\u201360 min", "yes"] in rows
    sources = [r for r in rows if r[0] == "Source"]
    allen = next(r for r in sources if r[1] == "002_3c1ef8357489690f.txt")
    assert allen[2] == ""
    assert allen[3].startswith("\u201cIf you\u2019re in Allen")


def test_csv_cells_never_run_as_formulas(registry: Registry) -> None:
    clinics = pick(registry, "nervana-medical-sandy", "nortex-psychiatry-allen")
    evil = clinics[0].model_copy(
        update={
            "name": '=HYPERLINK("http://example.com","x")',
            "phone": "+1 801 555 0100",
            "sources": [Source(document="-d.txt", quote="@SUM(A1)")],
        }
    )
    rows = list(csv.reader(io.StringIO(ComparisonMatrix.of([evil, clinics[1]]).to_csv())))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://example.com","x")' in cells
    assert "'+1 801 555 0100" in cells
    assert "'-d.txt" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_every_export_says_where_distances_are_measured_from(
    searched: ComparisonMatrix,
) -> None:
    sentence = "Distances are straight-line from Sandy, UT"
    assert sentence in searched.to_csv()
    assert sentence in searched.to_markdown()
    assert sentence in searched.to_html()
    assert sentence in json.loads(searched.to_json())["distances"]


def test_without_a_search_there_is_no_distance(matrix: ComparisonMatrix) -> None:
    assert not [r for r in matrix.rows if r.attribute.startswith("Distance")]
    for text in (matrix.to_csv(), matrix.to_markdown(), matrix.to_html(), matrix.to_json()):
        assert "Distances are" not in text


def test_html_marks_differing_rows_in_its_text(searched: ComparisonMatrix) -> None:
    page = searched.to_html()
    assert "<th scope='row' class='attribute differs'>Depression ≠</th>" in page
    assert "Payment ≠" not in page
    assert "::after" not in page  # QTextDocument (PDF, print) ignores generated content


def test_an_unnamed_provider_offers_no_contact(registry: Registry) -> None:
    clinics = pick(registry, "ketamine-provider-buena-park", "nervana-medical-sandy")
    contact = row(ComparisonMatrix.of(clinics), "Contact")
    assert [c.text for c in contact.cells] == ["none: the source names no clinic", "not listed"]


def test_sites_with_one_name_are_told_apart(registry: Registry) -> None:
    clinics = pick(registry, "nortex-psychiatry-allen", "nortex-psychiatry-dallas")
    matrix = ComparisonMatrix.of(clinics)
    assert matrix.titles == ["NorTex Psychiatry (Allen, TX)", "NorTex Psychiatry (Dallas, TX)"]
    page = matrix.to_html()
    quote = "Dr. Allison and Brittany Huckaby lead a compassionate team"
    assert page.count(quote) == 1, "a quote both sites cite is listed once"


def test_json_export(matrix: ComparisonMatrix) -> None:
    data = json.loads(matrix.to_json())
    assert [c["id"] for c in data["clinics"]] == [
        "nervana-medical-sandy",
        "nortex-psychiatry-allen",
    ]
    depression = next(r for r in data["rows"] if r["attribute"] == "Depression")
    assert depression["differs"] is True
    assert depression["cells"][1] == {"kind": "not listed", "text": "not listed", "sources": None}
    (quoted,) = depression["cells"][0]["sources"]
    assert quoted["quote"].startswith("We offer ketamine therapy for depression, anxiety")
    assert data["sources"]["nortex-psychiatry-allen"][0]["document"] == "002_3c1ef8357489690f.txt"
    assert "988" in data["notice"]
    assert data["created"] == "2026-11-22"


def test_markdown_export(matrix: ComparisonMatrix) -> None:
    text = matrix.to_markdown()
    assert "| **Depression** ≠ | treats \\[3\\] | not listed |" in text
    assert "- \\[3\\] Nervana Medical: “We offer ketamine therapy for depression" in text
    assert "## Sources" in text
    assert CRISIS_LINE in text


def test_html_export_is_self_contained_escaped_and_printable(registry: Registry) -> None:
    clinics = pick(registry, "nervana-medical-sandy", "nortex-psychiatry-allen")
    evil = clinics[0].model_copy(update={"name": "<script>alert(1)</script>"})
    page = ComparisonMatrix.of([evil, clinics[1]]).to_html()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@media print" in page
    # nothing to fetch: the clinics' JSON-LD is data for crawlers, which a browser never loads
    shown = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page)
    assert "http" not in shown.replace("https://json", "")
    assert "call or text 988" in page


def test_markdown_shows_hostile_text_as_text(registry: Registry) -> None:
    clinics = pick(registry, "nervana-medical-sandy", "nortex-psychiatry-allen")
    evil = clinics[0].model_copy(
        update={
            "name": "<img src=x onerror=alert(1)> [call us](javascript:alert(1))",
            "phone": "![pixel](http://tracker.example/p.png)",
            # a document's name holds no line break in a registry read here; one read elsewhere
            "sources": [
                Source.model_construct(
                    document="doc.txt\n# Not a heading", quote="<script>x</script>"
                )
            ],
        }
    )
    text = ComparisonMatrix.of([evil, clinics[1]]).to_markdown()
    assert not re.search(r"(?<!\\)<", text)  # no tag can start: every "<" is backslashed
    assert "\\<script\\>x\\</script\\>" in text
    assert "\\<img src=x onerror=alert(1)\\>" in text  # backslashed: text when rendered
    assert not re.search(r"(?<!\\)\]\(", text)  # every "](" that would make a link is escaped
    assert "\\!\\[pixel\\](http://tracker.example/p.png)" in text
    assert "\\[call us\\](javascript:alert(1))" in text
    assert not [line for line in text.splitlines() if line.startswith("# Not")]


def test_markdown_reads_as_plain_text_without_entities() -> None:
    quote = "Exciting News! Mind's Journey & Nervana Medical Are Coming Together"
    assert (
        markdown_text(quote)
        == "Exciting News\\! Mind's Journey & Nervana Medical Are Coming Together"
    )
    assert markdown_text("A &amp; B") == "A \\&amp; B"  # an entity's text stays that text


def test_each_csv_cell_has_its_quotes_right_below_it(matrix: ComparisonMatrix) -> None:
    rows = list(csv.reader(io.StringIO(matrix.to_csv())))
    attributes = [r[1] for r in rows]
    below = rows[attributes.index("Depression") + 1]
    assert below[:2] == ["Treats", "Depression: quoted from"]
    assert below[2].startswith("“We offer ketamine therapy for depression, anxiety")
    assert below[2].endswith("(000_5c7c8aabd53983aa.txt)")
    assert below[3] == ""  # "not listed" rests on no quote


def test_an_unnamed_provider_is_its_own_kind_in_the_comparison(registry: Registry) -> None:
    matrix = ComparisonMatrix.of(
        pick(registry, "ketamine-provider-buena-park", "nervana-medical-sandy")
    )
    assert matrix.titles == [
        "Unnamed provider reported in this area: Buena Park, CA",
        "Nervana Medical",
    ]
    entry = row(matrix, "Entry")
    assert [c.text for c in entry.cells] == [
        "unnamed provider reported in this area; no one to contact",
        "clinic",
    ]
    assert json.loads(matrix.to_json())["clinics"][0]["kind"] == "unnamed_provider"


def test_only_the_differences_keep_the_marked_rows_and_say_how_many_went(
    matrix: ComparisonMatrix,
) -> None:
    only = matrix.only_differences()
    assert only.rows == tuple(r for r in matrix.rows if r.differs)
    left_out = len(matrix.rows) - len(only.rows)
    assert left_out > 1
    sentence = (
        f"Only the facts that differ are shown: {left_out} rows on which the clinics agree are "
        "left out."
    )
    assert sentence in only.notes
    assert sentence not in matrix.notes
    assert sentence in only.to_markdown()
    assert sentence in only.to_csv()


def test_only_the_differences_carry_only_the_quotes_their_rows_cite(
    matrix: ComparisonMatrix,
) -> None:
    only = matrix.only_differences()
    cited = {(s.document, s.quote) for r in only.rows for cell in r.cells for s in cell.quotes}
    every = {(s.document, s.quote) for clinic in matrix.clinics for s in clinic.sources}
    assert cited
    assert cited < every, "some quotes stand only for rows left out"
    assert set(only.footnotes) == cited
    assert sorted(only.footnotes.values()) == list(range(1, len(cited) + 1))
    markdown = only.to_markdown()
    table, sources = markdown.split("## Sources")
    marks = {int(n) for found in re.findall(r"\\\[([\d, ]+)\\\]", table) for n in found.split(",")}
    listed = [int(n) for n in re.findall(r"^- \\\[(\d+)\\\]", sources, flags=re.MULTILINE)]
    assert marks == set(listed) == set(range(1, len(cited) + 1))
    printed = {
        (s["document"], s["quote"])
        for q in json.loads(only.to_json())["sources"].values()
        for s in q
    }
    assert printed == cited
    csv_sources = [r for r in csv.reader(io.StringIO(only.to_csv())) if r[0] == "Source"]
    assert len(csv_sources) == len(cited)
    left_out_quote = html.escape(next(quote for _document, quote in every - cited))
    assert left_out_quote not in only.to_html()
    assert left_out_quote in matrix.to_html(), "the whole comparison keeps every source"


def test_the_places_served_are_joined_as_the_details_join_them(matrix: ComparisonMatrix) -> None:
    assert row(matrix, "Serves").cells[0].text == "South Jordan, UT; Sandy, UT"


@pytest.fixture(scope="module")
def shipped() -> Registry:
    """The registry locator ships, which cites per value."""
    from locator.data.loader import load_registry
    from locator.data.paths import shipped_registry

    return load_registry(shipped_registry(), use_cache=False)


def test_each_provider_cites_only_the_quotes_naming_them(shipped: Registry) -> None:
    """NorTex's quote [3] names only Allison and [4] only Huckaby: every export marks each
    person with their own quotes, as the details pane and the referral do."""
    clinics = pick(shipped, "nervana-medical-sandy", "nortex-psychiatry-allen")
    matrix = ComparisonMatrix.of(clinics, created=dt.date(2026, 11, 22))
    providers = row(matrix, "Providers").cells[1]
    marks = [matrix.marks(quotes) for _name, quotes in providers.items]
    allison, huckaby = (
        f"{name} [{m}]" for (name, _q), m in zip(providers.items, marks, strict=True)
    )
    assert allison.startswith("Dr. Clayton L. Allison [")
    assert huckaby.startswith("Brittany Huckaby, PHNP [")
    assert marks[0] != marks[1], "each person has a quote of their own"
    cited = f"{allison}; {huckaby}"
    assert matrix.marked(providers) == cited
    assert cited.replace("[", "\\[").replace("]", "\\]") in matrix.to_markdown()
    page = matrix.to_html()
    for (name, _quotes), numbers in zip(providers.items, marks, strict=True):
        assert f"{html.escape(name)}<sup>[{numbers}]</sup>" in page
    rows = list(csv.reader(io.StringIO(matrix.to_csv())))
    quoted = next(r for r in rows if r[1] == "Providers: quoted from")
    assert quoted[3].startswith("Dr. Clayton L. Allison:\n“")
    assert "\nBrittany Huckaby, PHNP:\n“" in quoted[3]
    cell = next(r for r in json.loads(matrix.to_json())["rows"] if r["attribute"] == "Providers")
    items = cell["cells"][1]["items"]
    assert [item["text"] for item in items] == ["Dr. Clayton L. Allison", "Brittany Huckaby, PHNP"]
    for item in items:  # each quote names the person it is listed under
        surname = item["text"].split(",")[0].split()[-1]
        assert all(surname in s["quote"] for s in item["sources"])


def test_an_unnamed_provider_is_reported_in_a_place_not_said_to_serve_it(
    shipped: Registry,
) -> None:
    """A source reports providers in Buena Park but names none: the row says "reported in",
    in every export, and says "Serves" only where no unnamed provider is compared."""
    clinics = pick(shipped, "ketamine-provider-buena-park", "nervana-medical-sandy")
    matrix = ComparisonMatrix.of(clinics)
    served = row(matrix, "Serves or reported in")
    assert served.cells[0].text == "reported in Buena Park, CA (state inferred)"
    assert served.cells[1].text == "South Jordan, UT; Sandy, UT (state inferred)"
    assert "Serves" not in [r.attribute for r in matrix.rows]
    place = row(matrix, "Place")  # no provider is named: no office to call "not listed"
    assert [cell.text for cell in place.cells] == [
        "none: the source names no provider",
        "office not listed",
    ]
    assert "| **Serves or reported in** |" in matrix.to_markdown()
    assert ">Serves or reported in</th>" in matrix.to_html()
    unnamed = pick(shipped, "ketamine-provider-buena-park", "ketamine-provider-sacramento")
    reported = row(ComparisonMatrix.of(unnamed), "Reported in")
    assert [cell.text for cell in reported.cells][1] == "Sacramento, CA"


NOTES_ONLY = "(cited in the notes behind “Why is this listed this way?”)"


def test_a_quote_no_value_points_to_says_where_it_is_cited(shipped: Registry) -> None:
    """Nervana's "Exciting News! …" banner backs only the maintainers' notes: every export
    that numbers it says so, as the details pane does, instead of leaving a reader to look
    for the value it supports."""
    clinics = pick(shipped, "nervana-medical-sandy", "nortex-psychiatry-allen")
    matrix = ComparisonMatrix.of(clinics)
    banner = "Exciting News! Mind's Journey & Nervana Medical Are Coming Together"
    lines = matrix.to_markdown().splitlines()
    markdown = next(line for line in lines if markdown_text(banner) in line)
    assert markdown.endswith(" " + markdown_text(NOTES_ONLY))
    page = matrix.to_html()
    assert f"<i>{html.escape(NOTES_ONLY)}</i></li>" in page.split(html.escape(banner))[1]
    rows = list(csv.reader(io.StringIO(matrix.to_csv())))
    (cell,) = [c for r in rows if r[0] == "Source" for c in r[2:] if banner in c]
    assert cell.endswith(f"” {NOTES_ONLY}")
    quotes = json.loads(matrix.to_json())["sources"]["nervana-medical-sandy"]
    assert [q["notes_only"] for q in quotes if q["quote"].startswith("Exciting")] == [True]
    assert not any(q["notes_only"] for q in quotes if not q["quote"].startswith("Exciting"))
    assert NOTES_ONLY not in html.unescape(page.split(html.escape(banner))[0])
