"""Benchmark: `python bench/run.py` prints each figure beside its target, then a summary table.

The machine is shared and noisy, so the naive build is measured in the same run as the real one
and the app's first paint beside a bare st_folium page's, compared as ratios. Scenarios: the
default view, each era the app offers, and the detailed boundary pack imported from ../shared
when it is there. Options: --runs N (reruns per median, >= 20), --loads N (browser loads per
median, >= 5), --sessions N / --batch N (sessions open at once, opened N together), --soak [MIN]
(3 sessions in scripted use, 10 min), --scenario NAME, --no-browser.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# First: importing bench.report quiets the bare-mode warnings Streamlit gives the bench.
import folium  # noqa: E402
import shapely  # noqa: E402
import streamlit_folium as stf  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from bench import firstrun, live, pageload  # noqa: E402
from bench.report import Report, Scenario  # noqa: E402
from lienket.app import cache
from lienket.data import dataset, schema
from lienket.map import base, layers, simplify  # noqa: E402
from lienket.packs import boundaries, boundary_import
from tests.browser.harness import serve_app  # noqa: E402

SHARED_RAW = Path(os.environ.get("LIENKET_SHARED", ROOT.parent / "shared")) / "geodata" / "raw"
KB = 1000


@contextmanager
def environment(env: dict[str, str]):
    """Temporarily set environment variables (the app reads packs from them)."""
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def shared_pack(tmp: Path) -> Path | None:
    """Import the detailed boundaries from ../shared into a temporary pack (None if absent)."""
    districts = SHARED_RAW / "dvhcvn_gischinhphu" / "derived" / "vn_adm2_north12_districts_dvhcvn.geojson"
    wards = sorted((SHARED_RAW / "vnprovdb_bando2025" / "raw_wards_dong_trieu").glob("*.geojson"))
    if not districts.exists() or not wards:
        return None
    request = boundary_import.ImportRequest(paths=[districts], from_wards=[("Thị xã Đông Triều", wards)],
                                  source="bench: ../shared (never shipped)")
    return boundary_import.import_pack(request, dataset.load(schema.GEODATA), tmp / "pack").info.path and tmp / "pack"


def eras() -> list[str]:
    """Eras the app offers (the 2025 view arrives with lienket.data.eras)."""
    try:
        from lienket.data import eras as eras_module  # noqa: F401
    except ImportError:
        return ["2022"]
    return ["2022", "2025"]


# --- payload ---------------------------------------------------------------------------------------

def component_args(at: AppTest) -> dict:
    """What the page sends the st_folium component."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def group_sizes(args: dict, visible: list[str]) -> dict[str, int]:
    """Bytes of each dynamic feature group in the component's arguments."""
    parts = args["feature_group"].split("map_div.addLayer(")
    names = [*visible, "legend", "search mark", "selection"]
    sizes = {}
    for i, part in enumerate(parts[:-1]):
        sizes[names[i] if i < len(names) else f"group{i}"] = len(part.encode())
    return sizes


def vertices(group: folium.FeatureGroup) -> int:
    """Coordinates embedded in a group's GeoJSON layers."""
    total = 0
    for child in group._children.values():
        payload = getattr(child, "data", None)
        if isinstance(payload, dict):
            for feature in payload.get("features", []):
                geom = feature.get("geometry")
                if geom:
                    total += int(shapely.get_num_coordinates(shapely.geometry.shape(geom)))
    return total


def component_payload(groups: list[folium.FeatureGroup], lang: str) -> int:
    """Bytes st_folium would send for these groups on the base map (its own code path)."""
    m = base.base_map((106.1, 20.1, 108.1, 21.7), lang)
    m.get_root().render()
    script = stf._get_map_string(m)
    strings = [stf._get_feature_group_string(g, m, i) for i, g in enumerate(groups)]
    control = stf._get_layer_control_string(folium.LayerControl(), m)
    return len(script.encode()) + sum(len(s.encode()) for s in strings) + len(control.encode())


def raw_dataset(ds_display: dataset.Dataset, pack_dir: Path | None) -> dataset.Dataset:
    """The naive input: shipped and pack geometry as stored (unsimplified, full precision)."""
    ds = dataset.load(schema.GEODATA)
    if pack_dir is None:
        return ds
    pack = boundaries.load(pack_dir)
    layers_ = dict(ds.layers)
    shipped = ds.layer("provinces")
    focus = set(shipped.loc[shipped["code"].isin(ds.agreement["focus"]), "name"])
    layers_["district_areas"] = pack.districts[pack.districts["province"].isin(focus)]
    return dataclasses.replace(ds, layers=layers_)


def median_ms(fn, runs: int) -> float:
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


# --- reruns ---------------------------------------------------------------------------------------

def new_app(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def opened(params: dict[str, str]) -> AppTest:
    """The page after a session's first run (the map) and the follow-up run the map asks for."""
    return new_app(params).run().run()


def clear_caches() -> None:
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()


def rerun_figures(report: Report, sc: Scenario, runs: int) -> AppTest:
    """Cold, warm and bridge-selection reruns, server side (AppTest runs the script in-process)."""
    cold = []
    for _ in range(3):
        clear_caches()
        at = new_app(sc.params)
        t = time.perf_counter()
        at.run().run()
        cold.append(time.perf_counter() - t)
    report.add(sc.name, "first load cold (first run and its follow-up, empty caches), median of 3",
               1000 * statistics.median(cold), "ms")
    at = opened(sc.params)
    warm = median_ms(at.run, runs)
    report.add(sc.name, f"rerun warm, median of {runs}", warm, "ms", "<= 150 ms", warm <= 150)
    labels = [o for o in at.selectbox(key="bridge_select").options if o.startswith("Cầu")]
    state = {"i": 0}

    def select_next() -> None:
        state["i"] += 1
        at.selectbox(key="bridge_select").select(labels[state["i"] % len(labels)]).run()
    sel = median_ms(select_next, runs)
    report.add(sc.name, f"rerun on bridge selection, median of {runs}", sel, "ms", "<= 150 ms",
               sel <= 150)
    return at


def remount_figures(report: Report, sc: Scenario) -> None:
    """The base map must not change on selection or toggle (same component key: no remount)."""
    at = opened(sc.params)
    key = component_args(at)["key"]
    labels = [o for o in at.selectbox(key="bridge_select").options if o.startswith("Cầu")]
    at.selectbox(key="bridge_select").select(labels[-1]).run()
    same_select = component_args(at)["key"] == key
    at.checkbox(key="layer_heritage").uncheck().run()
    same_toggle = component_args(at)["key"] == key
    report.add(sc.name, "no remount on bridge selection", "yes" if same_select else "NO", "",
               "same component", same_select)
    report.add(sc.name, "no remount on layer toggle", "yes" if same_toggle else "NO", "",
               "same component", same_toggle)


def payload_figures(report: Report, sc: Scenario, pack_dir: Path | None, runs: int) -> None:
    """Bytes and vertices by layer; the naive build's payload and build time, same run."""
    with environment(sc.env):
        at = new_app(sc.params).run()
    args = component_args(at)
    total = sum(len(v.encode()) if isinstance(v, str) else len(json.dumps(v).encode())
                for v in args.values())
    report.add(sc.name, "payload (st_folium arguments), all layers on", total / KB, "KB",
               f"<= {sc.payload_target_kb:.0f} KB", total / KB <= sc.payload_target_kb)
    lang, era = sc.params.get("lang", "vi"), sc.params.get("era", "2022")
    display = optimized_dataset(sc, pack_dir)
    visible = layers.available(display)  # issue 13: the "osm" layer only with an OSM pack
    # The same layers with provinces at one detail everywhere (before distance tiers), same run.
    uniform = cache.layer_scripts.__wrapped__(optimized_dataset(sc, pack_dir, tiers=()), (), lang,
                                              era)
    scripts = cache.layer_scripts.__wrapped__(display, (), lang, era)
    for name, size in group_sizes(args, visible).items():
        before = len(uniform[name][1].encode()) if name in uniform else None
        tiered = len(scripts[name][1].encode()) if name in scripts else None
        note = (f"uniform detail {before / KB:,.1f} KB, distance tiers {tiered / KB:,.1f} KB: "
                f"{(tiered - before) / KB:+,.1f} KB" if before else "")
        report.add(sc.name, f"payload layer {name}", size / KB, "KB", note=note)
    base = len(str(args.get("script", "")).encode())
    offline = len(cache.offline_basemap_script.__wrapped__(display, (), lang)[1].encode())
    report.add(sc.name, "payload base map (backgrounds, minimap, tools)", base / KB, "KB",
               note=f"of which the offline basemap (land, rivers, towns) {offline / KB:,.1f} KB")
    for name, group in zip(visible, layers.build(display, visible, lang, era)):
        report.add(sc.name, f"vertices layer {name}", vertices(group), "")
    raw = raw_dataset(display, pack_dir)

    def naive() -> int:      # every rerun: build from stored geometry, render everything
        return component_payload(layers.build(raw, visible, lang, era), lang)

    def ours() -> int:       # every rerun: replay the layers rendered once
        return component_payload(cache.layer_groups(scripts, visible), lang)
    naive_bytes, ours_bytes = naive(), ours()
    if pack_dir is not None:
        # A naive build would also draw every district of the pack, not only the three
        # provinces' ones: a different feature set, so shown apart from the targeted ratio.
        whole = dataclasses.replace(raw, layers={**raw.layers,
                                                 "district_areas": boundaries.load(pack_dir).districts})
        whole_bytes = component_payload(layers.build(whole, visible, lang, era), lang)
        report.add(sc.name, "naive payload drawing the whole pack (all its districts)",
                   whole_bytes / KB, "KB")
        report.add(sc.name, "ratio naive-whole-pack / ours", whole_bytes / ours_bytes, "x")
    ratio = naive_bytes / ours_bytes
    report.add(sc.name, "naive payload (unsimplified, full precision)", naive_bytes / KB, "KB")
    report.add(sc.name, "payload ratio naive / ours", ratio, "x", ">= 5x", ratio >= 5)
    t_naive = median_ms(naive, max(5, runs // 4))
    t_ours = median_ms(ours, max(5, runs // 4))
    report.add(sc.name, "build time naive (no cache)", t_naive, "ms")
    report.add(sc.name, "build time ours (cached layers)", t_ours, "ms")
    report.add(sc.name, "build-time ratio naive / ours", t_naive / t_ours, "x")


def optimized_dataset(sc: Scenario, pack_dir: Path | None,
                      tiers: tuple = simplify.DISTANCE_TIERS) -> dataset.Dataset:
    """The dataset as the app draws it (pack merged, display geometry; `tiers=()`: provinces at
    one detail everywhere, as before distance tiers)."""
    ds = dataset.load(schema.GEODATA)
    pack = boundaries.load(pack_dir) if pack_dir else None
    return simplify.for_map(boundaries.display_dataset(ds, pack), tiers)


def first_run_figures(report: Report, sc: Scenario) -> None:
    """A new session's first script run on a warm server, step by step (in-process)."""
    with environment(sc.env):
        firstrun.first_run(sc.params)  # warm the caches
        total, rows, follow_up = firstrun.first_run(sc.params)
    report.add(sc.name, "first script run of a new session, the map only (warm server)", total,
               "ms")
    report.add(sc.name, "its follow-up run, the whole page (asked for by the drawn map)", follow_up,
               "ms")
    for label, start, duration, calls in rows:
        print(f"[{sc.name}] timeline server +{start:5.0f} ms  {label}: {duration:.1f} ms"
              + (f" ({calls} calls)" if calls > 1 else ""))


def main() -> None:
    """Run every scenario and print the figures and the summary table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=30, help="sessions open at once")
    parser.add_argument("--batch", type=int, default=10, help="sessions opened together")
    parser.add_argument("--soak", type=float, nargs="?", const=10.0, default=0.0,
                        help="soak minutes (3 sessions in scripted use; default 10)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--scenario", help="only this scenario (default, era 2025, pack)")
    args = parser.parse_args()
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = {"LIENKET_CACHE": str(tmp / "empty-cache")}
        scenarios = [Scenario(f"era {era}" if era != "2022" else "default",
                              {"era": era} if era != "2022" else {}, empty, 300)
                     for era in eras()]
        os.environ.update(empty)
        pack_dir = shared_pack(tmp)
        if pack_dir is not None:
            scenarios.append(Scenario("pack", {}, {**empty, "LIENKET_PACK": str(pack_dir)}, 600))
        else:
            print("[pack] ../shared/geodata/raw not found: the pack scenario is skipped")
        scenarios = [sc for sc in scenarios if args.scenario in (None, sc.name)]
        for sc in scenarios:
            with environment(sc.env):
                payload_figures(report, sc, pack_dir if sc.name == "pack" else None, args.runs)
                rerun_figures(report, sc, args.runs)
                remount_figures(report, sc)
            first_run_figures(report, sc)
        if not args.no_browser:
            with pageload.bare_page_dir() as folder, serve_app(
                    env={**empty, "PYTHONPATH": str(ROOT)}, script="bare_map.py",
                    cwd=folder) as bare:
                for sc in scenarios:
                    live.browser_figures(report, sc, args, f"{bare}/")
    from bench import (
        site as site_bench,  # issue 11: the static site, beside the live app
    )
    site_bench.run(report, args.loads, not args.no_browser)
    print("\nSummary\n" + report.table())


if __name__ == "__main__":
    main()
