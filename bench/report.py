"""The bench's figures: each one printed as it is measured, then a table of those with a target."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field


class _Expected(logging.Filter):
    """Drops Streamlit's warnings about running outside a server, which the bench does on
    purpose (cached functions called directly, AppTest)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "missing ScriptRunContext" not in message and "No runtime found" not in message


# Import this module before Streamlit: importing a component already warns once.
for _name in ("streamlit.runtime.scriptrunner_utils.script_run_context",
              "streamlit.runtime.caching.cache_data_api"):
    logging.getLogger(_name).addFilter(_Expected())


@dataclass
class Figure:
    """One measured figure and its target."""

    scenario: str
    name: str
    value: float | str
    unit: str
    target: str = ""
    ok: bool | None = None

    def shown(self) -> str:
        """The value as printed: two decimals under 10 (ratios, seconds), else one."""
        if not isinstance(self.value, float):
            return str(self.value)
        return f"{self.value:,.2f}" if abs(self.value) < 10 else f"{self.value:,.1f}"


@dataclass
class Report:
    """Figures as they are measured; printed one per line, then as a table."""

    figures: list[Figure] = field(default_factory=list)

    def add(self, scenario: str, name: str, value, unit: str = "", target: str = "",
            ok: bool | None = None, note: str = "") -> None:
        fig = Figure(scenario, name, value, unit, target, ok)
        self.figures.append(fig)
        verdict = {True: "OK", False: "MISS", None: ""}[ok]
        print(f"[{scenario}] {name}: {fig.shown()} {unit}" + (f"  ({note})" if note else "")
              + (f"  (target {target}: {verdict})" if target else ""), flush=True)

    def table(self) -> str:
        rows = [f for f in self.figures if f.target]
        width = max(len(f"[{f.scenario}] {f.name}") for f in rows) if rows else 10
        lines = [f"{'figure':<{width}}  {'value':>14}  {'target':<22} result", "-" * (width + 50)]
        for f in rows:
            shown = f"{f.shown()} {f.unit}"
            lines.append(f"{f'[{f.scenario}] {f.name}':<{width}}  {shown:>14}  {f.target:<22} "
                         f"{'OK' if f.ok else 'MISS'}")
        return "\n".join(lines)


@dataclass
class Scenario:
    """A view of the app: URL parameters and environment."""

    name: str
    params: dict[str, str]
    env: dict[str, str]
    payload_target_kb: float
