"""Per-fact provenance: `locator validate` wants a quote behind every fact, and says where not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from locator.data.checking import MAX_GUESSES
from locator.data.loader import load_registry
from locator.data.provenance import fact_fields, facts, gaps
from locator.errors import RegistryError
from tests.helpers.cli import CliRunner
from tests.helpers.paths import REPO
from tests.helpers.registry_texts import VALID

FIRST_COVERS = "covers: [name, address, treatments]"


def validate(tmp_path: Path, run_cli: CliRunner, text: str) -> list[str]:
    """What `locator validate` prints for this registry text: its problem lines."""
    (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", "mine.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()


def test_a_fact_no_quote_covers_is_refused_at_its_line(tmp_path: Path, run_cli: CliRunner) -> None:
    text = VALID.replace("covers: [conditions]", "covers: []")
    assert validate(tmp_path, run_cli, text) == [
        "mine.yaml:12:5: clinics[0].conditions: no source quote covers this fact; name "
        "'conditions' in the covers (Supports) of the quote that says it, or remove the field "
        "(what no source says is shown as “not listed”)",
        "1 problem in mine.yaml",
    ]


def test_covers_naming_no_fact_of_the_clinic_are_refused_each_at_its_word(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    text = VALID.replace(
        FIRST_COVERS, "covers: [name, adress, address, treatments, location]"
    ).replace("covers: [name]}", "covers: [name, phone]}")
    lines = validate(tmp_path, run_cli, text)
    assert lines[0] == (
        "mine.yaml:15:64: clinics[0].sources[0].covers[1]: “adress” is not a field of a clinic; "
        f"did you mean “address”?; covers names the fields this quote supports "
        f"({', '.join(fact_fields())})"
    )
    assert lines[1] == (
        "mine.yaml:15:93: clinics[0].sources[0].covers[4]: 'location' needs no quote (only the "
        "clinic's facts do; coordinates cite their gazetteer entry in location.source); remove "
        "it from covers"
    )
    assert lines[2] == (
        "mine.yaml:21:70: clinics[1].sources[0].covers[1]: 'phone' is not set in this entry; "
        "fill in the field this quote supports, or remove it from covers"
    )
    assert lines[3] == "3 problems in mine.yaml"


def test_many_names_in_covers_that_are_no_field_are_located_without_a_guess(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """As unknown keys are: past MAX_GUESSES they are names of another kind, not typos, and
    guessing at each took 8.7 s of processor time for 120,000."""
    names = ", ".join(f"nmae{n}" for n in range(MAX_GUESSES + 1))
    text = VALID.replace(FIRST_COVERS, f"covers: [name, address, treatments, {names}]")
    lines = validate(tmp_path, run_cli, text)
    assert lines[0].startswith(
        "mine.yaml:15:85: clinics[0].sources[0].covers[3]: “nmae0” is not a field of a clinic; "
        "covers names the fields"
    )
    assert lines[-1] == f"{MAX_GUESSES + 1} problems in mine.yaml"
    assert not any("did you mean" in line for line in lines)


def test_the_app_still_opens_a_registry_without_covers(tmp_path: Path) -> None:
    """Only `locator validate` insists: the window shows an older or synthetic registry."""
    path = tmp_path / "old.yaml"
    text = VALID.replace(FIRST_COVERS, "covers: []").replace("covers: [conditions]", "covers: []")
    path.write_text(text, encoding="utf-8")
    assert len(load_registry(path, use_cache=False).clinics) == 2
    with pytest.raises(RegistryError) as caught:
        load_registry(path, use_cache=False, provenance=True)
    assert len(caught.value.problems) == 4  # name, address, conditions, treatments


def test_every_field_of_a_clinic_needs_a_quote_but_its_own_bookkeeping(tmp_path: Path) -> None:
    """New fields need a quote as soon as they are in the model: the list is not kept by hand."""
    path = tmp_path / "clinics.yaml"
    path.write_text(VALID, encoding="utf-8")
    first = load_registry(path, use_cache=False).clinics[0]
    assert facts(first) == ["name", "address", "conditions", "treatments"]
    assert not {"id", "kind", "location", "notes", "sources", "last_verified"} & set(fact_fields())
    phoned = first.model_copy(update={"phone": "801-555-0100"})
    assert gaps(phoned) == [
        (
            ("phone",),
            "no source quote covers this fact; name 'phone' in the covers (Supports) of the "
            "quote that says it, or remove the field (what no source says is shown as “not "
            "listed”)",
        )
    ]


def test_compare_on_the_command_line_numbers_each_value_by_its_quote(run_cli: CliRunner) -> None:
    result = run_cli("compare", "nervana-medical-sandy", "ketamine-provider-sacramento")
    assert result.returncode == 0, result.stderr
    depression = next(line for line in result.stdout.splitlines() if line.startswith("Depression"))
    assert "treats [2]" in depression
    assert (
        "[2] “We offer ketamine therapy for depression, anxiety and several other mental health "
        "conditions, and we also regularly explain the known science behind these treatments to "
        "our patients.” (Untitled article on the science behind ketamine treatment, Nervana "
        "Medical, read December 1, 2026)"
    ) in result.stdout.splitlines()
    assert "Unnamed provider reported in this area: Sacramento, CA" in result.stdout


def test_a_quote_its_document_does_not_bear_out_is_refused_where_the_document_is_at_hand(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.txt").write_text(
        "First Clinic in Sandy: a quote. It treats depression and anxiety.\n"
        "Another quote, from Second Clinic.\n",
        encoding="utf-8",
    )
    text = VALID.replace('quote: "A quote."', 'quote: "First Clinic in Sandy: a quote."').replace(
        'quote: "Another quote."', 'quote: "Another quote, from Second Clinic."'
    )
    (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
    passed = run_cli("validate", "mine.yaml", cwd=tmp_path)
    assert passed.returncode == 0, passed.stderr
    assert "not checked" not in passed.stderr  # every quote was checked, and passes
    misquoted = text.replace("It treats depression", "It treats depresion")
    assert validate(tmp_path, run_cli, misquoted)[0] == (
        "mine.yaml:16:37: clinics[0].sources[1].quote: this quote is not in seed.txt word for "
        "word; copy it from the document (curly quotes and all)"
    )
    named_not = text.replace("name: Second Clinic", "name: Third Clinic")  # the quote is not
    assert validate(tmp_path, run_cli, named_not) == [
        "mine.yaml:21:84: clinics[1].sources[0].covers[0]: the quote does not name Third "
        "Clinic, so it does not support 'name'; cite a quote that says it",
        "1 problem in mine.yaml",
    ]


def test_a_quote_whose_document_is_not_at_hand_is_said_not_checked(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    (tmp_path / "mine.yaml").write_text(VALID, encoding="utf-8")
    result = run_cli("validate", "mine.yaml", cwd=tmp_path)
    assert result.returncode == 0  # not checked is not wrong
    assert result.stdout.startswith("ok: ")
    assert result.stderr.startswith("quotes not checked: seed.txt is not at hand")


def test_a_list_cited_whole_beside_its_values_is_refused_where_values_are_cited(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    """`covers: [{treatments: [consultation]}, treatments]` would let one quote support every
    value of the list: in an entry that cites per value, the bare name is refused."""
    text = (REPO / "clinics.yaml").read_text("utf-8")
    quoted = "          - treatments: [consultation]\n"
    assert quoted in text
    path = tmp_path / "clinics.yaml"
    path.write_text(text.replace(quoted, quoted + "          - treatments\n", 1), "utf-8")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "this entry cites each value: name the values of 'treatments'" in result.stderr


@pytest.mark.parametrize("format_", ["csv", "html", "markdown", "json"])
def test_exports_name_documents_by_title_and_cite_each_value(
    run_cli: CliRunner, format_: str
) -> None:
    """A coordinator's export of the bundled registry: never a hashed file name where a
    reader looks for the source, and the consultation cites only the quote that says it."""
    result = run_cli(
        "compare", "nortex-psychiatry-allen", "nervana-medical-sandy", "--format", format_
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Untitled article on ketamine and the brain that names NorTex Psychiatry" in text
    assert "office not listed" in text
    if format_ == "json":  # scripts keep the file name too, beside the title
        rows = {row["attribute"]: row for row in json.loads(text)["rows"]}
        (quote,) = rows["Consultation"]["cells"][0]["sources"]
        assert quote["quote"].startswith("Schedule your consultation today")
        assert quote["document_title"].startswith("Untitled article on ketamine and the brain")
        return
    assert ".txt" not in text
    if format_ == "csv":
        quoted = next(
            line
            for line in text.splitlines()
            if line.startswith("Offers,Consultation: quoted from")
        )
        assert "Schedule your consultation today" in quoted
        assert "If you’re in Allen" not in quoted  # noqa: RUF001 - the source's own apostrophe
