"""The house: packages by concern whose imports run one way (from the app, the CLI and the site
down to the page, the map, the packs, the data and the text), no import cycle between modules, no
module over 400 lines, a thin app.py, and Streamlit only in `lienket.app`. `python
tests/test_house.py` prints the README's picture of who imports whom."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIENKET = ROOT / "lienket"
#: Each package may import only the packages below it (and itself). app and cli are both on top.
LEVELS: dict[str, int] = {"text": 0, "data": 1, "packs": 2, "map": 3, "page": 4, "site": 5,
                          "app": 6, "cli": 6, "__main__": 7}
MODULES: dict[str, Path] = {
    ".".join(p.relative_to(LIENKET).with_suffix("").parts): p
    for p in LIENKET.rglob("*.py") if p.name != "__init__.py"}


def package(module: str) -> str:
    """The package a module belongs to ('map.layers' -> 'map'; 'cli' -> 'cli')."""
    return module.split(".")[0]


def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def imports(path: Path) -> set[str]:
    """The lienket modules (as 'pkg.module') a module imports."""
    found = set()
    for node in ast.walk(_parsed(path)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lienket"):
            base = (node.module or "").removeprefix("lienket").removeprefix(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                found.add(candidate if candidate in MODULES else base)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("lienket.") for a in node.names
                      if a.name.startswith("lienket.")}
    return {m for m in found if m in MODULES}


def rows() -> dict[int, list[str]]:
    """Modules by height: 0 imports no lienket module; n sits one above its highest import."""
    deps = {m: imports(p) - {m} for m, p in MODULES.items()}
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


def test_no_import_cycle():
    assert rows()  # raises on a cycle, naming it


def test_every_module_lives_in_a_known_package_with_a_docstring():
    assert {package(m) for m in MODULES} <= set(LEVELS), set(map(package, MODULES)) - set(LEVELS)
    for pkg in {package(m) for m in MODULES if "." in m}:
        doc = ast.get_docstring(_parsed(LIENKET / pkg / "__init__.py"))
        assert doc and len(doc.split()) >= 20, f"lienket/{pkg}/__init__.py says what the room holds"


def test_imports_run_down_the_packages():
    upward = sorted(f"{m} → {d}" for m, p in MODULES.items() for d in imports(p)
                    if LEVELS[package(d)] > LEVELS[package(m)]
                    or (package(d) != package(m) and LEVELS[package(d)] == LEVELS[package(m)]))
    assert upward == []


def test_the_direction_check_sees_an_upward_import(tmp_path):
    # The check above would pass on a house it cannot read: show it catches one arrow up.
    module = tmp_path / "bad.py"
    module.write_text("from lienket.map import layers\nfrom lienket.text.i18n import t\n")
    assert imports(module) == {"map.layers", "text.i18n"}


def test_no_room_over_400_lines_and_a_thin_app():
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in sizes.items() if n > 400} == {}
    assert len((ROOT / "app.py").read_text(encoding="utf-8").splitlines()) < 350


def _imports_streamlit(path: Path) -> bool:
    for node in ast.walk(_parsed(path)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        module = node.module if isinstance(node, ast.ImportFrom) else ""
        if any(n.split(".")[0] in ("streamlit", "streamlit_folium") for n in names) \
                or (module or "").split(".")[0] in ("streamlit", "streamlit_folium"):
            return True
    return False


def test_only_the_app_package_imports_streamlit():
    # map.prerender uses streamlit_folium's renderer as a library (no Streamlit call).
    outside = {m for m, p in MODULES.items() if _imports_streamlit(p)} - {"map.prerender"}
    assert {m for m in outside if package(m) != "app"} == set()


if __name__ == "__main__":
    for h, modules in sorted(rows().items(), reverse=True):
        print(h, "  ".join(modules))
