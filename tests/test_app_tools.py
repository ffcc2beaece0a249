"""The map tools in the page (AppTest): search, downloads, deep links and the copy-link box."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import pytest
import streamlit.testing.v1.app_test as app_test
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from lienket.data import dataset
from lienket.map import layers
from lienket.page import export
from tests.test_app import map_args, run


def groups(at: AppTest) -> str:
    """The dynamic feature groups the map receives."""
    return map_args(at)["feature_group"]


def target_js(at: AppTest) -> str:
    """The search mark: the dynamic group just before the selection highlight (the last)."""
    return groups(at).split("map_div.addLayer(")[-3]


def shown_links(at: AppTest) -> list[str]:
    """The links shown as inline code under "Link to this view"."""
    return [m.value.strip("` ") for m in at.markdown if m.value.startswith("`` ")]


def search(at: AppTest, query: str) -> AppTest:
    return at.text_input(key="search_q").input(query).run()


@pytest.mark.parametrize("query", ["cau trieu", "Cầu Triều", "CAU TRIEU"])
def test_searching_a_bridge_with_or_without_diacritics_selects_it(query):
    at = search(run(), query)
    assert not at.exception
    hit = at.button(key="hit_cau-trieu")
    assert hit.label == "Cầu Triều — cầu liên kết"
    hit.click().run()
    assert at.selectbox(key="bridge_select").value == "Cầu Triều"
    assert "Thị xã Đông Triều" in "\n".join(m.value for m in at.markdown)
    assert at.query_params["bridge"] == "cau-trieu"
    assert 'window.lienketFlownTo === "cau-trieu:1"' in groups(at)  # the map moves to it


def test_searching_a_place_marks_it_moves_the_map_and_goes_in_the_link():
    at = search(run(), "vinh ha long")
    at.button(key="hit_vinh-ha-long-cat-ba").click().run()
    assert not at.exception
    mark = target_js(at)
    assert '"id":"vinh-ha-long-cat-ba"' in mark and '"id":"yen-tu"' not in mark
    assert 'window.lienketFlownTo === "vinh-ha-long-cat-ba:1"' in mark
    assert at.query_params["place"] == "vinh-ha-long-cat-ba"
    assert any("Vịnh Hạ Long" in m.value and "Địa điểm vừa tìm" in m.value for m in at.markdown)
    at.button(key="search_clear").click().run()
    assert "place" not in at.query_params and "lienketFlownTo" not in groups(at)


def test_search_with_no_match_says_so():
    at = search(run(), "cau long bien")
    assert not at.exception
    assert any("Không tìm thấy" in c.value for c in at.caption)
    assert not [b for b in at.button if b.key and b.key.startswith("hit_")]


class _KeepMedia(MediaFileManager):
    """AppTest's media manager, kept so a test can fetch what a download button serves."""

    made: list[MediaFileManager] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _KeepMedia.made.append(self)


def run_keeping_downloads(**params: str) -> tuple[AppTest, MediaFileManager]:
    with mock.patch.object(app_test, "MediaFileManager", _KeepMedia):
        at = run(**params)
    return at, _KeepMedia.made[-1]


def download(at: AppTest, media: MediaFileManager, key: str) -> tuple[str, bytes]:
    """Click a (deferred) download as the browser would: the file name and bytes it receives."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(key)
                  or f"-{key}-" in b.proto.id or key in b.proto.id)
    url = media.execute_deferred(button.proto.deferred_file_id)
    stored = media._storage.get_file(url.rsplit("/", 1)[1].split(".")[0])
    assert stored.filename == button.proto.help  # the file name is shown on the button too
    return stored.filename, bytes(stored.content)


def test_each_visible_layer_downloads_as_geojson_and_csv_matching_the_layer():
    at, media = run_keeping_downloads(era="2025", layers="provinces,bridges,heritage")
    assert not at.exception
    ds = dataset.load()
    today = dt.date.today().isoformat()
    keys = {b.proto.id.split("dl_")[-1] for b in at.get("download_button")}
    assert keys >= {"provinces_geojson", "provinces_csv", "bridges_geojson", "bridges_csv",
                    "heritage_geojson", "heritage_csv"}
    assert not any(k.startswith("tourism") for k in keys)  # not visible: not offered
    for layer in ("provinces", "bridges", "heritage"):
        expected = export.layer_frame(ds, layer, "2025")
        name, body = download(at, media, f"dl_{layer}_geojson")
        assert name.startswith("lienket_") and name.endswith(f"_2025_{today}.geojson")
        doc = json.loads(body)
        assert [f["properties"]["id"] for f in doc["features"]] == list(expected["id"])
        assert all(f["properties"]["sources"] for f in doc["features"])
        name, body = download(at, media, f"dl_{layer}_csv")
        assert name.endswith(f"_2025_{today}.csv")
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
        assert [r["id"] for r in rows] == list(expected["id"])
        assert {"sources", "accuracy", "lon", "lat", "wkt"} <= set(rows[0])
    name, _ = download(at, media, "dl_bridges_geojson")
    assert name == f"lienket_cau-lien-ket_2025_{today}.geojson"


def test_the_selection_downloads_with_its_districts():
    at, media = run_keeping_downloads(bridge="cau-quang-thanh")
    name, body = download(at, media, "dl_selection_geojson")
    assert name == f"lienket_cau-quang-thanh_2022_{dt.date.today().isoformat()}.geojson"
    ids = [f["properties"]["id"] for f in json.loads(body)["features"]]
    assert ids == ["cau-quang-thanh", "thanh-ha", "an-lao"]


def test_no_selection_no_selection_download():
    at = run()
    assert not [b for b in at.get("download_button") if "selection" in b.proto.id]


def state_of(at: AppTest) -> dict:
    """What a user sees of the view: selection, place, era, layers, language."""
    mark = target_js(at)
    return {
        "bridge": at.selectbox(key="bridge_select").value,
        "era": at.radio(key="era_label").value,
        "lang": at.radio(key="lang_label").value,
        "layers": [layer for layer in layers.LAYERS  # issue 13: "osm" has a box only with a pack
                   if f"layer_{layer}" in {c.key for c in at.checkbox}
                   and at.checkbox(key=f"layer_{layer}").value],
        "place_marked": "lienketFlownTo" in mark and '"id":"cat-ba"' in mark,
        "title": at.title[0].value,
    }


def test_url_round_trip_state_to_link_to_fresh_page_to_same_state():
    at = run()
    at.radio(key="lang_label").set_value("English").run()
    at.radio(key="era_label").set_value(at.radio(key="era_label").options[1]).run()
    at.checkbox(key="layer_ring").uncheck().run()
    at.checkbox(key="layer_partners").uncheck().run()
    at.selectbox(key="bridge_select").select("Cầu Mây").run()
    search(at, "cat ba").button(key="hit_cat-ba").click().run()
    assert not at.exception
    before = state_of(at)
    (link,) = shown_links(at)  # the link shown under "Link to this view"
    params = dict(parse_qsl(urlsplit(link).query))
    assert params == {k: at.query_params[k] for k in at.query_params}
    fresh = run(**params)
    assert not fresh.exception and not fresh.info  # every value understood
    assert state_of(fresh) == before
    assert before["place_marked"] and before["layers"] == [
        "provinces", "heritage", "districts", "tourism", "bridges"]
    assert shown_links(fresh) == [link]


def test_unknown_place_in_link_gets_a_gentle_message():
    at = run(place="<script>x</script>")
    assert not at.exception and not at.error
    assert any("place" in i.value for i in at.info)
    assert "lienketFlownTo" not in groups(at)


def test_link_has_the_copy_button():
    at = run(bridge="cau-dinh")
    frames = at.get("iframe")
    assert len(frames) == 1
    src = frames[0].proto.srcdoc
    assert "navigator.clipboard.writeText(link)" in src and '"?bridge=cau-dinh"' in src
