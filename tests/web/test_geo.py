"""The world map: TopoJSON decoding, the antimeridian, codes, cities and colours."""

from __future__ import annotations

import json

import pycountry
import pytest

from rasad.extract.kb import load_kb
from rasad.web import geo


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (-180, geo.TOP, (0, 0)),
        (180, geo.BOTTOM, (geo.WIDTH, round(geo.HEIGHT, 1))),
        (0, 13, (480, 189.3)),
    ],
)
def test_project(lon: float, lat: float, expected: tuple[float, float]) -> None:
    assert geo.project(lon, lat) == pytest.approx(expected, abs=0.1)


def test_decode_arcs_and_rings() -> None:
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 3]], [[2, 3], [-2, -3]]],
    }
    arcs = geo.decode_arcs(topology)
    assert arcs == [[(10, 20), (12, 20), (12, 23)], [(12, 23), (10, 20)]]
    assert geo.ring(arcs, [0, 1]) == [(10, 20), (12, 20), (12, 23), (10, 20)]
    assert geo.ring(arcs, [~1]) == [(10, 20), (12, 23)]


def test_a_ring_across_the_antimeridian_is_drawn_twice() -> None:
    points = [(170.0, 60.0), (-170.0, 60.0), (-170.0, 50.0), (170.0, 50.0)]
    unwrapped = geo.unwrap(points)
    assert [lon for lon, _ in unwrapped] == [170.0, 190.0, 190.0, 170.0]
    copies = geo.copies(unwrapped)
    assert len(copies) == 2 and copies[1][0][0] == pytest.approx(-190.0)
    assert geo.path_data([points]).count("M") == 2


def test_countries_have_codes_and_paths() -> None:
    countries = {c.code: c for c in geo.countries() if c.code}
    assert {"IR", "AF", "TJ", "FR", "RU", "XK"} <= set(countries)
    assert "AQ" not in countries
    assert all(c.d.startswith("M") for c in countries.values())


def test_iso_table_matches_iso_3166() -> None:
    table = geo.iso_numeric()
    for country in pycountry.countries:
        assert table[country.numeric] == country.alpha_2


def test_city_positions_are_for_known_cities() -> None:
    kb = load_kb()
    cities = geo.cities()
    assert len(cities) > 200
    assert all(kb.get(i) is not None and i.startswith("city:") for i in cities)
    kabul, paris = cities["city:kabul"], cities["city:paris"]
    assert kabul.x > paris.x and kabul.y > paris.y  # east of Paris, south of it


def test_world_atlas_file_is_topojson() -> None:
    data = json.loads(geo._static("map", "countries-110m.json"))
    assert data["type"] == "Topology" and "countries" in data["objects"]


@pytest.mark.parametrize(
    ("count", "largest", "expected"),
    [(0, 10, geo.EMPTY), (1, 0, geo.EMPTY), (10, 10, geo.PALETTE[-1]), (1, 1000, geo.PALETTE[1])],
)
def test_colour(count: int, largest: int, expected: str) -> None:
    assert geo.colour(count, largest) == expected


def test_radius_grows_with_count() -> None:
    assert geo.radius(1, 100) < geo.radius(50, 100) < geo.radius(100, 100) == 12.0
