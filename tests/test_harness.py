"""The browser harness: Debian's Chromium first, then Playwright's own, else one clear line."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser import harness


class FakeChromium:
    """Records launches; Playwright's own browser 'exists' only once installed."""

    def __init__(self, installable: bool) -> None:
        self.installable, self.installed, self.launches = installable, False, []

    def launch(self, **options):
        self.launches.append(options)
        if "executable_path" not in options and not self.installed:
            raise RuntimeError("Executable doesn't exist at /root/.cache/ms-playwright/chromium")
        return "browser"


class FakePlaywright:
    def __init__(self, installable: bool) -> None:
        self.chromium = FakeChromium(installable)


def _fake_install(pw: FakePlaywright, calls: list):
    def run(cmd, **_kw):
        calls.append(cmd)
        pw.chromium.installed = pw.chromium.installable
        return subprocess.CompletedProcess(cmd, 0 if pw.chromium.installable else 1, "",
                                           "" if pw.chromium.installable else
                                           "Error: getaddrinfo EAI_AGAIN playwright.azureedge.net")
    return run


def test_debian_chromium_comes_first(monkeypatch, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    monkeypatch.setattr(harness, "CHROMIUM", str(chromium))
    pw = FakePlaywright(installable=True)
    assert harness.launch_chromium(pw) == "browser"
    assert pw.chromium.launches[0]["executable_path"] == str(chromium)


def test_without_debian_chromium_playwright_installs_its_own_once(monkeypatch, tmp_path):
    monkeypatch.setattr(harness, "CHROMIUM", str(tmp_path / "absent"))
    pw, calls = FakePlaywright(installable=True), []
    monkeypatch.setattr(harness.subprocess, "run", _fake_install(pw, calls))
    assert harness.launch_chromium(pw) == "browser"
    assert len(calls) == 1 and calls[0][-2:] == ["install", "chromium"]
    assert "executable_path" not in pw.chromium.launches[-1]


def test_no_browser_at_all_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setattr(harness, "CHROMIUM", str(tmp_path / "absent"))
    pw, calls = FakePlaywright(installable=False), []
    monkeypatch.setattr(harness.subprocess, "run", _fake_install(pw, calls))
    with pytest.raises(harness.HarnessError) as err:
        harness.launch_chromium(pw)
    message = str(err.value)
    assert "\n" not in message and "absent" in message and "EAI_AGAIN" in message
