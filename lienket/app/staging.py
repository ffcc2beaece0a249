"""A session's first run draws the title and the map only; the controls come on the next run.

Why (issue 12): Streamlit's page loads each kind of element's script the first time one arrives,
and shows none of a run's elements until all of them have loaded. The sidebar's widgets are
about 40 small files; on the six connections a browser opens to one server they held the map's
own files back by about 0.5 s (first paint 1.4x a bare st_folium page; 1.0x without them).

The map component asks for a run as soon as it is drawn, which brings the rest of the page. A
timer asks as well, in case the map never reports (its script failed): the controls always come.
"""

from __future__ import annotations

import streamlit as st

#: Session-state keys: the stage of the current run, and whether the timer has been set.
STAGE = "lk_stage"
ARMED = "lk_follow_up_armed"
#: Seconds after the first run before the timer asks for the rest itself.
FALLBACK_S = 15.0


def map_only() -> bool:
    """True on a session's first run (draw the map, then stop); False on every later run."""
    first = STAGE not in st.session_state
    st.session_state[STAGE] = "map" if first else "full"
    return first


def rest_later(after_s: float = FALLBACK_S) -> None:
    """Rerun the whole page after `after_s` seconds, unless another run has come meanwhile."""

    @st.fragment(run_every=after_s)
    def follow_up() -> None:
        # The first call runs inside the script run itself: it only sets the timer. Later calls
        # are the timer's own runs; a full run meanwhile has removed the fragment and its timer.
        if st.session_state.get(ARMED) and st.session_state.get(STAGE) == "map":
            st.rerun(scope="app")
        st.session_state[ARMED] = True

    follow_up()
