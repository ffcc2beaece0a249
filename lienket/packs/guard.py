"""Which files an import may read: the regular files named, of known formats, under a size limit.

GDAL opens far more than a file: a directory, a VRT that names other files, a path through a
symlink to anywhere. An import reads exactly what the user named (a shapefile with its own
sidecars, same folder and stem), so it refuses symlinks, directories, other formats and files
over `MAX_BYTES`, before anything is opened.
"""

from __future__ import annotations

from pathlib import Path

#: Largest import (all parts of one input together): 256 MB, ~6x geoBoundaries' 44 MB ADM2.
MAX_BYTES = 256 * 1000 * 1000
#: Formats read, by suffix; none of them can pull in a file that was not named.
FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage",
           ".shp": "Shapefile"}
#: A shapefile's own parts, beside it with the same stem.
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


class InputError(ValueError):
    """A file an import will not read; the message says why."""


def parts(path: Path) -> list[Path]:
    """The files reading `path` opens: itself, and for a shapefile its sidecars that exist."""
    if path.suffix.lower() != ".shp":
        return [path]
    return [path.with_suffix(s) for s in SHAPEFILE_PARTS if path.with_suffix(s).exists()
            or path.with_suffix(s).is_symlink()]


def checked(path: Path, max_bytes: int = MAX_BYTES) -> Path:
    """`path` if an import may read it, else InputError (symlink, not a file, unknown format,
    a part elsewhere, too big)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"{path}: not a format the import reads "
                         f"({', '.join(sorted(set(FORMATS.values())))}: "
                         f"{', '.join(sorted(FORMATS))})")
    total = 0
    for part in parts(path):
        if part.is_symlink():
            raise InputError(f"{part}: is a symbolic link; name the file it points to")
        if not part.is_file():
            raise InputError(f"{part}: not a regular file" if part.exists()
                             else f"{part}: file not found")
        if part.resolve().parent != path.resolve().parent:  # a part must sit beside the file
            raise InputError(f"{part}: outside the folder of {path.name}")
        total += part.stat().st_size
    if total > max_bytes:
        raise InputError(f"{path}: {total / 1e6:,.0f} MB is over the import limit of "
                         f"{max_bytes / 1e6:,.0f} MB")
    return path.resolve()
