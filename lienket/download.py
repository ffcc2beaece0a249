"""Verified downloads: pinned URL, expected size and SHA-256, atomic write, progress callback."""

from __future__ import annotations

import hashlib
import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: geoBoundaries gbOpen release pinned at this commit of github.com/wmgeolab/geoBoundaries.
GEOBOUNDARIES_COMMIT = "ea5b27e7aa608eb6827f2cc76620a5b21acc5962"
_BASE = ("https://media.githubusercontent.com/media/wmgeolab/geoBoundaries/"
         f"{GEOBOUNDARIES_COMMIT}/releaseData/gbOpen/VNM")

Progress = Callable[[int, int], None]
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Remote:
    """A file to fetch: where from, and what it must be (from the Git LFS pointer)."""

    name: str
    url: str
    size: int
    sha256: str


#: Sizes and digests are the `size` and `oid sha256` of the repository's Git LFS pointer files.
GEOBOUNDARIES_VNM: dict[str, Remote] = {
    "adm1": Remote("geoBoundaries-VNM-ADM1.geojson",
                   f"{_BASE}/ADM1/geoBoundaries-VNM-ADM1.geojson", 715_600,
                   "c10d6aa1b4f47a3f5a873f85f13ccfd9db77b45b6a9c90a35f60d6ac2d17d53d"),
    "adm2": Remote("geoBoundaries-VNM-ADM2.geojson",
                   f"{_BASE}/ADM2/geoBoundaries-VNM-ADM2.geojson", 43_923_924,
                   "5560ad26a2f4c3cf39169822ba8801230e3911108f6a5a7283080a70b4e8f520"),
    "meta": Remote("geoBoundaries-VNM-ADM2-metaData.json",
                   f"{_BASE}/ADM2/geoBoundaries-VNM-ADM2-metaData.json", 951,
                   "c748717ebd3e0856eaca5acbf1d4a711eab090cb74c2a4cc631752a001e6a533"),
}


class DownloadError(RuntimeError):
    """A download failed; the message says why in words a user can act on."""


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_valid(path: Path, remote: Remote) -> bool:
    """Whether a cached copy is complete and intact."""
    return path.is_file() and path.stat().st_size == remote.size and sha256_of(path) == remote.sha256


def fetch(remote: Remote, dest: Path, progress: Progress | None = None,
          timeout: float = 30) -> Path:
    """Download `remote` to `dest`, verified; reuse an intact cached copy; never leave a partial file."""
    if is_valid(dest, remote):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    digest, received = hashlib.sha256(), 0
    try:
        with urllib.request.urlopen(remote.url, timeout=timeout) as response, part.open("wb") as out:
            while chunk := response.read(CHUNK):
                received += len(chunk)
                if received > remote.size:
                    raise DownloadError(f"{remote.name}: server sent more than the expected "
                                        f"{remote.size} bytes")
                digest.update(chunk)
                out.write(chunk)
                if progress:
                    progress(received, remote.size)
    except DownloadError:
        part.unlink(missing_ok=True)
        raise
    except (urllib.error.URLError, http.client.HTTPException, OSError, TimeoutError) as exc:
        part.unlink(missing_ok=True)
        reason = getattr(exc, "reason", None) or exc
        raise DownloadError(f"{remote.name}: download failed after {received} of {remote.size} "
                            f"bytes ({reason}); check the network and try again") from exc
    if received != remote.size:
        part.unlink(missing_ok=True)
        raise DownloadError(f"{remote.name}: incomplete download ({received} of {remote.size} "
                            "bytes); try again")
    if digest.hexdigest() != remote.sha256:
        part.unlink(missing_ok=True)
        raise DownloadError(f"{remote.name}: checksum mismatch (got {digest.hexdigest()[:12]}…, "
                            f"expected {remote.sha256[:12]}…); the file was not kept")
    os.replace(part, dest)
    return dest
