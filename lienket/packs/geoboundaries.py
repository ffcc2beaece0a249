"""The geoBoundaries gbOpen VNM release (ADM1 + ADM2), pinned, downloaded into a boundary pack."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from lienket.data.dataset import Dataset
from lienket.packs import boundaries, boundary_import, download, store
from lienket.packs.boundaries import Pack, PackError
from lienket.packs.download import Remote

#: geoBoundaries gbOpen release pinned at this commit of github.com/wmgeolab/geoBoundaries.
COMMIT = "ea5b27e7aa608eb6827f2cc76620a5b21acc5962"
_BASE = ("https://media.githubusercontent.com/media/wmgeolab/geoBoundaries/"
         f"{COMMIT}/releaseData/gbOpen/VNM")

#: Sizes and digests are the `size` and `oid sha256` of the repository's Git LFS pointer files.
VNM: dict[str, Remote] = {
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


def total_size(remotes: Mapping[str, Remote] | None = None) -> int:
    """Bytes the release download fetches."""
    return sum(r.size for r in (remotes or VNM).values())


def download_pack(ds: Dataset, progress: download.Progress | None = None,
                  remotes: Mapping[str, Remote] | None = None,
                  dest: Path | None = None) -> Pack:
    """Fetch geoBoundaries gbOpen VNM ADM1+ADM2, verify, normalise and store; old pack kept on error."""
    remotes = remotes or VNM
    dest = dest or store.packs_dir(boundaries.DOWNLOADED)
    folder = store.cache_dir() / "downloads"
    total, done, files = total_size(remotes), 0, {}
    for key, remote in remotes.items():
        cached = folder / f"{remote.sha256[:16]}-{remote.name}"
        files[key] = download.fetch(remote, cached, progress, offset=done, grand_total=total)
        done += remote.size
    try:
        meta = json.loads(files["meta"].read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackError(f"geoBoundaries metadata unreadable: {exc}") from exc
    licence = meta.get("boundaryLicense") or "not stated"
    vintage = str(meta.get("boundaryYearRepresented") or meta.get("sourceDataUpdateDate")
                  or "not stated")
    source = (f"geoBoundaries gbOpen VNM ({meta.get('boundarySource') or 'source not stated'}), "
              f"release at commit {COMMIT[:10]}")
    request = boundary_import.ImportRequest(paths=[files["adm1"], files["adm2"]],
                                            name_field="shapeName", source=source,
                                            licence=licence, vintage=vintage)
    pack = boundary_import.build(request, ds)
    pack.info.origin = "downloaded"
    boundaries.save(pack, dest)
    return boundaries.load(dest)
