"""Fixtures: the app served by `streamlit run`, and headless Chromium with no network but loopback."""

from __future__ import annotations

import pytest

from tests.browser.harness import (
    HarnessError,
    launch_chromium,
    offline_context,
    serve_app,
)
from tests.corpus import CASES, copy_geodata


def served(env: dict[str, str]):
    """Yield the URL of the app run with `env`; a server that cannot start fails the test."""
    try:
        with serve_app(env=env) as url:
            yield url
    except HarnessError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of the running app, with an empty cache: no boundary pack."""
    yield from served({"LIENKET_CACHE": str(tmp_path_factory.mktemp("server-cache"))})


@pytest.fixture(scope="session")
def pack_server(shared_pack, tmp_path_factory):
    """Base URL of the app using the boundary pack imported from ../shared."""
    env = {"LIENKET_PACK": str(shared_pack),
           "LIENKET_CACHE": str(tmp_path_factory.mktemp("pack-server-cache"))}
    yield from served(env)


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory):
    """The app serving a copy of the data with script injected into every text property."""
    directory = copy_geodata(tmp_path_factory.mktemp("hostile") / "geodata")
    next(c for c in CASES if c.name == "html_in_every_text_property").make(directory)
    yield from served({"LIENKET_GEODATA": str(directory)})


@pytest.fixture(scope="session")
def browser():
    """Debian Chromium; a missing browser is a failure, never a skip."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        try:
            b = launch_chromium(pw)
        except HarnessError as exc:
            pytest.fail(str(exc))
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh offline page; `page.external_requests` lists what it tried to fetch elsewhere."""
    context = offline_context(browser, viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.external_requests = context.refused  # type: ignore[attr-defined]
    yield pg
    context.close()
