"""A folium group's JavaScript rendered once, with slots for its id and its map.

Shared by the live app (`lienket.app.cache`, replayed by `mapview.PrerenderedGroup`) and the static
site (`lienket.site.variants`), so both draw exactly the same script. streamlit_folium is used only as
a library here (its renderer names every variable the way st_folium does); nothing calls Streamlit.
"""

from __future__ import annotations

import re

import folium

from lienket.map.base import PrerenderedGroup

#: A `\uXXXX` escape not itself escaped (an even run of backslashes before it).
_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")


def prerender(group: folium.FeatureGroup) -> str:
    """A group's JavaScript as st_folium would generate it, with slots for its id and map."""
    import streamlit_folium  # imported on use: the renderer pulls in Streamlit's package

    parent = folium.Map()
    group._id = PrerenderedGroup.SLOT
    group.add_to(parent)
    group.render()
    script = streamlit_folium.generate_leaflet_string(group, base_id=PrerenderedGroup.SLOT)
    # folium adds a shown layer to its map when it renders the replaying group: drop this copy
    add_to_map = f"{group.get_name()}.addTo({parent.get_name()});"
    script = script.replace(add_to_map, "").replace(parent.get_name(), PrerenderedGroup.MAP_SLOT)
    return unescaped(script)


def unescaped(script: str) -> str:
    """The script with each `\\uXXXX` of a non-ASCII character written as the character itself.

    folium writes JSON ASCII-only: a Vietnamese letter costs 6 bytes instead of 2–3 in UTF-8
    (16 KB of the 2025 view). In a string literal both spellings are the same string. ASCII
    escapes stay (they keep `<`, `>`, `&` out of the page), and so do surrogates and the two
    line separators, which would change what the source means.
    """
    def literal(match: re.Match) -> str:
        code = int(match.group(2), 16)
        if code < 0x80 or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029):
            return match.group(0)
        return match.group(1) + chr(code)
    return _ESCAPE.sub(literal, script)
