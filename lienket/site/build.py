"""The static, embeddable site: `python -m lienket export-site DIR`, and the app's zip of it.

The site is `index.html`, its script and style (`lienket/site/page/`), Leaflet copied from the
installed package the app serves (`lienket.map.assets`), and the data files of `lienket.site.variants`.
Every path is relative: it opens from file:// and from any static host, and asks the network for
nothing but OpenStreetMap tiles (which fail quietly offline). It is written atomically.
"""

from __future__ import annotations

import html
import io
import json
import os
import shutil
import string
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lienket.data.dataset import Dataset
from lienket.map import assets, style
from lienket.site import variants
from lienket.text import i18n
from lienket.text.i18n import t

PAGE = Path(__file__).resolve().parent / "page"
#: Leaflet's files the page uses (its stylesheet asks for the images); maps and sources left out.
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")
#: The page's own scripts, joined into one file in this order (the link rules first).
SCRIPTS = ("link.js", "site.js")
#: Written with the site, so a later `--force` knows the folder is an earlier export.
MANIFEST = "lienket-site.json"
#: Fixed time stamp for zip entries: the same data gives the same zip.
ZIP_TIME = (2022, 3, 13, 0, 0, 0)


class SiteError(RuntimeError):
    """The site cannot be written where asked (the message says why and what to do)."""


@dataclass(frozen=True)
class Written:
    """What an export wrote: where, how many files, how many bytes."""

    path: Path
    files: int
    size: int


def _fingerprinted(name: str, data: bytes) -> str:
    """'site.js' -> 'site.1a2b3c4d5e.js'."""
    stem, _, ext = name.rpartition(".")
    return f"{stem}.{variants.fingerprint(data.decode('utf-8'))}.{ext}"


def _style() -> str:
    """The page's stylesheet: its own layout, then the map's own (legend, background)."""
    return ((PAGE / "site.css").read_text(encoding="utf-8") + "\n/* the live app's map.css */\n"
            + style.css("map.css"))


def build(ds: Dataset) -> dict[str, bytes]:
    """Every file of the site, {relative path: bytes}, for the data `ds` (as loaded)."""
    data_files, config = variants.data_files(ds)
    files: dict[str, bytes] = {path: text.encode("utf-8") for path, text in data_files.items()}
    leaflet = assets.source(assets.LEAFLET_DIR)
    for name in LEAFLET_FILES:
        files[f"vendor/leaflet/{name}"] = (leaflet / name).read_bytes()
    page = {}
    script = b"\n".join((PAGE / name).read_bytes() for name in SCRIPTS)
    for name, content in (("site.js", script),
                          ("site.css", _style().encode("utf-8"))):
        page[name] = _fingerprinted(name, content)
        files[page[name]] = content
    lang = i18n.DEFAULT_LANG
    page_html = string.Template((PAGE / "index.html").read_text(encoding="utf-8")).substitute(
        lang=lang, title=_attr(t("app_title", lang)), panel_label=_attr(t("site_panel", lang)),
        loading=_attr(t("site_loading", lang)), noscript=_attr(t("site_noscript", lang)),
        config=variants.js_json(config), leaflet_css="vendor/leaflet/leaflet.css",
        leaflet_js="vendor/leaflet/leaflet.js", site_css=page["site.css"], site_js=page["site.js"])
    files["index.html"] = page_html.encode("utf-8")
    files[MANIFEST] = json.dumps({"generator": "python -m lienket export-site",
                                  "files": sorted(files)}, indent=1).encode("utf-8")
    return files


def _attr(text: str) -> str:
    """Text safe in HTML content and attributes."""
    return html.escape(text, quote=True)


def _dangerous(dest: Path) -> bool:
    """Whether replacing `dest` would delete something that is plainly not a site: the root,
    the home folder, the working directory or one of its parents, or this repository."""
    dest = dest.resolve()
    here = Path.cwd().resolve()
    repo = Path(__file__).resolve().parents[2]
    return (dest == Path(dest.anchor) or dest == Path.home().resolve() or dest in (here, *here.parents)
            or dest in (repo, *repo.parents))


def check_target(dest: Path, force: bool) -> None:
    """Refuse a file, a non-empty folder (unless `force`), or a folder `force` must not replace."""
    if dest.exists() and not dest.is_dir():
        raise SiteError(f"{dest} is a file, not a folder")
    if dest.is_dir() and any(dest.iterdir()):
        if not force:
            raise SiteError(f"{dest} is not empty: choose an empty or new folder, or add --force "
                            f"to replace its contents")
        if _dangerous(dest):
            raise SiteError(f"refusing to replace {dest}: it holds more than a site "
                            f"(choose a folder of its own)")


def write(dest: Path, files: dict[str, bytes], force: bool = False) -> Written:
    """Write the site to `dest` atomically: built in a temporary folder beside it, then renamed
    into place; a failure leaves `dest` as it was and no temporary folder behind."""
    dest = Path(dest)
    check_target(dest, force)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    old = None
    try:
        for rel, content in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a site is for reading
        if dest.exists():
            old = dest.with_name(f".{dest.name}.{os.getpid()}.old")
            dest.rename(old)
        tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not dest.exists():
            old.rename(dest)  # put the previous contents back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return Written(dest, len(files), sum(len(c) for c in files.values()))


def export(dest: Path, ds: Dataset, force: bool = False) -> Written:
    """Build the site from `ds` and write it to `dest`."""
    check_target(Path(dest), force)  # before the build: a refusal costs nothing
    return write(Path(dest), build(ds), force)


def zip_bytes(ds: Dataset) -> bytes:
    """The site of `ds` as a zip, for the app's download button."""
    return zip_of(build(ds))


def zip_of(files: dict[str, bytes], folder: str = "lienket-site") -> bytes:
    """Site files as a zip with one top folder (same files, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel, content in sorted(files.items()):
            info = zipfile.ZipInfo(f"{folder}/{rel}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()
