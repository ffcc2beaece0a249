"""`osm download`: the linkage region's ways from the Overpass API, into the OSM pack.

One pinned query (bridges, rivers and canals, the named approach roads, ferries, in `osm.REGION`);
urllib3 does the retries (429 and 504, with exponential backoff and Retry-After); the answer is
streamed under a size limit into a part file, read, matched and stored; only then does it replace
anything. A failed download leaves the previous pack byte for byte as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import urllib3
from urllib3.util import Retry, Timeout

from lienket.data.dataset import Dataset
from lienket.packs import download, osm_extract, osm_pack, store

URL = "https://overpass-api.de/api/interpreter"
ENV_URL = "LIENKET_OVERPASS_URL"  # another Overpass instance (or a test server)
_W, _S, _E, _N = osm_extract.REGION
#: The pinned query. `out geom` puts each way's coordinates inline: one answer, no node lookups.
QUERY = f"""[out:json][timeout:120][maxsize:67108864][bbox:{_S},{_W},{_N},{_E}];
(
  way["bridge"]["bridge"!="no"]["highway"];
  way["man_made"="bridge"];
  way["waterway"~"^(river|canal)$"];
  way["highway"]["ref"~"(ĐT|DT|QL)[. ]?(389|390|10|18)([^0-9A-Z]|$)"];
  way["route"="ferry"];
);
out geom;"""
MAX_BYTES = 64 * 2**20
TIMEOUT_S = 180.0  # the query's own server-side timeout is 120 s
RETRIES = 4
BACKOFF_S = 2.0  # 2, 4, 8, 16 s between tries (or what Retry-After asks, up to 2 min)
CHUNK = 64 * 1024

Progress = Callable[[int, int], None]  # (bytes received, expected total or 0 when unknown)


def fetch(dest: Path, url: str | None = None, progress: Progress | None = None,
          timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES, retries: int | None = None,
          backoff: float | None = None) -> Path:
    """POST the query; stream the answer into `dest` (a part file the caller renames)."""
    url = url or os.environ.get(ENV_URL) or URL
    retries = RETRIES if retries is None else retries
    backoff = BACKOFF_S if backoff is None else backoff
    retry = Retry(total=retries, status_forcelist=(429, 504), allowed_methods=None,
                  backoff_factor=backoff, backoff_max=60, respect_retry_after_header=True,
                  retry_after_max=120, raise_on_status=True)
    http = urllib3.PoolManager(retries=retry, timeout=Timeout(connect=30, read=timeout))
    received = 0
    try:
        response = http.request("POST", url, fields={"data": QUERY}, encode_multipart=False,
                                preload_content=False,
                                headers={"User-Agent": "lienket (python -m lienket osm download)"})
        if response.status != 200:
            raise download.DownloadError(f"Overpass answered HTTP {response.status} "
                                         f"{response.reason or ''}".strip())
        total = int(response.headers.get("Content-Length") or 0)
        if total > max_bytes:
            raise download.DownloadError(f"Overpass answer too large ({total / 1e6:.1f} MB, "
                                         f"limit {max_bytes / 1e6:.0f} MB)")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("wb") as out:
            for chunk in response.stream(CHUNK):
                received += len(chunk)
                if received > max_bytes:
                    raise download.DownloadError(f"Overpass answer over the size limit "
                                                 f"({max_bytes / 1e6:.0f} MB); not kept")
                out.write(chunk)
                if progress:
                    progress(received, total)
        response.release_conn()
    except urllib3.exceptions.MaxRetryError as exc:
        dest.unlink(missing_ok=True)
        reason = exc.reason
        if isinstance(reason, urllib3.exceptions.ResponseError):
            raise download.DownloadError(f"Overpass is busy ({reason}) after {retries + 1} tries; "
                                         "try again later") from exc
        raise download.DownloadError(f"cannot reach Overpass at {url} ({reason}); check the "
                                     "network") from exc
    except download.DownloadError:
        dest.unlink(missing_ok=True)
        raise
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        dest.unlink(missing_ok=True)
        raise download.DownloadError(f"Overpass download broke off after {received} bytes "
                                     f"({exc}); try again") from exc
    return dest


def download_pack(ds: Dataset, progress: Progress | None = None, url: str | None = None,
                  dest: Path | None = None, **limits: float) -> osm_pack.OsmPack:
    """Download the region, match the bridges, store the pack; nothing changes on failure."""
    folder = store.cache_dir() / "downloads"
    part = folder / f".overpass-{os.getpid()}.part.json"  # .json: read as Overpass JSON
    try:
        fetch(part, url, progress, **limits)
        try:
            extract = osm_extract.read(part)
        except osm_extract.OsmError as exc:
            raise download.DownloadError(f"Overpass sent an unusable answer: "
                                         f"{str(exc).split(': ', 1)[-1]}") from exc
        extract.source = f"Overpass API ({url or os.environ.get(ENV_URL) or URL}), pinned query"
        pack = osm_pack.load(osm_pack.save(osm_pack.build(extract, ds), dest))
        os.replace(part, folder / "overpass-region.json")  # the raw answer, for `osm import`
        return pack
    finally:
        part.unlink(missing_ok=True)
