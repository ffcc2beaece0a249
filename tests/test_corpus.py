"""The bad-input corpus (tests/corpus.py): the CLI names each problem and exits 1, the app shows
it as an error or warning without an exception, and no file — shipped or copied — is modified."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from lienket import cli
from lienket.data import schema
from lienket.text import i18n
from tests.apptest import open_page
from tests.corpus import CASES, Case, copy_geodata, fingerprint

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SHIPPED = fingerprint(schema.GEODATA)  # taken when the tests are collected, before any case runs


def _bad_copy(tmp_path: Path, case: Case) -> Path:
    directory = copy_geodata(tmp_path / "geodata")
    case.make(directory)
    return directory


def _expected_line(case: Case) -> str:
    where = " · ".join(x for x in (case.file, case.feature, case.prop) if x)
    return f"error: {where}: "


def _plain(markdown: str) -> str:
    """Markdown as read on screen: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_names_the_problem_and_exits_1(case, tmp_path, capsys):
    directory = _bad_copy(tmp_path, case)
    before = fingerprint(directory)
    code = cli.main(["validate", str(directory)])
    lines = capsys.readouterr().out.splitlines()
    assert code == cli.DATA_ERRORS
    assert any(line.startswith(_expected_line(case)) and case.phrase in line for line in lines), \
        "\n".join(lines[:20])
    assert re.search(r"[1-9]\d* error\(s\)", lines[-1])  # the summary
    assert fingerprint(directory) == before
    assert fingerprint(schema.GEODATA) == SHIPPED


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_app_shows_the_problem_without_an_exception(case, tmp_path, monkeypatch):
    directory = _bad_copy(tmp_path, case)
    before = fingerprint(directory)
    monkeypatch.setenv("LIENKET_GEODATA", str(directory))
    at = open_page(APP)
    assert not at.exception
    messages = [_plain(m.value) for m in [*at.error, *at.warning]]
    about_file = [m for m in messages if f"**{case.file}**" in m]
    assert any(case.phrase in m for m in about_file), messages
    layer = next((lay for lay, (f, _k) in schema.FILES.items() if f == case.file), None)
    dropped = layer is not None and any(
        i18n.t(f"layer_{layer}", "vi") in m and "không hiển thị được" in m for m in about_file)
    assert dropped == case.drops_layer
    assert at.title  # the rest of the page is there
    assert fingerprint(directory) == before
    assert fingerprint(schema.GEODATA) == SHIPPED


def test_cli_as_a_user_runs_it(tmp_path):
    """`python -m lienket validate`: clean shipped data exits 0, bad data 1, a wrong path 2."""
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lienket", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    clean = run("validate")
    assert clean.returncode == 0, clean.stdout
    assert "0 error(s), 0 warning(s)" in clean.stdout
    bad = run("validate", str(_bad_copy(tmp_path, CASES[0])))
    assert bad.returncode == 1 and "bridges.geojson: not valid JSON" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
    missing = run("validate", str(tmp_path / "no-such-dir"))
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert fingerprint(schema.GEODATA) == SHIPPED


def test_a_boundary_pack_or_single_file_is_validated_on_its_own(tmp_path):
    """A directory without agreement.json (a boundary pack) is checked file by file."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "provinces.geojson").write_bytes((schema.GEODATA / "provinces.geojson").read_bytes())
    assert cli.main(["validate", str(pack)]) == cli.OK
    (pack / "extra.geojson").write_text('{"type": "FeatureCollection", "features": []}',
                                        encoding="utf-8")
    assert cli.main(["validate", str(pack)]) == cli.DATA_ERRORS
    assert cli.main(["validate", str(pack / "provinces.geojson")]) == cli.OK
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["validate", str(empty)]) == cli.DATA_ERRORS


def test_control_characters_in_data_do_not_reach_the_terminal(tmp_path, capsys):
    directory = copy_geodata(tmp_path / "geodata")
    path = directory / "tourism.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace('"id": "ha-long"',
                                                             '"id": "ha-long\\u001b[2J"'),
                    encoding="utf-8")
    assert cli.main(["validate", str(directory)]) == cli.DATA_ERRORS
    out = capsys.readouterr().out
    assert "\x1b" not in out and "ha-long\\x1b[2J" in out
