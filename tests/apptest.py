"""The page as a browser opens it, for AppTest: the first run, then the run the map asks for.

A session's first run draws only the title and the map (lienket/app/staging.py); the browser's map
component asks for the next run as soon as it is drawn. AppTest has no browser, so `open_page`
makes that run itself.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(script: str = APP, params: dict[str, str] | None = None,
              timeout: float = 60) -> AppTest:
    """The page after its first run and the follow-up run, with `params` in its URL."""
    at = AppTest.from_file(script, default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run().run()
