"""The world map: world-atlas TopoJSON decoded into SVG paths, coloured by counts.

The map is drawn on the server as plain SVG (equirectangular projection,
Antarctica left out), so it needs no script, costs nothing to the browser,
and works offline. The TopoJSON is Natural Earth's 1:110m countries as
shipped by world-atlas 2.0.2 (ISC); its ids are ISO 3166 numeric codes,
matched to the alpha-2 codes events carry by `iso3166.tsv`. City positions
come from `cities.tsv` (GeoNames, CC BY 4.0) for the knowledge base's cities.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

WIDTH = 960.0
TOP, BOTTOM = 84.0, -58.0  # latitudes kept: no Antarctica, a little of the Arctic
HEIGHT = WIDTH * (TOP - BOTTOM) / 360.0
# Light to dark: the share of the largest count decides the step (on a log scale).
PALETTE = ("#fde8c8", "#f9c68a", "#f29e4c", "#dd6e1f", "#b04a0c", "#7a2f04")
EMPTY = "#e9edf1"


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166 alpha-2, "" where none applies
    name_en: str
    d: str  # SVG path data


@dataclass(frozen=True, slots=True)
class City:
    id: str
    x: float
    y: float


def _static(*parts: str) -> str:
    path = resources.files("rasad") / "web" / "static"
    for part in parts:
        path = path / part
    return path.read_text(encoding="utf-8")


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude to SVG x, y (y grows downwards)."""
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (TOP - lat) / (TOP - BOTTOM) * HEIGHT
    return round(x, 1), round(y, 1)


def decode_arcs(topology: dict[str, object]) -> list[list[tuple[float, float]]]:
    """Every arc as absolute longitude/latitude points (TopoJSON stores quantized deltas)."""
    transform = topology.get("transform")
    arcs = topology["arcs"]
    assert isinstance(arcs, list)
    out: list[list[tuple[float, float]]] = []
    if isinstance(transform, dict):
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        for arc in arcs:
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
            out.append(points)
    else:
        out = [[(float(p[0]), float(p[1])) for p in arc] for arc in arcs]
    return out


def ring(
    arcs: Sequence[list[tuple[float, float]]], indexes: Iterable[int]
) -> list[tuple[float, float]]:
    """One ring from arc indexes; a negative index ~i is arc i reversed."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict[str, object]) -> Iterator[list[list[int]]]:
    kind = geometry.get("type")
    arcs = geometry.get("arcs") or []
    if kind == "Polygon":
        yield arcs  # type: ignore[misc]
    elif kind == "MultiPolygon":
        yield from arcs  # type: ignore[misc]


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous: a ring that crosses the antimeridian (Russia, Fiji)
    runs past 180 degrees instead of jumping across the whole map."""
    out: list[tuple[float, float]] = []
    for lon, lat in points:
        if out:
            while lon - out[-1][0] > 180.0:
                lon -= 360.0
            while lon - out[-1][0] < -180.0:
                lon += 360.0
        out.append((lon, lat))
    return out


def copies(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The ring, and its copy a world away where it runs off one edge (the SVG clips both)."""
    lons = [lon for lon, _ in points]
    out = [points]
    if min(lons) < -180.0:
        out.append([(lon + 360.0, lat) for lon, lat in points])
    if max(lons) > 180.0:
        out.append([(lon - 360.0, lat) for lon, lat in points])
    return out


def path_data(rings: Iterable[list[tuple[float, float]]]) -> str:
    parts = []
    for ring_points in rings:
        for points in copies(unwrap(ring_points)):
            projected = [project(lon, max(min(lat, TOP), BOTTOM)) for lon, lat in points]
            # Drop repeats that quantize to the same pixel: far fewer bytes, same picture.
            kept = [p for i, p in enumerate(projected) if i == 0 or p != projected[i - 1]]
            if len(kept) < 3:
                continue
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in kept) + "Z")
    return "".join(parts)


@cache
def iso_numeric() -> dict[str, str]:
    """ISO 3166 numeric code -> alpha-2 (and the names world-atlas uses without a code)."""
    table: dict[str, str] = {}
    for line in _static("map", "iso3166.tsv").splitlines():
        if line and not line.startswith("#"):
            numeric, alpha2 = line.split("\t")[:2]
            table[numeric] = alpha2
    return table


@cache
def countries() -> tuple[Country, ...]:
    """Every country of the map with its path, decoded once per process."""
    topology = json.loads(_static("map", "countries-110m.json"))
    arcs = decode_arcs(topology)
    codes = iso_numeric()
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = str(geometry.get("properties", {}).get("name", ""))
        code = codes.get(str(geometry.get("id", "")), codes.get(name, ""))
        if code == "AQ":
            continue
        rings = [ring(arcs, r) for polygon in polygons(geometry) for r in polygon]
        out.append(Country(code, name, path_data(rings)))
    return tuple(out)


@cache
def cities() -> dict[str, City]:
    """Map positions of the knowledge base's cities (entity id -> x, y)."""
    out = {}
    for line in _static("map", "cities.tsv").splitlines():
        if line and not line.startswith("#"):
            entity_id, lon, lat = line.split("\t")[:3]
            x, y = project(float(lon), float(lat))
            out[entity_id] = City(entity_id, x, y)
    return out


def colour(count: int, largest: int) -> str:
    """A step of the palette by the count's share of the largest, on a log scale."""
    if count <= 0 or largest <= 0:
        return EMPTY
    share = math.log1p(count) / math.log1p(largest)
    return PALETTE[min(len(PALETTE) - 1, int(share * (len(PALETTE) - 1) + 0.5))]


def radius(count: int, largest: int) -> float:
    """A city's circle: its area grows with its count."""
    if largest <= 0:
        return 3.0
    return round(3.0 + 9.0 * math.sqrt(count / largest), 1)
