"""Data a reader's machine adds to the shipped data, kept as packs in the user's cache: the
folder store (`store`), boundary packs (`boundaries`: chosen, read, written; `boundary_import`
of the user's files behind the `guard`; `geoboundaries` through `download`) and the
OpenStreetMap pack (`osm_extract` reads extracts, `osm_match` finds the five bridges,
`osm_pack` keeps and applies them, `overpass` downloads them). No drawing here."""
