"""Open Referral HSDS: exporting 1,000 and 100,000 generated clinics (JSON and the CSV
package), and importing as many services shaped like the specification's example service."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.folders import own_folders
from benchmarks.timing import Row, measure, sizes
from locator.data.loader import MAX_REGISTRY_BYTES, parse_registry
from locator.data.models import Registry
from locator.data.synthetic import synthetic_registry
from locator.hsds.importing import import_file
from locator.hsds.reading import read
from locator.hsds.registry_text import registry_yaml
from locator.hsds.tabular import write_package
from locator.hsds.writing import write_json

SIZES = {1_000: 3, 100_000: 1}  # services: repeats
SMOKE = 10
EXAMPLE = Path(__file__).parents[1] / "tests" / "data" / "hsds" / "service_full.json"


def run(smoke: bool = False) -> list[Row]:
    """Measure each size in a temporary folder."""
    rows = []
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    with own_folders() as folder:
        for count, repeats in sizes(SIZES, smoke, SMOKE).items():
            registry = Registry.model_validate(synthetic_registry(count))  # past 64 MB as YAML
            out = Path(folder) / f"export-{count}.json"
            row = measure(
                "hsds",
                f"export {count:,} clinics as JSON",
                partial(write_json, registry, out, _nothing),
                repeats,
            )
            rows.append(replace(row, note=f"{out.stat().st_size / 1e6:.1f} MB file"))
            rows.append(
                measure(
                    "hsds",
                    f"export {count:,} clinics as a CSV package",
                    partial(write_package, registry, Path(folder) / f"package-{count}", _nothing),
                    repeats,
                )
            )
            source = Path(folder) / f"services-{count}.json"
            _services_file(example, count, source)
            texts: list[str] = []
            row = measure(
                "hsds",
                f"import {count:,} services (read, check, map, write YAML)",
                partial(_import, source, texts),
                repeats,
            )
            size = len(texts[-1].encode("utf-8"))
            note = f"{source.stat().st_size / 1e6:.1f} MB file, {size / 1e6:.1f} MB of YAML"
            rows.append(replace(row, note=note))
            if size <= MAX_REGISTRY_BYTES:  # larger, `locator import` says so and writes none
                rows.append(
                    measure(
                        "hsds",
                        f"validate the {count:,} imported entries",
                        partial(parse_registry, texts[-1].encode("utf-8"), provenance=True),
                        repeats,
                    )
                )
    return rows


def _nothing(_fraction: float) -> None:
    """No progress bar here."""


def _import(source: Path, texts: list[str]) -> str:
    """What `locator import` does before it checks the result as `locator validate` would:
    read and check the file, make the entries, write them as YAML (kept in ``texts``)."""
    imported = import_file(read(source), dt.date(2026, 12, 5))
    texts.append(registry_yaml(imported.registry))
    return texts[-1]


def _services_file(example: dict[str, Any], count: int, path: Path) -> None:
    """``count`` services shaped like the specification's example, each its own, in a page
    (without its schedules, service areas, cost options and accessibility, so that 100,000
    stay within the 512 MB an HSDS file may have)."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"contents": [')
        for index in range(count):
            out.write(("," if index else "") + json.dumps(_service(example, index)))
        out.write("]}")


def _service(example: dict[str, Any], index: int) -> dict[str, Any]:
    service = {k: v for k, v in example.items() if not isinstance(v, list | dict)}
    service |= {"id": _id(0, index), "name": f"Counselling service {index}"}
    organization = {k: v for k, v in example["organization"].items() if not isinstance(v, list)}
    service["organization"] = organization | {"id": _id(1, index % 50)}
    phone = copy.deepcopy(example["phones"][0]) | {"id": _id(2, index)}
    service["phones"] = [phone | {"number": f"555-{index % 10_000:04d}"}]
    location = dict(example["service_at_locations"][0]["location"])
    location |= {"id": _id(4, index), "latitude": 40.5 + index % 90 / 100, "longitude": -111.9}
    location |= {"addresses": [{**location["addresses"][0], "id": _id(5, index)}]}
    for key in ("contacts", "phones", "schedules", "accessibility"):  # a 100,000 fit 512 MB
        del location[key]
    service["service_at_locations"] = [{"id": _id(3, index), "location": location}]
    for key in ("languages", "attributes"):
        service[key] = example[key]
    return service


def _id(kind: int, index: int) -> str:
    return str(uuid.UUID(int=kind << 64 | index))
