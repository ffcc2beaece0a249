"""Security: XSRF stays on; a link chooses among known values and never names a file or URL;
an import reads only the regular files named, under a stated size limit."""

from __future__ import annotations

import itertools
import os
import sys
import tomllib
import urllib.error
import urllib.request

import pytest

from lienket.cli import main as cli
from lienket.data import eras
from lienket.map import layers
from lienket.packs import boundaries, boundary_import, guard
from lienket.page import urlstate
from lienket.text import i18n
from tests.browser.harness import serve_app
from tests.conftest import DVHCVN_DISTRICTS, ROOT
from tests.test_app import map_args, run

HOSTILE = ["../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd",
           "http://evil.example/x.geojson", "//evil.example/a", "\\\\evil\\share\\x",
           "<script>alert(1)</script>", "javascript:alert(1)", "%2e%2e%2fetc%2fpasswd",
           "cau-dinh/../../lienket-probe.toml", "x" * 5000, "\x00", "cầu đình", "CAU-DINH ",
           "provinces,../../etc", "provinces,provinces", "none,bridges"]
#: Parameters the app has never had: a hostile link may try them (they must change nothing).
UNKNOWN = ["pack", "geodata", "LIENKET_PACK", "LIENKET_GEODATA", "url", "file", "src", "static"]


def test_xsrf_protection_is_not_turned_off_in_the_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config.get("server", {})
    assert server.get("enableXsrfProtection", True) is True
    assert server.get("enableCORS", True) is True  # XSRF protection needs CORS protection on


def test_the_running_server_refuses_a_state_change_without_its_xsrf_token():
    # An upload (Streamlit's one cookie-authenticated write) from a page without the token.
    with serve_app() as url:
        request = urllib.request.Request(f"{url}/_stcore/upload_file/session/file", method="PUT",
                                         data=b"--x--", headers={
                                             "Content-Type": "multipart/form-data; boundary=x"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


@pytest.mark.parametrize("key", ["bridge", "lang", "era", "layers", "place"])
def test_a_hostile_link_can_only_choose_among_known_values(key):
    bridges, places = ["cau-dinh", "cau-may"], ["vinh-ha-long-cat-ba"]
    for value in HOSTILE:
        state = urlstate.parse({key: [value]}, bridges, layers.LAYERS, places)
        assert state.bridge in (None, *bridges)
        assert state.lang in i18n.LANGS and state.era in eras.ERAS
        assert set(state.layers) <= set(layers.LAYERS)
        assert state.place in (None, *places)


class FileAndNetworkLog:
    """Every file opened and every connection attempted while active (an audit hook)."""

    def __init__(self) -> None:
        self.active, self.opened, self.connects = False, [], []
        sys.addaudithook(self.hook)  # cannot be removed: inert unless active

    def hook(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            self.opened.append(os.fsdecode(args[0]))
        elif event == "socket.connect":
            self.connects.append(args[1] if len(args) > 1 else args)


LOG = FileAndNetworkLog()


def test_no_file_path_or_url_is_ever_taken_from_a_link():
    params = {key: value for key, value in zip(
        ["bridge", "lang", "era", "layers", "place", *UNKNOWN], itertools.cycle(HOSTILE[:10]))}
    LOG.opened.clear(), LOG.connects.clear()
    LOG.active = True
    try:
        at = run(**params)
    finally:
        LOG.active = False
    assert not at.exception
    named = [p for p in LOG.opened if "passwd" in p or "evil" in p or "lienket-probe" in p]
    assert named == []
    assert LOG.connects == []  # no URL fetched
    args = map_args(at)
    sent = "".join(str(v) for v in args.values())
    for value in ("evil.example", "/etc/passwd", "alert(1)", "lienket-probe"):
        assert value not in sent, value
    # the link written back holds only the known values
    assert set(at.query_params) <= {"bridge", "lang", "era", "layers", "place"}


def test_import_refuses_a_symbolic_link(tmp_path):
    link = tmp_path / "districts.geojson"
    link.symlink_to(DVHCVN_DISTRICTS)
    with pytest.raises(boundaries.PackError, match="symbolic link"):
        boundary_import.read_any([link])


def test_import_refuses_a_shapefile_part_that_is_a_link_elsewhere(tmp_path):
    (tmp_path / "a.shp").write_bytes(b"\0" * 100)
    (tmp_path / "a.dbf").symlink_to("/etc/passwd")
    with pytest.raises(boundaries.PackError, match="a.dbf: is a symbolic link"):
        boundary_import.read_any([tmp_path / "a.shp"])


@pytest.mark.parametrize("name", ["folder", "x.vrt", "x.zip", "x.csv", "x.kml"])
def test_import_refuses_folders_and_formats_that_read_other_files(tmp_path, name):
    target = tmp_path / name
    if name == "folder":
        target.mkdir()
        (target / "inner.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    else:
        target.write_text(f'<OGRVRTDataSource><SrcDataSource>{DVHCVN_DISTRICTS}</SrcDataSource>'
                          '</OGRVRTDataSource>')
    with pytest.raises(boundaries.PackError, match="not a format the import reads"):
        boundary_import.read_any([target])


def test_import_refuses_a_file_over_the_size_limit(tmp_path, monkeypatch):
    big = tmp_path / "big.geojson"
    with big.open("wb") as out:  # sparse: the size is what counts, not the disk
        out.truncate(guard.MAX_BYTES + 1)
    with pytest.raises(boundaries.PackError, match="over the import limit of 256 MB"):
        boundary_import.read_any([big])


def test_the_cli_import_says_why_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LIENKET_CACHE", str(tmp_path / "cache"))
    link = tmp_path / "d.geojson"
    link.symlink_to(DVHCVN_DISTRICTS)
    code = cli(["boundaries", "import", str(link)])
    err = capsys.readouterr().err
    assert code != 0 and "symbolic link" in err and "Traceback" not in err
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.geojson"))


def test_an_ordinary_import_still_reads_its_file():
    gdf, report = boundary_import.read_any([DVHCVN_DISTRICTS])
    assert len(gdf) > 100 and "features" in report[0]
