"""Rewrite the bridges' geometry in geodata/bridges.geojson from an OpenStreetMap extract.

    PYTHONPATH=$PWD python scripts/build_bridges_from_osm.py EXTRACT [--geodata DIR]

EXTRACT is a `.osm`, `.osm.pbf` or Overpass `.json` file covering the linkage region (for instance
the raw answer `python -m lienket osm download` keeps in the cache). Each bridge that matches a way
(lienket.packs.osm_match: by name, else by crossing) gets the way as its line, bank to bank; its facts are
kept, its sources gain the way and the data's date, its accuracy becomes OpenStreetMap's and the
"schematic" position and uncertainty go. Bridges that match nothing keep their estimate.
geodata/SOURCES.md gains the ODbL notice. The result is validated before anything is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from lienket.data import dataset, schema
from lienket.packs import osm_extract, osm_match, osm_pack

ROUND = 7  # decimal degrees: ~1 cm, below OSM's own precision
NOTICE_HEADING = "## OpenStreetMap (bridge geometry)"
NOTICE = f"""
{NOTICE_HEADING}

Bridges whose `sources` cite `openstreetmap.org/way/…` are drawn as that OpenStreetMap way,
written by `scripts/build_bridges_from_osm.py` from an extract (the data's date is in each source).
© OpenStreetMap contributors. That geometry is available under the Open Database Licence 1.0
(ODbL, opendatacommons.org/licenses/odbl/1-0/); see openstreetmap.org/copyright. A derived
database that uses it must credit OpenStreetMap and stay under the ODbL.
"""


def rewrite(doc: dict, matches: list[osm_match.Match], timestamp: str) -> list[str]:
    """Put each matched way into the collection in place; one report line per bridge."""
    by_id = {m.bridge: m for m in matches}
    report = []
    for feature in doc["features"]:
        props = feature["properties"]
        m = by_id.get(props.get("id"))
        if m is None or m.line is None:
            report.append(f"{props.get('name')}: {m.detail if m else 'not in the data'}; "
                          "geometry kept")
            continue
        feature["geometry"] = {"type": "LineString",
                               "coordinates": [[round(x, ROUND), round(y, ROUND)]
                                               for x, y in m.line.coords]}
        sources = [s for s in props.get("sources", []) if "openstreetmap.org/way/" not in s]
        sources += [f"{osm_pack.way_url(w)} (© OpenStreetMap contributors, ODbL; data of "
                    f"{timestamp})" for w in m.ways]
        props["sources"] = sources
        props["accuracy"] = osm_pack.ACCURACY.format(date=timestamp)
        props.pop("position", None)
        props.pop("uncertainty_m", None)
        report.append(f"{props.get('name')}: {m.detail}")
    return report


def _write(path: Path, text: str) -> None:
    """Replace a file whole (a crash leaves the old one)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    """Read, match, validate, write."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("extract", type=Path)
    parser.add_argument("--geodata", type=Path, default=schema.GEODATA)
    args = parser.parse_args(argv)
    try:
        extract = osm_extract.read(args.extract)
    except osm_extract.OsmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    ds = dataset.load(args.geodata)
    path = args.geodata / schema.FILES["bridges"][0]
    doc = json.loads(path.read_text(encoding="utf-8"))
    matches = osm_match.match(ds, extract)
    report = rewrite(doc, matches, extract.timestamp)
    for line in report:
        print(line)
    if not any(m.line is not None for m in matches):
        print("nothing matched: bridges.geojson unchanged")
        return 0
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    check = path.with_name(f".check-{os.getpid()}.geojson")
    try:
        check.write_text(text, encoding="utf-8")
        _files, problems = dataset.check_path(check)
    finally:
        check.unlink(missing_ok=True)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        for problem in errors:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    _write(path, text)
    sources = args.geodata / "SOURCES.md"
    existing = sources.read_text(encoding="utf-8") if sources.exists() else ""
    if NOTICE_HEADING not in existing:
        _write(sources, existing.rstrip("\n") + "\n" + NOTICE)
    print(f"wrote {path} ({sum(m.line is not None for m in matches)} bridge(s) from OSM, data of "
          f"{extract.timestamp})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
