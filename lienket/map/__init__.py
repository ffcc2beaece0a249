"""The map: folium layers built from the data (`layers`, `bridges`, `osm_context`,
`highlight`, `legend`, `basemap`), what a feature shows (`features`), the base map and its tools
(`base`, `controls`, `assets`), display geometry (`simplify`), the selection (`selection`), the
cartography and the map's own CSS and JavaScript (`style`, `styles/`, `js/`), and a layer's
script rendered once for the app and the site (`prerender`)."""
