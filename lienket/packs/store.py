"""Pack folders in the user's cache: saved atomically with a meta file and checksums, loaded verified.

Any kind of pack (boundaries, an OpenStreetMap extract…) is a folder of files beside one JSON meta
file whose `files` maps each file name to its SHA-256. `save` writes a complete new folder and
swaps it in, so a reader sees the old pack or the new one, never a mix; `load_meta` finishes an
interrupted swap and refuses a folder whose files do not match their checksums.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import platformdirs
import pooch

ENV_CACHE = "LIENKET_CACHE"
APP = "lienket"


class PackError(RuntimeError):
    """A pack cannot be read, imported or written; the message says why."""


def cache_dir() -> Path:
    """The user's cache folder for lienket: LIENKET_CACHE, else the platform's (XDG on Linux)."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    return Path(platformdirs.user_cache_dir(APP))


def packs_dir(kind: str = "") -> Path:
    """Where packs live in the cache (`kind` names a sub-folder, e.g. "osm")."""
    return cache_dir() / "packs" / kind if kind else cache_dir() / "packs"


def sha256_of(path: Path) -> str:
    """SHA-256 of a file (hex)."""
    return pooch.file_hash(str(path), alg="sha256")


def save(path: Path, write: Callable[[Path], None], meta: dict[str, Any], meta_name: str) -> Path:
    """Write a pack atomically: `write(folder)` fills a fresh folder, the meta file gets the
    checksum of every file written and the time; the complete folder replaces the old one, or
    nothing changes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        write(tmp)
        files = {p.name: sha256_of(p) for p in sorted(tmp.iterdir())
                 if p.is_file() and p.name != meta_name}
        meta = {**meta, "files": files,
                "created": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        (tmp / meta_name).write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
        old = _old(path)
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return path


def load_meta(path: Path, meta_name: str, label: str = "pack") -> dict[str, Any]:
    """A pack folder's meta, after checking every file it lists against its checksum."""
    recover(path)
    try:
        meta = json.loads((path / meta_name).read_text(encoding="utf-8"))
        files = dict(meta.get("files") or {})
    except FileNotFoundError:
        raise PackError(f"{label} {path}: no {meta_name} (not a pack folder)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError, AttributeError,
            ValueError) as exc:
        raise PackError(f"{label} {path}: {meta_name} is unreadable ({exc})") from exc
    for filename, digest in files.items():
        file = path / Path(filename).name  # a meta file names files in its own folder only
        if not file.is_file() or sha256_of(file) != digest:
            raise PackError(f"{label} {path}: {filename} is missing or corrupt "
                            "(checksum mismatch); import or download it again")
    return meta


def recover(path: Path) -> None:
    """Finish an interrupted save: if only the previous pack survives, put it back."""
    old = _old(path)
    if not path.exists() and old.exists():
        os.replace(old, path)


def _old(path: Path) -> Path:
    """Where `save` parks the previous pack while it swaps the new one in."""
    return path.with_name(f".{path.name}.old")


def unwritable(folder: Path) -> str | None:
    """None when files can be created in `folder` (made if missing), else why not, in one line."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as exc:
        return f"{exc.strerror or type(exc).__name__}" + (f": {exc.filename}" if exc.filename else "")
    return None
