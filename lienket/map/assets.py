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

#: Leaflet and jQuery as separate files (the bench's bare page loads them so).
CORE_JS: list[tuple[str, str]] = [
    ("leaflet", f"{STATIC_URL}/{VENDOR}/leaflet/leaflet.js"),
    ("jquery", f"{STATIC_URL}/{VENDOR}/jquery/jquery.min.js"),
]
#: The map's one script: Leaflet, jQuery and every available plugin's script, joined at install.
#: st_folium loads scripts one after another, each waiting for the last to load and run: four
#: files cost four round trips before the map exists (~50 ms each on a busy machine), one costs one.
BUNDLE = "lienket-map.js"
BUNDLE_LINK = ("lienket_map_js", f"{STATIC_URL}/{VENDOR}/{BUNDLE}")
JS: list[tuple[str, str]] = [BUNDLE_LINK]
CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{STATIC_URL}/{VENDOR}/leaflet/leaflet.css"),
]


#: Optional plugins: name -> (files to copy, JS links, CSS links). A plugin's script is part of
#: the bundle (its JS link is the bundle's, which st_folium loads once); `PLUGIN_SCRIPTS` names the
#: file joined into it. Only Leaflet.draw's minified build is; the rest of draw/ are its images.
PLUGINS: dict[str, tuple[tuple[Asset, ...], list[tuple[str, str]], list[tuple[str, str]]]] = {
    "minimap": ((MINIMAP_JS, MINIMAP_CSS, MINIMAP_TOGGLE), [BUNDLE_LINK],
                [("Control_MiniMap_css", f"{STATIC_URL}/{VENDOR}/minimap/Control.MiniMap.css")]),
    "draw": ((DRAW_DIR,), [BUNDLE_LINK],
             [("leaflet_draw_css", f"{STATIC_URL}/{VENDOR}/draw/leaflet.draw.css")]),
}
#: Each plugin's script (under static/vendor), joined into the bundle after Leaflet and jQuery.
PLUGIN_SCRIPTS: dict[str, str] = {"minimap": "minimap/Control.MiniMap.js",
                                  "draw": "draw/leaflet.draw.js"}


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


def _write_if_changed(data: bytes, dst: Path) -> None:
    """Write a file atomically unless it already holds exactly `data`."""
    if dst.exists() and dst.read_bytes() == data:
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(dst)


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


def bundle_parts(available: list[str]) -> list[str]:
    """The scripts joined into the bundle (paths under static/vendor), in loading order."""
    core = [url.removeprefix(f"{STATIC_URL}/{VENDOR}/") for _name, url in CORE_JS]
    return core + [PLUGIN_SCRIPTS[name] for name in available if name in PLUGIN_SCRIPTS]


def install(static_dir: Path) -> list[Path]:
    """Copy Leaflet (with its images), jQuery and the available plugins into static_dir/vendor,
    then join their scripts into the bundle; return the files."""
    vendor = static_dir / VENDOR
    written = []
    available = [name for name in PLUGINS if plugin_available(name)]
    plugins = [a for name in available for a in PLUGINS[name][0]]
    for asset in (LEAFLET_DIR, JQUERY, *plugins):
        src = source(asset)
        files = sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src]
        for file in files:
            rel = file.relative_to(src) if src.is_dir() else Path()
            dst = vendor / asset.dest / rel if src.is_dir() else vendor / asset.dest
            _copy_if_changed(file, dst)
            written.append(dst)
    # Each part ends its own statements: a newline and ';' keep the next from joining them.
    joined = b"\n;\n".join((vendor / part).read_bytes() for part in bundle_parts(available))
    _write_if_changed(joined, vendor / BUNDLE)
    written.append(vendor / BUNDLE)
    return written
