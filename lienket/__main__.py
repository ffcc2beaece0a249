"""Command line: `python -m lienket <subcommand>`. Each subcommand is one `add_*` function below."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from lienket import data, schema

#: Exit codes: 0 clean (warnings allowed), 1 the data has errors, 2 the command itself was wrong.
OK, DATA_ERRORS, USAGE = 0, 1, 2


def add_validate(sub: argparse._SubParsersAction) -> None:
    """`validate [DIR]`: check a geodata directory, a boundary pack or one file; never writes."""
    parser = sub.add_parser(
        "validate", help="check geodata files against the schema (read-only)",
        description="Check every GeoJSON file in DIR (default: the shipped geodata/) — or a "
                    "boundary pack, or one file — against the schema. Prints one line per "
                    "problem as `file · feature · property: message`. Never modifies a file.")
    parser.add_argument("path", nargs="?", type=Path, default=schema.GEODATA, metavar="DIR",
                        help="directory (or single .geojson file) to check; default: %(default)s")
    parser.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem and a summary; 1 if any is an error."""
    path: Path = args.path
    if not path.exists():
        print(f"lienket validate: {path}: no such file or directory", file=sys.stderr)
        return USAGE
    files, problems = data.check_path(path)
    for problem in problems:
        print(printable(f"{problem.level}: {problem}"))
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{path}: {len(files)} file(s) checked, {errors} error(s), {warnings} warning(s)")
    return DATA_ERRORS if errors else OK


def printable(line: str) -> str:
    """The line with control characters spelled out: data must not drive the user's terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


#: One entry per subcommand; adding a subcommand = writing its add_* function and listing it here.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [add_validate]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen subcommand; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m lienket",
                                     description="Liên kết vùng: tools for the map's data.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    # Vietnamese text must reach any terminal, even one whose encoding cannot show it.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
