"""Faults while the app runs: each is a clear message in the page, and the app goes on.

Each test changes the machine under a running session (AppTest runs the real script), then
reruns or reloads, as a reader would.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lienket.map import assets
from lienket.packs import download, geoboundaries
from tests.apptest import open_page
from tests.conftest import ROOT
from tests.corpus import copy_geodata
from tests.test_app import map_args, run

PACK_SKIPPED = "Bỏ qua một bộ ranh giới không đọc được"


def messages(at: AppTest) -> str:
    """Every error, warning and info text in the page."""
    return "\n".join(m.value for m in [*at.error, *at.warning, *at.info])


def app_copy(folder: Path) -> Path:
    """app.py in a folder of its own, so its static/ is that folder's (not the repository's)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "app.py", folder / "app.py")
    return folder / "app.py"


def test_static_removed_while_running_is_put_back_on_the_next_run(tmp_path):
    script = app_copy(tmp_path / "app")
    at = open_page(str(script), timeout=120)
    bundle = tmp_path / "app" / "static" / assets.VENDOR / assets.BUNDLE
    assert not at.exception and bundle.is_file()
    shutil.rmtree(tmp_path / "app" / "static")
    at.run()
    assert not at.exception and not at.error
    assert bundle.is_file() and (bundle.parent / "leaflet" / "leaflet.css").is_file()


def test_static_that_cannot_be_written_is_an_error_in_the_page(tmp_path):
    script = app_copy(tmp_path / "app")
    (tmp_path / "app" / "static").write_text("not a folder")  # nothing can be made under it
    at = open_page(str(script), timeout=120)
    assert not at.exception
    assert any("static/" in e.value and "bản đồ không hiện được" in e.value for e in at.error)
    assert at.get("component_instance")  # the rest of the page is still there


def test_unwritable_cache_folder_stops_the_download_button_with_a_message(tmp_path, monkeypatch):
    # Root ignores permission bits: a cache path under a regular file fails the same way for
    # every user (the OSError a read-only folder gives).
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("LIENKET_CACHE", str(tmp_path / "file" / "cache"))
    fetched = []
    monkeypatch.setattr(download, "fetch", lambda *a, **k: fetched.append(a))
    at = run()
    assert not at.exception
    at.button(key="pack_download").click().run()
    assert not at.exception and fetched == []
    assert any("không ghi được" in w.value and "LIENKET_CACHE" in w.value for w in at.warning)


def _running_on_a_pack_copy(shared_pack, tmp_path, monkeypatch):
    """A session drawing the districts of a copy of the pack: (AppTest, the copy's folder)."""
    pack = tmp_path / "pack"
    shutil.copytree(shared_pack, pack)
    monkeypatch.setenv("LIENKET_PACK", str(pack))
    at = run()
    assert '"kind":"district_area"' in map_args(at)["feature_group"]
    return at, pack


def test_pack_folder_deleted_while_running(shared_pack, tmp_path, monkeypatch):
    at, pack = _running_on_a_pack_copy(shared_pack, tmp_path, monkeypatch)
    shutil.rmtree(pack)
    at.run()
    assert not at.exception
    assert PACK_SKIPPED in messages(at) and str(pack) in messages(at).replace("\\", "")
    assert '"kind":"district_area"' not in map_args(at)["feature_group"]  # shipped boundaries


def test_pack_corrupted_while_running(shared_pack, tmp_path, monkeypatch):
    at, pack = _running_on_a_pack_copy(shared_pack, tmp_path, monkeypatch)
    victim = next(p for p in sorted(pack.glob("*.geojson")))
    victim.write_bytes(b'{"type": "FeatureCollection", "features": [garbage')
    at.run()
    assert not at.exception
    assert PACK_SKIPPED in messages(at) and victim.name in messages(at).replace("\\", "")
    assert '"kind":"district_area"' not in map_args(at)["feature_group"]


def test_geodata_file_replaced_with_garbage_shows_on_reload(tmp_path, monkeypatch):
    directory = copy_geodata(tmp_path / "geodata")
    monkeypatch.setenv("LIENKET_GEODATA", str(directory))
    at = run(bridge="cau-dinh")
    assert not at.exception and not at.error
    (directory / "bridges.geojson").write_bytes(b"\x00\x01 garbage {")
    reloaded = run(bridge="cau-dinh")  # a reload: a new session
    assert not reloaded.exception
    assert any("bridges.geojson" in e.value.replace("\\", "") for e in reloaded.error)
    at.run()  # the session that was open when it happened goes on too
    assert not at.exception
    assert any("bridges.geojson" in e.value.replace("\\", "") for e in at.error)


class _CutHandler(http.server.BaseHTTPRequestHandler):
    """Promises SIZE bytes, sends half, then drops the connection."""

    SIZE = 200_000

    def do_GET(self) -> None:  # noqa: N802 — http.server's name
        self.send_response(200)
        self.send_header("Content-Length", str(self.SIZE))
        self.end_headers()
        self.wfile.write(b"x" * (self.SIZE // 2))
        self.wfile.flush()
        self.connection.shutdown(2)

    def log_message(self, *args) -> None:
        pass


def test_download_cut_midway_from_the_button(tmp_path, monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CutHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/adm1.geojson"
        monkeypatch.setattr(geoboundaries, "VNM", {
            "adm1": download.Remote("adm1.geojson", url, _CutHandler.SIZE, "0" * 64)})
        monkeypatch.setenv("LIENKET_CACHE", str(tmp_path / "cache"))
        at = run()
        at.button(key="pack_download").click().run()
    finally:
        server.shutdown()
    assert not at.exception
    assert any("Không tải được ranh giới" in w.value for w in at.warning)
    assert any(c.value.startswith("Ranh giới tỉnh Natural Earth") for c in at.caption)
    left = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert left == []  # no partial file, no half-made pack
    at.run()  # and the page goes on
    assert not at.exception
