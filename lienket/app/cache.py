"""Streamlit's caches around the pure core: what is computed once and shared by every session.

The one module besides app.py that imports Streamlit: everything else in lienket stays testable
and usable without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from lienket.data import agreement
from lienket.data.dataset import Dataset
from lienket.data.dataset import load as load_dataset
from lienket.map import assets, basemap, controls, highlight, layers, simplify
from lienket.map.base import PrerenderedGroup
from lienket.map.prerender import prerender
from lienket.packs import boundaries as boundary_packs
from lienket.packs import osm_pack


@st.cache_resource(show_spinner=False, max_entries=4)
def _installed(static_dir: str) -> int:
    """Copy the vendor files into static/ (once per server process, unless removed)."""
    return len(assets.install(Path(static_dir)))


def install_assets(static_dir: str) -> str | None:
    """The map's vendor files in static/, put back when removed since; None, or why not."""
    linked = [url.removeprefix(assets.STATIC_URL + "/") for _name, url in
              [*assets.JS, *assets.CSS]]
    if not all((Path(static_dir) / rel).is_file() for rel in linked):  # a few stats per run
        _installed.clear()
    try:
        _installed(static_dir)
    except (OSError, assets.AssetError) as exc:
        return str(exc)
    return None


def geodata_fingerprint(directory: str) -> tuple:
    """Cheap key that changes when a data file is replaced, edited, added or removed."""
    try:
        return tuple(sorted((p.name, s.st_mtime_ns, s.st_size) for p in Path(directory).iterdir()
                            if p.is_file() for s in [p.stat()]))
    except OSError:  # a missing folder: data.load says which files are missing
        return ()


# Datasets are read-only once loaded: cache_resource shares one object (no per-rerun unpickling,
# and a stable identity for caches keyed on it, such as the search index). Keyed on the files'
# fingerprint, so a file replaced while the app runs is read (and its problems shown) on the
# next run; bounded, so the replaced versions do not pile up.
@st.cache_resource(show_spinner=False, max_entries=2)
def dataset(directory: str, fingerprint: tuple = ()) -> Dataset:
    """The validated data (read once per directory and version, shared by every session)."""
    return load_dataset(Path(directory))


def secrets() -> dict[str, Any]:
    """Streamlit secrets as a dict ({} when there is no secrets file)."""
    try:
        return dict(st.secrets)
    except Exception:  # Streamlit raises its own error type when no secrets file exists
        return {}


def pack_fingerprint() -> tuple:
    """Cheap key that changes when a pack appears, disappears, or any of its files changes
    (a pack corrupted while the app runs is checked again, and skipped with a message)."""
    keys = tuple((origin, str(path), geodata_fingerprint(str(path)))
                 for origin, path in boundary_packs.candidates(secrets()))
    osm = str(osm_pack.default_path())  # issue 13: the OSM pack too
    return (*keys, ("osm", osm, geodata_fingerprint(osm)))


@st.cache_resource(show_spinner=False, max_entries=4)
def boundaries(_ds: Dataset, key: tuple) -> tuple:
    """(map dataset, pack info or None, notes) for the best boundary pack; `key` names the inputs.

    A pack folder that cannot be read at all (permissions, a disk error) is a note too: the map
    falls back to the shipped boundaries and the page says why.
    """
    try:
        pack, notes = boundary_packs.best(secrets())
    except OSError as exc:
        pack, notes = None, [f"{type(exc).__name__}: {exc.strerror or exc}"
                             + (f" ({exc.filename})" if exc.filename else "")]
    osm, osm_note = osm_pack.current()  # issue 13: bridges as their OSM ways, when there is a pack
    shown = simplify.for_map(osm_pack.apply(boundary_packs.display_dataset(_ds, pack), osm))
    notes = [*notes, *([osm_note] if osm_note else [])]
    return shown, (pack.info if pack else None), notes


@st.cache_data(show_spinner=False, max_entries=16)
def layer_scripts(_ds: Dataset, key: tuple, lang: str, era: str) -> dict[str, tuple[str, str]]:
    """Every layer's (name, script) for a language and era, rendered once."""
    built = layers.build(_ds, layers.LAYERS, lang, era)
    return {layer: (group.layer_name, prerender(group)) for layer, group in zip(layers.LAYERS, built)}


def layer_groups(scripts: Mapping[str, tuple[str, str]], visible: list[str]) -> list[PrerenderedGroup]:
    """Fresh groups (cheap) for the visible layers, in drawing order."""
    return [PrerenderedGroup(*scripts[layer]) for layer in layers.LAYERS
            if layer in visible and layer in scripts]


@st.cache_data(show_spinner=False, max_entries=64)
def highlight_script(_ds: Dataset, key: tuple, bridge: str | None, lang: str) -> tuple[str, str]:
    """The selection highlight's (name, script) for a bridge, rendered once."""
    group = highlight.group(_ds, bridge, lang)
    return group.layer_name, prerender(group)


def highlight_group(ds: Dataset, key: tuple, bridge: str | None, lang: str) -> PrerenderedGroup:
    """The selection highlight (not listed in the layer control)."""
    return PrerenderedGroup(*highlight_script(ds, key, bridge, lang), control=False)


@st.cache_resource(show_spinner=False, max_entries=4)
def minimap_outlines(_ds: Dataset, key: tuple) -> dict[str, Any]:
    """The minimap's province outlines, computed once per dataset (read-only)."""
    return controls.overview(_ds.layer("provinces"))


@st.cache_resource(show_spinner=False, max_entries=8)
def offline_basemap_script(_ds: Dataset, key: tuple, lang: str) -> tuple[str, str]:
    """The offline basemap's (name, script), rendered once per dataset and language."""
    group = basemap.offline_group(_ds, lang)
    return group.layer_name, prerender(group)


def offline_basemap(ds: Dataset, key: tuple, lang: str) -> PrerenderedGroup:
    """The offline basemap as a base layer of the base map (it adds itself to the map)."""
    return PrerenderedGroup(*offline_basemap_script(ds, key, lang), overlay=False, attach=True)


@st.cache_resource(show_spinner=False, max_entries=4)
def region_bounds(_ds: Dataset, key: tuple) -> tuple[float, float, float, float] | None:
    """The whole region's frame: the 9 ring provinces and the three signatories."""
    ring = agreement.provinces_in(_ds, "ring")
    focus = agreement.provinces_in(_ds, "focus")
    shapes = [g for g in (ring, focus) if len(g)]
    if not shapes:
        return None
    bounds = [frame.total_bounds for frame in shapes]
    return (min(b[0] for b in bounds), min(b[1] for b in bounds),
            max(b[2] for b in bounds), max(b[3] for b in bounds))
