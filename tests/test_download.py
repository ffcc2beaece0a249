"""Downloads against a local HTTP server: verified, atomic, and the old pack survives any failure."""

from __future__ import annotations

import hashlib
import http.server
import json
import socket
import threading

import geopandas as gpd
import pooch
import pytest

from lienket import cli
from lienket.data import dataset, names, schema
from lienket.packs import boundaries, download, geoboundaries, store
from tests.conftest import DVHCVN_DISTRICTS


def _geoboundaries_like(ds) -> dict[str, bytes]:
    """Small files shaped like the geoBoundaries release: shapeName, ASCII names, no province."""
    adm1 = ds.layer("provinces")[["name_en", "geometry"]].rename(columns={"name_en": "shapeName"})
    dv = gpd.read_file(DVHCVN_DISTRICTS)
    dv = dv[dv["level1_id"].isin(["30", "31"])]
    adm2 = gpd.GeoDataFrame({"shapeName": [names.key(n).title() for n in dv["name"]],
                             "shapeType": "ADM2"}, geometry=dv.geometry.values, crs=4326)
    meta = {"boundaryLicense": "CC BY 4.0 (test fixture)", "boundaryYearRepresented": "2019",
            "boundarySource": "test fixture"}
    return {"adm1": adm1.to_json().encode(), "adm2": adm2.to_json().encode(),
            "meta": json.dumps(meta).encode()}


class _Handler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}
    served: list[str] = []  # request paths, in order

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        mode, name = self.path.strip("/").split("/", 1)
        body = self.files[name]
        _Handler.served.append(self.path)
        if mode == "flaky":    # the first request drops half-way, the next one is fine
            mode = "cut" if _Handler.served.count(self.path) == 1 else "ok"
        if mode == "long":     # more than the pinned size
            body = body + b" " * 100_000
        if mode == "short":    # the server has a truncated file
            body = body[: len(body) // 2]
        if mode == "wrong":    # same size, different content
            body = bytes([body[0] ^ 1]) + body[1:]
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.files[name]) if mode == "cut" else len(body)))
        self.end_headers()
        if mode == "cut":      # connection drops half-way
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(body)


@pytest.fixture(scope="module")
def fixture_files():
    return _geoboundaries_like(dataset.load(schema.GEODATA))


@pytest.fixture(autouse=True)
def no_retry_wait(monkeypatch):
    """pooch waits 1 s, 2 s… between attempts: the tests count the waits instead."""
    waits = []
    monkeypatch.setattr(pooch.core.time, "sleep", waits.append)
    return waits


@pytest.fixture(scope="module")
def server(fixture_files):
    _Handler.files = {f"{k}.json": v for k, v in fixture_files.items()}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def remotes(base: str, files: dict[str, bytes], mode: str = "ok", only: str | None = None):
    """Release spec for the local server; `mode` applies to `only` (or to every file)."""
    return {k: download.Remote(f"{k}.json", f"{base}/{mode if only in (None, k) else 'ok'}/{k}.json",
                               len(v), hashlib.sha256(v).hexdigest()) for k, v in files.items()}


def test_download_verifies_normalises_and_stores(server, fixture_files, ds, tmp_path):
    seen = []
    pack = geoboundaries.download_pack(ds, lambda got, total: seen.append((got, total)),
                               remotes(server, fixture_files), dest=tmp_path / "gb")
    assert pack.info.licence == "CC BY 4.0 (test fixture)" and pack.info.vintage == "2019"
    assert seen[-1][0] == seen[-1][1] == sum(map(len, fixture_files.values()))
    # ASCII names without a province column: matched by key, placed by location
    kinh_mon = pack.districts[pack.districts["name"] == "Thị xã Kinh Môn"]
    assert list(kinh_mon["province"]) == ["Hải Dương"]
    assert len(pack.provinces) == 63


@pytest.fixture
def previous_pack(shared_pack, tmp_path):
    dest = tmp_path / "gb"
    boundaries.save(boundaries.load(shared_pack), dest)
    return dest, {p.name: p.read_bytes() for p in dest.iterdir()}


@pytest.mark.parametrize("mode, message", [("short", "incomplete download"),
                                           ("wrong", "checksum mismatch"),
                                           ("cut", "incomplete download"),
                                           ("long", "more than the expected")])
def test_failed_download_leaves_the_previous_pack(server, fixture_files, ds, previous_pack, mode,
                                                  message):
    dest, before = previous_pack
    with pytest.raises(download.DownloadError, match=message):
        geoboundaries.download_pack(ds, None, remotes(server, fixture_files, mode, only="adm2"),
                                    dest=dest)
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == before
    # only the complete file fetched before the failure stays: no partial or temporary file
    kept = [p.name for p in (store.cache_dir() / "downloads").iterdir()]
    assert len(kept) == 1 and kept[0].endswith("-adm1.json"), kept


def test_a_dropped_connection_is_retried(server, fixture_files, ds, tmp_path, no_retry_wait):
    _Handler.served.clear()
    flaky = remotes(server, fixture_files, "flaky", only="adm2")
    pack = geoboundaries.download_pack(ds, None, flaky, dest=tmp_path / "gb")
    assert _Handler.served.count("/flaky/adm2.json") == 2 and len(no_retry_wait) == 1
    assert len(pack.provinces) == 63


def test_errors_are_one_line_without_pool_internals(fixture_files, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(download.DownloadError) as err:
        download.fetch(remotes(dead, fixture_files)["meta"], tmp_path / "meta.json")
    size = len(fixture_files["meta"])
    assert str(err.value) == (f"meta.json: download failed after 0 of {size} bytes (cannot connect "
                              "to the server); check the network and try again")


def test_server_down(fixture_files, ds, previous_pack):
    dest, before = previous_pack
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(download.DownloadError, match="check the network"):
        geoboundaries.download_pack(ds, None, remotes(dead, fixture_files), dest=dest)
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == before


def test_a_corrupt_cached_download_is_replaced(server, fixture_files, tmp_path):
    remote = remotes(server, fixture_files)["meta"]
    dest = tmp_path / "meta.json"
    dest.write_bytes(b"x" * remote.size)  # right size, wrong content
    download.fetch(remote, dest)
    assert dest.read_bytes() == fixture_files["meta"]


def test_cli_download_offline_says_why_without_a_traceback(fixture_files, monkeypatch, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    monkeypatch.setattr(geoboundaries, "VNM", remotes(dead, fixture_files))
    code = cli.main(["boundaries", "download"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: ") and "Traceback" not in err


def test_cli_import_reports_matches(tmp_path, capsys):
    code = cli.main(["boundaries", "import", str(DVHCVN_DISTRICTS), "--pack", str(tmp_path / "p")])
    out = capsys.readouterr().out
    assert code == 0 and "bridge districts matched: 6/7" in out and "Thị xã Đông Triều" in out
    assert cli.main(["boundaries", "import", str(tmp_path / "nope.geojson")]) == 1
    assert "file not found" in capsys.readouterr().err
