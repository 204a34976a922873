"""HSDS packages built to deceive, in a temporary folder: a table that is a link out of the
package, a zip holding a table twice. Each is refused with a sentence naming the table; what
lies outside the package is never read, nor where the link leads said."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from locator.hsds.reading import HsdsError, read
from tests.helpers.language import speaking
from tests.helpers.paths import REPO

PACKAGE = REPO / "tests" / "data" / "hsds" / "csv"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """The specification's CSV package, copied."""
    return Path(shutil.copytree(PACKAGE, tmp_path / "package"))


def test_a_table_that_links_out_of_the_package_is_not_followed(
    package: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "id_rsa").write_text("id,name\nPRIVATE-KEY,x\n")
    (package / "organizations.csv").unlink()
    (package / "organizations.csv").symlink_to(secret / "id_rsa")
    with pytest.raises(HsdsError) as refused:
        read(package)
    assert refused.value.problems == [
        "organizations.csv: a link to a file outside the package; it was not read. Put the "
        "table itself in the package's folder"
    ]
    assert "secret" not in str(refused.value)
    assert "PRIVATE" not in str(refused.value)


def test_a_link_to_a_table_inside_the_package_is_read(package: Path) -> None:
    (package / "kept").mkdir()
    (package / "services.csv").rename(package / "kept" / "services.csv")
    (package / "services.csv").symlink_to(Path("kept") / "services.csv")
    assert len(read(package).services) == 1


@pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile's, writing the same name twice
@pytest.mark.parametrize("second", ["elsewhere/services.csv", "hsds/services.csv"])
def test_a_zip_holding_a_table_twice_is_refused_naming_it(tmp_path: Path, second: str) -> None:
    source = tmp_path / "package.zip"
    with zipfile.ZipFile(source, "w") as archive:
        for path in PACKAGE.iterdir():
            archive.write(path, f"hsds/{path.name}")
        archive.writestr(second, "id,name\nother,Another service\n")
    with pytest.raises(HsdsError) as refused:
        read(source)
    assert refused.value.problems == [
        f"services.csv: the zip holds it twice (hsds/services.csv and {second}); which is "
        "the package's table is not known. Keep one"
    ]


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "services.csv: that is a folder"), ("es", "services.csv: eso es una carpeta")],
)
def test_a_table_that_is_a_folder_is_said_in_locators_words(
    package: Path, language: str, said: str
) -> None:
    """It was the system's English, "Is a directory", in a Spanish session too."""
    (package / "services.csv").unlink()
    (package / "services.csv").mkdir()
    with speaking(language), pytest.raises(HsdsError) as refused:
        read(package)
    assert refused.value.problems == [said]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", '“it\'s "x"\\u000alocator: ok\\u202e” is not a column of services.csv'),
        ("es", '“it\'s "x"\\u000alocator: ok\\u202e” no es una columna de services.csv'),
    ],
)
def test_a_column_name_is_quoted_on_one_line_as_it_reads(
    package: Path, language: str, said: str
) -> None:
    """A column's name was quoted as Python writes it ("'it\\'s \\"x\\"\\n…'"); a newline
    in it must still not begin a line of its own, nor an override turn the sentence around."""
    services = package / "services.csv"
    header, rest = services.read_text("utf-8").split("\n", 1)
    services.write_text(f'{header},"it\'s ""x""\nlocator: ok\u202e"\n{rest}', encoding="utf-8")
    with speaking(language), pytest.raises(HsdsError) as refused:
        read(package)
    column = len(header.split(",")) + 1
    row = {"en": "row", "es": "fila"}[language]
    assert f"services.csv {row} 1:{column}: {said}" in refused.value.problems
