"""The house: imports inside lienket/ run one way (no cycle), no module over 400 lines, app.py
under 350. The rows printed by `rows()` are the README's picture of who imports whom."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = {p.stem: p for p in (ROOT / "lienket").glob("*.py") if p.stem != "__init__"}


def imports(path: Path) -> set[str]:
    """The lienket modules a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "lienket":
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lienket."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("lienket.")}
    return (found & set(MODULES)) - {path.stem}


def rows() -> dict[int, list[str]]:
    """Modules by height: 0 imports no lienket module; n sits one above its highest import."""
    deps = {m: imports(p) for m, p in MODULES.items()}
    height: dict[str, int] = {}

    def of(module: str, path: tuple[str, ...] = ()) -> int:
        assert module not in path, f"import cycle: {' → '.join(path + (module,))}"
        if module not in height:
            height[module] = 1 + max((of(d, path + (module,)) for d in deps[module]), default=-1)
        return height[module]

    for module in MODULES:
        of(module)
    out: dict[int, list[str]] = {}
    for module, h in height.items():
        out.setdefault(h, []).append(module)
    return {h: sorted(ms) for h, ms in sorted(out.items())}


def test_imports_run_one_way():
    assert rows()  # raises on a cycle, naming it


def test_no_room_over_400_lines_and_a_thin_app():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES.values()}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
    assert len((ROOT / "app.py").read_text(encoding="utf-8").splitlines()) < 350


def test_only_the_page_its_caches_and_its_run_stages_import_streamlit():
    streamlit = {m for m, p in MODULES.items()
                 if any(isinstance(n, (ast.Import, ast.ImportFrom))
                        and any(a.name == "streamlit" or a.name.startswith("streamlit.")
                                for a in getattr(n, "names", []))
                        or (isinstance(n, ast.ImportFrom) and (n.module or "").startswith("streamlit"))
                        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))}
    assert streamlit <= {"cache", "runtime", "prerender", "staging"}, streamlit


if __name__ == "__main__":
    for h, modules in sorted(rows().items(), reverse=True):
        print(h, "  ".join(modules))
