"""`osm download` against a fake Overpass server on loopback: success, 429 then success, 504,
malformed JSON, over-size, cut midway, too slow; every failure leaves the previous pack as it was."""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lienket import cli
from lienket.packs import download, osm_pack, overpass
from tests import osm_fixtures as fx

FAST = {"backoff": 0.0, "retries": 2, "timeout": 5.0}


class Script:
    """What the fake server answers, one entry per request (the last one repeats)."""

    def __init__(self) -> None:
        self.answers: list[tuple] = []
        self.requests: list[bytes] = []


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            script.requests.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            n = min(len(script.requests), len(script.answers)) - 1
            status, body, mode = script.answers[n]
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "0")
            if mode == "oversize-header":
                self.send_header("Content-Length", str(10**9))
            elif mode == "cut":
                self.send_header("Content-Length", str(len(body)))
                body = body[: len(body) // 2]
            elif mode == "slow":
                self.send_header("Content-Length", str(len(body)))
            elif mode != "no-length":
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            if mode == "slow":
                threading.Event().wait(2.0)
            if mode != "oversize-header":
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
            self.close_connection = True
    return Handler


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/api/interpreter", script
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def answer(ds, tmp_path) -> bytes:
    """A good Overpass answer: the fixture's five bridges, decoys, rivers, roads, ferries."""
    return fx.write_overpass(tmp_path / "answer.json", fx.all_ways(ds)).read_bytes()


@pytest.fixture
def previous(ds, tmp_path) -> dict[str, bytes]:
    """A pack already in use (only rivers), as bytes: failures must leave it exactly so."""
    rivers = [w for w in fx.all_ways(ds) if w["id"] in (1, 2)]
    pack = osm_pack.import_file(fx.write_overpass(tmp_path / "old.json", rivers), ds)
    return _snapshot(pack.path)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_success_stores_the_pack_with_each_bridge_matched_and_reports_progress(
        ds, server, answer):
    url, script = server
    script.answers = [(200, answer, "")]
    seen = []
    pack = overpass.download_pack(ds, lambda got, total: seen.append((got, total)), url=url, **FAST)
    assert {m["bridge"]: m["ways"] for m in pack.matches}["cau-dinh"] == [130, 131]
    assert all(m["ways"] for m in pack.matches)
    assert pack.meta["timestamp"] == fx.TIMESTAMP and "ODbL" in pack.meta["licence"]
    assert seen[-1] == (len(answer), len(answer)) and [g for g, _ in seen] == sorted(g for g, _ in seen)
    # the one pinned query was sent, form-encoded
    (body,) = script.requests
    assert urllib.parse.parse_qs(body.decode())["data"] == [overpass.QUERY]


def test_429_then_success_retries(ds, server, answer):
    url, script = server
    script.answers = [(429, b"rate limited", ""), (200, answer, "")]
    pack = overpass.download_pack(ds, url=url, **FAST)
    assert len(script.requests) == 2 and all(m["ways"] for m in pack.matches)


@pytest.mark.parametrize("case", ["504", "malformed", "oversize-header", "oversize-stream", "cut",
                                  "slow"])
def test_a_failed_download_leaves_the_previous_pack_byte_identical(ds, server, answer, previous,
                                                                     case):
    url, script = server
    limits = dict(FAST)
    script.answers = {
        "504": [(504, b"gateway timeout", "")],
        "malformed": [(200, answer[:-40] + b"}{", "")],
        "oversize-header": [(200, answer, "oversize-header")],
        "oversize-stream": [(200, answer, "no-length")],
        "cut": [(200, answer, "cut")],
        "slow": [(200, answer, "slow")],
    }[case]
    if case == "oversize-stream":
        limits["max_bytes"] = len(answer) // 3
    if case == "slow":
        limits.update(timeout=0.5, retries=0)
    words = {"504": "busy", "malformed": "unusable answer", "oversize-header": "too large",
             "oversize-stream": "size limit", "cut": "broke off", "slow": "broke off|reach"}[case]
    with pytest.raises(download.DownloadError, match=words):
        overpass.download_pack(ds, url=url, **limits)
    assert _snapshot(osm_pack.default_path()) == previous
    if case == "504":
        assert len(script.requests) == FAST["retries"] + 1
    leftovers = list((osm_pack.store.cache_dir() / "downloads").glob("*.part*"))
    assert leftovers == []


def test_cli_download_succeeds_and_fails_in_one_line(server, answer, monkeypatch, capsys):
    url, script = server
    monkeypatch.setenv(overpass.ENV_URL, url)
    script.answers = [(200, answer, "")]
    assert cli.main(["osm", "download"]) == 0
    assert "Cầu Quang Thanh: way 140 by geometry" in capsys.readouterr().out
    before = _snapshot(osm_pack.default_path())
    script.answers = [(200, b"<html>oops</html>", "")]
    assert cli.main(["osm", "download"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("error: Overpass sent an unusable answer")
    assert "Traceback" not in err
    assert _snapshot(osm_pack.default_path()) == before
