"""Report wording and polish (issue 14, parts 6 and 7): which index, dates, labels, colours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from berakhlak_cli.loaders.results.load import load_results
from berakhlak_cli.model.results import Provenance
from berakhlak_cli.model.rubric import Lang
from berakhlak_cli.render.language.dates import human_date
from berakhlak_cli.render.report.charts import _year_shades
from berakhlak_cli.render.report.pages import render_report
from berakhlak_cli.scoring.compare.years import build_comparison
from tests.compare.kalteng import PUBLISHED_2022, score_2024

PROV = Provenance("9.9.9", "2025-02-01T00:00:00+00:00")


@pytest.fixture(scope="module")
def hasil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return score_2024(tmp_path_factory.mktemp("polish"))


def test_indonesian_dates() -> None:
    assert human_date("2025-01-15T08:30:00+00:00") == "15 Januari 2025, 08.30 UTC"
    assert human_date("2025-08-17T10:00:00+07:00") == "17 Agustus 2025, 10.00 UTC+7"
    assert human_date("2025-01-15T08:30:00Z", Lang.EN) == "15 January 2025, 08:30 UTC"
    assert human_date("2024-12-31") == "31 Desember 2024"
    assert human_date("kemarin") == "kemarin"


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_two_years_differ_in_greyscale() -> None:
    old, new = _year_shades(2)
    assert _luminance(old) - _luminance(new) > 0.4


def test_not_comparable_headline_shows_both_figures_after_the_warning(hasil: Path) -> None:
    comparison = build_comparison([load_results(PUBLISHED_2022), load_results(hasil)])
    page = render_report(comparison, Lang.ID, PROV)
    assert page.index('role="alert"') < page.index('data-testid="headline-index"')
    caution = re.search(r'data-testid="headline-caution">([^<]*)<', page)
    assert caution is not None
    text = caution.group(1)
    assert "Indeks 59,5 (2022)" in text and "indeks gabungan" in text and "tidak" in text.lower()
    change = re.search(r'class="change ([^"]*)" data-testid="headline-change"', page)
    assert change is not None and "up" not in change.group(1)  # not a green success
    assert "Indeks (dipublikasikan → gabungan)" in page  # the index row says which index


def test_one_year_report_labels_and_appendix(hasil: Path) -> None:
    comparison = build_comparison([load_results(hasil)], minimum=1)
    page = render_report(comparison, Lang.ID, PROV, institution="Setda Kalteng", period="2024")
    assert "Setda Kalteng" in page and "Sebanding:" not in page
    assert "Indeks gabungan" in page and "Dibuat 1 Februari 2025, 00.00 UTC" in page
    method = page[page.index('<section id="method"') :]
    method = method[: method.index("</section>")]
    for raw in ("min_meaningful", ">survey<", ">rubric<", ">units<", ">evidence<", "T00:00"):
        assert raw not in method, raw
    assert ">Survei<" in method and ">Rubrik<" in method
    # Biro Umum is below its minimum respondents: marked in the heat map and its caption
    assert "di bawah minimum responden (tidak dihitung dalam skor instansi)" in page


def test_older_results_without_behaviour_fields_still_report(hasil: Path, tmp_path: Path) -> None:
    import json

    doc = json.loads(hasil.read_text(encoding="utf-8"))
    for key in ("behaviours", "reporting"):
        doc.pop(key)
    for group in [*doc["groups"], doc["institution"]]:
        for key in ("behaviours", "behaviour_gaps", "priorities"):
            group.pop(key, None)
    old = tmp_path / "hasil-2024.json"
    old.write_text(json.dumps(doc), encoding="utf-8")
    year = load_results(old)
    assert year.behaviour_info == () and not year.institution_behaviours
    page = render_report(build_comparison([year], minimum=1), Lang.ID, PROV)
    assert '<section id="ranking"' in page and '<section id="behaviours"' not in page
    assert 'data-testid="unit-page"' not in page


def test_withheld_units_have_no_page_and_no_priority(hasil: Path) -> None:
    year = load_results(hasil)
    withheld = [u.label for u in year.units if u.withheld]
    assert withheld == ["Biro Pengadaan Barang dan Jasa"]
    page = render_report(build_comparison([year], minimum=1), Lang.ID, PROV)
    priorities = page[page.index('<section id="priorities"') :]
    priorities = priorities[: priorities.index("</section>")]
    units = page[page.index('<section id="units"') :]
    assert withheld[0] not in priorities
    assert f"<h3>{withheld[0]}</h3>" not in units
    assert f"({withheld[0]}" not in units and "anonimitas): Biro Pengadaan" in units
    assert "<th>Perubahan</th>" not in page  # one year: no change column in the ranking
