"""Serve `streamlit run app.py` on loopback and drive Debian's Chromium: for tests and screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
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


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, in seconds (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """An unused TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_app(timeout: float = 60, env: dict[str, str] | None = None, script: str = "app.py",
              cwd: Path = ROOT) -> Iterator[ServedApp]:
    """Run the app (or another `script` from `cwd`) as a user does (extra environment variables
    in `env`); yield its URL once healthy."""
    port = free_port()
    # The server's output goes to a file: a pipe nobody reads would fill and stall the server.
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, **(env or {})})
    url = ServedApp(f"http://127.0.0.1:{port}")
    url.pid = proc.pid
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise HarnessError(f"streamlit exited early:\n{log.read()}")
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
        log.close()


def launch_chromium(playwright):
    """Headless Debian Chromium; without it, Playwright's own Chromium (downloaded once with
    `playwright install chromium` where the network allows); else one clear HarnessError."""
    if Path(CHROMIUM).exists():
        return playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=CHROMIUM_ARGS)
    try:
        return playwright.chromium.launch(headless=True, args=CHROMIUM_ARGS)
    except Exception:  # noqa: BLE001 — Playwright's browser is not downloaded yet: try once
        pass
    try:
        installed = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                                   capture_output=True, text=True, timeout=600)
        why = (installed.stderr or installed.stdout).strip().splitlines()
    except (OSError, subprocess.SubprocessError) as exc:
        why = [str(exc)]
    try:
        return playwright.chromium.launch(headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001 — reported as one line below
        why = why or [str(exc)]
        raise HarnessError(
            f"no Chromium: {CHROMIUM} is missing (install Debian's `chromium`) and Playwright's "
            f"own could not be installed ({why[-1] if why else 'unknown error'})") from None


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


def leaflet(page):
    """The map iframe's own frame, where `window.map` (Leaflet) can be evaluated."""
    return next(f for f in page.frames if "streamlit_folium" in f.url)


#: The bridges' symbols in the map (each a marker of this class).
BRIDGES = ".leaflet-marker-icon.lk-bridge"


def open_map(page, url: str, timeout_ms: int = 30_000):
    """Go to `url`; return the map frame once the bridges are drawn and the follow-up run the
    drawn map asks for (which brings the controls, lienket/app/staging.py) has finished. By then the
    map has made its opening fit: a view a test sets afterwards is the reader's, kept."""
    page.goto(url)
    frame = wait_for_map(page, timeout_ms=max(timeout_ms, 45_000))
    frame.locator(BRIDGES).first.wait_for(state="attached", timeout=timeout_ms)
    wait_idle(page)
    return frame


#: The page's root element; Streamlit marks it while a script run is going on.
APP = "[data-testid='stApp']"


def wait_idle(page, timeout_ms: int = 60_000, quiet_ms: int = 300) -> None:
    """Wait until the page's script runs (if one started) are over and none has started for
    `quiet_ms`: a click during a rerun can land on a widget that is about to be redrawn, and a
    run that redraws the map is followed by the one the map asks for."""
    try:
        page.wait_for_selector(f"{APP}[data-test-script-state='running']", timeout=1_500)
    except Exception:  # noqa: BLE001 — a fast rerun may be over before we look
        pass
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        page.wait_for_selector(f"{APP}:not([data-test-script-state='running'])",
                               timeout=max(1, int(1000 * (deadline - time.monotonic()))))
        try:
            page.wait_for_selector(f"{APP}[data-test-script-state='running']", timeout=quiet_ms)
        except Exception:  # noqa: BLE001 — quiet for quiet_ms: idle
            return
        if time.monotonic() > deadline:
            raise HarnessError(f"the page kept running scripts for {timeout_ms} ms")
