"""Display geometry: coverage-preserving simplification and rounding to display precision."""

from __future__ import annotations

import geopandas as gpd
import shapely

#: ~55 m at this latitude: below one screen pixel up to zoom 11, where districts are read.
TOLERANCE_DEG = 0.0005
#: 5 decimals ≈ 1 m: finer than any source here, and ~half the bytes of full precision.
PRECISION_DEG = 1e-5


def for_display(gdf: gpd.GeoDataFrame, tolerance: float = TOLERANCE_DEG) -> gpd.GeoDataFrame:
    """Simplify polygons as one coverage (neighbours keep shared borders: no slivers), then round."""
    if gdf.empty:
        return gdf
    polygons = gdf.geom_type.isin(["Polygon", "MultiPolygon"])
    out = gdf.copy()
    if polygons.any():
        simplified = out.loc[polygons].geometry.simplify_coverage(tolerance)
        out.loc[polygons, "geometry"] = simplified
    rounded = shapely.set_precision(out.geometry.values, PRECISION_DEG)
    out["geometry"] = shapely.make_valid(rounded)
    return out
