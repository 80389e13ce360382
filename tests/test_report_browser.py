"""The HTML report in a real browser: headless Chromium driven over the DevTools protocol.

Chromium is started with ``--remote-debugging-pipe`` (DevTools messages as NUL-terminated JSON
on file descriptors 3 and 4), so the test needs only the standard library: no websocket
client, no Selenium. It loads the report from a ``file://`` URL with every network feature
off and checks that

* the page raised no console error or exception,
* no request other than the report file itself was made (``Network.requestWillBeSent``) and
  the page lists no fetched resource (``performance.getEntriesByType('resource')``),
* the headline numbers are visible in the rendered text, and
* it prints to A4 PDF.

A full-page screenshot and the PDF are saved in ``tests/artifacts/``. Without a browser the
test is skipped, except under ``CI=true`` where it fails. ``BERAKHLAK_CHROMIUM`` may point at
the browser binary (default: ``chromium`` on PATH, Debian's package).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.cli.pdf import BROWSER_FLAGS, find_chromium
from tests.compare.kalteng import PUBLISHED_2022, WHEN, score_2024

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TIMEOUT = 60.0
FLAGS = [*BROWSER_FLAGS, "--no-sandbox", "--remote-debugging-pipe"]


_LAUNCHER = """
import os, sys
inp, out = os.dup(int(sys.argv[1])), os.dup(int(sys.argv[2]))
for copy, target in ((inp, 3), (out, 4)):
    os.dup2(copy, target)
    os.set_inheritable(target, True)  # dup2 onto itself keeps the copy's close-on-exec flag
os.execv(sys.argv[3], sys.argv[3:])
"""


def find_browser(in_ci: bool) -> str:
    """The Chromium binary, or skip (fail under CI=true) when there is none."""
    candidate = find_chromium()
    if candidate:
        return candidate
    message = "headless Chromium not found (apt-get install chromium, or set BERAKHLAK_CHROMIUM)"
    if in_ci:
        pytest.fail(message)
    pytest.skip(message)


class DevTools:
    """A minimal DevTools-protocol client over Chromium's pipe (fd 3 in, fd 4 out)."""

    def __init__(self, browser: str, profile: Path) -> None:
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()
        self.log = (profile / "chromium.log").open("wb")

        # NOTE: --remote-debugging-pipe reads fd 3 and writes fd 4. A tiny Python launcher
        # copies our pipe ends there and execs the browser: no preexec_fn (unsafe with
        # threads) and no shell (dash cannot name fds above 9).
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _LAUNCHER,
                str(to_child),
                str(from_child),
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            pass_fds=(to_child, from_child),
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Call ``method`` and wait for its result (events arriving meanwhile are kept)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        reply = self._wait(lambda m: m.get("id") == self._next)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str) -> dict[str, Any]:
        """Wait for the first event named ``method`` (possibly already received)."""
        for event in self.events:
            if event.get("method") == method:
                return event
        return self._wait(lambda m: m.get("method") == method)

    def _wait(self, wanted: Any) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                if wanted(message):
                    return message  # type: ignore[no-any-return]
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._read], [], [], max(left, 0))
            if not ready:
                raise AssertionError(f"no DevTools reply within {TIMEOUT:.0f} s")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise AssertionError("Chromium closed the DevTools pipe (crashed?)")
            self._buffer += chunk

    def close(self) -> None:
        """Close the browser (politely, then by force)."""
        with contextlib.suppress(AssertionError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._write)
        os.close(self._read)
        self.log.close()


def render_report(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """The realistic report: 2022 published figures and the example 2024 survey, scored."""
    hasil = score_2024(tmp_path)
    page = tmp_path / "laporan.html"
    args = ["report", str(PUBLISHED_2022), str(hasil), "-o", str(page), "--generated-at", WHEN]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return page, json.loads(hasil.read_text(encoding="utf-8"))


def load_in_browser(browser: str, page: Path, profile: Path) -> dict[str, Any]:
    """Open ``page`` and collect what the checks need."""
    tools = DevTools(browser, profile)
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        sid = session["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            tools.send(f"{domain}.enable", session=sid)
        metrics = {"width": 1000, "height": 1400, "deviceScaleFactor": 1, "mobile": False}
        tools.send("Emulation.setDeviceMetricsOverride", metrics, session=sid)
        tools.events.clear()
        tools.send("Page.navigate", {"url": page.as_uri()}, session=sid)
        tools.wait_event("Page.loadEventFired")

        def evaluate(expression: str) -> Any:
            reply = tools.send(
                "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=sid
            )
            return reply["result"].get("value")

        out = {
            "text": evaluate("document.body.innerText"),
            "resources": evaluate("performance.getEntriesByType('resource').map(e => e.name)"),
            "scripts": evaluate("document.scripts.length"),
            "svgs": evaluate("document.querySelectorAll('svg.chart').length"),
        }
        height = evaluate("Math.ceil(document.documentElement.scrollHeight)")
        tools.send("Emulation.setDeviceMetricsOverride", {**metrics, "height": height}, session=sid)
        shot = tools.send("Page.captureScreenshot", {"format": "png"}, session=sid)
        out["png"] = base64.b64decode(shot["data"])
        pdf = tools.send(
            "Page.printToPDF",
            {"printBackground": True, "preferCSSPageSize": True},
            session=sid,
        )
        out["pdf"] = base64.b64decode(pdf["data"])
        out["events"] = list(tools.events)
        return out
    finally:
        tools.close()


def problems(events: list[dict[str, Any]], page_url: str) -> tuple[list[str], list[str]]:
    """(console errors and exceptions, requests other than the page itself)."""
    errors: list[str] = []
    requests: list[str] = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(json.dumps(params.get("args"))[:300])
        elif method == "Runtime.exceptionThrown":
            errors.append(json.dumps(params.get("exceptionDetails"))[:300])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append(params["entry"].get("text", "")[:300])
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if url != page_url:
                requests.append(url)
    return errors, requests


@pytest.mark.browser
def test_report_in_headless_chromium(tmp_path: Path, in_ci: bool) -> None:
    browser = find_browser(in_ci)
    page, scored = render_report(tmp_path)
    profile = tmp_path / "profile"
    profile.mkdir()
    seen = load_in_browser(browser, page, profile)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report.png").write_bytes(seen["png"])
    (ARTIFACTS / "report.pdf").write_bytes(seen["pdf"])

    errors, requests = problems(seen["events"], page.as_uri())
    assert errors == [], errors
    assert requests == [], requests
    assert seen["resources"] == [] and seen["scripts"] == 0
    # values, heat map, trends, the institution's answer distribution, one per unit page
    published = [g for g in scored["groups"] if not g["withheld"]]
    assert seen["svgs"] == 4 + len(published)

    combined = scored["institution"]["combined"]["rounded"]
    text = " ".join(seen["text"].split())
    headline = f"{combined:.1f}".replace(".", ",")
    change = f"{combined - 59.5:+.1f}".replace(".", ",")
    assert headline in text and change in text and "59,5 (B) pada 2022" in text
    assert "Perhatian: tahun-tahun ini tidak sebanding" in text
    assert seen["png"].startswith(b"\x89PNG") and seen["pdf"].startswith(b"%PDF")
    assert seen["pdf"].count(b"/Type /Page") - seen["pdf"].count(b"/Type /Pages") >= 2


def test_event_filter_flags_errors_and_requests() -> None:
    page = "file:///tmp/laporan.html"
    events = [
        {"method": "Network.requestWillBeSent", "params": {"request": {"url": page}}},
        {
            "method": "Network.requestWillBeSent",
            "params": {"request": {"url": "https://x.id/a.css"}},
        },
        {"method": "Network.requestWillBeSent", "params": {"request": {"url": "data:image/png;x"}}},
        {"method": "Runtime.consoleAPICalled", "params": {"type": "log", "args": []}},
        {"method": "Runtime.consoleAPICalled", "params": {"type": "error", "args": ["boom"]}},
        {"method": "Runtime.exceptionThrown", "params": {"exceptionDetails": {"text": "x"}}},
        {"method": "Log.entryAdded", "params": {"entry": {"level": "error", "text": "404"}}},
        {"method": "Log.entryAdded", "params": {"entry": {"level": "info", "text": "ok"}}},
    ]
    errors, requests = problems(events, page)
    assert requests == ["https://x.id/a.css", "data:image/png;x"]
    assert len(errors) == 3 and "boom" in errors[0] and errors[2] == "404"
