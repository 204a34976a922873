"""Open Referral HSDS: exporting 1,000 and 100,000 generated clinics (JSON and the CSV
package), and importing 1,000, 10,000 and 100,000 services shaped like the specification's
example service, and plainer ones.

Each import runs in a process of its own (``python -m benchmarks.hsds FILE``), so that its peak
memory is its own: the wall time includes starting Python and locator (some 0.5 s), the
processor time by stage does not.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.folders import own_folders
from benchmarks.timing import Row, measure, sizes
from locator.data.models import Registry
from locator.data.synthetic import synthetic_registry
from locator.hsds.importing import Stage, import_checked
from locator.hsds.tabular import write_package
from locator.hsds.writing import write_json

SIZES = {1_000: 3, 100_000: 1}  # clinics exported: repeats
IMPORT_SIZES = {1_000: 3, 10_000: 1, 100_000: 1}  # services imported: repeats
# A registry of 100,000 services like the example is some 500 MB, past the 256 MB locator reads
# unless the setting says more (docs/hsds.md says why it is a setting).
LIMIT_MB = 1024
SMOKE = 10
TODAY = dt.date(2026, 12, 5)
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
            del registry  # the imports' processes have the machine's memory to themselves
            out.unlink()
            shutil.rmtree(Path(folder) / f"package-{count}")
        settings = Path(os.environ["XDG_CONFIG_HOME"]) / "locator" / "settings.json"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps({"registry_limit_mb": LIMIT_MB}), encoding="utf-8")
        for count, repeats in sizes(IMPORT_SIZES, smoke, SMOKE).items():
            for shape, service in (("like the example", _service), ("plainer", _plain_service)):
                source = Path(folder) / f"services-{shape[:5]}-{count}.json"
                _services_file(partial(service, example), count, source)
                stages: dict[str, float] = {}
                row = measure(
                    "hsds",
                    f"import {count:,} services {shape} (read, check, map, YAML, validate)",
                    partial(_import, source, stages),
                    repeats,
                )
                rows.append(replace(row, note=_import_note(source, stages)))
                source.unlink()
    return rows


def _nothing(_fraction: float) -> None:
    """No progress bar here."""


def _import(source: Path, stages: dict[str, float]) -> None:
    """What `locator import` does with the file, in a process of its own, writing beside it
    (so its quotes are checked against it): ``stages`` gets each stage's processor seconds,
    the YAML's size and the process's peak memory."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.hsds", str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    stages.clear()
    stages.update(json.loads(done.stdout))


def _imported(source: Path) -> dict[str, float]:
    """Import ``source`` here (run as ``python -m benchmarks.hsds FILE``): each stage's
    processor seconds from the start, the YAML's megabytes and the peak memory (RSS)."""
    started = time.process_time()
    stages: dict[str, float] = {}

    def stage(now: Stage) -> None:
        stages[now.value] = time.process_time() - started

    made, _report = import_checked(source, source.with_suffix(".yaml"), TODAY, stage)
    stages["done"] = time.process_time() - started
    stages["size"] = made.size / 1024 / 1024
    made.close()
    stages["peak"] = _peak_mb()
    return stages


def _peak_mb() -> float:
    """This process's peak resident memory, in MB: Linux's high-water mark of its own memory
    (VmHWM). ``ru_maxrss`` would say the benchmark's, 2 GB after the 100,000-clinic exports:
    Linux keeps it across the fork and exec that start this process."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(status.split("VmHWM:", 1)[1].split()[0]) / 1024  # kB


def _import_note(source: Path, stages: dict[str, float]) -> str:
    """The last run's processor seconds by stage, the sizes and the peak memory."""
    making, done = stages["making"], stages["done"]
    return (
        f"{source.stat().st_size / 1e6:.0f} MB file; processor {done:.1f} s: read and check "
        f"{making:.1f} s, entries, YAML and their check {done - making:.1f} s; "
        f"{stages['size']:.0f} MB of YAML; peak memory (RSS) {stages['peak']:,.0f} MB"
    )


def _services_file(service: Callable[[int], dict[str, Any]], count: int, path: Path) -> None:
    """``count`` services made by ``service``, each its own, in a page."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"contents": [')
        for index in range(count):
            out.write(("," if index else "") + json.dumps(service(index)))
        out.write("]}")


def _service(example: dict[str, Any], index: int) -> dict[str, Any]:
    """A service shaped like the specification's example (without its schedules, service
    areas, cost options and accessibility, so that 100,000 stay within the 512 MB an HSDS file
    may have): much of it is kept under the entry's hsds field, some 4 KB."""
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


def _plain_service(example: dict[str, Any], index: int) -> dict[str, Any]:
    """A service with little that locator does not hold: the example's name, website,
    organization and phone, a language, and an office at a US address with its coordinates."""
    service = {key: example[key] for key in ("url", "email", "status")}
    address = {
        "id": _id(5, index),
        "address_1": f"{index % 9_000 + 100} Main Street",
        "city": "Sandy",
        "state_province": "UT",
        "postal_code": "84070",
        "country": "US",
        "address_type": "physical",
    }
    location = {
        "id": _id(4, index),
        "location_type": "physical",
        "latitude": 40.5 + index % 90 / 100,
        "longitude": -111.9,
        "addresses": [address],
    }
    return service | {
        "id": _id(0, index),
        "name": f"Counselling service {index}",
        "organization": {
            "id": _id(1, index % 50),
            **{key: example["organization"][key] for key in ("name", "description")},
        },
        "phones": [{"id": _id(2, index), "number": f"555-{index % 10_000:04d}"}],
        "languages": [{"id": _id(6, index), "name": "Spanish", "code": "es"}],
        "service_at_locations": [{"id": _id(3, index), "location": location}],
    }


def _id(kind: int, index: int) -> str:
    return str(uuid.UUID(int=kind << 64 | index))


if __name__ == "__main__":
    print(json.dumps(_imported(Path(sys.argv[1]))))
