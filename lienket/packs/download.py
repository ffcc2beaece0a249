"""Verified downloads through pooch: pinned URL, known SHA-256, retries, progress, atomic placement.

pooch downloads to a temporary file beside the destination, checks the hash, moves the file into
place and retries a failed attempt; an intact cached copy is reused. What pooch has no notion of
is added by a thin downloader: a size limit (a server sending more than expected is stopped) and
the byte count that tells an incomplete download from a corrupt one in the error message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pooch
import requests

#: (bytes received, bytes expected) — the CLI's bar and the app's st.progress both take this.
Progress = Callable[[int, int], None]
#: Failed attempts pooch makes again (it waits 1 s, then 2 s, between them).
RETRIES = 2
TIMEOUT = 30  # seconds without data before an attempt fails
CHUNK = 64 * 1024  # bytes per read (pooch's 1 KiB would redraw the app's bar 40,000 times)


@dataclass(frozen=True)
class Remote:
    """A file to fetch: where from, and what it must be (e.g. from a Git LFS pointer)."""

    name: str
    url: str
    size: int
    sha256: str


class DownloadError(RuntimeError):
    """A download failed; the message says why in words a user can act on."""


class ProgressBar:
    """A pooch progress-bar object (`total`, `update`, `reset`, `close`) reporting to a
    `Progress` callback, as one bar over several files: `offset` bytes done before this file."""

    def __init__(self, progress: Progress | None, size: int, offset: int = 0,
                 grand_total: int | None = None) -> None:
        self.progress, self.size, self.offset = progress, size, offset
        self.grand_total = grand_total or size
        self.total, self.count, self.shown = size, 0, -1

    def update(self, n: int) -> None:
        """pooch counts whole chunks: the last one may overshoot, so the count stops at the size."""
        self.count = min(self.count + n, self.size)
        if self.progress and self.count != self.shown:  # pooch refills the bar at the end: once is enough
            self.shown = self.count
            self.progress(self.offset + self.count, self.grand_total)

    def reset(self) -> None:
        """Start counting this file again."""
        self.count = 0

    def close(self) -> None:
        """Nothing to release."""


class _Capped:
    """A file object that refuses to grow past `limit` bytes and counts what it got."""

    def __init__(self, out: IO[bytes], remote: Remote) -> None:
        self.out, self.remote, self.received = out, remote, 0

    def write(self, chunk: bytes) -> int:
        self.received += len(chunk)
        if self.received > self.remote.size:
            raise DownloadError(f"{self.remote.name}: server sent more than the expected "
                                f"{self.remote.size} bytes")
        return self.out.write(chunk)

    def flush(self) -> None:
        self.out.flush()


class CappedDownloader:
    """pooch's HTTPDownloader writing through `_Capped`; remembers the last attempt's byte count."""

    def __init__(self, remote: Remote, bar: ProgressBar, timeout: float = TIMEOUT) -> None:
        self.remote, self.received, self.bar = remote, 0, bar
        self.http = pooch.HTTPDownloader(progressbar=bar, chunk_size=CHUNK, timeout=timeout)

    def __call__(self, url: str, output_file: str, pooch_: Any) -> None:
        self.bar.reset()  # a retry starts the file again
        with open(output_file, "w+b") as out:
            capped = _Capped(out, self.remote)
            try:
                self.http(url, capped, pooch_)
            finally:
                self.received = capped.received


def fetch(remote: Remote, dest: Path, progress: Progress | None = None, timeout: float = TIMEOUT,
          *, offset: int = 0, grand_total: int | None = None) -> Path:
    """Download `remote` to `dest`, verified; reuse an intact cached copy; never leave a partial file."""
    pooch.get_logger().setLevel("WARNING")  # the user reads our messages, not pooch's log lines
    files = pooch.create(path=str(dest.parent), base_url="",
                         registry={dest.name: f"sha256:{remote.sha256}"},
                         urls={dest.name: remote.url}, retry_if_failed=RETRIES)
    downloader = CappedDownloader(remote, ProgressBar(progress, remote.size, offset, grand_total),
                                  timeout)
    try:
        return Path(files.fetch(dest.name, downloader=downloader))
    except (ValueError, requests.RequestException, OSError) as exc:
        raise DownloadError(_why(remote, downloader.received, exc)) from None


def _why(remote: Remote, received: int, exc: Exception) -> str:
    """One line for a failed download: incomplete, corrupt or unreachable."""
    if 0 < received < remote.size:
        return (f"{remote.name}: incomplete download ({received} of {remote.size} bytes); "
                "try again")
    if isinstance(exc, ValueError):  # pooch: the hash does not match
        return (f"{remote.name}: checksum mismatch (expected {remote.sha256[:12]}…); "
                "the file was not kept")
    return (f"{remote.name}: download failed after {received} of {remote.size} bytes "
            f"({_reason(exc)}); check the network and try again")


def _reason(exc: Exception) -> str:
    """The cause in a few words (requests' messages run to several lines of pool internals)."""
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code} {exc.response.reason}"
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.ConnectionError):
        return "cannot connect to the server"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
