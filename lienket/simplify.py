"""Display geometry: coverage-preserving simplification and rounding to display precision."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import shapely

from lienket.data import Dataset

#: Detailed district polygons (pack sources are accurate to tens of metres): ~55 m, under two
#: screen pixels up to zoom 12 (36 m/px here), where districts are read.
TOLERANCE_DEG = 0.0005
#: Natural Earth 1:10m provinces are themselves ~1 km off. GEOS coverage simplification is
#: Visvalingam–Whyatt: it drops vertices whose triangle is under tolerance² (here ~0.44 km², e.g. a
#: 440 m bump on a 2 km edge) — inside the data's own error, ~1 px at the opening zoom 8–9.
PROVINCE_TOLERANCE_DEG = 0.006
#: 4 decimals ≈ 11 m for the same coarse shapes: ~10 % fewer bytes, nothing lost.
PROVINCE_PRECISION_DEG = 1e-4
#: 5 decimals ≈ 1 m: finer than any source here, and ~half the bytes of full precision.
PRECISION_DEG = 1e-5


def for_display(gdf: gpd.GeoDataFrame, tolerance: float = TOLERANCE_DEG,
                precision: float = PRECISION_DEG) -> gpd.GeoDataFrame:
    """Simplify polygons as one coverage (neighbours keep shared borders: no slivers), then round."""
    if gdf.empty:
        return gdf
    polygons = gdf.geom_type.isin(["Polygon", "MultiPolygon"])
    out = gdf.copy()
    if polygons.any():
        simplified = out.loc[polygons].geometry.simplify_coverage(tolerance)
        out.loc[polygons, "geometry"] = simplified
    rounded = shapely.set_precision(out.geometry.values, precision)
    out["geometry"] = shapely.make_valid(rounded)
    return out


def for_map(ds: Dataset) -> Dataset:
    """The dataset as the map draws it: every polygon layer simplified as a coverage and rounded."""
    coarse = (PROVINCE_TOLERANCE_DEG, PROVINCE_PRECISION_DEG)
    settings = {"provinces": coarse, "provinces_2025": coarse,
                "district_areas": (TOLERANCE_DEG, PRECISION_DEG)}
    layers = {name: for_display(gdf.reset_index(drop=True), *settings[name])
              if name in settings and gdf is not None else gdf
              for name, gdf in ds.layers.items()}
    return dataclasses.replace(ds, layers=layers)
