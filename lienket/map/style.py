"""The map's cartography, read once from `styles/cartography.toml`: colours, the opening frame,
context styling and where bridge labels prefer to sit; and the map's own CSS and JS files."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

STYLES = Path(__file__).resolve().parent / "styles"


def _load() -> dict[str, Any]:
    """The cartography table."""
    return tomllib.loads((STYLES / "cartography.toml").read_text(encoding="utf-8"))


CARTO: dict[str, Any] = _load()
COLOURS: dict[str, Any] = CARTO["colours"]
VIEW: dict[str, Any] = CARTO["view"]
CONTEXT: dict[str, float] = CARTO["context"]
LABELS: dict[str, list[str]] = CARTO.get("labels", {})
SCRIPTS = Path(__file__).resolve().parent / "js"
#: A script file's opening block comment (what the file is for).
_HEADER = re.compile(r"\A\s*/\*.*?\*/\s*", re.S)


@functools.cache
def css(name: str) -> str:
    """A stylesheet of `styles/` (the map's and the page's CSS live there as files)."""
    return (STYLES / name).read_text(encoding="utf-8")


@functools.cache
def script(name: str) -> str:
    """A browser script of `js/` (the map's own JavaScript lives there as files), without its
    header comment and comment-only lines: they are for its readers, and every page carries it."""
    code = _HEADER.sub("", (SCRIPTS / name).read_text(encoding="utf-8"), count=1)
    return "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("//"))


def label_preferences() -> dict[str, list[str]]:
    """Each bridge's label directions, most preferred first (compass points: E, NW, ...)."""
    return {bridge: list(dirs) for bridge, dirs in LABELS.items()}
