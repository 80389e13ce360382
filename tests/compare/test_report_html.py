"""The HTML report: self-contained, escaped, localised, deterministic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2 import StrictUndefined

from berakhlak_cli.loaders.results.load import load_results
from berakhlak_cli.model.comparison import Comparison
from berakhlak_cli.model.results import Provenance
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.report.pages import environment, render_compare_html, render_report
from berakhlak_cli.scoring.compare.years import build_comparison
from tests.compare.builders import unit, year
from tests.compare.kalteng import PUBLISHED_2022

PROV = Provenance("9.9.9", "2025-02-01T00:00:00+00:00")
EXTERNAL = re.compile(
    r"""\b(?:src|href|xlink:href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//""", re.I
)


def assert_self_contained(page: str) -> None:
    """No script, no external reference, no CSS import or remote url()."""
    assert "<script" not in page.lower()
    assert not EXTERNAL.search(page)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "<link" not in page.lower() and "<iframe" not in page.lower()


@pytest.fixture(scope="module")
def realistic(hasil_2024: Path) -> Comparison:
    return build_comparison([load_results(PUBLISHED_2022), load_results(hasil_2024)])


def test_report_sections_and_numbers(realistic: Comparison) -> None:
    page = render_report(realistic, Lang.ID, PROV)
    new = realistic.years[1]
    assert new.index is not None
    value = f"{new.index.rounded:.1f}".replace(".", ",")
    delta = f"{new.index.rounded - 59.5:+.1f}".replace(".", ",")
    assert f'data-testid="headline-index">{value}<' in page
    assert f'data-testid="headline-change">{delta}<' in page
    for section in ("headline", "values", "heatmap", "ranking", "coverage", "gaps", "method"):
        assert f'<section id="{section}"' in page
    assert "Perhatian: tahun-tahun ini tidak sebanding" in page
    assert "Instrumen berbeda" in page and "values-selection/votes" in page
    # values, heat map, trend, the institution's Likert chart, and one per unit page
    pages = page.count('data-testid="unit-page"')
    published = [u for u in new.units if not u.withheld]
    assert pages == len(published) and page.count("<svg ") == 4 + pages
    for section in ("trends", "behaviours", "distribution", "priorities", "units"):
        assert f'<section id="{section}"' in page
    assert new.rubric is not None and new.rubric.sha256 in page and new.sha256 in page
    assert "Biro Pengadaan Barang dan Jasa" in page and "disembunyikan" in page
    assert "@page { size: A4" in page
    assert_self_contained(page)


def test_english_report_uses_english_words_and_dot_decimals(realistic: Comparison) -> None:
    page = render_report(realistic, Lang.EN, PROV)
    assert '<html lang="en">' in page and "Caution: these years are not comparable" in page
    assert "59.5 (B) in 2022" in page
    assert ">72.5</td>" in page and ">72,5</td>" not in page  # Harmonis 2022 in the table
    assert "Fairly healthy" in page


def test_report_is_byte_identical_for_identical_input(realistic: Comparison) -> None:
    assert render_report(realistic, Lang.ID, PROV) == render_report(realistic, Lang.ID, PROV)


def test_svg_ids_are_unique_per_page(realistic: Comparison) -> None:
    page = render_report(realistic, Lang.ID, PROV)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'href="#([^"]+)"', page)) | set(re.findall(r"url\(#([^)]+)\)", page))
    assert refs <= set(ids)


HOSTILE = '<script>alert("x")</script> & "Biro" $x$'


def test_hostile_unit_names_render_as_text() -> None:
    units = (unit(HOSTILE, 70.0, 12, akuntabel=66.0),)
    comparison = build_comparison([year(2022, 60.0, units=units), year(2024, 70.0, units=units)])
    for page in (
        render_report(comparison, Lang.ID, PROV),
        render_compare_html(comparison, Lang.ID, PROV),
    ):
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;Biro&#34; $x$" in page
        assert_self_contained(page)


def test_hostile_title_and_published_text_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "angka-2023.yaml"
    path.write_text(
        "format: berakhlak-published\nformat_version: 1\nyear: 2023\n"
        "instrument: '<img src=x onerror=alert(1)>'\nindex: 60\n"
        "notes: '<a href=\"https://evil.example\">klik</a>'\n",
        encoding="utf-8",
    )
    comparison = build_comparison([load_results(path), year(2024, 70.0)])
    page = render_report(comparison, Lang.ID, PROV, title="<b>Laporan</b>")
    assert "<img" not in page and "<b>Laporan" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;b&gt;Laporan&lt;/b&gt;" in page
    assert_self_contained(page)


def test_templates_fail_on_undefined_and_autoescape() -> None:
    env = environment()
    assert env.undefined is StrictUndefined and env.autoescape is True


def test_report_without_units_or_change() -> None:
    comparison = build_comparison([year(2022, None), year(2024, 70.0)])
    page = render_report(comparison, Lang.ID, PROV)
    assert '<section id="ranking"' not in page and 'data-testid="headline-change"' not in page
    assert 'data-testid="headline-index">70,0<' in page


def test_templates_ship_in_the_wheel() -> None:
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    # hatch packages the whole package folder, templates included (no .gitignore rule hides them)
    assert 'packages = ["src/berakhlak_cli"]' in pyproject
    templates = Path(__file__).resolve().parents[2] / "src/berakhlak_cli/render/templates"
    assert {p.name for p in templates.iterdir()} >= {"report.html.j2", "report.css"}


def test_coverage_total_and_combined_parts(realistic: Comparison, hasil_2024: Path) -> None:
    doc = json.loads(hasil_2024.read_text(encoding="utf-8"))
    counted = [g for g in doc["groups"] if g.get("headcount")]
    n = sum(g["respondents"] for g in counted)
    h = sum(g["headcount"] for g in counted)
    rate = f"{n / h * 100:.1f}".replace(".", ",")
    page = render_report(realistic, Lang.ID, PROV)
    assert (
        '<td class="strong">Jumlah (unit dengan jumlah pegawai)</td>'
        f'<td class="num">{n}</td><td class="num">{h}</td><td class="num">{rate} %</td>'
    ) in page
    inst = doc["institution"]
    survey = f"{inst['index']['rounded']:.1f}".replace(".", ",")
    evidence = f"{inst['evidence']['rounded']:.1f}".replace(".", ",")
    assert f"(survei {survey}; bukti dukung {evidence})" in page


@pytest.mark.parametrize(
    "page",
    [
        '<img src="https://example.org/x.png">',
        "<link rel=stylesheet href=//cdn.example/x.css>",
        "<style>@import 'x.css';</style>",
        "<div style=\"background: url('http://x/y.png')\"></div>",
        "<SCRIPT>1</SCRIPT>",
    ],
)
def test_self_contained_check_catches_external_references(page: str) -> None:
    with pytest.raises(AssertionError):
        assert_self_contained(page)
