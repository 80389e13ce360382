"""``report`` for one year, and ``report --format pdf`` (issue 14): checked in headless Chromium.

The one-year report is loaded in the browser like the two-year one (tests/test_report_browser.py:
no console error, no request, headline visible). The PDF of a one-year and of a two-year report
is read back with poppler's ``pdftotext``/``pdfinfo``/``pdftoppm``: real text with the headline
numbers, A4 pages, page numbers, and no page whose content stops above half of the page.
Without Chromium or poppler the tests are skipped, except under ``CI=true`` where they fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from tests.compare.kalteng import PUBLISHED_2022, WHEN, score_2024
from tests.test_report_browser import ARTIFACTS, find_browser, load_in_browser, problems


def poppler(tool: str, in_ci: bool) -> str:
    """The path of a poppler-utils tool, or skip (fail under CI=true)."""
    found = shutil.which(tool)
    if found:
        return found
    message = f"{tool} not found (apt-get install poppler-utils)"
    if in_ci:
        pytest.fail(message)
    pytest.skip(message)


def ink_depth(pdf: Path, pages: int, tmp_path: Path) -> list[float]:
    """Per page, how far down (0-1 of the page height) the content reaches, footer excluded."""
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    out = []
    files = sorted(tmp_path.glob("p-*.png"))
    assert len(files) == pages
    for file in files:
        image = Image.open(file).convert("L")
        width, height = image.size
        body = int(height * (1 - 20 / 297))  # the bottom margin holds only the page number
        px = image.load()
        rows = [y for y in range(body) if any(px[x, y] < 200 for x in range(width))]
        out.append(max(rows, default=0) / height)
    return out


@pytest.mark.browser
def test_one_year_report_in_headless_chromium(tmp_path: Path, in_ci: bool) -> None:
    browser = find_browser(in_ci)
    hasil = score_2024(tmp_path)
    page = tmp_path / "laporan-2024.html"
    args = ["report", str(hasil), "-o", str(page), "--generated-at", WHEN]
    result = CliRunner().invoke(app, [*args, "--institution", "Setda Provinsi Kalimantan Tengah"])
    assert result.exit_code == 0, result.output
    profile = tmp_path / "profile"
    profile.mkdir()
    seen = load_in_browser(browser, page, profile)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-one-year.png").write_bytes(seen["png"])
    errors, requests = problems(seen["events"], page.as_uri())
    assert errors == [] and requests == []
    doc = json.loads(hasil.read_text(encoding="utf-8"))
    combined = f"{doc['institution']['combined']['rounded']:.1f}".replace(".", ",")
    text = " ".join(seen["text"].split())
    assert combined in text and "Setda Provinsi Kalimantan Tengah" in text
    assert "Rapor unit kerja (2024)" in text and "Prioritas perbaikan" in text
    published = [g for g in doc["groups"] if not g["withheld"]]
    assert seen["svgs"] == 2 + 1 + len(published)  # values, heat map, institution, units


@pytest.mark.browser
@pytest.mark.parametrize("years", [1, 2])
def test_report_pdf(tmp_path: Path, in_ci: bool, years: int) -> None:
    find_browser(in_ci)
    pdftotext, pdfinfo = poppler("pdftotext", in_ci), poppler("pdfinfo", in_ci)
    poppler("pdftoppm", in_ci)
    hasil = score_2024(tmp_path)
    files = [str(hasil)] if years == 1 else [str(PUBLISHED_2022), str(hasil)]
    pdf = tmp_path / "laporan.pdf"
    args = ["report", *files, "-f", "pdf", "-o", str(pdf), "--generated-at", WHEN]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    (ARTIFACTS / f"report-{years}y.pdf").parent.mkdir(exist_ok=True)
    (ARTIFACTS / f"report-{years}y.pdf").write_bytes(data)
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(ln for ln in info.splitlines() if ln.startswith("Pages:")).split()[1])
    assert "(A4)" in info
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    doc = json.loads(hasil.read_text(encoding="utf-8"))
    inst = doc["institution"]
    for figure in (inst["combined"]["rounded"], inst["index"]["rounded"]):
        assert f"{figure:.1f}".replace(".", ",") in text
    if years == 2:
        assert "59,5" in text and "tidak sebanding" in text
    assert f"Halaman 1 / {pages}" in text and f"Halaman {pages} / {pages}" in text
    depth = ink_depth(pdf, pages, tmp_path)
    assert min(depth) >= 0.5, depth


def test_pdf_without_a_browser_or_output_is_a_one_line_error(tmp_path: Path) -> None:
    runner = CliRunner()
    hasil = str(PUBLISHED_2022)
    result = runner.invoke(app, ["report", hasil, "-f", "pdf"])
    assert result.exit_code == 2
    assert "error: --format pdf writes a file: give --output FILE.pdf" in result.stderr
    out = tmp_path / "laporan.pdf"
    missing = {"BERAKHLAK_CHROMIUM": str(tmp_path / "no-chromium")}
    result = runner.invoke(app, ["report", hasil, "-f", "pdf", "-o", str(out)], env=missing)
    assert result.exit_code == 2 and "--format pdf:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()
