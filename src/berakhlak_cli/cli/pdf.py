"""``report --format pdf``: print the HTML report to A4 PDF with headless Chromium.

Why Chromium (README, dependencies): it is already the browser the report is tested in, so
the PDF is exactly the page that test checked; it prints real text (searchable, copyable),
honours the report's A4 ``@page`` rules, page breaks and page-number margin boxes, and it
is an external program, not a Python dependency (WeasyPrint would add Pango, cairo and
their fonts to every install, for a feature only some users need). The browser runs with a
throw-away profile, every network feature off, and only the report file loaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from berakhlak_cli.errors import OutputError

TIMEOUT = 180
BROWSER_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
)
"""Headless, and nothing reaching the network (also used by the report's browser test)."""
FLAGS = (*BROWSER_FLAGS, "--no-pdf-header-footer")
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """``BERAKHLAK_CHROMIUM``, else the first Chromium-family browser on PATH."""
    named = os.environ.get("BERAKHLAK_CHROMIUM")
    if named:
        return named
    return next((path for c in CANDIDATES if (path := shutil.which(c))), None)


def html_to_pdf(page: str) -> bytes:
    """The report ``page`` (self-contained HTML) printed to PDF bytes."""
    browser = find_chromium()
    if browser is None:
        raise OutputError(
            "--format pdf needs headless Chromium: install it (apt-get install chromium) "
            "or set BERAKHLAK_CHROMIUM to the browser; or write --format html and print that"
        )
    with tempfile.TemporaryDirectory(prefix="berakhlak-pdf-") as tmp:
        folder = Path(tmp)
        source, target = folder / "laporan.html", folder / "laporan.pdf"
        source.write_text(page, encoding="utf-8")
        args = [browser, *FLAGS, f"--user-data-dir={folder / 'profile'}"]
        # NOTE: Chromium refuses to start as root with its sandbox on (containers, CI).
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")
        args += [f"--print-to-pdf={target}", source.as_uri()]
        try:
            done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                args, capture_output=True, timeout=TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"--format pdf: {browser} failed: {exc}") from None
        data = target.read_bytes() if target.exists() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF"):
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise OutputError(f"--format pdf: {browser} printed no PDF ({tail[0][:200]})")
        return data
