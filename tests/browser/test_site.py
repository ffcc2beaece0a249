"""The exported static site in headless Chromium, with no network: over http and from file://."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from lienket.data import dataset
from lienket.map import layers, selection
from lienket.page import panel, urlstate
from lienket.site import build
from lienket.text.i18n import t
from tests import site_tools
from tests.browser import harness
from tests.corpus import CASES, PAYLOAD, copy_geodata
from tests.site_tools import geometries, serve

pytestmark = pytest.mark.browser

BRIDGE_PATHS = harness.BRIDGES  # each bridge: symbol, leader and label
TILES = "https://tile.openstreetmap.org/"
#: Whether the permanent labels on the map (district names) are `want` (sorted).
LABELS_ARE = """(want) => JSON.stringify(Array.from(
    document.querySelectorAll('.leaflet-tooltip-pane .leaflet-tooltip'))
    .map(e => e.innerText).filter(s => !s.includes('\\t')).sort()) === JSON.stringify(want)"""
#: Marks the SVG path of a bridge feature, so a test can click exactly that bridge.
MARK_BRIDGE = """(id) => {
    const v = LK.V[LK.state.era + '-' + LK.state.lang];
    let path = null;
    v.groups.bridges.eachLayer(function visit(l) {
        if (l.eachLayer) { l.eachLayer(visit); }
        else if (l.feature && l.feature.properties.id === id) { path = l._path || l._icon; }
    });
    path.setAttribute('data-bridge', id);
}"""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    """The shipped data, exported."""
    return build.export(tmp_path_factory.mktemp("site") / "site", dataset.load()).path


@pytest.fixture(scope="module")
def site_url(site_dir) -> Iterator[str]:
    """index.html of the site, served over http."""
    with serve(site_dir) as url:
        yield f"{url}/index.html"


@pytest.fixture
def tab(browser):
    """A page that reaches only loopback and file://; everything else is refused and listed in
    `tab.refused`; page errors and dialogs are kept too."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    refused: list[str] = []

    def route(r):
        url = r.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if url.startswith("file://") or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            refused.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.refused, page.errors, page.dialogs, page.missing = refused, [], [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("response", lambda r: page.missing.append(r.url) if r.status >= 400 else None)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def open_site(page, url: str, hash_: str = "") -> None:
    """Open the site and wait for its first variant to be drawn."""
    page.goto(url + hash_)
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    page.locator(BRIDGE_PATHS).first.wait_for(state="attached", timeout=10_000)


def click_bridge(page, bridge: str) -> None:
    """A real click event on the bridge's own shape on the map."""
    page.evaluate(MARK_BRIDGE, bridge)
    page.locator(f"[data-bridge='{bridge}']").dispatch_event("click")


@pytest.mark.parametrize("how", ["http", "file"])
def test_opens_with_no_network_and_each_bridge_shows_its_districts(tab, site_dir, site_url, how):
    url = site_url if how == "http" else (site_dir / "index.html").as_uri()
    open_site(tab, url)
    assert tab.locator(BRIDGE_PATHS).count() == len(selection.bridge_ids(dataset.load()))
    assert tab.locator("#lk-title").inner_text() == t("app_title", "vi")
    # offline, the app's offline basemap is the background: land, rivers and their names
    ds = dataset.load()
    rivers = ds.layers.get("rivers")
    named = rivers["name"].dropna().map(str.strip).replace("", None).dropna().nunique() \
        if rivers is not None and "name" in rivers else 0
    assert tab.locator("#lk-map").get_attribute("data-background") == "offline"
    assert tab.locator(".lk-river-label").count() == named  # one label per named river
    assert [s.strip() for s in tab.locator(".leaflet-control-layers-base label").all_inner_texts()] \
        == [t("basemap_offline", "vi"), t("basemap_osm", "vi")]
    for bridge in selection.bridge_ids(ds):
        click_bridge(tab, bridge)
        names = list(selection.connected_districts(ds, bridge)["name"])
        detail = tab.locator("#lk-detail")
        assert ds.feature("bridges", bridge)["name"] in detail.locator("h3").inner_text()
        assert all(name in detail.inner_text() for name in names)
        # its two districts highlighted on the map, with their names beside them
        # (the previous bridge's labels fade out in 200 ms)
        tab.wait_for_function(LABELS_ARE, arg=sorted(names), timeout=5_000)
        assert f"bridge={bridge}" in tab.evaluate("location.hash")
    assert tab.errors == [] and tab.missing == []
    assert [u for u in tab.refused if not u.startswith(TILES)] == []  # tiles aside, nothing left


def test_switching_era_and_language_keeps_the_bridge(tab, site_dir, site_url):
    open_site(tab, site_url, "#bridge=cau-trieu")
    tab.get_by_label(t("era_2025", "vi")).check()
    tab.wait_for_selector("body[data-ready='2025-vi']")
    legend = tab.locator(".lienket-legend")
    assert t("legend_era_2025", "vi") in legend.inner_text()
    assert "Thành phố Hải Phòng" in tab.locator("#lk-detail").inner_text()  # what Kinh Môn became
    assert t("panel_no_districts", "vi") in tab.locator("#lk-detail").inner_text()
    tab.get_by_label("English").check()
    tab.wait_for_selector("body[data-ready='2025-en']")
    assert tab.locator("#lk-title").inner_text() == t("app_title", "en")
    assert "Hai Phong City" in tab.locator("#lk-detail").inner_text()
    assert tab.locator("#lk-bridge").input_value() == "cau-trieu"
    assert tab.evaluate("location.hash") == "#bridge=cau-trieu&lang=en&era=2025"
    assert tab.evaluate("document.documentElement.lang") == "en"
    # the shapes the page unpacked are exactly the numbers of the app's scripts
    assert tab.evaluate("LK.G") == {**geometries(site_dir, "2022-vi"), **geometries(site_dir, "2025-en")}
    assert tab.errors == []


def test_phone_layout_has_the_panel_below_the_map_and_no_sideways_scroll(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.route("**/*", lambda r: r.abort() if TILES in r.request.url else r.continue_())
    page = context.new_page()
    open_site(page, site_url, "#bridge=cau-may")
    box_map = page.locator("#lk-map").bounding_box()
    box_side = page.locator("#lk-side").bounding_box()
    assert box_side["y"] >= box_map["y"] + box_map["height"] - 1 and box_map["width"] >= 380
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator(".lienket-legend details").evaluate("d => d.open") is False
    context.close()


def test_deep_link_opens_that_view(tab, site_url):
    open_site(tab, site_url, "#bridge=cau-dinh&era=2025&lang=en&layers=bridges,provinces")
    assert tab.evaluate("document.body.dataset.ready") == "2025-en"
    assert tab.locator("#lk-detail h3").inner_text().startswith("Cầu Dinh")
    checked = tab.locator("#lk-layers input:checked")
    assert [checked.nth(i).input_value() for i in range(checked.count())] == ["provinces", "bridges"]
    assert tab.locator("#lk-notices div").count() == 0
    legend = tab.locator(".lienket-legend").inner_text()
    assert t("legend_bridge", "en") in legend and t("legend_ring", "en") not in legend
    # a link edited in place is followed; the select box (the keyboard's way) selects too
    tab.evaluate("location.hash = '#bridge=cau-may&lang=en'")
    tab.wait_for_selector("body[data-ready='2022-en']")
    assert tab.locator("#lk-detail h3").inner_text().startswith("Cầu Mây")
    assert tab.locator("#lk-layers input:checked").count() == len(layers.LAYERS)
    tab.locator("#lk-bridge").select_option("cau-quang-thanh")
    assert "Huyện An Lão" in tab.locator("#lk-detail").inner_text()
    assert tab.evaluate("location.hash") == "#bridge=cau-quang-thanh&lang=en"


def test_unknown_link_values_are_ignored_with_a_gentle_note(tab, site_url):
    open_site(tab, site_url, "#bridge=cau-vang&era=2030&layers=bridges,rivers-of-gold&lang=en")
    assert tab.evaluate("document.body.dataset.ready") == "2022-en"  # defaults where unknown
    notes = tab.locator("#lk-notices div").all_inner_texts()
    expected = [urlstate.Notice("bridge", "cau-vang", "unknown"),
                urlstate.Notice("era", "2030", "unknown"),
                urlstate.Notice("layers", "rivers-of-gold", "unknown")]
    # the app's own wording (panel.url_notice gives Markdown; these values need no escaping)
    assert notes == [re.sub(r"\\(.)", r"\1", panel.url_notice(n, "en")) for n in expected]
    assert tab.locator("#lk-detail h3").count() == 0
    assert tab.locator("#lk-layers input:checked").count() == 1  # bridges, the one known layer


def test_toggling_a_layer_removes_it_and_keeps_the_view(tab, site_url):
    open_site(tab, site_url)
    tab.evaluate("LK.map.setView([21.0, 106.6], 11, {animate: false})")
    view = "[LK.map.getCenter().lat.toFixed(4), LK.map.getCenter().lng.toFixed(4), LK.map.getZoom()]"
    before = tab.evaluate(view)
    bridges = tab.get_by_label(t("layer_bridges", "vi"), exact=True)
    bridges.uncheck()
    tab.wait_for_function("() => !location.hash.includes('bridges') && location.hash.includes('layers=')")
    assert tab.locator(BRIDGE_PATHS).count() == 0
    assert t("legend_bridge", "vi") not in tab.locator(".lienket-legend").inner_text()
    assert tab.evaluate(view) == before
    bridges.check()
    tab.locator(BRIDGE_PATHS).first.wait_for(state="attached")
    assert tab.evaluate("location.hash") == ""
    # a layer switched back on goes back to its place, under the later ones (drawing order)
    heritage = tab.get_by_label(t("layer_heritage", "vi"), exact=True)
    heritage.uncheck()
    heritage.check()
    last = tab.evaluate("Array.from(document.querySelectorAll('.leaflet-overlay-pane path'))"
                        ".slice(-1)[0].getAttribute('fill')")
    assert last == layers.TOURISM_COLOUR  # the tourism centres stay on top of the heritage


def test_hostile_corpus_shows_literally_and_runs_nothing(tab, tmp_path):
    directory = copy_geodata(tmp_path / "geodata")
    next(c for c in CASES if c.name == "html_in_every_text_property").make(directory)
    exported = build.export(tmp_path / "site", dataset.load(directory)).path
    with serve(exported) as url:
        open_site(tab, f"{url}/index.html", "#bridge=cau-dinh")
        assert tab.locator("#lk-detail h3").inner_text() == f"Cầu Dinh{PAYLOAD}"
        labels = tab.locator(".leaflet-tooltip-pane .leaflet-tooltip").all_inner_texts()
        assert sorted(labels) == [f"Huyện Thủy Nguyên{PAYLOAD}", f"Thị xã Kinh Môn{PAYLOAD}"]
        tab.locator(BRIDGE_PATHS).first.dispatch_event("mouseover")
        tooltip = tab.locator(".leaflet-tooltip", has_text="sông").first
        tooltip.wait_for()
        assert "<img src=x onerror=alert(1)>" in tooltip.inner_text()
        tab.get_by_text(t("sources_title", "vi")).click()
        assert PAYLOAD in tab.locator("#lk-sources").inner_text()
        assert "contains HTML markup" in tab.locator("#lk-problems").inner_text()
        tab.get_by_label("English").check()
        tab.wait_for_selector("body[data-ready='2022-en']")
        tab.wait_for_timeout(1000)  # any injected handler would have fired by now
        assert tab.dialogs == [] and tab.errors == []
        assert tab.locator("img[src='x']").count() == 0
        assert tab.locator("script:text('alert(2)')").count() == 0


def test_a_missing_data_file_is_said_and_the_drawn_view_stays(tab, site_dir, tmp_path):
    import shutil
    broken = shutil.copytree(site_dir, tmp_path / "broken")
    (missing,) = [f for f in site_tools.config(broken)["files"]["2025-vi"] if "/map-" in f]
    (broken / missing).unlink()  # a host that lost one file
    open_site(tab, (broken / "index.html").as_uri(), "#bridge=cau-dinh")
    tab.get_by_label(t("era_2025", "vi")).check()
    status = tab.locator("#lk-status")
    status.filter(has_text=missing).wait_for(timeout=10_000)
    assert status.inner_text() == t("site_load_failed", "vi", file=missing)
    assert tab.evaluate("document.body.dataset.ready") == "2022-vi"
    assert tab.get_by_label(t("era_2022", "vi"), exact=True).is_checked()
    assert "Cầu Dinh" in tab.locator("#lk-detail h3").inner_text() and tab.errors == []
