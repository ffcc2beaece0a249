"""Leaflet, jQuery and Leaflet plugins from installed PyPI packages, served by Streamlit from
static/ for offline use.

Plugins: Control.MiniMap and Leaflet.draw 1.0.4 (the measuring tool) ship in `django-leaflet`.
Its files are read from the installed distribution without importing it (importing it needs
Django settings). A plugin whose package is missing is left off the map, never loaded from a CDN
through st_folium (whose loader stops the whole map when one script fails).
"""

from __future__ import annotations

import filecmp
import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path

#: Where Streamlit serves `<app dir>/static` when `server.enableStaticServing` is on.
STATIC_URL = "/app/static"
#: Sub-folder of static/ that holds copied vendor files (git-ignored).
VENDOR = "vendor"


@dataclass(frozen=True)
class Asset:
    """A vendor file: the installed package that ships it, and where it goes under static/."""

    name: str
    package: str
    path: str
    dest: str


LEAFLET_DIR = Asset("leaflet", "js_lib_leaflet", "static/js_lib_leaflet", "leaflet")
JQUERY = Asset("jquery", "xstatic.pkg.jquery", "data/jquery.min.js", "jquery/jquery.min.js")
#: django-leaflet's static folder: Control.MiniMap.{js,css} and draw/ (Leaflet.draw 1.0.4).
MINIMAP_JS = Asset("minimap", "leaflet", "static/leaflet/Control.MiniMap.js",
                   "minimap/Control.MiniMap.js")
MINIMAP_CSS = Asset("minimap", "leaflet", "static/leaflet/Control.MiniMap.css",
                    "minimap/Control.MiniMap.css")
#: The minimap's show/hide arrow: its stylesheet asks for images/toggle.png beside it.
MINIMAP_TOGGLE = Asset("minimap", "leaflet", "static/leaflet/images/toggle.png",
                       "minimap/images/toggle.png")
DRAW_DIR = Asset("draw", "leaflet", "static/leaflet/draw", "draw")

JS: list[tuple[str, str]] = [
    ("leaflet", f"{STATIC_URL}/{VENDOR}/leaflet/leaflet.js"),
    ("jquery", f"{STATIC_URL}/{VENDOR}/jquery/jquery.min.js"),
]
CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{STATIC_URL}/{VENDOR}/leaflet/leaflet.css"),
]


#: Optional plugins: name -> (files to copy, JS links, CSS links). Only Leaflet.draw's minified
#: build and the MiniMap control are linked; the rest of draw/ are its images.
PLUGINS: dict[str, tuple[tuple[Asset, ...], list[tuple[str, str]], list[tuple[str, str]]]] = {
    "minimap": ((MINIMAP_JS, MINIMAP_CSS, MINIMAP_TOGGLE),
                [("Control_MiniMap_js", f"{STATIC_URL}/{VENDOR}/minimap/Control.MiniMap.js")],
                [("Control_MiniMap_css", f"{STATIC_URL}/{VENDOR}/minimap/Control.MiniMap.css")]),
    "draw": ((DRAW_DIR,),
             [("leaflet_draw_js", f"{STATIC_URL}/{VENDOR}/draw/leaflet.draw.js")],
             [("leaflet_draw_css", f"{STATIC_URL}/{VENDOR}/draw/leaflet.draw.css")]),
}


class AssetError(RuntimeError):
    """A vendor package is missing or incomplete: the map cannot render offline."""


def source(asset: Asset) -> Path:
    """The file or folder inside the installed package."""
    try:
        spec = importlib.util.find_spec(asset.package)  # locates without running the package
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(f"package {asset.package!r} is not installed "
                         f"(run `pip install -e .`)")
    path = Path(next(iter(spec.submodule_search_locations))) / asset.path
    if not path.exists():
        raise AssetError(f"{asset.path} is missing from the installed {asset.package!r}")
    return path


def _copy_if_changed(src: Path, dst: Path) -> None:
    """Copy a file unless an identical one is already there (start-up stays cheap)."""
    if dst.exists() and filecmp.cmp(src, dst, shallow=False):
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".tmp")
    shutil.copyfile(src, tmp)
    tmp.replace(dst)


def plugin_available(name: str) -> bool:
    """Whether an optional plugin's package is installed with every file it needs."""
    try:
        return all(source(asset).exists() for asset in PLUGINS[name][0])
    except AssetError:
        return False


def install(static_dir: Path) -> list[Path]:
    """Copy Leaflet (with its images), jQuery and the available plugins into static_dir/vendor;
    return the files."""
    vendor = static_dir / VENDOR
    written = []
    plugins = [a for name in PLUGINS if plugin_available(name) for a in PLUGINS[name][0]]
    for asset in (LEAFLET_DIR, JQUERY, *plugins):
        src = source(asset)
        files = sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src]
        for file in files:
            rel = file.relative_to(src) if src.is_dir() else Path()
            dst = vendor / asset.dest / rel if src.is_dir() else vendor / asset.dest
            _copy_if_changed(file, dst)
            written.append(dst)
    return written
