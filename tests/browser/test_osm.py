"""The map with an OSM pack (issue 13), in headless Chromium: bridges drawn as their ways, the
context layer, the panel linking the way. The pack is built from the test fixtures in a temporary
cache (test positions, never shipped)."""

from __future__ import annotations

import pytest

from lienket.data import dataset
from lienket.map import layers, osm_context
from lienket.packs import osm_pack
from tests import osm_fixtures as fx
from tests.browser.conftest import served
from tests.browser.harness import wait_for_map
from tests.browser.test_map import BRIDGE_ORDER

pytestmark = pytest.mark.browser

BRIDGE_LINES = f"path.leaflet-interactive[stroke='{layers.BRIDGE_COLOUR}'][fill='none']"


@pytest.fixture(scope="module")
def osm_server(tmp_path_factory):
    """The app with an OSM pack in its cache."""
    cache = tmp_path_factory.mktemp("osm-cache")
    ds = dataset.load()
    extract = fx.write_overpass(tmp_path_factory.mktemp("osm") / "region.json", fx.all_ways(ds))
    osm_pack.import_file(extract, ds, cache / "packs" / "osm")
    yield from served({"LIENKET_CACHE": str(cache)})


def test_with_an_osm_pack_bridges_are_lines_and_the_panel_links_the_way(page, osm_server):
    page.goto(f"{osm_server}/")
    frame = wait_for_map(page)
    # at the opening zoom a 300 m way is a dot (round caps, 9 px): attached, not "visible"
    frame.locator(BRIDGE_LINES).first.wait_for(state="attached", timeout=30_000)
    assert frame.locator(BRIDGE_LINES).count() == 5
    river = f"path.leaflet-interactive[stroke='{osm_context.STYLES['river']['color']}']"
    assert frame.locator(river).count() == 2
    assert frame.get_by_text("Sông, đường dẫn, phà (OpenStreetMap)").count() == 1  # layer control
    frame.locator(BRIDGE_LINES).nth(BRIDGE_ORDER.index("cau-dinh")).dispatch_event("click")
    link = page.get_by_role("link", name="openstreetmap.org/way/130")
    link.wait_for(timeout=20_000)
    assert link.get_attribute("href") == "https://www.openstreetmap.org/way/130"
    assert page.get_by_text("OpenStreetMap contributors").first.is_visible()
