"""The offline basemap and the backgrounds: what the map draws with no tiles, and how it gives way."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
from shapely.geometry import LineString, Point

from lienket.map import base, basemap


def _html(element) -> str:
    m = folium.Map()
    element.add_to(m)
    return m.get_root().render()


def test_river_labels_follow_the_river_and_stay_upright():
    rivers = gpd.GeoDataFrame(
        {"name": ["sông Văn Úc", "sông Văn Úc", None], "name_en": ["Van Uc River", None, None]},
        geometry=[LineString([(106.4, 20.9), (106.6, 20.7)]), LineString([(106.4, 20.9), (106.41, 20.9)]),
                  LineString([(106.0, 21.0), (106.1, 21.1)])], crs="EPSG:4326")
    labels = basemap.river_labels(rivers, "vi")
    assert list(labels["label"]) == ["sông Văn Úc"]  # one per named river, none for the unnamed
    angle = float(labels["transform"][0].split("rotate(")[1].split("deg")[0])
    assert 20 < angle < 60  # runs down to the south-east: tilted clockwise, text not upside down
    assert basemap.river_labels(rivers, "en")["label"][0] == "sông Văn Úc (Van Uc River)"


def test_town_labels_carry_their_rank_and_escape_names():
    towns = gpd.GeoDataFrame({"name": ["Hạ Long", "<b>x</b>"], "rank": [1, 2]},
                             geometry=[Point(107.08, 20.95), Point(106.5, 21.0)], crs="EPSG:4326")
    labels = basemap.town_labels(towns, "vi")
    assert list(labels["css"]) == ["lk-town lk-rank-1", "lk-town lk-rank-2"]
    assert "&lt;b&gt;x&lt;/b&gt;" in labels["label"][1]


def test_the_offline_basemap_holds_land_rivers_and_towns(ds):
    html = _html(basemap.offline_group(ds, "vi"))
    embedded = lambda text: json.dumps(text)[1:-1]  # noqa: E731 — as folium embeds JSON
    assert embedded("sông Văn Úc") in html and embedded("Hạ Long") in html
    assert len(re.findall(r'"kind":\s*"river"', html)) >= 3


def test_two_backgrounds_offline_first_then_the_tiles(ds, monkeypatch):
    monkeypatch.setenv("LIENKET_TILES", "http://127.0.0.1:9/{z}/{x}/{y}.png")
    m = base.base_map((106.1, 20.6, 107.4, 21.3), "vi", offline=basemap.offline_group(ds, "vi"))
    script = m.get_root().render()
    assert "http://127.0.0.1:9/{z}/{x}/{y}.png" in script and "tile.openstreetmap.org" not in script
    assert "probe.onload" in script  # the tiles take over only once one has loaded
    tiles = next(el for el in m._children.values() if isinstance(el, folium.TileLayer))
    assert not tiles.show and not tiles.overlay  # a base layer, off until a tile has loaded
