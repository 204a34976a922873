"""A large HSDS import: its schema check and the check of its quotes, fast for the common
case and the same in what they find."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from locator.data.models import Registry
from locator.data.provenance import document_words, quote_check
from locator.data.synthetic import synthetic_registry
from locator.hsds import schema
from locator.hsds.importing import import_checked
from locator.hsds.reading import HsdsError, read, services_of
from locator.hsds.registry_text import _dump as libyaml_dump
from locator.hsds.writing import write_json
from locator.terminal import one_line
from tests.helpers.registry_texts import made_text, registry_yaml

EXAMPLE = Path(__file__).parents[1] / "data" / "hsds" / "service_full.json"


def test_a_valid_service_has_no_problem_and_an_invalid_one_is_located() -> None:
    service = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert list(schema.errors(service)) == []
    service["phones"][0]["number"] = 5
    del service["name"]
    found = sorted((list(error.absolute_path), error.validator) for error in schema.errors(service))
    assert found == [([], "required"), (["phones", 0, "number"], "type")]


@pytest.mark.parametrize("status", ["active", 7], ids=["valid", "invalid"])
def test_text_that_is_not_unicode_is_refused_before_any_check(
    status: object, tmp_path: Path
) -> None:
    """JSON may write a lone surrogate ("\\ud800"): no text, refused where it is, whatever
    else the file holds."""
    service = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    service["name"] = "Clinic \ud800"
    service["status"] = status
    path = tmp_path / "services.json"
    path.write_text(json.dumps(service), encoding="utf-8")
    with pytest.raises(HsdsError) as raised:
        read(path)
    assert raised.value.problems == [
        "services.json: /name: \\ud800 is half of a character, without its other half: not "
        "text locator can keep"
    ]


def test_quotes_of_a_large_json_file_are_found_whole_or_in_part(tmp_path: Path) -> None:
    strings = [f"Counselling service {index}" for index in range(20_000)]
    (tmp_path / "services.json").write_text(
        json.dumps([{"name": name, "capacity": 12.5} for name in strings]), encoding="utf-8"
    )
    words = document_words(tmp_path / "clinics.yaml", "services.json")
    assert words is not None
    assert "Counselling service 19999" in words  # one of its strings, whole
    assert "service 19" in words  # part of one
    assert "12.5" in words  # the file's own text, not a string
    assert "Counselling service 20000" not in words
    quotes = [{"document": "services.json", "quote": name, "covers": ["name"]} for name in strings]
    clinic = {"name": strings[-1], "sources": quotes[-1:]}
    assert quote_check(clinic, lambda _document: words) == ([], [])


@pytest.mark.parametrize(
    "text",
    ["Open \U0001f600 daily", "a literal \\ud83d\\ude00", "line\u2028break", "ü\\\U0001f600"],
)
def test_what_an_entry_keeps_of_hsds_reads_back_as_written(text: str) -> None:
    """An emoji in a field locator does not map (JSON escapes it as two surrogates, which
    libyaml refuses) is kept and read back whole."""
    registry = {"schema_version": 1, "clinics": [{"id": "a", "name": "A", "hsds": {"x": [text]}}]}
    written = registry_yaml(registry)
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(written, Loader=loader)["clinics"][0]["hsds"] == {"x": [text]}


def test_a_service_with_an_emoji_in_what_locator_keeps_is_imported(tmp_path: Path) -> None:
    service = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    service["description"] = "Open \U0001f600 daily"
    source = tmp_path / "services.json"
    source.write_text(json.dumps(service, ensure_ascii=False), encoding="utf-8")
    made, _report = import_checked(source, tmp_path / "services.yaml", dt.date(2026, 12, 5))
    text = made_text(made)
    assert yaml.safe_load(text)["clinics"][0]["hsds"]["description"] == "Open \U0001f600 daily"


@pytest.mark.parametrize(
    ("character", "refused"),
    [
        ("\x00", True), ("\x0b", True), ("\r", True), ("\x1f", True), ("\x7f", True),
        ("\x85", True), ("\x9f", True), ("\t", False), ("\n", False), ("\xa0", False),
        ("\U0001f600", False),
    ],
)  # fmt: skip
def test_every_control_character_kept_under_hsds_is_said(
    tmp_path: Path, character: str, refused: bool
) -> None:
    """What an entry keeps of HSDS is searched for control characters in its JSON, where each
    is escaped (DEL too), before any text is looked at; a tab, a line break are text."""
    service = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    service["alternate_name"] = f"a{character}b"
    source = tmp_path / "services.json"
    source.write_text(json.dumps([service]), encoding="utf-8")
    if not refused:
        made, _report = import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 5))
        kept = yaml.safe_load(made_text(made))["clinics"][0]["hsds"]
        assert kept["alternate_name"] == f"a{character}b"
        return
    with pytest.raises(HsdsError) as caught:
        import_checked(source, tmp_path / "out.yaml", dt.date(2026, 12, 5))
    assert caught.value.problems[0].startswith(
        "services.json: /0: hsds: alternate_name: "
        f"“a{one_line(character)}b” holds a control character"
    )


TRICKY = "-?:,[]{}#&*!|>'\"%@` \n\t\\.+0123456789eEyYnNoO~_aZ\u00a0\u2028\ufeff\r\x85é\U0001f600"
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=12)
numbers = st.floats(-1e6, 1e6).filter(lambda number: "e" not in repr(number))  # as entries hold
scalars = st.none() | st.booleans() | st.integers() | numbers | texts
fields = st.dictionaries(
    st.sampled_from(["name", "notes", "phone", "covers", "address"]),
    scalars
    | st.lists(scalars | st.dictionaries(st.sampled_from(["a", "b"]), scalars), max_size=3)
    | st.dictionaries(st.sampled_from(["city", "state"]), scalars),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(entry=fields)
@example(entry={"name": "0000-00-00", "notes": "0001-01-01"})  # dates to PyYAML, once found
def test_an_imported_entry_reads_back_as_it_was_made(entry: dict[str, object]) -> None:
    """The entries are written without libyaml where they can be: every reader gets back
    exactly what the import made (text quoted where plain would read otherwise)."""
    registry = {"schema_version": 1, "clinics": [{"id": "a", **entry}]}
    text = registry_yaml(registry)
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(text, Loader=loader) == registry


@pytest.mark.parametrize("text", ["A\u2028B", "A\x85B", "A\u2029B", "tab\there"])
def test_an_entry_left_to_libyaml_keeps_its_line_separators(text: str) -> None:
    """An entry the fast writer leaves to libyaml (a number with an exponent) keeps a line
    separator in its text, never read back as a space."""
    registry = {"schema_version": 1, "clinics": [{"id": "a", "name": text, "extent": 1e-05}]}
    written = registry_yaml(registry)
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(written, Loader=loader) == registry


def test_imported_entries_are_laid_out_as_libyaml_lays_them_out() -> None:
    registry = Registry.model_validate(synthetic_registry(50))
    with tempfile.TemporaryDirectory() as folder:
        exported = Path(folder) / "registry.json"
        write_json(registry, exported, lambda _fraction: None)
        made, _report = import_checked(
            exported, exported.with_suffix(".yaml"), dt.date(2026, 12, 5)
        )
        text = made_text(made)
        made.close()
    for clinic in yaml.safe_load(text)["clinics"]:
        entry = {key: value for key, value in clinic.items() if key != "hsds"}
        by_libyaml = libyaml_dump([entry])
        assert "".join(f"  {line}\n" for line in by_libyaml.splitlines()) in text


def _listed(path: Path, count: int) -> Path:
    """``count`` services like the specification's example, as a JSON list at ``path``."""
    service = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    services = (service | {"id": f"s{n}", "name": f"Service {n}"} for n in range(count))
    path.write_text("[" + ",".join(map(json.dumps, services)) + "]", encoding="utf-8")
    return path


def test_a_list_of_services_is_read_as_a_stream_never_held_whole(tmp_path: Path) -> None:
    """issue 26: the JSON was read whole (a 458 MB file some 2 GB of Python's objects);
    now a service at a time, checked as it is read, and read again as it is taken."""
    source = _listed(tmp_path / "services.json", 400)  # some 2 MB
    tracemalloc.start()
    try:
        services = services_of(source)
        names = [service["name"] for service, _origin in services.again()]
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert services.count == 400
    assert names == [f"Service {n}" for n in range(400)]
    assert peak < source.stat().st_size / 4  # read whole, its objects took 4 times its size


def test_a_file_changed_between_its_check_and_its_entries_is_refused(tmp_path: Path) -> None:
    source = _listed(tmp_path / "services.json", 3)
    services = services_of(source)
    _listed(source, 4)  # another file now: none of its services was checked
    with pytest.raises(HsdsError) as refused:
        list(services.again())
    assert refused.value.problems == [
        "services.json: it changed while it was imported; import it again"
    ]


@pytest.mark.parametrize(
    "text",
    [
        '[{"name": "A", "status": "active", "name": "B"}]',  # a name given twice
        '[{"name": "Clinic \\ud800", "status": "active"}]',  # half of a UTF-16 pair
        '{"contents": [{"name": "A", "status": "active"}], "contents": []}',  # the list twice
        '[{"name": "A", "status": "active"}] []',  # more after the list
        '[{"name": "A", "status": 7, "x": NaN}]',  # no number JSON has
        '\ufeff[{"name": "A", "status": 7}]',  # a byte order mark
        '[{"name": "A", "status": 7}',  # cut short
        "[" + ",".join(['{"status": 7}'] * 1_001) + ', {"a": 1, "a": 2}]',  # past the most said
        "[" * 100_000,  # nested deeper than read (ijson would take hours)
        '[{"name": "A\\\\", "status": 7}, ' + '["]\\"]", ' * 1_000,  # so, its strings aside
    ],
)
def test_a_streamed_file_is_refused_as_the_whole_reading_refuses_it(
    text: str, tmp_path: Path
) -> None:
    path = tmp_path / "services.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HsdsError) as whole:
        read(path)
    with pytest.raises(HsdsError) as streamed:
        services_of(path)
    assert streamed.value.problems == whole.value.problems


def test_an_export_of_100000_clinics_is_within_what_an_import_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export of 30,000 clinics (552 MB) was refused by the import: "an HSDS file may be at
    most 512 MB", the limit of what is held whole, though a JSON list is read as a stream."""
    from locator.hsds import reading

    exported = tmp_path / "registry.json"
    write_json(Registry.model_validate(synthetic_registry(20)), exported, lambda _fraction: None)
    size = exported.stat().st_size
    assert size // 20 * 100_000 * 2 <= reading.MAX_STREAMED_BYTES  # room to double
    monkeypatch.setattr(reading, "MAX_BYTES", size // 2)  # held whole, it would be refused
    with pytest.raises(HsdsError, match="an HSDS file is read only as a JSON list"):
        read(exported)
    made, _report = import_checked(exported, tmp_path / "registry.yaml", dt.date(2026, 12, 6))
    assert made_text(made).count("\n  - id: ") == 20
    made.close()
