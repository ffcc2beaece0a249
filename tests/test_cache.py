"""Prerendered layers replay exactly what st_folium would generate from the live layers."""

from __future__ import annotations

import pytest
import streamlit_folium as stf

from lienket.app import cache
from lienket.map import base, layers
from lienket.map.prerender import unescaped


def _group_script(group, slot: int) -> str:
    """The group's script as st_folium sends it, blank lines aside (they mean nothing in JS)."""
    m = base.base_map((106.1, 20.1, 108.1, 21.7), "vi")
    m.get_root().render()
    stf._get_map_string(m)  # st_folium renames the map before adding groups
    script = stf._get_feature_group_string(group, m, slot)
    return "\n".join(line.rstrip() for line in script.splitlines() if line.strip())


@pytest.mark.parametrize("era", ["2022", "2025"])
@pytest.mark.parametrize("layer", layers.LAYERS)
def test_prerendered_group_equals_the_live_group(ds, layer, era):
    live = layers.BUILDERS[layer](ds, "vi", era)
    replay = base.PrerenderedGroup(live.layer_name, cache.prerender(layers.BUILDERS[layer](ds, "vi", era)))
    # The same script, Vietnamese written as itself rather than as \u escapes.
    assert _group_script(replay, 3) == unescaped(_group_script(live, 3))


def test_prerendered_groups_follow_the_visible_layers(ds):
    scripts = {layer: (f"name {layer}", "") for layer in layers.LAYERS}
    names = [g.layer_name for g in cache.layer_groups(scripts, ["bridges", "provinces"])]
    assert names == ["name provinces", "name bridges"]  # drawing order, not the order asked


@pytest.mark.parametrize("bridge", [None, "cau-dinh"])
def test_prerendered_highlight_equals_the_live_one(ds, bridge):
    from lienket.map import highlight
    live = highlight.group(ds, bridge, "vi")
    replay = base.PrerenderedGroup(live.layer_name, cache.prerender(highlight.group(ds, bridge, "vi")),
                                      control=False)
    assert _group_script(replay, 7) == unescaped(_group_script(live, 7))


def test_every_cache_of_the_page_is_bounded():
    # A long-running server sees new keys whenever the data or a pack changes (issue 12).
    from streamlit.runtime.caching.cache_utils import CachedFunc
    cached = {name: f for name, f in vars(cache).items() if isinstance(f, CachedFunc)}
    assert len(cached) >= 8
    assert {name: f._info.max_entries for name, f in cached.items()
            if not f._info.max_entries} == {}


def test_prerendered_text_is_written_as_itself_and_means_the_same(ds):
    live = layers.BUILDERS["provinces"](ds, "vi", "2022")
    script = cache.prerender(layers.BUILDERS["provinces"](ds, "vi", "2022"))
    assert "Hải Dương" in script and "\\u1ea3" not in script
    assert len(script.encode()) < len(_group_script(live, 3).encode())


@pytest.mark.parametrize("literal", [r'"H\u00e0 N\u1ed9i"', r'"a\\u00e0"', r'"a\\\u00e0"',
                                     r'"\u003cscript\u003e \u0026"', r'"\ud83c\udf09"',
                                     r'"\u2028\u2029"'])
def test_unescaping_keeps_every_string_and_the_html_escapes(literal):
    import json
    assert json.loads(unescaped(literal)) == json.loads(literal)
    assert "<" not in unescaped(literal) and "&" not in unescaped(literal)
