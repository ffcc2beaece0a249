"""Leaflet and jQuery from installed PyPI packages, served by Streamlit from static/ for offline use."""

from __future__ import annotations

import filecmp
import shutil
from dataclasses import dataclass
from importlib import resources
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

JS: list[tuple[str, str]] = [
    ("leaflet", f"{STATIC_URL}/{VENDOR}/leaflet/leaflet.js"),
    ("jquery", f"{STATIC_URL}/{VENDOR}/jquery/jquery.min.js"),
]
CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{STATIC_URL}/{VENDOR}/leaflet/leaflet.css"),
]


class AssetError(RuntimeError):
    """A vendor package is missing or incomplete: the map cannot render offline."""


def source(asset: Asset) -> Path:
    """The file or folder inside the installed package."""
    try:
        root = resources.files(asset.package)
    except ModuleNotFoundError as exc:
        raise AssetError(f"package {asset.package!r} is not installed "
                         f"(run `pip install -e .`)") from exc
    path = Path(str(root)) / asset.path
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


def install(static_dir: Path) -> list[Path]:
    """Copy Leaflet (with its images) and jQuery into static_dir/vendor; return the files."""
    vendor = static_dir / VENDOR
    written = []
    for asset in (LEAFLET_DIR, JQUERY):
        src = source(asset)
        files = sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src]
        for file in files:
            rel = file.relative_to(src) if src.is_dir() else Path()
            dst = vendor / asset.dest / rel if src.is_dir() else vendor / asset.dest
            _copy_if_changed(file, dst)
            written.append(dst)
    return written
