"""Serve `streamlit run app.py` on loopback and drive Debian's Chromium: for tests and screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LIENKET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


class HarnessError(RuntimeError):
    """The app or the browser could not be started."""


class ServedApp(str):
    """The running app's base URL (use it as a string), with the server's process id."""

    pid: int


def rss_kib(pid: int) -> int:
    """Resident memory of a process, in KiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise HarnessError(f"no VmRSS for process {pid}")


def free_port() -> int:
    """An unused TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(timeout: float = 60, env: dict[str, str] | None = None) -> Iterator[ServedApp]:
    """Run the app as a user does (extra environment variables in `env`); yield its URL once
    healthy."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, **(env or {})})
    url = ServedApp(f"http://127.0.0.1:{port}")
    url.pid = proc.pid
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise HarnessError(f"streamlit exited early:\n{proc.stdout.read()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise HarnessError(f"streamlit not healthy within {timeout} s") from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def launch_chromium(playwright):
    """Headless Debian Chromium (Playwright cannot download browsers here)."""
    if not Path(CHROMIUM).exists():
        raise HarnessError(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def offline_context(browser, **options):
    """A browser context that reaches only loopback; refused URLs are kept in `.refused`."""
    context = browser.new_context(**options)
    refused: list[str] = []

    def route(r):
        host = r.request.url.split("/")[2] if "://" in r.request.url else ""
        if host.split(":")[0] in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.refused = refused  # type: ignore[attr-defined]
    return context


def wait_for_map(page, timeout_ms: int = 45_000):
    """The map iframe's Leaflet container, once drawn."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div.leaflet-container").wait_for(timeout=timeout_ms)  # not the minimap
    return frame
