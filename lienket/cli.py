"""Command line: `python -m lienket <subcommand>`. Each subcommand is one `add_*` function below."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from lienket.data import dataset, schema
from lienket.packs import (
    boundaries,
    boundary_import,
    download,
    geoboundaries,
    osm_extract,
    osm_pack,
    overpass,
)

#: Exit codes: 0 clean (warnings allowed), 1 the data has errors, 2 the command itself was wrong.
OK, DATA_ERRORS, USAGE = 0, 1, 2


def add_validate(sub: argparse._SubParsersAction) -> None:
    """`validate [DIR]`: check a geodata directory, a boundary pack or one file; never writes."""
    parser = sub.add_parser(
        "validate", help="check geodata files against the schema (read-only)",
        description="Check every GeoJSON file in DIR (default: the shipped geodata/) — or a "
                    "boundary pack, or one file — against the schema. Prints one line per "
                    "problem as `file · feature · property: message`. Never modifies a file.")
    parser.add_argument("path", nargs="?", type=Path, default=schema.GEODATA, metavar="DIR",
                        help="directory (or single .geojson file) to check; default: %(default)s")
    parser.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem and a summary; 1 if any is an error."""
    path: Path = args.path
    if not path.exists():
        print(f"lienket validate: {path}: no such file or directory", file=sys.stderr)
        return USAGE
    files, problems = dataset.check_path(path)
    for problem in problems:
        print(printable(f"{problem.level}: {problem}"))
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{path}: {len(files)} file(s) checked, {errors} error(s), {warnings} warning(s)")
    return DATA_ERRORS if errors else OK


def printable(line: str) -> str:
    """The line with control characters spelled out: data must not drive the user's terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


def _progress(received: int, total: int) -> None:
    """One-line progress bar on stderr."""
    width = 30
    done = int(width * received / total) if total else width
    sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {received / 1e6:6.1f} / "
                     f"{total / 1e6:.1f} MB")
    if received >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _print_pack(pack: boundaries.Pack) -> None:
    """What a pack holds and where it comes from."""
    info = pack.info
    print(f"pack: {info.path}\n  origin: {info.origin}\n  source: {info.source}\n"
          f"  licence: {info.licence}\n  vintage: {info.vintage}\n  era: {info.era}\n"
          f"  counts: {info.counts}")
    for line in info.report:
        print(f"  - {line}")


def cmd_import(args: argparse.Namespace) -> int:
    """Import user files into the imported pack."""
    request = boundary_import.ImportRequest(
        paths=[Path(p) for p in args.paths], level=args.level, name_field=args.name_field,
        province_field=args.province_field,
        from_wards=[(group[0], [Path(p) for p in group[1:]]) for group in args.from_wards or []],
        ward_names=[n.strip() for n in args.ward_names.split(",")] if args.ward_names else None,
        source=args.source, licence=args.licence or boundary_import.ImportRequest.licence,
        vintage=args.vintage or boundary_import.ImportRequest.vintage)
    if any(len(paths) == 0 for _, paths in request.from_wards):
        print("error: --from-wards needs a district name and at least one file", file=sys.stderr)
        return 2
    dest = Path(args.pack) if args.pack else None
    pack = boundary_import.import_pack(request, dataset.load(), dest, add=args.add)
    _print_pack(pack)
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    """Download the geoBoundaries pack."""
    print(f"downloading geoBoundaries gbOpen VNM ADM1 + ADM2 "
          f"(commit {geoboundaries.COMMIT[:10]}, {geoboundaries.total_size() / 1e6:.1f} MB)")
    dest = Path(args.pack) if args.pack else None
    pack = geoboundaries.download_pack(dataset.load(), _progress, dest=dest)
    _print_pack(pack)
    return 0


def cmd_info(_args: argparse.Namespace) -> int:
    """Which pack the app would use."""
    pack, notes = boundaries.best()
    for note in notes:
        print(f"skipped: {note}")
    if pack is None:
        print(f"no boundary pack: the app uses {boundaries.SHIPPED.source}")
    else:
        _print_pack(pack)
    return 0


def add_boundaries(sub: argparse._SubParsersAction) -> None:
    """`boundaries import|download|info`."""
    parser = sub.add_parser("boundaries", help="detailed boundary packs (import, download, info)")
    bsub = parser.add_subparsers(dest="action", required=True)
    imp = bsub.add_parser("import", help="import district/province files into a pack")
    imp.add_argument("paths", nargs="*", help="GeoJSON, GeoPackage or Shapefile (any CRS)")
    imp.add_argument("--level", choices=["auto", "districts", "provinces"], default="auto")
    imp.add_argument("--name-field", help="column holding names (detected when omitted)")
    imp.add_argument("--province-field", help="column holding each district's province")
    imp.add_argument("--from-wards", nargs="+", action="append", metavar=("DISTRICT", "FILE"),
                     help="build DISTRICT from the 2025 wards in FILE... (repeatable)")
    imp.add_argument("--ward-names", help="comma-separated ward names to keep from --from-wards files")
    imp.add_argument("--source", help="citation stored with the pack")
    imp.add_argument("--licence", help="licence stored with the pack")
    imp.add_argument("--vintage", help="vintage stored with the pack")
    imp.add_argument("--add", action="store_true", help="add to the existing imported pack")
    imp.add_argument("--pack", help="pack folder (default: the user's cache)")
    imp.set_defaults(run=cmd_import)
    dl = bsub.add_parser("download", help="download geoBoundaries gbOpen VNM ADM1 + ADM2")
    dl.add_argument("--pack", help="pack folder (default: the user's cache)")
    dl.set_defaults(run=cmd_download)
    info = bsub.add_parser("info", help="show the pack the app would use")
    info.set_defaults(run=cmd_info)


def add_export_site(sub: argparse._SubParsersAction) -> None:
    """`export-site DIR [--force] [--data GEODATA]`: the static, embeddable map."""
    parser = sub.add_parser(
        "export-site", help="write the map as a static website (embeddable, offline)",
        description="Write a self-contained static site to DIR: index.html, Leaflet and the "
                    "map's data for both eras and languages. Open DIR/index.html from disk or "
                    "publish DIR on any static host; no server code, no network.")
    parser.add_argument("path", type=Path, metavar="DIR", help="folder to write (new or empty)")
    parser.add_argument("--force", action="store_true",
                        help="replace the contents of a non-empty DIR")
    parser.add_argument("--data", type=Path, default=None, metavar="GEODATA",
                        help="geodata folder to export (default: $LIENKET_GEODATA or the "
                             "shipped geodata/)")
    parser.set_defaults(run=run_export_site)


def run_export_site(args: argparse.Namespace) -> int:
    """Build and write the site; problems in the data are listed, as the app lists them."""
    # Imported here: the other subcommands need neither folium nor the renderer. Streamlit (under
    # the renderer) warns of "missing ScriptRunContext" outside an app: true, and noise here.
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    from lienket.site import build

    source = args.data or Path(os.environ.get("LIENKET_GEODATA") or schema.GEODATA)
    if not source.is_dir():
        print(f"lienket export-site: {source}: no such folder", file=sys.stderr)
        return USAGE
    try:
        build.check_target(args.path, args.force)
    except build.SiteError as exc:
        print(f"lienket export-site: {exc}", file=sys.stderr)
        return USAGE
    ds = dataset.load(source)
    for problem in ds.problems:
        print(printable(f"{problem.level}: {problem}"), file=sys.stderr)
    try:
        written = build.export(args.path, ds, force=args.force)
    except (build.SiteError, OSError) as exc:
        print(f"lienket export-site: {exc}", file=sys.stderr)
        return DATA_ERRORS
    print(f"{written.path}: {written.files} files, {written.size / 1000:.0f} kB — open "
          f"{written.path / 'index.html'} or publish the folder on a static host")
    return OK


# --- issue 13: OpenStreetMap -------------------------------------------------------------------

def _osm_dataset() -> dataset.Dataset:
    """The bridges to match, with the boundary pack's district polygons when there is one."""
    return osm_pack.matching_dataset(dataset.load())


def _print_osm(pack: osm_pack.OsmPack, ds: dataset.Dataset) -> None:
    """Where the OSM pack is, what it holds and what each bridge matched."""
    meta = pack.meta
    print(f"OSM pack: {pack.path}\n  source: {printable(str(meta.get('source')))}\n"
          f"  data timestamp: {meta.get('timestamp')}\n  licence: {meta.get('licence')}\n"
          f"  ways: {meta.get('counts')}")
    for line in osm_pack.report(pack, ds):
        print(printable(f"  - {line}"))


def _osm_progress(received: int, total: int) -> None:
    """Bytes received so far, on stderr (Overpass rarely says how many will come)."""
    of = f" / {total / 1e6:.1f}" if total else ""
    sys.stderr.write(f"\r  {received / 1e6:6.2f}{of} MB")
    sys.stderr.flush()


def cmd_osm_import(args: argparse.Namespace) -> int:
    """Read an extract into the OSM pack."""
    ds = _osm_dataset()
    _print_osm(osm_pack.import_file(Path(args.file), ds, Path(args.pack) if args.pack else None), ds)
    return OK


def cmd_osm_download(args: argparse.Namespace) -> int:
    """Fetch the region from Overpass into the OSM pack."""
    ds = _osm_dataset()
    print(f"downloading the linkage region from Overpass (bbox {osm_extract.REGION})", file=sys.stderr)
    try:
        pack = overpass.download_pack(ds, _osm_progress, dest=Path(args.pack) if args.pack else None)
    finally:
        sys.stderr.write("\n")  # end the progress line, before any error
    _print_osm(pack, ds)
    return OK


def cmd_osm_info(args: argparse.Namespace) -> int:
    """Which OSM pack the app would use."""
    pack, note = osm_pack.current(Path(args.pack) if args.pack else None)
    if note:
        print(f"skipped: {printable(note)}")
    if pack is None:
        print("no OSM pack: bridges are drawn at their estimated positions")
    else:
        _print_osm(pack, _osm_dataset())
    return OK


def add_osm(sub: argparse._SubParsersAction) -> None:
    """`osm import FILE | download | info`."""
    parser = sub.add_parser("osm", help="OpenStreetMap geometry for the bridges (import, download, "
                                        "info)")
    osub = parser.add_subparsers(dest="action", required=True)
    imp = osub.add_parser("import", help="read a .osm, .osm.pbf or Overpass .json extract")
    imp.add_argument("file", help="the extract")
    dl = osub.add_parser("download", help="fetch the linkage region from the Overpass API")
    info = osub.add_parser("info", help="show the OSM pack the app would use")
    for p, run in ((imp, cmd_osm_import), (dl, cmd_osm_download), (info, cmd_osm_info)):
        p.add_argument("--pack", help="pack folder (default: the user's cache)")
        p.set_defaults(run=run)


#: One entry per subcommand; adding a subcommand = writing its add_* function and listing it here.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [add_validate, add_boundaries,
                                                                    add_osm, add_export_site]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen subcommand; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m lienket",
                                     description="Liên kết vùng: tools for the map's data.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    # Vietnamese text must reach any terminal, even one whose encoding cannot show it.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (boundaries.PackError, download.DownloadError, osm_extract.OsmError) as exc:
        print(f"error: {exc}", file=sys.stderr)  # a user's problem: say why, no traceback
        return 1


if __name__ == "__main__":
    sys.exit(main())
