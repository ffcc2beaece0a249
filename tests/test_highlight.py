"""The selection drawn: where an estimated bridge may be is a stretch of its river, not a circle."""

from __future__ import annotations

import re

import folium
import geopandas as gpd

from lienket.map import bridges, highlight


def _html(group: folium.FeatureGroup) -> str:
    m = folium.Map()
    group.add_to(m)
    return m.get_root().render()


def test_a_bridge_on_a_drawn_river_may_be_anywhere_along_a_stretch_of_it(ds):
    bridge = ds.feature("bridges", "cau-dinh")
    river = bridges.river_near(ds, bridge)
    stretch = highlight.reach(ds, bridge)
    assert stretch is not None and river is not None
    metric = gpd.GeoSeries([stretch, river, bridge["geometry"]], crs=4326).to_crs(highlight.METRIC_CRS)
    assert metric.iloc[0].hausdorff_distance(metric.iloc[1].intersection(metric.iloc[0].buffer(5))) < 5
    assert metric.iloc[0].distance(metric.iloc[2]) < 1  # the stretch runs through the estimate
    assert metric.iloc[0].length <= 2 * bridge["uncertainty_m"] + 1
    html = _html(highlight.group(ds, "cau-dinh", "vi"))
    assert "L.circle(" not in html  # no 17 km circle around a bridge whose river is drawn


def test_without_a_river_line_the_uncertainty_is_a_dashed_circle(ds):
    bridge = ds.feature("bridges", "cau-may")
    assert bridge["river_line_missing"] and highlight.reach(ds, bridge) is None
    html = _html(highlight.group(ds, "cau-may", "vi"))
    assert "L.circle(" in html and re.search(r'dash_?[aA]rray"?\s*:\s*"6 6"', html)
