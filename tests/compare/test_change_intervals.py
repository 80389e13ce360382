"""Real change in ``compare`` (issue #8): Welch interval, meaningful flag, no invented intervals."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.loaders.results.load import load_results
from berakhlak_cli.model.change import NoInterval
from berakhlak_cli.model.comparison import YearResult
from berakhlak_cli.model.results import Interval, Provenance, Score
from berakhlak_cli.model.rubric import Change, Lang
from berakhlak_cli.render.compare.flat import render_comparison_json
from berakhlak_cli.render.report.pages import render_report
from berakhlak_cli.scoring.compare.change import change_between
from berakhlak_cli.scoring.compare.years import build_comparison
from tests.compare.builders import band, rubric, year
from tests.compare.kalteng import EXAMPLES, PUBLISHED_2022, WHEN

# Student-t quantile for df 21.3764451355554 (mpmath, 30 digits; tests/test_uncertainty.py).
T_975_WELCH = 2.07738615821024
PROV = Provenance("9.9.9", WHEN)


def scored_year(y: int, minimum: float | None = None, confidence: float = 0.95) -> YearResult:
    """A scored year; ``minimum`` sets its rubric's change.min_meaningful (None: not recorded)."""
    scored = year(y, rub=rubric())
    if minimum is not None:
        scored = replace(scored, change=Change(min_meaningful=minimum, confidence=confidence))
    return scored


def sampled(mean: float, variance: float, n: int) -> Score:
    """A scored figure: SE = sqrt(s^2 / n) (no headcount), df = n - 1 (a change reads only
    these; the interval's ends are a plain ±2 SE)."""
    se = math.sqrt(variance / n)
    return Score(
        mean, mean, band(mean), n, Interval(mean - 2 * se, mean + 2 * se, se=se, n=n, df=n - 1.0)
    )


def test_welch_change_hand_computed() -> None:
    # 2024: n 10, mean 70, s^2 100 -> SE^2 = 10.  2025: n 20, mean 75, s^2 144 -> SE^2 = 7.2.
    # SE = sqrt(17.2) = 4.1473; df = 17.2^2 / (10^2/9 + 7.2^2/19) = 295.84 / 13.8395 = 21.3764;
    # t(0.975, 21.3764) = 2.077386 -> 5 ± 8.6155 = [-3.6155, 13.6155]: contains 0.
    change = change_between(
        sampled(70.0, 100.0, 10), sampled(75.0, 144.0, 20), scored_year(2024), scored_year(2025), 1
    )
    assert change.estimate == 5.0
    assert change.se == pytest.approx(math.sqrt(17.2), rel=1e-12)
    assert change.df == pytest.approx(21.3764451355554, rel=1e-12)
    half = T_975_WELCH * math.sqrt(17.2)
    assert (change.lower, change.upper) == (pytest.approx(5 - half), pytest.approx(5 + half))
    assert change.rounded == (-3.6, 13.6)
    assert change.meaningful is False and change.reason is None
    assert (change.level, change.min_meaningful) == (0.95, 2.0)  # defaults: nothing recorded


def test_meaningful_needs_both_a_clear_interval_and_the_minimum() -> None:
    # n 10 000 each, s^2 100: SE = sqrt(0.01 + 0.01) = 0.14142, df = 19 998,
    # t ~ 1.960 -> half-width 0.2772.
    old, new = scored_year(2024), scored_year(2025)
    small = change_between(sampled(70.0, 100.0, 10_000), sampled(71.5, 100.0, 10_000), old, new, 1)
    # 1.5 in [1.2228, 1.7772]: excludes 0, but 1.5 < 2.0 -> not meaningful
    assert small.lower is not None and small.lower > 0
    assert small.lower == pytest.approx(1.5 - 0.27720, abs=1e-4)
    assert small.rounded == (1.2, 1.8) and small.meaningful is False
    # exactly the minimum counts: 72.0 - 70.0 = 2.0 >= 2.0
    at_min = change_between(sampled(70.0, 100.0, 10_000), sampled(72.0, 100.0, 10_000), old, new, 1)
    assert at_min.estimate == 2.0 and at_min.meaningful is True
    # falls count the same way
    fall = change_between(sampled(72.0, 100.0, 10_000), sampled(70.0, 100.0, 10_000), old, new, 1)
    assert fall.rounded == (-2.3, -1.7) and fall.meaningful is True


def test_the_newer_years_rubric_sets_the_minimum_and_level() -> None:
    old, new = sampled(70.0, 100.0, 10_000), sampled(71.5, 100.0, 10_000)
    lenient = change_between(old, new, scored_year(2024, 5.0), scored_year(2025, 1.0), 1)
    assert lenient.min_meaningful == 1.0 and lenient.meaningful is True
    strict = change_between(old, new, scored_year(2024, 1.0), scored_year(2025, 5.0), 1)
    assert strict.min_meaningful == 5.0 and strict.meaningful is False
    ninety = change_between(old, new, scored_year(2024), scored_year(2025, 2.0, 0.90), 1)
    # t(0.95, 19 998) = 1.6450 (normal 1.6449): half-width 1.645 * 0.14142 = 0.2326
    assert ninety.level == 0.90
    assert ninety.upper is not None and ninety.upper == pytest.approx(1.5 + 0.23264, abs=1e-4)


def test_published_baseline_has_no_interval_available() -> None:
    published, scored = year(2022, 59.5), scored_year(2024)
    change = change_between(Score(59.5, 59.5, "B"), sampled(76.3, 150.0, 42), published, scored, 1)
    assert change.estimate == pytest.approx(16.8)
    assert (change.lower, change.upper, change.se, change.meaningful) == (None,) * 4
    assert change.reason is NoInterval.PUBLISHED_FIGURE
    assert change.detail == (
        "no interval available: the 2022 figure is a published figure without respondent-level data"
    )
    # a scored figure whose results carry no interval (pooled method, merged unit, old file)
    bare = Score(70.0, 70.0, "B", 40)
    gap = change_between(bare, sampled(75.0, 100.0, 40), scored_year(2024), scored, 1)
    assert gap.reason is NoInterval.NOT_IN_RESULTS and gap.meaningful is None


def test_steps_carry_the_change_and_two_censuses_give_valid_json() -> None:
    census = Score(70.0, 70.0, "B", 5, Interval(70.0, 70.0, se=0.0, n=5, df=4.0))
    old = replace(scored_year(2024), index=census)
    moved = Interval(73.0, 73.0, se=0.0, n=5, df=4.0)
    new = replace(scored_year(2025), index=replace(census, raw=73.0, rounded=73.0, interval=moved))
    comparison = build_comparison([new, old])
    (index_step,) = comparison.index.steps
    assert index_step.delta == 3.0 and index_step.change is not None
    assert index_step.change.rounded == (3.0, 3.0) and index_step.change.meaningful is True
    assert index_step.change.df is not None and math.isnan(index_step.change.df)
    text = render_comparison_json(comparison, PROV)
    assert "NaN" not in text
    (entry,) = json.loads(text)["index"]["changes"]
    assert entry["change_df"] is None and entry["meaningful"] is True


# --- end to end: the example survey as 2024 and a copy with higher Adaptif answers as 2025 ---

UP = {"Netral": "Setuju", "3": "4", "Tidak Setuju": "Netral", "2": "3"}


def write_2025(path: Path) -> Path:
    """survei-2024.csv with every Adaptif answer one step up (Netral -> Setuju, 2 -> 3, ...)."""
    rows = list(csv.reader(io.StringIO((EXAMPLES / "survei-2024.csv").read_text("utf-8"))))
    columns = [rows[0].index(c) for c in ("ad1", "ad2", "ad3")]
    for row in rows[1:]:
        for i in columns:
            if i < len(row):
                row[i] = UP.get(row[i], row[i])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def score(survey: Path, out: Path) -> Path:
    args = ["score", str(survey), "--units", str(EXAMPLES / "units.csv"), "-f", "json"]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--generated-at", WHEN])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("years")
    first = score(EXAMPLES / "survei-2024.csv", root / "hasil-2024.json")
    second = score(write_2025(root / "survei-2025.csv"), root / "hasil-2025.json")
    return first, second


def compare(files: tuple[Path, ...] | list[Path], *args: str) -> str:
    result = CliRunner().invoke(app, ["compare", *map(str, files), *args, "--generated-at", WHEN])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_compare_json_change_is_welch_on_the_scored_intervals(two_years: tuple[Path, Path]) -> None:
    docs = [json.loads(p.read_text("utf-8")) for p in two_years]
    doc = json.loads(compare(two_years, "-f", "json"))
    (index,) = doc["index"]["changes"]
    old, new = (d["institution"] for d in docs)
    assert index["change_raw"] == pytest.approx(new["index"]["raw"] - old["index"]["raw"])
    se_old, se_new = old["index_interval"]["se"], new["index_interval"]["se"]
    assert index["change_se"] == pytest.approx(math.hypot(se_old, se_new))
    # 77.1 -> 78.4: +1.3, interval about 0.9-1.7: excludes 0 but below the 2-point minimum
    assert index["delta"] == 1.3 and 0 < index["change_lower"] < index["change_upper"] < 2
    assert index["meaningful"] is False and index["min_meaningful"] == 2.0
    adaptif = next(v for v in doc["values"] if v["code"] == "AD")
    (ad,) = adaptif["changes"]
    assert ad["delta"] == 9.0 and ad["meaningful"] is True and ad["change_lower"] > 2
    others = [v["changes"][0] for v in doc["values"] if v["code"] != "AD"]
    assert all(c["meaningful"] is False and c["change_lower"] < 0 for c in others)
    units = {u["name"]: u["changes"][0] for u in doc["units"]}
    assert units["Biro Hukum"]["change_lower"] is not None
    withheld = units["Biro Pengadaan Barang dan Jasa"]  # below the anonymity threshold
    assert withheld["delta"] is None and withheld["meaningful"] is None


def test_compare_table_shows_the_interval_and_flag(two_years: tuple[Path, Path]) -> None:
    text = compare(two_years)
    assert "IK 95% perubahan" in text and "bermakna?" in text
    row = next(line for line in text.splitlines() if "AD Adaptif" in line)
    assert re.search(r"\+9,0 │ +\d,\d–\d,\d │ +ya │ B → A", row)
    index = next(line for line in text.splitlines() if "│ Indeks" in line)
    assert re.search(r"\+1,3 │ +0,\d–1,\d │ +tidak │", index)
    assert "|perubahan| ≥ 2,0 poin" in text
    english = compare(two_years, "--lang", "en")
    assert "95% CI of change" in english and "meaningful?" in english
    assert re.search(r"\+9\.0 │ +\d\.\d–\d\.\d │ +yes │", english)


def test_published_baseline_says_no_interval(two_years: tuple[Path, Path]) -> None:
    text = compare([PUBLISHED_2022, two_years[1]])
    assert "— tanpa interval: angka publikasi (tanpa data responden)" in text
    assert "IK 95% perubahan" not in text  # no pair has an interval: no empty columns
    doc = json.loads(compare([PUBLISHED_2022, two_years[1]], "-f", "json"))
    assert doc["index"]["changes"][0]["reason"] == "published-figure"
    rows = list(csv.DictReader(io.StringIO(compare([PUBLISHED_2022, two_years[1]], "-f", "csv"))))
    assert (
        rows[0]["reason_2022_2025"] == "published-figure" and rows[0]["meaningful_2022_2025"] == ""
    )


def test_markdown_and_csv_carry_the_change(two_years: tuple[Path, Path]) -> None:
    md = compare(two_years, "-f", "markdown")
    assert "| IK 95% perubahan | bermakna? |" in md and "| ya | B → A |" in md
    rows = list(csv.DictReader(io.StringIO(compare(two_years, "-f", "csv"))))
    ad = next(r for r in rows if r["scope"] == "value" and r["code"] == "AD")
    assert ad["meaningful_2024_2025"] == "true" and float(ad["change_lower_2024_2025"]) > 2


def test_loader_reads_interval_statistics(two_years: tuple[Path, Path]) -> None:
    doc = json.loads(two_years[0].read_text("utf-8"))
    loaded = load_results(two_years[0])
    assert loaded.index is not None and loaded.rubric is not None
    interval = doc["institution"]["index_interval"]
    known = loaded.index.interval
    assert known is not None
    assert (known.se, known.df, known.n) == (interval["se"], interval["df"], interval["n"])
    assert (known.lower, known.upper) == (interval["lower"], interval["upper"])
    adaptif = loaded.value_scores["adaptif"].interval
    assert adaptif is not None
    assert adaptif.se == doc["institution"]["value_intervals"]["adaptif"]["se"]
    assert loaded.change == Change(2.0, 0.95)
    published = load_results(PUBLISHED_2022)
    assert published.index is not None and published.index.interval is None


def test_report_draws_error_bars_only_for_years_with_intervals(
    two_years: tuple[Path, Path],
) -> None:
    both = build_comparison([load_results(p) for p in two_years])
    page = render_report(both, Lang.ID, PROV)
    assert page == render_report(both, Lang.ID, PROV)  # deterministic
    # 8 bars per year (7 values and the index), each with an error bar
    for pos in (0, 1):
        assert len(re.findall(rf'id="values-ci-{pos}-\d+"', page)) == 8
    assert "Garis galat: IK 95%" in page and "Interval perubahan:" in page
    assert 'data-testid="headline-change-ci">IK 95% 0,' in page
    assert "IK 95% perubahan</th>" in page
    mixed = build_comparison([load_results(PUBLISHED_2022), load_results(two_years[1])])
    page = render_report(mixed, Lang.EN, PROV)
    assert not re.search(r'id="values-ci-0-', page)  # the published year has no interval
    assert len(re.findall(r'id="values-ci-1-\d+"', page)) == 8
    assert "— no interval: published figure (no respondent data)" in page
