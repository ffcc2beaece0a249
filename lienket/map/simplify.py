"""Display geometry: coverage-preserving simplification and rounding to display precision."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import numpy as np
import shapely

from lienket.data.dataset import Dataset

#: Detailed district polygons (pack sources are accurate to tens of metres): ~55 m, under two
#: screen pixels up to zoom 12 (36 m/px here), where districts are read.
TOLERANCE_DEG = 0.0005
#: Natural Earth 1:10m provinces are themselves ~1 km off. GEOS coverage simplification is
#: Visvalingam–Whyatt: it drops vertices whose triangle is under tolerance² (here ~0.44 km², e.g. a
#: 440 m bump on a 2 km edge) — inside the data's own error, ~1 px at the opening zoom 8–9.
PROVINCE_TOLERANCE_DEG = 0.006
#: Far from the three signatories a province is seen only zoomed out: (beyond km, tolerance°).
#: The opening view (zoom 9, ~300 m/px, 620 px tall) reaches ~50 km past the focus, so beyond
#: 60 km a province is first seen at zoom ≤ 7 (~1.1 km/px): 0.02° (~2 km) is ~2 px there. Beyond
#: 250 km it is first seen at zoom ≤ 6 (~2.3 km/px): 0.05° (~5 km) is ~2 px there.
DISTANCE_TIERS: tuple[tuple[float, float], ...] = ((60, 0.02), (250, 0.05))
#: Metric CRS for distances around the focus (UTM 48N covers northern Vietnam).
METRIC_CRS = "EPSG:32648"
#: 4 decimals ≈ 11 m for the same coarse shapes: ~10 % fewer bytes, nothing lost.
PROVINCE_PRECISION_DEG = 1e-4
#: 5 decimals ≈ 1 m: finer than any source here, and ~half the bytes of full precision.
PRECISION_DEG = 1e-5


def for_display(gdf: gpd.GeoDataFrame, tolerance: float = TOLERANCE_DEG,
                precision: float = PRECISION_DEG) -> gpd.GeoDataFrame:
    """Simplify polygons as one coverage (neighbours keep shared borders: no slivers), then round."""
    return _rounded(_simplified(gdf, tolerance), precision)


def _simplified(gdf: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """The polygons simplified as one coverage (points and lines untouched)."""
    if gdf.empty:
        return gdf
    polygons = gdf.geom_type.isin(["Polygon", "MultiPolygon"])
    out = gdf.copy()
    if polygons.any():
        out.loc[polygons, "geometry"] = out.loc[polygons].geometry.simplify_coverage(tolerance)
    return out


def _rounded(gdf: gpd.GeoDataFrame, precision: float) -> gpd.GeoDataFrame:
    """Coordinates rounded to `precision` (shared vertices round alike: borders stay shared)."""
    if gdf.empty:
        return gdf
    out = gdf.copy()
    out["geometry"] = shapely.make_valid(shapely.set_precision(out.geometry.values, precision))
    return out


def coarser_far_away(geoms: np.ndarray, distance_km: np.ndarray,
                     tiers: tuple[tuple[float, float], ...] = DISTANCE_TIERS) -> np.ndarray:
    """A coverage simplified further the further each shape is, borders still shared.

    Per tier, the shapes beyond its distance are simplified as a coverage together with the
    'outside' (a box minus the whole coverage), with the boundary of that set kept fixed: their
    borders with nearer shapes (and the nearer coast) do not move, while their borders with each
    other and their own coast (now shared with the outside) are simplified. No gap, no overlap.
    """
    out = np.array(geoms, dtype=object)
    for beyond_km, tolerance in tiers:
        far = distance_km > beyond_km
        if not far.any():
            continue
        whole = shapely.coverage_union_all(out)
        minx, miny, maxx, maxy = whole.bounds
        outside = shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1).difference(whole)
        simplified = shapely.coverage_simplify(np.append(out[far], outside), tolerance,
                                               simplify_boundary=False)
        out[far] = simplified[:-1]
    return out


def focus_distance_km(gdf: gpd.GeoDataFrame, focus: gpd.GeoDataFrame) -> np.ndarray:
    """Each shape's distance (km) to the nearest focus shape; 0 everywhere without a focus."""
    if focus.empty:
        return np.zeros(len(gdf))
    target = shapely.union_all(focus.to_crs(METRIC_CRS).geometry.values)
    return gdf.to_crs(METRIC_CRS).distance(target).to_numpy() / 1000


def provinces_for_display(gdf: gpd.GeoDataFrame, focus: gpd.GeoDataFrame,
                          tiers: tuple[tuple[float, float], ...] = DISTANCE_TIERS
                          ) -> gpd.GeoDataFrame:
    """Provinces at their data's own error near `focus`, coarser far from it (see DISTANCE_TIERS);
    the accuracy of the shapes drawn coarser says so."""
    if gdf.empty:
        return gdf
    out = _simplified(gdf, PROVINCE_TOLERANCE_DEG)
    distance = focus_distance_km(out, focus)
    out["geometry"] = coarser_far_away(out.geometry.values, distance, tiers)
    if "accuracy" in out:
        out["accuracy"] = [_with_display_note(acc, d, tiers)
                           for acc, d in zip(out["accuracy"], distance)]
    return _rounded(out, PROVINCE_PRECISION_DEG)


def _with_display_note(accuracy: object, distance_km: float,
                       tiers: tuple[tuple[float, float], ...]) -> object:
    """The accuracy text, plus how much coarser the map draws a far province."""
    tolerance = max((tol for beyond, tol in tiers if distance_km > beyond), default=None)
    if tolerance is None or not isinstance(accuracy, str):
        return accuracy
    return (f"{accuracy}; drawn simplified on this map (far from the three provinces): up to "
            f"~{tolerance * 100:.0f} km further off")


def for_map(ds: Dataset, tiers: tuple[tuple[float, float], ...] = DISTANCE_TIERS) -> Dataset:
    """The dataset as the map draws it: every polygon layer simplified as a coverage and rounded;
    provinces coarser the further they are from the three signatories (`tiers`; () for none)."""
    provinces = ds.layers.get("provinces")
    focus = (provinces[provinces["code"].isin(ds.agreement.get("focus", []))]
             if provinces is not None and "code" in provinces else None)
    layers = dict(ds.layers)
    for name in ("provinces", "provinces_2025"):
        if layers.get(name) is not None:
            where = focus if focus is not None else layers[name].iloc[:0]
            layers[name] = provinces_for_display(layers[name].reset_index(drop=True), where, tiers)
    if layers.get("district_areas") is not None:
        layers["district_areas"] = for_display(layers["district_areas"].reset_index(drop=True))
    return dataclasses.replace(ds, layers=layers)
