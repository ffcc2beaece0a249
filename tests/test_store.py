"""The pack store: the user's cache folder, atomic saves with checksums, verified loads, any kind."""

from __future__ import annotations

import json

import pytest

from lienket.packs import store


def test_cache_folder_from_override_else_the_platform(tmp_path, monkeypatch):
    monkeypatch.setenv("LIENKET_CACHE", str(tmp_path / "mine"))
    assert store.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("LIENKET_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert store.cache_dir() == tmp_path / "xdg" / "lienket"
    assert store.packs_dir("osm") == tmp_path / "xdg" / "lienket" / "packs" / "osm"


def _write_extract(folder):
    (folder / "extract.osm.pbf").write_bytes(b"\x00pbf")
    (folder / "notes.txt").write_text("Hải Dương", encoding="utf-8")


def test_another_kind_of_pack_round_trips_with_checksums(tmp_path):
    dest = store.save(tmp_path / "osm", _write_extract, {"source": "test"}, "osm.json")
    meta = store.load_meta(dest, "osm.json", label="OSM pack")
    assert meta["source"] == "test" and set(meta["files"]) == {"extract.osm.pbf", "notes.txt"}
    (dest / "notes.txt").write_text("changed", encoding="utf-8")
    with pytest.raises(store.PackError, match=r"^OSM pack .*notes.txt is missing or corrupt"):
        store.load_meta(dest, "osm.json", label="OSM pack")


def test_a_failed_save_keeps_the_old_pack_and_an_interrupted_swap_is_undone(tmp_path):
    dest = store.save(tmp_path / "osm", _write_extract, {"source": "old"}, "osm.json")

    def fail(folder):
        (folder / "extract.osm.pbf").write_bytes(b"half")
        raise OSError("disk full")
    with pytest.raises(OSError):
        store.save(dest, fail, {"source": "new"}, "osm.json")
    assert store.load_meta(dest, "osm.json")["source"] == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["osm"]
    # a save stopped between parking the old folder and placing the new one
    dest.rename(tmp_path / ".osm.old")
    assert store.load_meta(dest, "osm.json")["source"] == "old"


def test_a_folder_without_meta_or_with_a_broken_one_is_refused(tmp_path):
    with pytest.raises(store.PackError, match="not a pack folder"):
        store.load_meta(tmp_path, "osm.json")
    (tmp_path / "osm.json").write_text(json.dumps(["not", "a", "dict"]), encoding="utf-8")
    with pytest.raises(store.PackError, match="unreadable"):
        store.load_meta(tmp_path, "osm.json")
