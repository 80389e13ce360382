"""The combined index's interval: w_s · (survey interval) + w_e · evidence (issue #8)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from typer.testing import CliRunner

from berakhlak_cli.cli import app
from berakhlak_cli.loaders.rubric.load import load_rubric
from berakhlak_cli.model.results import (
    GroupLevel,
    GroupResult,
    Interval,
    RowAccount,
    RubricRef,
    Score,
    Scoresheet,
)
from berakhlak_cli.model.rubric import NoEvidencePolicy, Rubric
from berakhlak_cli.scoring.bands import round_half_up
from berakhlak_cli.scoring.evidence.combined import add_evidence
from berakhlak_cli.scoring.evidence.score import UnitEvidence
from berakhlak_cli.scoring.groups.intervals import scaled_intervals
from tests.conftest import EXAMPLES

RUBRIC = load_rubric()  # evaluation 80/20, bands A 75, B 50, C 25, D 0


def survey_interval(lower: float, upper: float, se: float) -> Interval:
    return Interval(lower, upper, se=se, n=50, df=49.0, method="t")


def test_hand_computed_80_20_interval() -> None:
    # sources.md §4.3: S 78.0, E 90.0 -> 0.8 * 78 + 0.2 * 90 = 62.4 + 18 = 80.4.
    # Survey 78.0 ± 2.0 = [76.0, 80.0], SE 1.0: evidence is a census (no sampling error), so
    # [0.8 * 76 + 18, 0.8 * 80 + 18] = [78.8, 82.0] and SE = 0.8 * 1.0 = 0.8; n and df stay.
    (got,) = scaled_intervals(
        [survey_interval(76.0, 80.0, 1.0)], [0.8], [0.2 * 90.0], [80.4], RUBRIC, "; combined"
    )
    assert got is not None
    assert (got.lower, got.upper) == (pytest.approx(78.8), pytest.approx(82.0))
    assert got.rounded == (78.8, 82.0)
    assert got.se == pytest.approx(0.8)
    assert (got.n, got.df, got.method) == (50, 49.0, "t; combined")
    assert not got.crosses_band and got.may_be == ()


def test_band_edge_is_read_against_the_combined_value() -> None:
    # Survey 74.0 in [71.0, 77.0] is B and may be A. With evidence 80: combined
    # 0.8 * 74 + 16 = 75.2 (A) in [0.8 * 71 + 16, 0.8 * 77 + 16] = [72.8, 77.6]: may be B.
    (got,) = scaled_intervals([survey_interval(71.0, 77.0, 1.5)], [0.8], [16.0], [75.2], RUBRIC, "")
    assert got is not None and got.rounded == (72.8, 77.6)
    assert got.crosses_band and got.may_be == ("B",)
    # Evidence 100 lifts it clear of the boundary: [76.8, 81.6] around 79.2, all A.
    (clear,) = scaled_intervals(
        [survey_interval(71.0, 77.0, 1.5)], [0.8], [20.0], [79.2], RUBRIC, ""
    )
    assert clear is not None and clear.rounded == (76.8, 81.6) and not clear.crosses_band


def test_no_survey_interval_no_combined_interval() -> None:
    assert scaled_intervals([None], [0.8], [18.0], [80.4], RUBRIC, "") == [None]
    assert scaled_intervals([], [], [], [], RUBRIC, "") == []


def sheet_with(index: float, interval: Interval | None) -> Scoresheet:
    def group(key: tuple[str, ...], level: GroupLevel) -> GroupResult:
        return GroupResult(
            key=key,
            level=level,
            respondents=50,
            values={},
            value_respondents={},
            index=Score(index, round(index, 1), "A" if index >= 75 else "B", None, interval),
        )

    return Scoresheet(
        rubric=RubricRef("r", "1", "", "", ""),
        group_by=("unit_kerja",),
        groups=(group(("Biro Hukum",), GroupLevel.UNIT),),
        institution=group((), GroupLevel.INSTITUTION),
        accounting=RowAccount(50, 50),
    )


def with_policy(policy: NoEvidencePolicy) -> Rubric:
    assert RUBRIC.evaluation is not None
    return replace(RUBRIC, evaluation=replace(RUBRIC.evaluation, no_evidence=policy))


def evidence(score: float, *, none: bool = False) -> dict[tuple[str, ...], UnitEvidence]:
    return {("Biro Hukum",): UnitEvidence(("Biro Hukum",), {}, {}, score, none)}


def test_add_evidence_sets_unit_and_institution_intervals() -> None:
    sheet = add_evidence(sheet_with(78.0, survey_interval(76.0, 80.0, 1.0)), RUBRIC, evidence(90))
    for row in (sheet.groups[0], sheet.institution):
        # the institution's evidence is the mean over its units: 90 here, so the same numbers
        assert row.combined is not None and row.combined.rounded == 80.4
        assert row.combined.interval is not None
        assert row.combined.interval.rounded == (78.8, 82.0)
        assert row.headline.interval is row.combined.interval


def test_no_evidence_policies() -> None:
    base = sheet_with(78.0, survey_interval(76.0, 80.0, 1.0))
    # survey_only: the combined index is the survey index, so is its interval
    only = add_evidence(base, with_policy(NoEvidencePolicy.SURVEY_ONLY), evidence(0, none=True))
    unit = only.groups[0]
    assert unit.combined is not None and unit.combined.interval is not None
    assert unit.combined.interval.rounded == (76.0, 80.0)
    # withhold: no combined index, no interval, and no headline interval either
    held = add_evidence(base, with_policy(NoEvidencePolicy.WITHHOLD), evidence(0, none=True))
    unit = held.groups[0]
    assert unit.combined is None and unit.headline is None
    # zero: evidence 0 -> 0.8 * [76, 80] = [60.8, 64.0]
    zero = add_evidence(base, with_policy(NoEvidencePolicy.ZERO), evidence(0, none=True))
    zero_ci = zero.groups[0].combined.interval if zero.groups[0].combined else None
    assert zero_ci is not None and zero_ci.rounded == (60.8, 64.0)


def score_example(*args: str) -> Any:
    command = ["score", str(EXAMPLES / "survei-2024.csv"), "--units", str(EXAMPLES / "units.csv")]
    command += ["--evidence", str(EXAMPLES / "bukti-dukung-2024.csv"), *args]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_example_json_has_the_combined_interval_of_every_scored_group() -> None:
    doc = json.loads(score_example("-f", "json"))
    rows = [g for g in [*doc["groups"], doc["institution"]] if g.get("combined")]
    assert len(rows) == 9  # 8 units (one is withheld for anonymity) and the institution
    for row in rows:
        survey, combined = row["index_interval"], row["combined_interval"]
        evidence_part = row["combined"]["raw"] - 0.8 * row["index"]["raw"]
        assert evidence_part == pytest.approx(0.2 * row["evidence"]["raw"])
        assert combined["lower"] == pytest.approx(0.8 * survey["lower"] + evidence_part)
        assert combined["upper"] == pytest.approx(0.8 * survey["upper"] + evidence_part)
        assert combined["se"] == pytest.approx(0.8 * survey["se"])
        assert (combined["n"], combined["df"]) == (survey["n"], survey["df"])
    assert doc["rubric"]["change"] == {"min_meaningful": 2.0, "confidence": 0.95}


def test_table_interval_column_is_the_headlines() -> None:
    doc = json.loads(score_example("-f", "json"))
    hukum = next(g for g in doc["groups"] if g["key"]["unit_kerja"] == "Biro Hukum")
    low, high = (round_half_up(hukum["combined_interval"][k], 1) for k in ("lower", "upper"))
    table = score_example("--lang", "en")
    row = next(line for line in table.splitlines() if "Biro Hukum" in line)
    assert f"{low:.1f}–{high:.1f}" in row
    csv_head, *_ = score_example("-f", "csv").splitlines()
    assert "combined_ci_lower,combined_ci_upper,combined_may_be" in csv_head
