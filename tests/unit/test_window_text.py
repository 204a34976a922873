"""What the window says is composed without Qt, and registry, typed and error text in it is
shown as text, never as markup."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from locator.data.loader import load_registry
from locator.data.models import Clinic
from locator.data.synthetic import synthetic_clinic
from locator.errors import FileWriteError, PlaceNotFoundError, RegistryError
from locator.files import atomic_write
from locator.settings import OnlineProvider
from locator.ui import window_text
from tests.helpers.language import speaking

HOSTILE = "<img src=x onerror=alert(1)>&amp;"


def hostile_clinic() -> Clinic:
    data = synthetic_clinic(1, random.Random(1))
    data["name"] = HOSTILE
    return Clinic.model_validate(data)


def test_registry_typed_and_error_text_is_escaped_in_messages() -> None:
    clinic = hostile_clinic()
    for html in (
        window_text.added_to_shortlist([clinic], HOSTILE),
        window_text.added_to_shortlist([clinic, clinic], HOSTILE),
        window_text.taken_off_shortlist(clinic, HOSTILE),
        window_text.deleted_shortlist(HOSTILE),
        window_text.notice(HOSTILE),
        window_text.saved_as_own_copy(Path(HOSTILE)),
        window_text.no_yaml_program(Path(HOSTILE), 3),
        window_text.search_failed(ValueError(HOSTILE), HOSTILE, results_kept=True),
        window_text.search_failed(
            PlaceNotFoundError(HOSTILE, [HOSTILE]), HOSTILE, results_kept=False
        ),
        window_text.places_unavailable(OSError(HOSTILE)),
        window_text.language_chosen(HOSTILE),
        window_text.shortcuts_table([(HOSTILE, HOSTILE)]),
        window_text.also_named(HOSTILE, HOSTILE, [HOSTILE]),
        window_text.closest_spelling(HOSTILE, HOSTILE, [HOSTILE]),
    ):
        assert "<img" not in html, html
        assert "&lt;img src=x onerror=alert(1)&gt;&amp;amp;" in html, html


def test_a_closest_spelling_offers_the_names_that_begin_so_as_links() -> None:
    html = window_text.closest_spelling("Fris", "Fries, VA", ["Frisco, TX", "Frisco, CO"])
    assert html.startswith("No place is called “Fris”; showing <b>Fries, VA</b>")
    assert "<a href='place:Frisco, TX'>Frisco, TX</a> · <a href='place:Frisco, CO'>" in html
    assert "href" not in window_text.closest_spelling("Zzyzxx", "Zzyzx, CA", [])


def test_a_place_not_found_offers_its_suggestions_as_links() -> None:
    error = PlaceNotFoundError("Sandyyyy, Utah", ["Sandy, UT"])
    html = window_text.search_failed(error, "Sandyyyy, Utah", results_kept=True)
    assert "Did you mean <a href='place:Sandy, UT'>Sandy, UT</a>?" in html
    assert html.endswith("The results shown are from your last search.")


def test_the_status_line_says_how_far_the_place_index_has_come() -> None:
    building = window_text.activity(
        loading=None,
        progress=0.421,
        waiting_for="  Sandy,\n UT ",
        waiting=True,
        searching=False,
        preparing_places=True,
        quick_lookups=True,
    )
    assert building.percent == 42
    assert building.text.startswith("Searching for “Sandy, UT” once the place index is built")
    quiet = window_text.activity(
        loading=None,
        progress=None,
        waiting_for=None,
        waiting=False,
        searching=False,
        preparing_places=False,
        quick_lookups=False,
    )
    assert quiet == window_text.Activity("")


def test_a_name_that_would_turn_around_is_offered_and_said_as_stored() -> None:
    from locator.ui.directory_actions import _yaml_name

    source = Path("/in/fn\u202edlo/x\u202enosj.evil")  # a package folder
    assert _yaml_name(source) == "xnosj.yaml"  # as for any folder: its stem
    said = "4 problems in /in/fn\ufffddlo/x\ufffdnosj.evil; nothing was written"
    assert window_text.import_refused(4, source) == said


def test_an_import_that_failed_names_the_file_and_not_its_whole_path(tmp_path: Path) -> None:
    """The notice carried the whole path (three lines at 800x600) and, for an error of
    Python's, its English ("[Errno 21] Is a directory: '/…'"): it names the file, as the
    notice of an import done does; the whole path is its tooltip."""
    target = tmp_path / "gone" / "county clinics.yaml"
    with pytest.raises(FileWriteError) as unwritten:
        atomic_write(target, "clinics: []\n", new_only=True)
    assert window_text.import_failed(unwritten.value, target) == (
        "The directory was not imported: Cannot write county clinics.yaml: its folder does not "
        "exist. Create the folder or choose another one."
    )
    source = tmp_path / "county.json"
    source.mkdir()
    with pytest.raises(IsADirectoryError) as unread:
        source.read_bytes()
    with speaking("es"):
        said = window_text.import_failed(unread.value, source)
    assert said == "No se importó el directorio: county.json: eso es una carpeta"


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Town 25 and Town 37, CA; and 90 more places. Type a place to find the nearest."),
        ("es", "Town 25 y Town 37, CA; y 90 lugares más. Escriba un lugar para encontrar la más"),
    ],
)
def test_the_start_summary_names_a_few_places_and_counts_the_rest(language: str, said: str) -> None:
    """A screen reader reads the summary whole (its accessible description): at 10,000
    clinics it named each of 6,470 towns, 64 KB."""
    rng = random.Random(0)
    clinics = [Clinic.model_validate(synthetic_clinic(index, rng)) for index in range(100)]
    with speaking(language):
        summary = window_text.everything_summary(clinics)
    assert said in summary
    assert summary.count("Town") == 10


def test_the_online_question_names_the_geocoder_the_settings_choose() -> None:
    """Asked before the first address is sent: it names where it would go, as the settings
    file says (a private server here), not public Nominatim."""
    own = OnlineProvider(options={"domain": "127.0.0.1:18765", "scheme": "http"})
    asked = window_text.online_question(own.host)
    assert "go to 127.0.0.1:18765." in asked
    assert "Nominatim" not in asked
    assert "go to nominatim.openstreetmap.org." in window_text.online_question(
        OnlineProvider().host
    )
    assert "&lt;b&gt;" in window_text.online_question("<b>x</b>")  # settings text, as written


def test_a_registry_that_is_a_pipe_offers_no_line_to_open(tmp_path: Path) -> None:
    """ "Open the file at line 1" was offered for a pipe, which no text editor opens at a line."""
    pipe = tmp_path / "clinics.yaml"
    os.mkfifo(pipe)
    with pytest.raises(RegistryError) as refused:
        load_registry(pipe, use_cache=False)
    for said in (
        window_text.registry_problems(refused.value, pipe, registry_shown=True, editable=False),
        window_text.editor_cannot_open(refused.value, pipe),
    ):
        assert "open-registry:" not in said
        assert not said.endswith("<br>")
    regular = tmp_path / "regular.yaml"
    regular.write_text("clinics: [\n", encoding="utf-8")
    with pytest.raises(RegistryError) as broken:
        load_registry(regular, use_cache=False)
    said = window_text.registry_problems(broken.value, regular, registry_shown=True, editable=False)
    assert "<a href='open-registry:" in said
