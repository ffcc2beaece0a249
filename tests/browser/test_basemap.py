"""The background, in Chromium: offline, the offline basemap (land, sea, rivers, towns) draws
the map; with tiles (a local fake tile server), the basemap gives way to them."""

from __future__ import annotations

import http.server
import struct
import threading
import zlib

import pytest

from lienket.map import style
from tests.browser import harness
from tests.browser.conftest import served
from tests.browser.harness import offline_context, wait_for_map

pytestmark = pytest.mark.browser


def png(rgb: tuple[int, int, int], size: int = 256) -> bytes:
    """A one-colour PNG tile."""
    row = b"\x00" + bytes(rgb) * size
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data  # noqa: E731
                                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def tile_server():
    """A local tile server answering every /z/x/y.png with a pale green tile; counts requests."""
    tile, served = png((200, 230, 200)), []

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 — the stdlib's name
            served.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", served
    server.shutdown()


@pytest.fixture(scope="module")
def tiled_server(tile_server, tmp_path_factory):
    """The app pointed at the local tile server."""
    url, _served = tile_server
    env = {"LIENKET_TILES": url + "/{z}/{x}/{y}.png",
           "LIENKET_CACHE": str(tmp_path_factory.mktemp("tiles-cache"))}
    yield from served(env)


def _background(page):
    leaflet = harness.leaflet(page)
    return leaflet, leaflet.evaluate("window.map.getContainer().dataset.background")


def test_offline_the_basemap_draws_land_rivers_and_town_names(page, server):
    page.goto(f"{server}/")
    frame = wait_for_map(page)
    land = f"path[fill='{style.COLOURS['land']}']"
    frame.locator(land).first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(1500)  # the tile probe fails quietly
    leaflet, background = _background(page)
    assert background == "offline"
    assert frame.locator(land).count() >= 1
    assert frame.locator(f"path[stroke='{style.COLOURS['river']}']").count() >= 3
    rivers = frame.locator(".lk-river-label").all_inner_texts()
    assert {"sông Văn Úc", "sông Kinh Thầy"} <= set(rivers)
    towns = frame.locator(".lk-town:visible").all_inner_texts()
    assert {"Hải Phòng", "Hạ Long"} <= {t.strip() for t in towns}
    assert frame.locator(".leaflet-tile-loaded").count() == 0


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 1000}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_the_whole_region_frame_shows_no_edge_of_the_offline_basemap(browser, server, ds, viewport):
    """Offline, the ◎ frame zooms out to the ring: the land must reach past every side of it."""
    context = offline_context(browser, viewport=viewport)
    try:
        page = context.new_page()
        frame = harness.open_map(page, f"{server}/")
        frame.locator("a.lk-frame-region").click()
        leaflet = harness.leaflet(page)
        leaflet.wait_for_function("() => window.map.getZoom() < 9", timeout=10_000)
        view = leaflet.evaluate("() => window.map.getBounds().toBBoxString()")
        west, south, east, north = map(float, view.split(","))
        lw, ls, le, ln = ds.layer("land").total_bounds
        assert lw <= west and ls <= south and east <= le and north <= ln, (view, viewport)
    finally:
        context.close()


def test_with_tiles_the_basemap_gives_way(browser, tiled_server, tile_server):
    _url, served = tile_server
    context = offline_context(browser, viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{tiled_server}/")
        frame = wait_for_map(page)
        frame.locator(".leaflet-tile-loaded").first.wait_for(state="attached", timeout=30_000)
        leaflet, background = _background(page)
        assert background == "tiles" and served
        # the offline basemap is off the map (not drawn misaligned under or over the tiles)
        assert frame.locator(f"path[fill='{style.COLOURS['land']}']").count() == 0
        assert frame.locator(".lk-river-label").count() == 0
        # the reader can still choose it: both backgrounds are in the layer control
        names = frame.locator(".leaflet-control-layers-base label").all_inner_texts()
        assert len(names) == 2 and any("ngoại tuyến" in n for n in names)
        # the bridges stay on top of the tiles
        assert frame.locator(".lk-bridge-label").count() == 5
    finally:
        context.close()
